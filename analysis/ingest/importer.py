"""Reading diary files (CSV or .xlsx) into the entries, doses and symptoms frames.

This is the only module of ``analysis`` that reads files. The steps:

1. ``readers.open_sheet``: bytes -> header row and cells (encoding, delimiter,
   Excel), each row numbered as the spreadsheet shows it.
2. Headers -> canonical names (analysis.model.columns) by ``headers.column_for``, or by the
   user's ``mapping``; or, for another app's export recognised by
   ``apps.detect`` (Bearable, Pain Tracker, Google Fit, Fitbit) or a ``converter``
   given, readings in canonical columns made by that converter.
3. Values -> numbers and dates (day/month order decided per file).
4. Identical duplicate rows dropped; medicines and symptoms parsed once per
   distinct text; the pandera model checks every row at once.
5. Several readings a day (app exports, or a diary with a Time column) become
   one day: mean and worst pain (rule in analysis.ingest.days). Other diaries
   keep one row per day: different rows for one day are refused.

Every problem found is reported at once in ``ImportRefused.problems``, one
sentence each naming file, row, column and value; nothing is imported then.
When the only problem is whether dates are day- or month-first, the exception
is ``DateOrderUnclear``, so the caller can ask and read again with ``date_order``.
Things imported but worth knowing are in ``ParsedDiary.warnings``. An
activity-only export (Google Fit) gives a ``ParsedActivity`` instead.
"""
from __future__ import annotations

from calendar import month_name
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.ingest import schema
from analysis.ingest.apps import AppFormat, Converted, Converter, convert_sheet, detect
from analysis.ingest.cells import cell_texts, describe_items, describe_rows, show_cell, unescape
from analysis.ingest.days import by_day, first_of_group
from analysis.ingest.headers import TIME, canonical_cells
from analysis.ingest.import_limits import ImportLimits, check_size, current_limits
from analysis.ingest.medicine_column import assumed_products, assumed_strength_note, parse_medication_column
from analysis.ingest.readers import open_sheet
from analysis.ingest.sheet import refuse
from analysis.ingest.symptoms import COVERED_BY, is_code_like, mentions_warning, parse_symptom_column, read_note
from analysis.model import columns as c
from analysis.model.columns import ROW
from analysis.model.errors import DateOrderUnclear, UsageError, tidy_all
from analysis.model.vocabulary import MEDICINES, SYMPTOM_CODES, SYMPTOMS

ENTRY_OUTPUT = [c.PATIENT, c.EPISODE_LABEL, c.ONSET_DATE, c.NORMAL_ACTIVITY, c.DATE, c.PAIN,
                c.WORST_PAIN, c.ACTIVITY, c.BED_REST, c.NOTES]
DOSE_OUTPUT = [c.PATIENT, c.ONSET_DATE, c.DATE, c.MEDICINE, c.DRUG_CLASS, c.DOSE_MG, c.COUNT, c.TOTAL_MG]
SYMPTOM_OUTPUT = [c.PATIENT, c.ONSET_DATE, c.DATE, c.SYMPTOM]
CLEARED_OUTPUT = [c.PATIENT, c.ONSET_DATE, c.DATE, "field"]
ACTIVITY_OUTPUT = [c.PATIENT, c.DATE, c.ACTIVITY]

_NEEDS = {c.DATE: "a date", c.PAIN: "a pain score"}
_EARLIEST = np.datetime64("1900-01-01")  # before it a date is a typing slip (0001-01-01), not a diary day



@dataclass
class ParsedDiary:
    """A file read and checked, ready for storage.

    entries: PATIENT, EPISODE_LABEL, ONSET_DATE, NORMAL_ACTIVITY, DATE, PAIN,
    WORST_PAIN, ACTIVITY, BED_REST, NOTES (one row per day, in file order).
    doses: PATIENT, ONSET_DATE, DATE, MEDICINE, DRUG_CLASS, DOSE_MG, COUNT, TOTAL_MG.
    symptoms: PATIENT, ONSET_DATE, DATE, SYMPTOM.
    ONSET_DATE is NaT where the file has none; EPISODE_LABEL and NOTES are ""
    when empty; numbers are float with NaN for missing. ``app`` names the app
    whose export this was ("" for a diary). ``cleared`` lists the days whose
    medications or symptoms cell says there was none ("none", "-"): PATIENT,
    ONSET_DATE, DATE, field (MEDICATIONS or SYMPTOMS); on re-import they clear
    what is stored, where an empty cell keeps it.
    """

    source: str
    entries: pd.DataFrame
    doses: pd.DataFrame
    symptoms: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    app: str = ""
    cleared: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CLEARED_OUTPUT))


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


def read_diary_file(path: str | Path, **kwargs: object) -> ParsedDiary | ParsedActivity:
    """Read a diary file from disk; see ``read_diary`` for the keyword arguments."""
    path = Path(path)
    return read_diary(path.read_bytes(), path.name, **kwargs)  # type: ignore[arg-type]


def read_diary(data: bytes, name: str, *, patient: str | None = None,
               mapping: dict[str, str] | None = None, date_order: str | None = None,
               today: date | None = None, converter: Converter | None = None, source_id: str | None = None,
               limits: ImportLimits | None = None) -> ParsedDiary | ParsedActivity:
    """Read and check one diary file; raise ImportRefused listing every problem.

    ``name`` is the file name as the user knows it (used in every message and,
    without a patient column or ``patient``, as the patient). ``mapping``
    ({"source header": "canonical column"}, "" to skip a column) overrides
    header matching. ``date_order`` ("dmy" or "mdy") settles dates such as
    03/02/2026 that the file alone cannot. ``today`` bounds the dates (default:
    the computer's date). Without ``mapping`` or ``converter``, another app's
    export is recognised by its headers (analysis.ingest.apps). An activity-only
    export returns ``ParsedActivity``; it needs ``patient`` unless the file name
    is one (not the app's own name for the file). ``limits`` (default: the
    environment's, see analysis.ingest.import_limits) are checked before parsing.
    Warnings come tidied (analysis.model.errors.tidy_all): values shortened, control
    characters escaped, at most a few alike.
    """
    if date_order not in (None, "dmy", "mdy"):
        raise UsageError(f"The date order must be dmy or mdy, not {date_order}.")
    limits = limits or current_limits()
    check_size(data, name, limits)
    parsed = _read(data, name, patient, mapping, date_order, today, converter, source_id, limits)
    parsed.warnings = tidy_all(parsed.warnings)
    return parsed


def _read(data: bytes, name: str, patient: str | None, mapping: dict[str, str] | None, date_order: str | None,
          today: date | None, converter: Converter | None, source_id: str | None, limits: ImportLimits
          ) -> ParsedDiary | ParsedActivity:
    sheet = open_sheet(data, name, limits)
    if converter is None and not mapping:
        converter = detect(sheet.headers)
    app = converter if isinstance(converter, AppFormat) else None
    if converter is None and not mapping and _is_google_fit_quarter_hours(sheet.headers):
        raise refuse(name, [f"{name} is one of Google Fit's per-day files of 15-minute intervals; import "
                            'the daily file from the same Takeout folder instead ("Daily activity metrics.csv").'])
    if converter is None:
        raw, labels = canonical_cells(sheet, mapping or {})
        mode = _READINGS if TIME in labels else _DAYS
        converted = Converted(raw, labels)
    else:
        converted = convert_sheet(sheet, converter, source_id)
        mode = _ACTIVITY if app and app.activity_only else _APP
    warnings = list(sheet.warnings)
    if source_id is not None and (app is None or app.name != "Fitbit"):
        warnings.append(f"{name} holds one person's diary; the source Id {source_id} was not needed.")
    diary = _Diary(name, converted, today or date.today(), warnings, mode, app.name if app else "")
    if app and app.activity_only:
        return diary.activity(app.patient_for(name, patient), date_order)
    return diary.parse(patient or Path(name).stem, date_order)


def _is_google_fit_quarter_hours(headers: list[str]) -> bool:
    """Takeout's per-day file: ``Start time, End time, Move Minutes count, ...`` and no date."""
    keys = {"".join(ch for ch in h.lower() if ch.isalnum()) for h in headers}
    return {"starttime", "endtime"} <= keys and bool(keys & {"moveminutescount", "walkingdurationms"})


_DAYS, _READINGS, _APP, _ACTIVITY = "days", "readings", "app", "activity"
"""How rows relate to days: a diary's one row per day; a diary's readings (Time
column); an app export's readings; an activity-only export's one row per day."""


class _Diary:
    """One file's canonical-named cells on their way to checked frames."""

    def __init__(self, name: str, converted: Converted, today: date, warnings: list[str], mode: str,
                 app: str) -> None:
        self.name, self.raw, self.labels, self.today = name, converted.frame, converted.labels, today
        self.mode, self.app = mode, app
        self.order = {column: i for i, column in enumerate(self.labels)}
        self.warnings = warnings + converted.warnings
        self.problems: list[tuple[int, int, str, str]] = []  # row, column order, column, sentence
        self.unclear: tuple[str, bool] | None = None  # why the date order is unclear; only that?
        self.deferred: set[tuple[int, str]] = set()  # cells not judged until the date order is known
        for row, column, text in converted.problems:
            self.problem(row, column, text)

    def where(self, row: int, column: str) -> str:
        return f"{self.name} row {row}, {self.labels.get(column, column)}"

    def problem(self, row: int, column: str, text: str) -> None:
        self.problems.append((row, self.order.get(column, len(self.order)), column,
                              f"{self.where(row, column)}: {text}"))

    def parse(self, patient: str, date_order: str | None) -> ParsedDiary:
        frame = self._typed(patient, date_order)
        frame = self._drop_repeats(frame)
        doses, unparsed = parse_medication_column(frame[c.MEDICATIONS])
        symptoms, unmapped = parse_symptom_column(frame[c.SYMPTOMS])
        symptoms, unsure_notes = self._read_notes(frame[c.NOTES], symptoms)
        code_like = unmapped["text"].map({t: is_code_like(t) for t in unmapped["text"].unique()})
        words = unmapped[~code_like.astype(bool)]
        self._check_symptoms(unmapped[code_like.astype(bool)])
        self._check_rows(frame)
        self._note_worst_below_average(frame)
        frame[c.NOTES] = _with_notes(frame[c.NOTES], unparsed, "medications")
        frame[c.NOTES] = _with_notes(frame[c.NOTES], words, "symptoms")
        days, day_doses, day_symptoms = frame, doses, symptoms
        if self.mode in (_READINGS, _APP):
            days, day_doses, day_symptoms = self._by_day(frame, doses, symptoms)
        self._raise_problems()
        self._note_medicines(doses, unparsed, frame[c.MEDICATIONS])
        check = words["text"].map(mentions_warning).astype(bool)
        self._note_unread(words[~check], c.SYMPTOMS, "is not a warning symptom Backtrack tracks")
        self._note_unread(words[check], c.SYMPTOMS, "mentions a warning sign that could not be read with "
                          "confidence; please check it with the patient")
        self._note_unread(unsure_notes, c.NOTES, "mentions a warning sign; please check it with the patient and "
                          "record the symptom if it applies")
        cleared = pd.concat([_said_nothing(frame, column, read, unread) for column, read, unread in (
            (c.MEDICATIONS, doses, unparsed), (c.SYMPTOMS, symptoms, unmapped))], ignore_index=True)
        return ParsedDiary(self.name, days[ENTRY_OUTPUT].reset_index(drop=True),
                           _attach(days, day_doses, DOSE_OUTPUT), _attach(days, day_symptoms, SYMPTOM_OUTPUT),
                           self.warnings, self.app, cleared if self.mode == _DAYS else cleared.iloc[:0])

    def activity(self, patient: str, date_order: str | None) -> ParsedActivity:
        """The checked minutes of an activity-only file (one row per date, no pain)."""
        frame = self._drop_repeats(self._typed(patient, date_order))
        self._check_rows(frame)
        self._raise_problems()
        return ParsedActivity(self.name, frame[ACTIVITY_OUTPUT].reset_index(drop=True), self.warnings, self.app)

    def _raise_problems(self) -> None:
        """Refuse the file if anything was wrong; DateOrderUnclear when that is only the date order."""
        texts = [text for *_, text in sorted(self.problems, key=lambda problem: problem[:2])]
        if self.unclear:
            text, ambiguous = self.unclear
            if ambiguous and not texts:
                raise refuse(self.name, [text], DateOrderUnclear)
            texts.insert(0, text)
        if texts:
            raise refuse(self.name, texts)

    def _by_day(self, frame: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame
                ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """One row per day of readings (analysis.ingest.days.by_day); days without pain handled here."""
        days, doses, symptoms = by_day(frame, doses, symptoms)
        painless = days[c.PAIN].isna()
        if painless.any():
            self._painless(days[painless])
            days = days[~painless]
        return days, doses[doses[ROW].isin(days.index)], symptoms[symptoms[ROW].isin(days.index)]

    def _painless(self, days: pd.DataFrame) -> None:
        """Days whose readings hold no pain: left out of an app export, refused in a diary."""
        if self.mode == _READINGS:
            told = {row for row, _, column, _ in self.problems if column == c.PAIN}  # one message per cell
            for row in days.index.difference(list(told)):
                self.problem(row, c.PAIN, "empty, but every day needs a pain score.")
            return
        dates = days[c.DATE].dt.strftime("%Y-%m-%d").tolist()
        self.warnings.append(f"{self.name} {describe_rows(days.index.tolist())}: no pain score on "
                             f"{describe_items(dates)}; left {'it' if len(dates) == 1 else 'them'} out.")

    def _typed(self, patient: str, date_order: str | None) -> pd.DataFrame:
        """Numbers, dates and texts in their dtypes; unreadable cells become problems and NaN."""
        typed = pd.DataFrame(index=self.raw.index)
        for column in schema.NUMBER_COLUMNS:
            values = self._cells(column)
            typed[column] = schema.to_number(values, schema.UNITS[column])
            for row, value in values[values.notna() & typed[column].isna()].items():
                self.problem(row, column, f'"{show_cell(value)}" is not a number.')
        for column, dates in self._dates(date_order).items():
            typed[column] = dates
        for column in schema.TEXT_COLUMNS:
            typed[column] = unescape(cell_texts(self._cells(column)))
        if TIME in self.raw:
            typed[TIME] = cell_texts(self.raw[TIME])
        typed[c.PATIENT] = typed[c.PATIENT].fillna(patient)
        for column in (c.EPISODE_LABEL, c.NOTES):
            typed[column] = typed[column].fillna("")
        return typed

    def _cells(self, column: str) -> pd.Series:
        if column in self.raw:
            return self.raw[column]
        return pd.Series(np.nan, index=self.raw.index, dtype="str")

    def _dates(self, date_order: str | None) -> dict[str, pd.Series]:
        """Date columns read once per distinct text, in the order the file settles (or ``date_order``)."""
        distinct = {column: pd.factorize(cell_texts(self._cells(column))) for column in schema.DATE_COLUMNS}
        parts = {column: schema.date_parts(pd.Series(uniques, dtype="str"))
                 for column, (_, uniques) in distinct.items()}
        order = date_order or self._date_order(distinct, parts)
        in_order = {"dmy": " in day-month-year order", "mdy": " in month-day-year order"}
        result = {}
        for column, (codes, uniques) in distinct.items():
            dates = schema.read_dates(parts[column], order).to_numpy()
            result[column] = pd.Series(np.append(dates, np.datetime64("NaT"))[codes], index=self.raw.index)
            for position in np.flatnonzero(pd.isna(dates)):
                order_dependent = pd.notna(parts[column].at[position, "first"])
                if self.unclear and order_dependent:  # judged once the order is chosen
                    self.deferred.update((row, column) for row in self.raw.index[codes == position])
                    continue
                stated = date_order is not None and order_dependent
                for row in self.raw.index[codes == position]:
                    self.problem(row, column, f'"{uniques[position]}" is not a date'
                                              f'{in_order[order] if stated else ""}.')
            early = np.flatnonzero(pd.notna(dates) & (dates < _EARLIEST))
            for position in early:
                for row in self.raw.index[codes == position]:
                    self.problem(row, column, f'"{uniques[position]}" is before {_EARLIEST}, the '
                                              "earliest date a diary takes.")
            result[column] = result[column].where(~np.isin(codes, early))
        return result

    def _date_order(self, distinct: dict[str, tuple[np.ndarray, pd.Index]],
                    parts: dict[str, pd.DataFrame]) -> str:
        labelled = [p.assign(column=column) for column, p in parts.items()]
        both = pd.concat(labelled).dropna(subset=["first"])
        order = schema.date_order(both)
        if order is not None:
            return "dmy" if order == "any" else order

        def example(found: pd.DataFrame) -> str:
            column, position = found["column"].iloc[0], found.index[0]
            codes, uniques = distinct[column]
            return f"{uniques[position]} (row {self.raw.index[codes == position][0]})"

        day_first, month_first = both[schema.day_first_evidence(both)], both[both["second"] > 12]
        mixed = bool(len(day_first) and len(month_first))
        if mixed:
            text = (f"{self.name} mixes day-first dates like {example(day_first)} with month-first "
                    f"dates like {example(month_first)}; correct them or choose the date order "
                    "(day-month-year or month-day-year).")
        else:
            unclear = both[both["first"] != both["second"]]
            a, b = int(unclear["first"].iloc[0]), int(unclear["second"].iloc[0])
            text = (f"{self.name}: dates like {example(unclear)} could be {a} {month_name[b]} "
                    f"or {b} {month_name[a]}; choose the date order (day-month-year or "
                    "month-day-year).")
        self.unclear = (text, not mixed)
        return "dmy"  # provisional, so that every other problem is found too

    def _drop_repeats(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Keep one of rows that repeat another row exactly, with a warning."""
        if not frame.duplicated(schema.DAY_KEY).any():
            return frame  # cheap test first: exact repeats share their day
        content = list(frame.columns)
        repeated = frame.duplicated(content, keep="first")
        if not repeated.any():
            return frame
        first = first_of_group(frame[frame.duplicated(content, keep=False)], content)
        for row, value in self._cells(c.DATE)[repeated].items():
            self.warnings.append(f"{self.where(row, c.DATE)}: {show_cell(value)} repeats row {first[row]} "
                                 "exactly; imported it once.")
        return frame[~repeated]

    def _check_rows(self, frame: pd.DataFrame) -> None:
        """Ranges, missing required cells, future dates and conflicting days, via pandera."""
        failures = schema.row_failures(frame, self.today)
        seen = {(row, column) for row, _, column, _ in self.problems} | self.deferred
        for (column, check), group in failures.groupby([schema.COLUMN, schema.CHECK], sort=False):
            if check == schema.DUPLICATE or not self._applies(column, check):
                continue
            values = self._cells(column).reindex(group[schema.ROW])
            for row, value in values.items():
                if (row, column) not in seen:
                    self.problem(row, column, self._failure(column, check, value))
        if self.mode in (_READINGS, _APP) or self.unclear or not (failures[schema.CHECK] == schema.DUPLICATE).any():
            return
        conflicts = frame[frame.duplicated(schema.DAY_KEY, keep=False) & frame[c.DATE].notna()]
        first = first_of_group(conflicts, schema.DAY_KEY)
        later = first[first != first.index]
        for (row, value), earlier in zip(self._cells(c.DATE)[later.index].items(), later, strict=True):
            self.problem(row, c.DATE, f"{show_cell(value)} is also the date of row {earlier}, with "
                                      "different values; keep one row per day.")

    def _applies(self, column: str, check: str) -> bool:
        """Readings need no pain each (their day does); activity files have none; while the
        date order is unclear, dates may still move, so "in the future" waits."""
        if column == c.PAIN and check == schema.MISSING:
            return self.mode == _DAYS
        return not (self.unclear and check == schema.FUTURE)

    def _failure(self, column: str, check: str, value: object) -> str:
        if check == schema.MISSING:
            return f"empty, but every row needs {_NEEDS.get(column, column)}."
        if check == schema.FUTURE:
            return f"{show_cell(value)} is in the future (today is {self.today.isoformat()})."
        low, high = schema.RANGES[column]
        if check.startswith("greater_than"):
            return f"{show_cell(value)} is below the minimum {low}."
        return f"{show_cell(value)} is above the maximum {high}."

    def _note_worst_below_average(self, frame: pd.DataFrame) -> None:
        """Worst pain below the average of the same row is kept, but said: one of the two is
        probably in the wrong column (or a slip of the finger)."""
        below = frame[c.WORST_PAIN] < frame[c.PAIN]
        label = self.labels.get(c.PAIN, c.PAIN)
        for row in frame.index[below.fillna(False).astype(bool)]:
            worst = show_cell(frame.at[row, c.WORST_PAIN])
            self.warnings.append(f"{self.where(row, c.WORST_PAIN)}: worst pain {worst} "
                                 f"is below the average pain ({label}) {show_cell(frame.at[row, c.PAIN])}; "
                                 "imported as written, check which is which.")

    def _check_symptoms(self, codes: pd.DataFrame) -> None:
        """Unknown code-like text (``leg_pian``) is refused: a mistyped warning symptom
        must not slip into the notes unnoticed. Plain words are kept in notes instead."""
        for row, text in codes[[ROW, "text"]].itertuples(index=False):
            self.problem(row, c.SYMPTOMS, f'"{text}" is not a symptom code Backtrack knows; '
                                          f"use one of {', '.join(SYMPTOM_CODES)}.")

    def _read_notes(self, notes: pd.Series, symptoms: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Warning signs a note reports plainly become that day's symptoms (analysis.ingest.symptoms.read_note), so
        the alert and the Clinic triage see a sign written only in the notes; each is said as a warning to
        check with the patient. Returns the symptoms with the notes' codes added (ROW, SYMPTOM, row order)
        and the note items that mention a sign without being read with confidence (ROW, text)."""
        added, unsure = [], []
        flagged = notes[notes.map(mentions_warning).astype(bool)]  # cheap filter: most notes name no sign
        if self.mode == _DAYS and list(self.labels) == c.CSV_COLUMNS == list(self.labels.values()):
            # Backtrack's own export: its notes were typed in the app, which asked the person to tick the sign a
            # note names; their answer stands, and export then import gives back exactly the same diary
            return symptoms, pd.DataFrame({ROW: flagged.index, "text": flagged.to_numpy()})
        readings = {text: read_note(text) for text in flagged.unique()}  # each distinct note read once
        ticked = symptoms[symptoms[ROW].isin(flagged.index)].groupby(ROW)[c.SYMPTOM].agg(set).to_dict()
        said: dict[tuple[str, tuple[str, ...]], list[int]] = {}  # one warning per text read, naming its rows
        for row, text in flagged.items():
            read, left = readings[text]
            have = set(ticked.get(row, ()))
            for item, codes in read:
                new = [code for code in codes if code not in have]  # a sign the row already records needs no word
                added += [(row, code) for code in new]
                have |= set(new)
                if new:
                    said.setdefault((item, tuple(new)), []).append(row)
            if left:
                unsure.append((row, "; ".join(left)))
        label = self.labels.get(c.NOTES, c.NOTES)
        for (item, codes), rows in said.items():
            shown = [code for code in codes if COVERED_BY.get(code) not in codes]
            self.warnings.append(f"{self.name} {describe_rows(rows)}, {label}: read '{item}' as "
                                 f"{' and '.join(SYMPTOMS[code] for code in shown)}; check it with the patient.")
        if added:
            symptoms = pd.concat([symptoms, pd.DataFrame(added, columns=[ROW, c.SYMPTOM])], ignore_index=True)
            symptoms = symptoms.sort_values(ROW, kind="stable").reset_index(drop=True)
        return symptoms, pd.DataFrame(unsure, columns=[ROW, "text"])

    def _note_medicines(self, doses: pd.DataFrame, unparsed: pd.DataFrame, texts: pd.Series) -> None:
        self._note_unread(unparsed, c.MEDICATIONS, "could not be read as medicine, dose and count")
        for product, rows in assumed_products(texts).groupby("product", sort=False)[ROW]:
            self.warnings.append(f"{self.name} {describe_rows(rows.tolist())}, "
                                 f"{self.labels.get(c.MEDICATIONS, c.MEDICATIONS)}: {assumed_strength_note(product)}")
        unknown = doses[~doses[c.MEDICINE].isin(list(MEDICINES))]
        label = self.labels.get(c.MEDICATIONS, c.MEDICATIONS)
        for medicine, rows in unknown.groupby(c.MEDICINE, sort=False)[ROW]:
            self.warnings.append(f"{self.name} {describe_rows(rows.drop_duplicates().tolist())}, {label}: "
                                 f'"{medicine}" is not in Backtrack\'s medicine list; imported it with '
                                 'drug class "other".')

    def _note_unread(self, unread: pd.DataFrame, column: str, why: str) -> None:
        for text, rows in unread.groupby("text", sort=False)[ROW]:
            self.warnings.append(f"{self.name} {describe_rows(rows.drop_duplicates().tolist())}, "
                                 f'{self.labels.get(column, column)}: "{text}" {why}; kept it in the notes.')


def _with_notes(notes: pd.Series, unread: pd.DataFrame, label: str) -> pd.Series:
    """Append ``label: text; text`` to the notes of rows with text that was not read."""
    if unread.empty:
        return notes
    texts = unread.set_index(ROW)["text"]
    if texts.index.has_duplicates:
        texts = texts.groupby(level=0, sort=False).agg("; ".join)
    extra = label + ": " + texts
    notes = notes.copy()
    old = notes.loc[extra.index]
    notes.loc[extra.index] = (old + "; ").where(old != "", "") + extra
    return notes


def _said_nothing(frame: pd.DataFrame, column: str, read: pd.DataFrame, unread: pd.DataFrame) -> pd.DataFrame:
    """Days whose `column` cell says there was nothing ("none", "-", "no"): CLEARED_OUTPUT rows."""
    filled = frame[column].notna() & ~frame.index.isin(read[ROW]) & ~frame.index.isin(unread[ROW])
    return frame.loc[filled, [c.PATIENT, c.ONSET_DATE, c.DATE]].assign(field=column).reset_index(drop=True)


def _attach(frame: pd.DataFrame, long: pd.DataFrame, output: list[str]) -> pd.DataFrame:
    """Give each dose or symptom (by ROW) its entry's patient, onset and date."""
    positions = frame.index.get_indexer(long[ROW])
    keys = frame[[c.PATIENT, c.ONSET_DATE, c.DATE]].iloc[positions].reset_index(drop=True)
    return pd.concat([keys, long.drop(columns=ROW).reset_index(drop=True)], axis=1)[output]  # aligned by position
