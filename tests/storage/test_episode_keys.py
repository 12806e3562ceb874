"""analysis.storage.episode_keys keys rows by episode two ways (a dict for a small import, a merge for a large one):
both must give every row the same episode id."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.model import columns as c
from analysis.storage import episode_keys


def _frames(unit: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    episodes = pd.DataFrame({c.PATIENT: pd.Series(["Ann", "Bea", "Ann"], dtype="str"),
                             c.ONSET_DATE: pd.to_datetime(["2026-01-01", "2026-01-01", "2026-03-01"]
                                                          ).astype("datetime64[us]"),
                             c.EPISODE_ID: [7, 3, 9]})
    rows = pd.DataFrame({c.PATIENT: pd.Series(["Bea", "Ann", "Ann", "Ann", "Bea"], dtype="str"),
                         c.ONSET_DATE: pd.to_datetime(["2026-01-01", "2026-03-01", "2026-01-01", "2026-03-01",
                                                       "2026-01-01"]).astype(f"datetime64[{unit}]")})
    return rows, episodes


@pytest.mark.parametrize("unit", ["us", "s"])
def test_episode_ids_by_lookup_and_by_merge_agree(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rows, episodes = _frames(unit)
    by_lookup = episode_keys.episode_ids(rows, episodes)
    monkeypatch.setattr(episode_keys, "_SMALL_IMPORT_ROWS", 0)  # every import counts as large: the merge
    by_merge = episode_keys.episode_ids(*_frames("us"))
    assert by_lookup.tolist() == by_merge.tolist() == [3, 9, 7, 9, 3]
    assert by_lookup.dtype == by_merge.dtype == "int64"
