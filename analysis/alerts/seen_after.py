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

from analysis.alerts.red_flags import PROGRESSIVE_SYMPTOMS, RED_FLAG_EMERGENCY, RULE_SYMPTOMS, SAME_DAY_SYMPTOMS
from analysis.model import columns as c

SIGNS_AFTER = "signs_after"  # analysis.storage.alerts_seen: codes saved after the mark on its date, "," joined
DAY_BEFORE = "signs_day_before"  # analysis.storage.alerts_seen: codes logged the day before the mark's date
FILLED_IN = "signs_filled_in"  # analysis.storage.alerts_seen: codes dated before the mark's date, saved after it
# The warnings an emergency's mark closes too: those whose every sign is one of the emergency's (RULE_SYMPTOMS).
# Numbness on two days running is red_flag_emergency on the second day and new_numbness_weakness ("call your GP
# today") on both: after the emergency department saw the person about it, Today still asked them to call their GP
# about the same numbness and held the walk, and Progress kept the warning's card (review 33).
COVERED_BY = {RED_FLAG_EMERGENCY: tuple(code for code, signs in RULE_SYMPTOMS.items() if code != RED_FLAG_EMERGENCY
                                        and set(signs) <= set(RULE_SYMPTOMS[RED_FLAG_EMERGENCY]))}


def overtaken(seen: pd.DataFrame) -> np.ndarray:
    """Per mark (row of `seen`: code, SIGNS_AFTER, DAY_BEFORE), whether a sign of its own alert was saved after it
    on its date (RULE_SYMPTOMS: fever for red_flag_see_doctor, saddle numbness for red_flag_emergency, ...).

    Numbness or weakness raises red_flag_emergency only on a second day running (red_flags.flagged_rows): it
    overtakes an emergency mark only when the day before had numbness or weakness too (review 6: tingling
    logged for the first time after the day's saddle-numbness mark reopened the emergency, 'call 999'). A frame
    without DAY_BEFORE (marks given otherwise) counts them as before."""
    if SIGNS_AFTER not in seen.columns or not len(seen):
        return np.zeros(len(seen), dtype=bool)
    after = seen[SIGNS_AFTER].fillna("").astype(str).to_numpy()
    codes = seen["code"].astype(str).to_numpy()
    before = (seen[DAY_BEFORE].fillna("").astype(str).to_numpy() if DAY_BEFORE in seen.columns
              else np.full(len(seen), ",".join(PROGRESSIVE_SYMPTOMS), dtype=object))
    return np.array([bool(set(signs.split(",")) & _signs_of(code, prior)) if signs else False
                     for signs, code, prior in zip(after, codes, before, strict=True)], dtype=bool)


def with_covered(seen: pd.DataFrame | None) -> pd.DataFrame | None:
    """`seen` (SEEN_COLUMNS, one mark per row) and, for each mark of an emergency, the same mark for every warning
    it covers (COVERED_BY): a visit about an emergency is a doctor's assessment of the same signs reported on or
    before it. The copies keep the mark's date and what was saved after it (overtaken reads them by their own code:
    numbness logged after the visit that day still reopens the warning). `seen` itself when no mark covers any."""
    if seen is None or not len(seen) or "code" not in seen.columns:
        return seen
    codes = seen["code"].astype(str)
    copies = [seen[codes == emergency].assign(code=warning)
              for emergency, warnings in COVERED_BY.items() for warning in warnings]
    copies = [copy for copy in copies if len(copy)]
    return pd.concat([seen, *copies], ignore_index=True) if copies else seen


def marks_in_force(seen: pd.DataFrame | None) -> pd.DataFrame | None:
    """The marks that close what they are about: `seen` with the warnings an emergency's mark covers
    (with_covered), less each mark a sign of its own alert was filled in for an earlier day after it (FILLED_IN).

    Why: a mark closes the reports dated on or before it because they were known at the visit. A sign filled in
    afterwards for an earlier day (Today's "Pick an earlier date", or an import) was not: "cannot move a leg" filled
    in for the day before a visit about saddle numbness joined the run the visit had closed and stayed quiet
    (review 34). Such a mark closes nothing, so the whole run shows until the person is seen again."""
    seen = with_covered(seen)
    if seen is None or not len(seen):
        return seen
    gone = undone(seen)
    return seen[~gone].reset_index(drop=True) if gone.any() else seen


def undone(seen: pd.DataFrame) -> np.ndarray:
    """Per mark (code, FILLED_IN), whether a sign of its own alert was filled in for an earlier day after it (so it
    closes nothing: marks_in_force; a diary's export leaves it out, as its copy would otherwise close the sign: the
    file cannot say when a sign was saved). A frame without FILLED_IN undoes none."""
    if FILLED_IN not in seen.columns or not len(seen):
        return np.zeros(len(seen), dtype=bool)
    filled = seen[FILLED_IN].fillna("").astype(str).to_numpy()
    codes = seen["code"].astype(str).to_numpy()
    # an emergency's own signs (bladder, saddle, a leg that cannot move, both legs): numbness filled in for an earlier
    # day is the covered warning's (its copy is undone), not the emergency back (review 34's code reader; review 6)
    return np.array([bool(set(signs.split(",")) & _signs_of(code, "")) if signs else False
                     for signs, code in zip(filled, codes, strict=True)], dtype=bool)


def _signs_of(code: str, day_before: str) -> set[str]:
    """The signs that raise alert `code` on a day whose previous day logged `day_before` (codes, "," joined)."""
    if code == RED_FLAG_EMERGENCY and not set(day_before.split(",")) & set(PROGRESSIVE_SYMPTOMS):
        return set(SAME_DAY_SYMPTOMS[RED_FLAG_EMERGENCY])
    return set(RULE_SYMPTOMS.get(code, ()))


def came_back_codes(marks: pd.DataFrame) -> np.ndarray:
    """Per mark read from a file (SIGN_AGAIN: its sign was logged again after it, that day), the sign codes of
    its alert, comma-separated ("" for the others): what the import stamps as saved after the mark, so the
    diary reads the mark as overtaken (analysis.storage.alerts_seen)."""
    if c.SIGN_AGAIN not in marks.columns or not len(marks):
        return np.full(len(marks), "", dtype=object)
    again = marks[c.SIGN_AGAIN].fillna(False).astype(bool).to_numpy()
    return np.array([",".join(RULE_SYMPTOMS.get(code, ())) if came_back else ""
                     for code, came_back in zip(marks[c.ALERT_CODE].astype(str), again, strict=True)], dtype=object)
