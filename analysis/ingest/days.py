"""One diary day from several readings: the rule the importer applies to app exports and timed diaries.

Several readings of one day (every row of an app file; a diary with a Time
column) become one day: pain is their mean (2 decimals), worst pain the highest
reading or worst-pain cell (so also the one reading of a day with one),
activity and bed rest the largest value (a day total typed on every row is not
counted twice), notes the distinct notes joined with ``; ``, medicines of the
same dose added up, symptoms once each. A reading may lack pain; a day may not:
an app day without any is left out with a warning, a diary day is refused. Rows
identical in every column, time included, are one reading (with a warning); the
time itself (Bearable's ``am``/``mid``/``pm``, a clock time) is not kept. A diary
without a Time column keeps its rule: one row per day, different rows refused.
Dates are taken as written: Pain Tracker writes the UTC date of each reading.
"""
from __future__ import annotations

import pandas as pd

from analysis.ingest.schema import DAY_KEY
from analysis.model import columns as c
from analysis.model.columns import ROW


def by_day(readings: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame
           ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Make one row per day of typed readings (the importer's frames), by the rule above.

    ``readings`` has the diary columns, several rows per patient, episode and
    date; ``doses`` and ``symptoms`` are keyed by ROW (a reading's index label).
    Returns the same three frames, each day labelled by its first reading's row;
    PAIN is NaN on a day without a pain reading.
    """
    first = first_of_group(readings, DAY_KEY)
    groups = readings.groupby(first, sort=False)
    days = groups.first()  # the first value given, for patient, onset and the like
    days[c.PAIN] = groups[c.PAIN].mean().round(2)
    days[c.WORST_PAIN] = pd.concat([groups[c.PAIN].max(), groups[c.WORST_PAIN].max()], axis=1).max(axis=1)
    for column in (c.ACTIVITY, c.BED_REST, c.NORMAL_ACTIVITY):
        days[column] = groups[column].max()  # a day total typed on every reading counts once
    for column in (c.NOTES, c.UNREAD) if c.UNREAD in readings else (c.NOTES,):
        days[column] = groups[column].agg(  # each part once: readings often repeat "symptoms: aching"
            lambda notes: "; ".join(dict.fromkeys(part for n in notes if n for part in n.split("; ") if part)))
    symptoms = symptoms.assign(**{ROW: symptoms[ROW].map(first)}).drop_duplicates([ROW, c.SYMPTOM])
    return days, _add_up(doses.assign(**{ROW: doses[ROW].map(first)})), symptoms


def first_of_group(frame: pd.DataFrame, key: list[str]) -> pd.Series:
    """For each row, the row number of the first row with the same ``key`` values."""
    rows = pd.Series(frame.index, index=frame.index)
    return rows.groupby([frame[k] for k in key], dropna=False, sort=False).transform("min")


def _add_up(doses: pd.DataFrame) -> pd.DataFrame:
    """One row per day, medicine and dose: the counts of several readings added up."""
    if doses.empty:
        return doses
    key = [ROW, c.MEDICINE, c.DOSE_MG]
    added = doses.groupby(key, sort=False, as_index=False).agg({c.DRUG_CLASS: "first", c.COUNT: "sum"})
    return added.assign(**{c.TOTAL_MG: added[c.DOSE_MG] * added[c.COUNT]})[list(doses.columns)]
