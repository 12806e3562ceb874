"""urgent_now.urgent_elsewhere: the urgent signs of the person's other episodes, once per episode and code."""
from __future__ import annotations

import pandas as pd

from analysis.review.urgent_now import urgent_elsewhere


def test_only_other_episodes_each_sign_once_in_the_order_given() -> None:
    rows = pd.DataFrame({"episode_id": [2, 1, 1, 3, 1], "code": ["a", "a", "a", "b", "b"],
                         "detail": ["this one", "first", "again", "third", "other sign"]})
    found = urgent_elsewhere(rows, 2)
    assert found[["episode_id", "code", "detail"]].values.tolist() == [
        [1, "a", "first"], [3, "b", "third"], [1, "b", "other sign"]]
    assert urgent_elsewhere(rows.iloc[:1], 2).empty
