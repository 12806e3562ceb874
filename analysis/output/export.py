"""Writing the diary out: the canonical diary CSV (see README, "CSV format").

The CSV is the one format export writes and import reads back, so a round trip
gives back exactly the same diary. Text cells that a spreadsheet would run as
a formula (starting with = + - @, tab or carriage return) are written with a
leading apostrophe, which spreadsheets treat as "this is text"; import removes
that apostrophe again.
"""
from __future__ import annotations

import io

import numpy as np
import pandas as pd

from analysis.alerts.seen_after import overtaken, undone
from analysis.ingest.medicines import format_mg
from analysis.ingest.seen_column import seen_item
from analysis.model import columns as c
from analysis.model.vocabulary import SYMPTOM_TICK_BOXES

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV injection guidance
TEXT_COLUMNS = [c.MEDICATIONS, c.SYMPTOMS, c.NOTES, c.PATIENT, c.EPISODE_LABEL, c.SEEN, c.ACTIVITY_SOURCE]


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
    # every digit, never an exponent: what the importer reads back as stored (review 10: 1e+16 and 9 digits)
    item = (doses[c.MEDICINE] + " " + doses[c.DOSE_MG].map(format_mg) + " mg x"
            + doses[c.COUNT].astype(int).astype(str))
    return item.groupby([doses[c.EPISODE_ID], doses[c.DATE]], sort=False).agg("; ".join)


def symptom_text(symptoms: pd.DataFrame) -> pd.Series:
    """Each diary day's warning symptoms as ';'-separated codes. Index: (episode_id, date)."""
    if symptoms.empty:
        return pd.Series(dtype="str")
    ordered = symptoms.sort_values(c.SYMPTOM)
    return ordered[c.SYMPTOM].groupby([ordered[c.EPISODE_ID], ordered[c.DATE]], sort=False).agg(";".join)


def symptom_words(symptoms: pd.DataFrame) -> pd.Series:
    """Each diary day's warning signs in the words of Today's tick boxes ("Pain going down a leg; Numb or tingling
    leg, tummy or buttock"), '; '-separated. Index: (episode_id, date). For the pages: the codes are the CSV's
    (review 12: the Diary page showed 'bladder_bowel;numbness')."""
    if symptoms.empty:
        return pd.Series(dtype="str")
    ordered = symptoms.sort_values(c.SYMPTOM)
    words = ordered[c.SYMPTOM].map(lambda code: SYMPTOM_TICK_BOXES.get(code, code))
    return words.groupby([ordered[c.EPISODE_ID], ordered[c.DATE]], sort=False).agg("; ".join)


def seen_cells(seen: pd.DataFrame | None, entries: pd.DataFrame) -> np.ndarray:
    """The `seen` cell of each row of `entries` (episode_id, date): the "I have been seen about this" marks
    (Diary.seen: episode_id, code, seen_date, seen_by), e.g. 'red_flag_emergency@2026-03-04 by clinician;
    red_flag_see_doctor@2026-03-04 by patient' (analysis.ingest.seen_column reads them back), "" for most; a mark
    whose sign was logged again after it that day ends 'before it came back' (analysis.alerts.seen_after).

    Each mark goes on its episode's diary day of the seen date, else the last diary day before it (the
    reports the person was seen about), else the episode's first diary day; its own date is in the text, so
    where it sits changes nothing on import. Marks of an episode without a day in `entries` are left out.
    Within a cell, marks run by seen date, then code (a round trip writes the same text). Why arrays and a
    loop over the marks: they are few, and a merge_asof and a groupby cost as much as the rest of the export.
    """
    cells = np.full(len(entries), "", dtype=object)
    if seen is not None and len(seen):  # a mark undone by a sign filled in after it closes nothing: left out, as
        seen = seen[~undone(seen)]  # its copy would close the sign (the file cannot say when it was saved; review 34)
    if seen is None or seen.empty or entries.empty:
        return cells
    episode = entries[c.EPISODE_ID].to_numpy(dtype="int64")
    day = entries[c.DATE].to_numpy(dtype="datetime64[D]").astype("int64")
    low, span = int(day.min()), int(day.max() - day.min()) + 2  # a mark's day -1 (before all) to span - 1
    keys = episode * span + (day - low)
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    mark_episode = seen[c.EPISODE_ID].to_numpy(dtype="int64")
    mark_day = np.clip(seen[c.SEEN_DATE].to_numpy(dtype="datetime64[D]").astype("int64") - low, -1, span - 2)
    at = np.searchsorted(ordered, mark_episode * span + mark_day, side="right") - 1  # the day, or the last before
    first = np.searchsorted(ordered, mark_episode * span)  # the episode's first day
    within = (at >= 0) & (ordered[np.maximum(at, 0)] // span == mark_episode)
    known = (first < len(ordered)) & (ordered[np.minimum(first, len(ordered) - 1)] // span == mark_episode)
    row = order[np.where(within, np.maximum(at, 0), np.minimum(first, len(ordered) - 1))]
    when = seen[c.SEEN_DATE].dt.strftime("%Y-%m-%d").tolist()
    items = sorted((int(r), w, code, seen_item(code, pd.Timestamp(w), by, again)) for r, w, code, by, again, ok in zip(
        row, when, seen[c.ALERT_CODE].astype(str), seen[c.SEEN_BY].astype(str), overtaken(seen), known, strict=True)
        if ok)
    for r, *_, item in items:
        cells[r] = f"{cells[r]}; {item}" if cells[r] else item
    return cells


def diary_frame(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame,
                episodes: pd.DataFrame, seen: pd.DataFrame | None = None,
                tracker: pd.DataFrame | None = None) -> pd.DataFrame:
    """The diary as canonical CSV cells (all text), one row per episode and date.

    Columns: analysis.model.columns.CSV_COLUMNS. `episodes` supplies the episode label
    (columns episode_id, episode); `seen` (Diary.seen) the `seen` column (seen_cells); `tracker`
    (Diary.tracker_days: episode_id, date) the days whose minutes a tracker wrote, "tracker" in the
    activity_source column (else "": typed), so that after export and import a tracker may still correct them.
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
        c.SEEN: seen_cells(seen, entries),
        c.ACTIVITY_SOURCE: source_cells(tracker, index, entries[c.ACTIVITY].notna().to_numpy()),
    }, columns=c.CSV_COLUMNS)
    for column in TEXT_COLUMNS:
        out[column] = out[column].astype(str).map(neutralise_formula)
    return out.sort_values([c.PATIENT, c.ONSET_DATE, c.DATE], kind="stable").reset_index(drop=True)


def source_cells(tracker: pd.DataFrame | None, index: pd.MultiIndex, minutes: np.ndarray) -> np.ndarray:
    """The activity_source cells of the days `index` (episode_id, date): "tracker" where `tracker` lists the day
    and it has minutes (`minutes`), else "" (typed, or no minutes to own)."""
    cells = np.full(len(index), "", dtype=object)
    if tracker is None or tracker.empty or not len(index):
        return cells
    days = pd.MultiIndex.from_arrays([index.get_level_values(0).astype("int64"),
                                      index.get_level_values(1).astype("datetime64[us]")])
    listed = pd.MultiIndex.from_arrays([tracker[c.EPISODE_ID].astype("int64"),
                                        tracker[c.DATE].astype("datetime64[us]")])
    cells[days.isin(listed) & minutes] = "tracker"
    return cells


def diary_csv(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame,
              episodes: pd.DataFrame, seen: pd.DataFrame | None = None, tracker: pd.DataFrame | None = None) -> str:
    """The canonical diary CSV text (UTF-8, comma-separated, header row first)."""
    frame = diary_frame(entries, doses, symptoms, episodes, seen, tracker)
    buffer = io.StringIO()
    buffer.write(",".join(csv_cell(name) for name in frame.columns) + "\n")
    for row in frame.itertuples(index=False, name=None):
        buffer.write(",".join(csv_cell(str(cell)) for cell in row) + "\n")
    return buffer.getvalue()
