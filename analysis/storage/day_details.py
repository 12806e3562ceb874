"""Each day's medicine doses and warning symptoms as the long frames the analyses read.

A mixin of ``Diary`` (the days themselves: analysis.storage.entries).
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.model import columns as c
from analysis.model.vocabulary import drug_class
from analysis.storage.common import episode_filter
from analysis.storage.connection import DiaryConnection


class DayDetailStore(DiaryConnection):
    """Reads of the doses and symptoms tables."""

    def doses(self, episode_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """Medicine doses as the long `doses` frame (analysis.model.columns.DOSE_COLUMNS), in entry order."""
        where, params = episode_filter("episode_id", episode_ids)
        frame = self._frame(f"SELECT episode_id, date, medicine, dose_mg, count FROM doses {where}"
                            " ORDER BY episode_id, date, position", params)
        frame[c.DATE] = pd.to_datetime(frame[c.DATE], format="%Y-%m-%d")
        frame[c.MEDICINE] = frame[c.MEDICINE].astype("str")
        frame[c.DRUG_CLASS] = frame[c.MEDICINE].map(drug_class).astype("str")
        frame[c.DOSE_MG] = frame[c.DOSE_MG].astype(float)
        frame[c.COUNT] = frame[c.COUNT].astype(int)
        frame[c.TOTAL_MG] = frame[c.DOSE_MG] * frame[c.COUNT]
        return frame[c.DOSE_COLUMNS]

    def symptoms(self, episode_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """Warning symptoms as the long `symptoms` frame (analysis.model.columns.SYMPTOM_COLUMNS)."""
        where, params = episode_filter("episode_id", episode_ids)
        frame = self._frame(f"SELECT episode_id, date, code AS symptom FROM symptoms {where}"
                            " ORDER BY episode_id, date, code", params)
        frame[c.DATE] = pd.to_datetime(frame[c.DATE], format="%Y-%m-%d")
        frame[c.SYMPTOM] = frame[c.SYMPTOM].astype("str")
        return frame[c.SYMPTOM_COLUMNS]
