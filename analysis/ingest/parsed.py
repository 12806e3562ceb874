"""What reading a file gives: a checked diary (``ParsedDiary``) or a tracker's minutes (``ParsedActivity``)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.model import columns as c

ENTRY_OUTPUT = [c.PATIENT, c.EPISODE_LABEL, c.ONSET_DATE, c.NORMAL_ACTIVITY, c.DATE, c.PAIN,
                c.WORST_PAIN, c.ACTIVITY, c.BED_REST, c.NOTES, c.UNREAD, c.ACTIVITY_SOURCE]
DOSE_OUTPUT = [c.PATIENT, c.ONSET_DATE, c.DATE, c.MEDICINE, c.DRUG_CLASS, c.DOSE_MG, c.COUNT, c.TOTAL_MG]
SYMPTOM_OUTPUT = [c.PATIENT, c.ONSET_DATE, c.DATE, c.SYMPTOM]
CLEARED_OUTPUT = [c.PATIENT, c.ONSET_DATE, c.DATE, "field"]
SEEN_OUTPUT = [c.PATIENT, c.ONSET_DATE, c.DATE, c.ALERT_CODE, c.SEEN_DATE, c.SEEN_BY, c.SIGN_AGAIN]
ACTIVITY_OUTPUT = [c.PATIENT, c.DATE, c.ACTIVITY]


@dataclass
class ParsedDiary:
    """A file read and checked, ready for storage.

    entries: PATIENT, EPISODE_LABEL, ONSET_DATE, NORMAL_ACTIVITY, DATE, PAIN,
    WORST_PAIN, ACTIVITY, BED_REST, NOTES, UNREAD, ACTIVITY_SOURCE (one row per day, in file order);
    ACTIVITY_SOURCE is "tracker" or "" (typed) where the file has that column, else missing (storage
    then keeps what it knows of the minutes' source).
    doses: PATIENT, ONSET_DATE, DATE, MEDICINE, DRUG_CLASS, DOSE_MG, COUNT, TOTAL_MG.
    symptoms: PATIENT, ONSET_DATE, DATE, SYMPTOM.
    ONSET_DATE is NaT where the file has none; EPISODE_LABEL and NOTES are ""
    when empty; numbers are float with NaN for missing. ``app`` names the app
    whose export this was ("" for a diary). ``cleared`` lists the days whose
    medications or symptoms cell says there was none ("none", "-"): PATIENT,
    ONSET_DATE, DATE, field (MEDICATIONS or SYMPTOMS); on re-import they clear
    what is stored, where an empty cell keeps it. ``seen`` lists the "I have been
    seen about this" marks of the `seen` column (analysis.ingest.seen_column):
    PATIENT, ONSET_DATE, DATE (of the row, which says whose episode), ALERT_CODE,
    SEEN_DATE, SEEN_BY, SIGN_AGAIN (its sign was logged again after it, that day); storage records them as
    Diary.mark_seen does.
    """

    source: str
    entries: pd.DataFrame
    doses: pd.DataFrame
    symptoms: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    app: str = ""
    cleared: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CLEARED_OUTPUT))
    seen: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SEEN_OUTPUT))
    all_warnings: list[str] = field(default_factory=list)  # every warning as found: read_diary caps `warnings`


@dataclass
class ParsedActivity:
    """An activity-only export (Google Fit) read and checked: minutes to add to an existing diary.

    activity: PATIENT, DATE, ACTIVITY, one row per date, in file order; DATE is
    datetime64 at midnight, ACTIVITY float minutes within 0-1440. It holds no
    pain, so it makes no diary days of its own: storage sets these minutes on the
    patient's days with the same dates.
    """

    source: str
    activity: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    app: str = ""
    all_warnings: list[str] = field(default_factory=list)  # every warning as found: read_diary caps `warnings`
