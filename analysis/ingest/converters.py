"""Exports of other apps, recognised by their headers and reshaped into diary readings.

``detect(headers)`` returns the ``AppFormat`` whose headers a file has (case,
spaces and punctuation ignored; extra columns and missing optional ones are
fine), or None. The importer then calls it instead of matching headers one by
one. A converter only reshapes: each row it keeps is one *reading*, indexed by
the spreadsheet row it came from; the importer reads the values (dates in the
order the file settles, as for any diary), checks them, and makes one day of
several readings. Every message still names the row of the original file.

Mappings (for the README):

| App export                | Backtrack        | Taken from                                           |
|---------------------------|------------------|------------------------------------------------------|
| Bearable CSV              | date             | `date formatted` or `date`, whichever is clearer (1) |
|                           | pain             | back-pain Symptom rows: rating 0-4 × 2.5 (2)         |
|                           | medications      | Medication rows: detail, doses from the amount (3)   |
|                           | symptoms         | other Symptom rows naming a warning symptom (4)      |
|                           | notes            | `notes` of every row; Notes and Journal rows         |
|                           | not used         | weekday; mood, sleep, energy, other symptoms (5)     |
| Pain Tracker (PWA) CSV    | date             | `Date` (older files: `2026-03-02 08:15:00`) (10)     |
|                           | pain             | `Pain Level`, already 0-10                           |
|                           | symptoms         | `Symptoms`, mapped to warning symptoms (6)           |
|                           | medications      | `Medications` or `Medication Log`, if present (9)    |
|                           | notes            | `Notes`, plus locations, limits and missed work (7)  |
|                           | not used         | `Sleep Quality`, `Mood Impact`                       |
| Google Fit "Daily         | activity minutes | `Move Minutes count`, else `Walking duration (ms)`   |
| activity metrics" CSV     |                  | ÷ 60,000, rounded; days with neither skipped (8)     |
| Fitbit `dailyActivity_    | activity minutes | `VeryActiveMinutes + FairlyActiveMinutes` of one `Id`|
| merged.csv`               |                  | (`--source-id` when the file has several) (8)        |

1. Bearable headers: `date, weekday, time of day, category, rating/amount, detail,
   notes`; newer files add `date formatted`. ISO dates (or month names) on every
   row win, then dates whose day-month order the file settles.
2. Rows whose detail names low back pain (`Back (lower) pain (Moderate)`, `Lower back
   pain`, `Back pain (Severe)`). Upper, mid or middle back pain (`Back (upper) pain`)
   is not low back pain: it is kept in the day's notes (`other back pain: ...`) with a
   warning, never read as the day's pain. Bearable records only the symptoms present,
   so a day with Symptom rows but no back-pain row reads as pain 0 (the file has
   back-pain rows on other days, or it is refused); the import warning lists those
   days. Ratings 0, 1, 2, 3, 4 become 0, 2.5, 5, 7.5, 10.
   Without a rating, the severity word in brackets: None 0, Mild 1, Moderate 2,
   Severe 3, Extreme or Unbearable 4. A rating outside 0-4 refuses the file.
3. Category `Medication`, `Meds`, ...: `Ibuprofen 400mg`, `Ibuprofen (400mg)`,
   `Ibuprofen 400mg (2 pills)`; a whole rating/amount of 1-20 is the number of
   doses when the detail gives none. Bearable's own form puts the amount in
   rating/amount and only the unit in the detail: `"600","Ibuprofen (mg)"` is one dose
   of 600 mg. Food Diary rows are not used. Unreadable detail goes to the notes, with a warning.
4. `Numbness (Mild)`, `Fever`, `Sciatica`; rating 0 or `(None)` means absent.
5. One warning lists what was not used.
6. Pain Tracker symptoms are qualities (`sharp; tingling`): `tingling` and
   `numbness` are numbness, `weakness` is weakness; other words go to the notes
   with a warning.
7. `locations: ...` when a place other than the lower back is named, `limited
   activities: ...`, `missed work days: N` when above 0.
8. Activity only: no pain, so the file is merged into the days of an existing
   patient's diary (importer.ParsedActivity) rather than imported as a diary.
9. `Medication Log` (`Naproxen (500mg, Twice daily); Paracetamol (1000mg, as needed)`):
   once/twice/three/four times daily (or QD, BID, TID, QID) gives that many doses of
   the day; another frequency gives one dose.
10. Current Pain Tracker files join their records with the two characters `\\n`
   (one physical line); they are split there, except inside quoted cells. Older
   files with real line breaks read as before. Up to 50 lines above the header
   (the WorkSafeBC sample's `#` comments) are skipped. Google Fit's per-day
   15-minute files are refused, naming the daily file to import instead
   ("Daily activity metrics.csv").

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

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.ingest.readers import TIME, Sheet, column_for, describe_items, describe_rows, refuse
from analysis.ingest.schema import DAY_KEY, date_order, date_parts, to_number
from analysis.ingest.symptoms import parse_symptoms
from analysis.model import columns as c
from analysis.model.columns import ROW

Converter = Callable[[pd.DataFrame], pd.DataFrame]
"""Raw frame (source headers as columns, spreadsheet row numbers as index, all
cells text) -> frame with canonical columns (analysis.model.columns) and the same
index labels, so messages still name the rows the user sees."""


@dataclass
class Converted:
    """What a converter hands the importer.

    ``frame``: canonical columns (analysis.model.columns, plus readers.TIME) as text or
    numbers, one row per reading, indexed by spreadsheet row. ``labels``: canonical
    column -> the file's header, so messages name what the user sees. ``warnings``:
    sentences about what was left out. ``problems``: (row, column, sentence) for
    values the app itself would never write (column: canonical name or the
    file's header); they refuse the file.
    """

    frame: pd.DataFrame
    labels: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)


class _Columns:
    """The raw frame's columns, found by header whatever its case, spacing or punctuation."""

    def __init__(self, raw: pd.DataFrame, source_id: str | None = None) -> None:
        self.raw = raw
        self.source_id = source_id  # the one person to take from a file of several (Fitbit's Id)
        self.positions: dict[str, int] = {}
        for position, header in enumerate(raw.columns):
            self.positions.setdefault(header_key(header), position)

    def header(self, *keys: str) -> str | None:
        """The file's header for the first of ``keys`` it has, or None."""
        found = next((self.positions[k] for k in keys if k in self.positions), None)
        return None if found is None else str(self.raw.columns[found])

    def text(self, *keys: str) -> pd.Series:
        """The cells of the first of ``keys`` the file has, as text; all missing without one."""
        found = next((self.positions[k] for k in keys if k in self.positions), None)
        if found is None:
            return pd.Series(np.nan, index=self.raw.index, dtype="str")
        return self.raw.iloc[:, found].astype("str")


@dataclass(frozen=True)
class AppFormat:
    """One app's export: the headers that identify it and how to reshape it.

    ``required``: normalised headers that must all be present (``a|b``: either);
    ``any_of``: at least one of these too. ``default_names``: file names the app
    gives its exports, which are never a patient's name.
    """

    name: str
    required: tuple[str, ...]
    any_of: tuple[str, ...]
    reshape: Callable[[_Columns, str], Converted]
    activity_only: bool = False
    default_names: tuple[str, ...] = ()

    def matches(self, headers: list[str]) -> bool:
        """Whether a file with these headers is this app's export."""
        keys = {header_key(h) for h in headers}
        if not all(keys & set(options.split("|")) for options in self.required):
            return False
        if not keys & set(self.any_of):
            return False
        return not (self.activity_only and any(column_for(h) == c.PAIN for h in headers))

    def convert(self, raw: pd.DataFrame, name: str, source_id: str | None = None) -> Converted:
        """Reshape the raw frame (the file's own headers) of the file called ``name``."""
        return self.reshape(_Columns(raw, source_id), name)

    def __call__(self, raw: pd.DataFrame) -> pd.DataFrame:
        return self.convert(raw, "the file").frame

    def patient_for(self, name: str, patient: str | None) -> str:
        """Whose diary an activity-only file belongs to: ``patient``, else the file's name
        unless it is the app's own name for the file (then refuse: nobody can be inferred)."""
        stem = re.sub(r"(\s*\(\d+\))?\.\w+$", "", Path(name).name).strip()  # "Daily activity metrics (1).csv"
        if patient:
            return patient
        if stem and stem.lower() not in self.default_names:
            return stem
        raise refuse(name, [f"{name} holds only activity minutes ({self.name}); choose the patient whose "
                            "diary they belong to."])


def header_key(header: object) -> str:
    """``"Walking duration (ms)"`` -> ``walkingdurationms``: compared without case, spaces or punctuation."""
    return re.sub(r"[^0-9a-z]", "", str(header).lower())


def detect(headers: list[str]) -> AppFormat | None:
    """The app whose export has these headers, or None for a diary (or anything else)."""
    return next((app for app in APPS if app.matches(headers)), None)


def convert_sheet(sheet: Sheet, converter: Converter, source_id: str | None = None) -> Converted:
    """Run an app format or any ``Converter`` on the sheet's cells (all text); refuse
    output without the columns it needs (date and pain, or date and activity)."""
    raw = sheet.rows(set(range(len(sheet.headers)))).set_axis(sheet.headers, axis=1)
    if isinstance(converter, AppFormat):
        converted = converter.convert(raw, sheet.name, source_id)
        needed = [c.DATE, c.ACTIVITY] if converter.activity_only else c.CSV_REQUIRED
    else:
        converted, needed = Converted(converter(raw)), c.CSV_REQUIRED
    known = [*c.CSV_COLUMNS, TIME]
    converted.labels = {column: converted.labels.get(column, column)
                        for column in converted.frame.columns if column in known}
    missing = [column for column in needed if column not in converted.labels]
    if missing:
        raise refuse(sheet.name, [f"{sheet.name} could not be converted: the converter gave no "
                                  f"{' or '.join(missing)} column."])
    return converted


# ---------------------------------------------------------------- readings -> days

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
    days[c.NOTES] = groups[c.NOTES].agg(  # each part once: readings often repeat "symptoms: aching"
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


# ---------------------------------------------------------------- Bearable

_SEVERITY = {"none": 0, "mild": 1, "moderate": 2, "severe": 3, "extreme": 4, "unbearable": 4}
_SEVERITY_WORD = r"\(\s*(none|mild|moderate|severe|extreme|unbearable)\s*\)"
_BEARABLE_SCALE = 2.5  # 0-4 -> 0-10
_NOT_LOW_BACK = r"upper|\bmid|middle|thoracic|neck|cervical|shoulder"


def _bearable(cols: _Columns, name: str) -> Converted:
    date_key = _unambiguous_dates(cols, "dateformatted", "date")
    dates = cols.text(date_key).fillna(cols.text("date" if date_key == "dateformatted" else "dateformatted"))
    category = cols.text("category").str.lower().fillna("")
    detail = cols.text("detail")
    lower = detail.str.lower().fillna("")
    rating_text = cols.text("ratingamount", "rating", "amount")
    rating = to_number(rating_text)
    severity = lower.str.extract(_SEVERITY_WORD, expand=False).map(_SEVERITY).astype(float)
    score = rating.fillna(severity)
    is_symptom = category.str.contains("symptom|pain")
    any_back = is_symptom & lower.str.contains("back") & lower.str.contains("pain|ache")
    back_pain = any_back & ~lower.str.contains(_NOT_LOW_BACK)  # "Back (upper) pain" is not low back pain
    other_back = any_back & ~back_pain
    bad = back_pain & ((rating_text.notna() & rating.isna()) | (score.notna() & ~score.between(0, 4)))
    if not back_pain.any():
        raise refuse(name, [f"{name} is a Bearable export without back-pain ratings (Symptom rows like "
                            '"Back (lower) pain (Moderate)"); there is nothing to import.'])
    bare = detail.str.replace(_SEVERITY_WORD, "", regex=True, flags=re.IGNORECASE).str.strip()
    others = is_symptom & ~back_pain & (score != 0) & bare.notna()
    warning_symptom = others & bare.map({t: bool(parse_symptoms(t)[0]) for t in bare[others].unique()}).eq(True)
    medicine = category.str.contains(r"\bmed|medic|drug") & detail.notna()
    note_rows = category.str.contains("note|journal|diary") & ~category.str.contains("food")  # food diary unused
    notes = _joined(detail.where(note_rows), cols.text("notes"),
                    ("other back pain: " + detail).where(other_back).astype("str"))
    # Bearable records only the symptoms present: a day with symptoms checked in but no back-pain
    # row had no low back pain, read as 0 (the file tracks back pain on other days, or it is refused).
    day = _day_text(dates)
    painless_day = is_symptom & ~back_pain & ~day.isin(day[back_pain]) & day.notna()
    zero = painless_day & ~day.where(painless_day).duplicated()  # one pain-0 reading per such day
    keep = back_pain | warning_symptom | medicine | notes.notna() | zero
    score = score.where(~zero, 0.0)
    back_pain = back_pain | zero
    frame = pd.DataFrame({
        c.DATE: _day_text(dates), TIME: cols.text("timeofday"),
        c.PAIN: (score * _BEARABLE_SCALE).where(back_pain & ~bad),
        c.MEDICATIONS: _medicine_text(detail[medicine], rating[medicine]).reindex(detail.index),
        c.SYMPTOMS: bare.where(warning_symptom), c.NOTES: notes,
    })[keep]
    labels = {c.DATE: cols.header(date_key), c.PAIN: cols.header("ratingamount", "rating", "amount", "detail"),
              c.MEDICATIONS: cols.header("detail"), c.SYMPTOMS: cols.header("detail"),
              c.NOTES: cols.header("notes", "detail"), TIME: cols.header("timeofday")}
    problems = [(row, c.PAIN, f'"{text}" is not a Bearable rating (0 to 4).')
                for row, text in rating_text[bad].fillna(detail[bad]).items()]
    unused = cols.text("category").where(~is_symptom, bare)[~keep].dropna()
    warnings = []
    if zero.any():
        warnings.append(f"{name} {describe_rows(zero.index[zero].tolist())}: {int(zero.sum())} day"
                        f"{'s' * (int(zero.sum()) != 1)} with symptoms checked in but no back-pain row; read "
                        "as pain 0, since Bearable records only the symptoms present and this file tracks "
                        "back pain on other days.")
    if other_back.any():
        warnings.append(f"{name} {describe_rows(other_back.index[other_back].tolist())}: "
                        f"{describe_items(detail[other_back].drop_duplicates().tolist())} is not low back pain; "
                        "kept in the notes, not read as the day's pain.")
    if len(unused):
        warnings.append(f"{name}: ignored {len(unused)} row{'s' * (len(unused) != 1)} Backtrack does not use: "
                        f"{describe_items(unused.drop_duplicates().tolist())}.")
    return Converted(frame, {k: v for k, v in labels.items() if v}, warnings, problems)


def _medicine_text(detail: pd.Series, amount: pd.Series) -> pd.Series:
    """``Ibuprofen (400mg)`` -> ``Ibuprofen 400mg``; ``(2 pills)`` or a whole amount -> ``x2``."""
    # Bearable's own form: the amount in rating/amount and only the unit in the detail ("600", "Ibuprofen (mg)").
    unit_only = detail.str.extract(r"^(.*?)\s*\(\s*(mg|g|mcg|µg|ug|ml)\s*\)\s*$", flags=re.IGNORECASE)
    dosed = unit_only[0].notna() & amount.notna() & (amount > 0)
    if dosed.any():
        amount_text = amount[dosed].map(lambda a: f"{a:g}").astype("str")
        named = unit_only[0][dosed].astype("str") + " " + amount_text + unit_only[1][dosed].astype("str").str.lower()
        detail = detail.where(~dosed, named.reindex(detail.index))
    amount = amount.where(~dosed)
    text = detail.str.replace(r"\(\s*(\d+(?:[.,]\d+)?\s*(?:mg|g|mcg|µg|ug))\s*\)", r" \1",
                              regex=True, flags=re.IGNORECASE)
    text = text.str.replace(r"\(\s*x?\s*(\d+)\s*(?:x|pills?|tablets?|tabs?|capsules?|caps|doses?)?\s*\)",
                            r" x\1", regex=True, flags=re.IGNORECASE)
    counted = text.str.contains(r"\bx ?\d|\d ?x\b|\btimes\b|\bonce\b|\btwice\b", case=False, regex=True)
    doses = amount.where(amount.between(1, 20) & (amount % 1 == 0))
    suffix = (" x" + doses.astype("Int64").astype("str")).fillna("")
    text = text.where(counted.fillna(True).astype(bool), text + suffix)
    return text.str.replace(r"\s+", " ", regex=True).str.strip()


def _unambiguous_dates(cols: _Columns, *keys: str) -> str:
    """Of the date columns the file has, the one whose dates are clearest: ISO (or a month
    name) on every row best, then dates whose day-month order the file settles."""
    def clarity(key: str) -> int:
        texts = _day_text(cols.text(key)).dropna().drop_duplicates()
        parts = date_parts(texts)
        if texts.empty or parts["year"].isna().any():
            return 0
        if parts["month"].notna().all():
            return 2
        return 1 if date_order(parts) is not None else 0

    present = [key for key in keys if cols.header(key)]
    return max(present, key=clarity) if present else keys[-1]


# ---------------------------------------------------------------- Pain Tracker

_LOWER_BACK = {"lower back", "low back", "back", "lumbar", "lower-back", "lowerback"}
_NO_MISSED_WORK = {"0", "0.0", "no", "false", "none"}


def _pain_tracker(cols: _Columns, name: str) -> Converted:
    dates = cols.text("date")
    locations = cols.text("locations")
    elsewhere = locations.map(_beyond_lower_back(locations)).eq(True)
    missed = cols.text("missedworkdays")
    missed = missed.where(~missed.str.lower().isin(_NO_MISSED_WORK))
    notes = _joined(cols.text("notes"), _labelled("locations", locations.where(elsewhere)),
                    _labelled("limited activities", cols.text("limitedactivities")),
                    _labelled("missed work days", missed))
    has_time = cols.header("time") is not None
    frame = pd.DataFrame({
        c.DATE: _day_text(dates), TIME: cols.text("time") if has_time else dates,
        c.PAIN: cols.text("painlevel"), c.SYMPTOMS: cols.text("symptoms"),
        c.MEDICATIONS: _medication_log(cols.text("medications", "medication", "medicationlog")), c.NOTES: notes,
    })
    labels = {c.DATE: cols.header("date"), TIME: cols.header("time", "date"), c.PAIN: cols.header("painlevel"),
              c.SYMPTOMS: cols.header("symptoms"), c.NOTES: cols.header("notes"),
              c.MEDICATIONS: cols.header("medications", "medication", "medicationlog")}
    return Converted(frame, {k: v for k, v in labels.items() if v})


_PER_DAY = {"once daily": 1, "daily": 1, "once a day": 1, "qd": 1, "od": 1, "twice daily": 2, "twice a day": 2,
             "bid": 2, "bd": 2, "three times daily": 3, "three times a day": 3, "tid": 3, "tds": 3,
             "four times daily": 4, "four times a day": 4, "qid": 4, "qds": 4}


def _medication_log(texts: pd.Series) -> pd.Series:
    """Pain Tracker's ``Naproxen (500mg, Twice daily); ...`` -> ``Naproxen 500mg x2; ...``: a
    frequency Backtrack can count (once, twice daily, BID, TID, QID) gives the doses of the
    day; another (as needed) leaves one dose."""
    def one(text: str) -> str:
        def entry(match: re.Match[str]) -> str:
            count = _PER_DAY.get(re.sub(r"\s+", " ", match.group(3).strip().lower()))
            return f"{match.group(1).strip()} {match.group(2).strip()}" + (f" x{count}" if count else "")
        return re.sub(r"([^;()]+?)\s*\(\s*([^,()]*\d[^,()]*)\s*,\s*([^()]*)\)", entry, text)
    return texts.map({t: one(t) for t in texts.dropna().unique()}).astype("str")


def _beyond_lower_back(locations: pd.Series) -> dict[str, bool]:
    return {text: any(part.strip().lower() not in _LOWER_BACK for part in re.split(r"[;,]", text) if part.strip())
            for text in locations.dropna().unique()}


# ---------------------------------------------------------------- Google Fit

_MS_PER_MINUTE = 60_000


def _google_fit(cols: _Columns, name: str) -> Converted:
    move_header, walk_header = cols.header("moveminutescount"), cols.header("walkingdurationms")
    move_text, walk_text = cols.text("moveminutescount"), cols.text("walkingdurationms")
    move, walk = to_number(move_text), to_number(walk_text) / _MS_PER_MINUTE
    problems = [(row, str(header), f'"{text}" is not a number.')
                for header, cells, numbers in ((move_header, move_text, move), (walk_header, walk_text, walk))
                for row, text in cells[cells.notna() & numbers.isna()].items()]
    minutes = move.fillna(walk).round()
    if minutes.isna().all() and not problems:
        raise refuse(name, [f"{name} is a Google Fit activity file without move minutes or walking "
                            "duration on any day; there is nothing to import."])
    fallback = move.isna() & walk.notna()
    warnings = []
    if fallback.any():
        where = f"{name} {describe_rows(fallback.index[fallback].tolist())}" if move_header else name
        warnings.append(f"{where}: no {move_header or 'Move Minutes count'}; used {walk_header} instead.")
    frame = pd.DataFrame({c.DATE: _day_text(cols.text("date")), c.ACTIVITY: minutes})[minutes.notna()]
    labels = {c.DATE: cols.header("date"), c.ACTIVITY: move_header or walk_header}
    return Converted(frame, {k: v for k, v in labels.items() if v}, warnings, problems)


# ---------------------------------------------------------------- Fitbit

def _fitbit(cols: _Columns, name: str) -> Converted:
    """Fitbit (Fitabase) ``dailyActivity_merged.csv``: one row per person (``Id``) and day;
    activity minutes are VeryActiveMinutes + FairlyActiveMinutes (moderate or harder)."""
    ids = cols.text("id").str.strip()
    people = ids.dropna().drop_duplicates().tolist()
    chosen = cols.source_id
    if chosen is not None and chosen not in people:
        raise refuse(name, [f"{name} has no Id {chosen}; its Ids are {describe_items(people, 5)}."])
    if chosen is None and len(people) > 1:
        raise refuse(name, [f"{name} holds the activity of {len(people)} people (Ids "
                            f"{describe_items(people, 5)}); choose one with --source-id."])
    mine = ids == (chosen if chosen is not None else (people[0] if people else ""))
    very, fairly = cols.text("veryactiveminutes"), cols.text("fairlyactiveminutes")
    problems = [(row, str(cols.header(key)), f'"{text}" is not a number.')
                for key, cells in (("veryactiveminutes", very), ("fairlyactiveminutes", fairly))
                for row, text in cells[mine & cells.notna() & to_number(cells).isna()].items()]
    minutes = to_number(very).fillna(0) + to_number(fairly).fillna(0)
    minutes = minutes.where(to_number(very).notna() | to_number(fairly).notna())
    keep = mine & minutes.notna()
    frame = pd.DataFrame({c.DATE: _day_text(cols.text("activitydate")), c.ACTIVITY: minutes})[keep]
    labels = {c.DATE: cols.header("activitydate"),
              c.ACTIVITY: f"{cols.header('veryactiveminutes')} + {cols.header('fairlyactiveminutes')}"}
    return Converted(frame, labels, [], problems)


# ---------------------------------------------------------------- shared helpers

def _day_text(dates: pd.Series) -> pd.Series:
    """``2026-03-02T08:00:00.000Z`` -> ``2026-03-02``; other date text unchanged."""
    codes, uniques = pd.factorize(dates)  # exports repeat each date on many rows
    days = pd.Series(uniques, dtype="str").str.replace(r"^\s*(\d{4}-\d{1,2}-\d{1,2})[T ].*$", r"\1", regex=True)
    return pd.Series(np.append(days.to_numpy(dtype=object), np.nan)[codes], index=dates.index, dtype="str")


def _labelled(label: str, values: pd.Series) -> pd.Series:
    """``limited activities: lifting, bending`` from ``lifting; bending`` (``;`` separates notes)."""
    return (label + ": " + values.str.replace(r"\s*;\s*", ", ", regex=True)).astype("str")


def _joined(*parts: pd.Series) -> pd.Series:
    """Row by row, the parts that are not empty joined with ``; `` (missing when none)."""
    joined = parts[0].astype("str")
    for part in parts[1:]:
        both = (joined + "; " + part).where(joined.notna(), part)
        joined = joined.where(part.isna(), both).astype("str")
    return joined


BEARABLE = AppFormat("Bearable", ("date|dateformatted", "category", "detail"),
                     ("ratingamount", "rating", "amount", "timeofday"), _bearable)
PAIN_TRACKER = AppFormat("Pain Tracker", ("date", "painlevel"),
                         ("locations", "limitedactivities", "sleepquality", "moodimpact", "missedworkdays",
                          "medicationlog"), _pain_tracker)
GOOGLE_FIT = AppFormat("Google Fit", ("date",), ("moveminutescount", "walkingdurationms"), _google_fit,
                       activity_only=True, default_names=("daily activity metrics", "daily summaries"))
FITBIT = AppFormat("Fitbit", ("activitydate", "veryactiveminutes", "fairlyactiveminutes"), ("id",), _fitbit,
                   activity_only=True, default_names=("dailyactivity_merged", "dailyactivity"))
APPS: tuple[AppFormat, ...] = (BEARABLE, PAIN_TRACKER, GOOGLE_FIT, FITBIT)
