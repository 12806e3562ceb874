"""The cap of the walking target and what counts as a stall (review 24): never under the short walks (seed 003),
with the normal unknown never under the usual walk, and five minutes more a day is building up (seed 000)."""
from __future__ import annotations

import pandas as pd

from analysis.plan import walking

ONSET = pd.Timestamp("2026-03-01")


def _days(walked: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.date_range(ONSET, periods=len(walked)), "activity_minutes": walked,
                         "pain": 3.0})


def _target(normal: float | None, walked: list[float]) -> walking.WalkingTarget:
    return walking.walking_target(ONSET, ONSET + pd.Timedelta(days=len(walked)), normal, _days(walked))


def test_not_active_before_still_gets_the_short_walks() -> None:
    target = _target(0.0, [30.0] * 10)
    assert (target.minutes, target.walks, target.state) == (walking.START_MINUTES, 3, walking.AT_NORMAL)


def test_an_unknown_normal_is_never_below_the_usual_walk_and_one_long_day_does_not_move_it() -> None:
    assert _target(None, [100.0] * 10).minutes == 100.0
    assert _target(None, [30.0] * 3).minutes == 35.0  # building up towards the project default
    assert _target(None, [60.0, 60.0, 60.0, 180.0, 60.0, 60.0]).minutes == walking.DEFAULT_NORMAL_MINUTES


def test_walks_rising_by_a_step_over_the_week_are_no_stall_walks_that_do_not_are() -> None:
    assert not _target(120.0, [15, 60, 25, 30, 35, 40, 45, 50, 55]).stalled
    assert _target(120.0, [15, 60, 30, 30, 30, 30, 30, 30, 30]).stalled
