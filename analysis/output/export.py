"""Writing the diary out: the canonical diary CSV (see README, "CSV format").

The CSV is the one format export writes and import reads back, so a round trip
gives back exactly the same diary. Text cells that a spreadsheet would run as
a formula (starting with = + - @, tab or carriage return) are written with a
leading apostrophe, which spreadsheets treat as "this is text"; import removes
that apostrophe again.
"""
from __future__ import annotations

import io

import pandas as pd

from analysis.model import columns as c

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV injection guidance
TEXT_COLUMNS = [c.MEDICATIONS, c.SYMPTOMS, c.NOTES, c.PATIENT, c.EPISODE_LABEL, c.SEEN]


def neutralise_formula(text: str) -> str:
    """Prefix text a spreadsheet would execute, or that starts with an apostrophe, with an apostrophe.

    Why the apostrophe too: import removes one leading apostrophe before a formula
    character or an apostrophe, so ``'-) wink`` must travel as ``''-) wink``.
    """
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) else text


_NEEDS_QUOTES = (",", '"', "\r", "\n")


def csv_cell(text: str) -> str:
    """One CSV cell: quoted (inner quotes doubled) when it holds a delimiter, quote, CR or LF."""
    if any(ch in text for ch in _NEEDS_QUOTES):
        return '"' + text.replace('"', '""') + '"'
    return text


def format_number(value: float) -> str:
    """A number as a person writes it: 7 not 7.0, 4.5 stays 4.5, missing is empty."""
    if value is None or value != value:
        return ""
    return f"{float(value):.10g}"


def medication_text(doses: pd.DataFrame) -> pd.Series:
    """Each diary day's medicines in canonical form, e.g. 'ibuprofen 400 mg x3; codeine 30 mg x2'.

    Index: (episode_id, date); dose order is kept as stored.
    """
    if doses.empty:
        return pd.Series(dtype="str")
    item = (doses[c.MEDICINE] + " " + doses[c.DOSE_MG].map(format_number) + " mg x"
            + doses[c.COUNT].astype(int).astype(str))
    return item.groupby([doses[c.EPISODE_ID], doses[c.DATE]], sort=False).agg("; ".join)


def symptom_text(symptoms: pd.DataFrame) -> pd.Series:
    """Each diary day's warning symptoms as ';'-separated codes. Index: (episode_id, date)."""
    if symptoms.empty:
        return pd.Series(dtype="str")
    ordered = symptoms.sort_values(c.SYMPTOM)
    return ordered[c.SYMPTOM].groupby([ordered[c.EPISODE_ID], ordered[c.DATE]], sort=False).agg(";".join)


def seen_text(seen: pd.DataFrame, entries: pd.DataFrame) -> pd.Series:
    """The "I have been seen about this" marks (Diary.seen: episode_id, code, seen_date, seen_by) as the `seen`
    cells of diary days, e.g. 'red_flag_emergency@2026-03-04 by clinician; red_flag_see_doctor@2026-03-04 by
    patient' (analysis.ingest.seen_column reads them back). Index: (episode_id, date).

    Each mark goes on its episode's diary day of the seen date, else the last diary day before it (the
    reports the person was seen about), else the episode's first diary day; its own date is in the text, so
    where it sits changes nothing on import. Marks of an episode without a day in `entries` are left out.
    Within a cell, marks run by seen date, then code (a round trip writes the same text).
    """
    if seen is None or seen.empty or entries.empty:
        return pd.Series(dtype="str")
    days = entries[[c.EPISODE_ID, c.DATE]].astype({c.EPISODE_ID: "int64", c.DATE: "datetime64[us]"})
    marks = seen.astype({c.EPISODE_ID: "int64", c.SEEN_DATE: "datetime64[us]"})
    marks = marks[marks[c.EPISODE_ID].isin(days[c.EPISODE_ID])].sort_values([c.SEEN_DATE, c.ALERT_CODE])
    if marks.empty:
        return pd.Series(dtype="str")
    placed = pd.merge_asof(marks, days.sort_values(c.DATE), left_on=c.SEEN_DATE, right_on=c.DATE,
                           by=c.EPISODE_ID, direction="backward")
    first = days.groupby(c.EPISODE_ID)[c.DATE].min()
    placed[c.DATE] = placed[c.DATE].fillna(placed[c.EPISODE_ID].map(first))
    item = (placed[c.ALERT_CODE].astype(str) + "@" + placed[c.SEEN_DATE].dt.strftime("%Y-%m-%d") + " by "
            + placed[c.SEEN_BY].astype(str))
    placed = placed.assign(_item=item).sort_values([c.EPISODE_ID, c.DATE, c.SEEN_DATE, c.ALERT_CODE], kind="stable")
    return placed.groupby([c.EPISODE_ID, c.DATE], sort=False)["_item"].agg("; ".join)


def diary_frame(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame,
                episodes: pd.DataFrame, seen: pd.DataFrame | None = None) -> pd.DataFrame:
    """The diary as canonical CSV cells (all text), one row per episode and date.

    Columns: analysis.model.columns.CSV_COLUMNS. `episodes` supplies the episode label
    (columns episode_id, episode); `seen` (Diary.seen) the `seen` column (seen_text).
    """
    index = pd.MultiIndex.from_frame(entries[[c.EPISODE_ID, c.DATE]])
    labels = episodes.set_index(c.EPISODE_ID)[c.EPISODE_LABEL]
    out = pd.DataFrame({
        c.DATE: entries[c.DATE].dt.strftime("%Y-%m-%d"),
        c.PAIN: entries[c.PAIN].map(format_number),
        c.WORST_PAIN: entries[c.WORST_PAIN].map(format_number),
        c.ACTIVITY: entries[c.ACTIVITY].map(format_number),
        c.BED_REST: entries[c.BED_REST].map(format_number),
        c.MEDICATIONS: medication_text(doses).reindex(index).fillna("").to_numpy(),
        c.SYMPTOMS: symptom_text(symptoms).reindex(index).fillna("").to_numpy(),
        c.NOTES: entries[c.NOTES].fillna(""),
        c.PATIENT: entries[c.PATIENT],
        c.ONSET_DATE: entries[c.ONSET_DATE].dt.strftime("%Y-%m-%d"),
        c.NORMAL_ACTIVITY: entries[c.NORMAL_ACTIVITY].map(format_number),
        c.EPISODE_LABEL: entries[c.EPISODE_ID].map(labels).fillna(""),
        c.SEEN: _reindexed(seen_text(seen, entries), index),
    }, columns=c.CSV_COLUMNS)
    for column in TEXT_COLUMNS:
        out[column] = out[column].astype(str).map(neutralise_formula)
    return out.sort_values([c.PATIENT, c.ONSET_DATE, c.DATE], kind="stable").reset_index(drop=True)


def _reindexed(texts: pd.Series, index: pd.MultiIndex) -> object:
    """`texts` (index (episode_id, date)) for the rows of `index`, "" where none; all "" without asking pandas
    when there are none (most diaries have no seen mark)."""
    if texts.empty:
        return ""
    at = pd.MultiIndex.from_arrays([index.get_level_values(0).astype("int64"),
                                    index.get_level_values(1).astype("datetime64[us]")])
    return texts.reindex(at).fillna("").to_numpy()


def diary_csv(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame,
              episodes: pd.DataFrame, seen: pd.DataFrame | None = None) -> str:
    """The canonical diary CSV text (UTF-8, comma-separated, header row first)."""
    frame = diary_frame(entries, doses, symptoms, episodes, seen)
    buffer = io.StringIO()
    buffer.write(",".join(csv_cell(name) for name in frame.columns) + "\n")
    for row in frame.itertuples(index=False, name=None):
        buffer.write(",".join(csv_cell(str(cell)) for cell in row) + "\n")
    return buffer.getvalue()
