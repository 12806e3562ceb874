"""summary._side_by_side and _up_to: the analyses' columns laid side by side (by name) equal the left merges they
replace; the rows kept up to each episode's judging date equal the per-row lookup they replace."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.review.summary import _side_by_side, _up_to

TABLE = pd.DataFrame({"episode_id": [3, 1, 2], "status": pd.Categorical(["a", "b", "a"])})


@pytest.mark.parametrize("part", [
    pd.DataFrame({"episode_id": [3, 1, 2], "when": pd.to_datetime(["2026-01-01", None, "2026-01-03"])}),
    pd.DataFrame({"episode_id": [1, 2, 3], "when": pd.to_datetime(["2026-01-01", None, "2026-01-03"])}),  # order
    pd.DataFrame({"episode_id": [1, 3], "when": pd.to_datetime(["2026-01-01", "2026-01-03"])}),  # one missing
    pd.DataFrame({"episode_id": [3, 1, 2], "status": ["x", "y", "z"]}),  # a shared name: suffixed as merge does
])
def test_side_by_side_is_the_left_merge(part):
    extra = pd.DataFrame({"episode_id": [3, 1, 2], "note": ["n3", "n1", "n2"]})
    expected = TABLE.merge(part, on="episode_id", how="left").merge(extra, on="episode_id", how="left")
    pd.testing.assert_frame_equal(pd.DataFrame(_side_by_side(TABLE, [part, extra])), expected)


@settings(deadline=None)  # pandas on a loaded machine: a slow example is not a wrong one
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 9)), max_size=30), st.sets(st.integers(0, 6)),
       st.booleans())
def test_up_to_keeps_the_rows_the_judging_dates_allow(rows, judged, grouped):
    """_up_to's run-by-run binary search equals the per-row map it replaces: ids sorted or not, ids without a
    judging date (no row kept), dates on, before and after the judging date."""
    if grouped:
        rows = sorted(rows, key=lambda row: row[0])
    start = pd.Timestamp("2026-03-01")
    frame = pd.DataFrame({"episode_id": np.array([r[0] for r in rows], dtype=np.int64),
                          "date": [start + pd.Timedelta(days=r[1]) for r in rows]},
                         columns=["episode_id", "date"]).astype({"date": "datetime64[ns]"})
    ids = sorted(judged)
    dates = pd.Series([start + pd.Timedelta(days=(3 * i) % 10) for i in ids],
                      index=pd.Index(ids, dtype=np.int64, name="episode_id"), dtype="datetime64[ns]")
    expected = frame[(frame["date"] <= frame["episode_id"].map(dates)).to_numpy(dtype=bool)] if len(ids) else \
        frame.iloc[:0]
    pd.testing.assert_frame_equal(_up_to(frame, dates), expected)
