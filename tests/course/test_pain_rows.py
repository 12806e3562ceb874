"""analysis.course.pain_rows: the first and last value per episode, against pandas' groupby on any sorted codes."""
from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.course.pain_rows import edge_per_episode


@settings(deadline=None)  # pandas on a loaded machine: a slow example is not a wrong one
@given(st.lists(st.tuples(st.integers(0, 6), st.floats(-50, 50, allow_nan=False)), max_size=40),
       st.integers(0, 3))
def test_edges_match_pandas_first_and_last(rows: list[tuple[int, float]], extra: int) -> None:
    rows = sorted(rows, key=lambda row: row[0])  # codes sorted, values in any order
    code = np.array([row[0] for row in rows], dtype=np.int64)
    values = np.array([row[1] for row in rows])
    n = 7 + extra  # episodes 7.. have no rows
    frame = pd.DataFrame({"code": code, "value": values})
    for last in (False, True):
        expected = getattr(frame.groupby("code")["value"], "last" if last else "first")().reindex(range(n))
        found = edge_per_episode(code, values, n, last=last)
        np.testing.assert_array_equal(found, expected.to_numpy(dtype=float))


def test_integer_dates_come_back_as_floats_with_nan_for_no_rows() -> None:
    found = edge_per_episode(np.array([0, 0, 2]), np.array([20_000, 20_003, 19_990]), 4, last=True)
    np.testing.assert_array_equal(found, [20_003.0, np.nan, 19_990.0, np.nan])
    assert found.dtype == np.float64
