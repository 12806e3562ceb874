"""summary._side_by_side: the analyses' columns laid side by side (by name) equal the left merges they replace."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.review.summary import _side_by_side

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
