"""Which "I have been seen about this" marks a sign logged later the same day has overtaken.

Why: a mark closes the runs of its alert reported on or before its date (analysis.alerts.history), since a
sign logged in the morning and seen about in the afternoon is dealt with. A sign saved from the diary form
after the mark, on the mark's own date, came back after the person was seen: "If the sign comes back, log it
again", Today says; compared by date alone, the mark closed it and the box stayed away. Such a mark still
closes what was reported on earlier days. Diary.seen() gives each mark's SIGNS_AFTER; a frame without the
column (marks given by date only) overtakes nothing. A diary CSV says it of a mark in words ("... before it
came back", analysis.ingest.seen_column); on import came_back_codes names the signs to stamp as saved after it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.alerts.red_flags import RULE_SYMPTOMS
from analysis.model import columns as c

SIGNS_AFTER = "signs_after"  # analysis.storage.alerts_seen: codes saved after the mark on its date, "," joined


def overtaken(seen: pd.DataFrame) -> np.ndarray:
    """Per mark (row of `seen`: code, SIGNS_AFTER), whether a sign of its own alert was saved after it on its
    date (RULE_SYMPTOMS: fever for red_flag_see_doctor, saddle numbness for red_flag_emergency, ...)."""
    if SIGNS_AFTER not in seen.columns or not len(seen):
        return np.zeros(len(seen), dtype=bool)
    after = seen[SIGNS_AFTER].fillna("").astype(str).to_numpy()
    codes = seen["code"].astype(str).to_numpy()
    return np.array([bool(set(signs.split(",")) & set(RULE_SYMPTOMS.get(code, ()))) if signs else False
                     for signs, code in zip(after, codes, strict=True)], dtype=bool)


def came_back_codes(marks: pd.DataFrame) -> np.ndarray:
    """Per mark read from a file (SIGN_AGAIN: its sign was logged again after it, that day), the sign codes of
    its alert, comma-separated ("" for the others): what the import stamps as saved after the mark, so the
    diary reads the mark as overtaken (analysis.storage.alerts_seen)."""
    if c.SIGN_AGAIN not in marks.columns or not len(marks):
        return np.full(len(marks), "", dtype=object)
    again = marks[c.SIGN_AGAIN].fillna(False).astype(bool).to_numpy()
    return np.array([",".join(RULE_SYMPTOMS.get(code, ())) if came_back else ""
                     for code, came_back in zip(marks[c.ALERT_CODE].astype(str), again, strict=True)], dtype=object)
