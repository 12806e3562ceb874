"""analysis.course.grid: per-episode values land on that episode's rows, whatever the frames' order.

Why a separate file: the grid reads each episode's normal activity and onset through integer codes
(sorted runs of one id looked up once, issue 12). An episode with no record up to `as_of` has no rows,
and once shifted the later episodes' normal activity onto the wrong rows; unsorted frames take a
different path than sorted ones. Both must give the same grid.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.course.grid import daily_grid
from analysis.model import columns as c


def _entries() -> pd.DataFrame:
    """Three episodes: 1 starts in March, 2 and 3 in January (ids sorted, dates not)."""
    return pd.DataFrame({
        c.EPISODE_ID: [1, 1, 2, 2, 3],
        c.DATE: pd.to_datetime(["2025-03-01", "2025-03-02", "2025-01-01", "2025-01-02", "2025-01-03"]),
        c.ONSET_DATE: pd.to_datetime(["2025-02-27", "2025-02-27", "2024-12-30", "2024-12-30", "2025-01-03"]),
        c.PAIN: [5.0, 5.0, 3.0, 3.0, 7.0], c.NORMAL_ACTIVITY: [100.0, 100.0, 30.0, 30.0, 45.0],
        c.ACTIVITY: [10.0, 20.0, 30.0, 40.0, 50.0]})


def test_an_episode_without_records_up_to_as_of_does_not_shift_the_others() -> None:
    grid = daily_grid(_entries(), as_of="2025-01-05")
    assert grid[c.EPISODE_ID].tolist() == [2, 2, 3]
    assert grid[c.NORMAL_ACTIVITY].tolist() == [30.0, 30.0, 45.0]
    assert grid[c.ONSET_DATE].tolist() == [pd.Timestamp("2024-12-30")] * 2 + [pd.Timestamp("2025-01-03")]


def test_shuffled_frames_give_the_sorted_frames_grid() -> None:
    ordered = daily_grid(_entries())
    shuffled = daily_grid(_entries().iloc[np.random.default_rng(1).permutation(5)])
    pd.testing.assert_frame_equal(ordered, shuffled)
    assert ordered.groupby(c.EPISODE_ID)[c.NORMAL_ACTIVITY].first().tolist() == [100.0, 30.0, 45.0]
