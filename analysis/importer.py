"""Reading diary files (CSV or .xlsx) into the entries, doses and symptoms frames.

This is the only module of ``analysis`` that reads files. The steps:

1. ``readers.open_sheet``: bytes -> header row and cells (encoding, delimiter,
   Excel), each row numbered as the spreadsheet shows it.
2. Headers -> canonical names (analysis.columns) by ``readers.column_for``, or by the
   user's ``mapping``; or a per-app ``converter`` (Bearable, pain-tracker
   exports) that turns the raw frame into canonical columns itself.
3. Values -> numbers and dates (day/month order decided per file).
4. Identical duplicate rows dropped; medicines and symptoms parsed once per
   distinct text; the pandera model checks every row at once.

Every problem found is reported at once in ``ImportRefused.problems``, one
sentence each naming file, row, column and value; nothing is imported then.
Things imported but worth knowing are in ``ParsedDiary.warnings``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import columns as c
from analysis import schema
from analysis.errors import UsageError
from analysis.medicines import ROW, parse_medication_column
from analysis.readers import canonical_cells, describe_rows, open_sheet, refuse
from analysis.symptoms import is_code_like, parse_symptom_column
from analysis.vocabulary import MEDICINES, SYMPTOM_CODES

Converter = Callable[[pd.DataFrame], pd.DataFrame]
"""Raw frame (source headers as columns, spreadsheet row numbers as index, all
cells text) -> frame with canonical columns (analysis.columns) and the same
index labels, so messages still name the rows the user sees."""

ENTRY_OUTPUT = [c.PATIENT, c.EPISODE_LABEL, c.ONSET_DATE, c.NORMAL_ACTIVITY, c.DATE, c.PAIN,
                c.WORST_PAIN, c.ACTIVITY, c.BED_REST, c.NOTES]
DOSE_OUTPUT = [c.PATIENT, c.ONSET_DATE, c.DATE, c.MEDICINE, c.DRUG_CLASS, c.DOSE_MG, c.COUNT, c.TOTAL_MG]
SYMPTOM_OUTPUT = [c.PATIENT, c.ONSET_DATE, c.DATE, c.SYMPTOM]

_NEEDS = {c.DATE: "a date", c.PAIN: "a pain score"}
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]


@dataclass
class ParsedDiary:
    """A file read and checked, ready for storage.

    entries: PATIENT, EPISODE_LABEL, ONSET_DATE, NORMAL_ACTIVITY, DATE, PAIN,
    WORST_PAIN, ACTIVITY, BED_REST, NOTES (one row per day, in file order).
    doses: PATIENT, ONSET_DATE, DATE, MEDICINE, DRUG_CLASS, DOSE_MG, COUNT, TOTAL_MG.
    symptoms: PATIENT, ONSET_DATE, DATE, SYMPTOM.
    ONSET_DATE is NaT where the file has none; EPISODE_LABEL and NOTES are ""
    when empty; numbers are float with NaN for missing.
    """

    source: str
    entries: pd.DataFrame
    doses: pd.DataFrame
    symptoms: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def read_diary_file(path: str | Path, **kwargs: object) -> ParsedDiary:
    """Read a diary file from disk; see ``read_diary`` for the keyword arguments."""
    path = Path(path)
    return read_diary(path.read_bytes(), path.name, **kwargs)  # type: ignore[arg-type]


def read_diary(data: bytes, name: str, *, patient: str | None = None,
               mapping: dict[str, str] | None = None, date_order: str | None = None,
               today: date | None = None, converter: Converter | None = None) -> ParsedDiary:
    """Read and check one diary file; raise ImportRefused listing every problem.

    ``name`` is the file name as the user knows it (used in every message and,
    without a patient column or ``patient``, as the patient). ``mapping``
    ({"source header": "canonical column"}, "" to skip a column) overrides
    header matching. ``date_order`` ("dmy" or "mdy") settles dates such as
    03/02/2026 that the file alone cannot. ``today`` bounds the dates (default:
    the computer's date).
    """
    if date_order not in (None, "dmy", "mdy"):
        raise UsageError(f"The date order must be dmy or mdy, not {date_order}.")
    sheet = open_sheet(data, name)
    if converter is None:
        raw, labels = canonical_cells(sheet, mapping or {})
    else:
        raw = converter(sheet.rows(set(range(len(sheet.headers)))).set_axis(sheet.headers, axis=1))
        labels = {column: column for column in raw.columns if column in c.CSV_COLUMNS}
        missing = [column for column in c.CSV_REQUIRED if column not in labels]
        if missing:
            raise refuse(name, [f"{name} could not be converted: the converter gave no "
                                f"{' or '.join(missing)} column."])
    diary = _Diary(name, raw, labels, today or date.today(), list(sheet.warnings))
    return diary.parse(patient or Path(name).stem, date_order)


class _Diary:
    """One file's canonical-named cells on their way to checked frames."""

    def __init__(self, name: str, raw: pd.DataFrame, labels: dict[str, str], today: date,
                 warnings: list[str]) -> None:
        self.name, self.raw, self.labels, self.today = name, raw, labels, today
        self.order = {column: i for i, column in enumerate(labels)}
        self.warnings = warnings
        self.problems: list[tuple[int, int, str, str]] = []  # row, column order, column, sentence

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
        code_like = unmapped["text"].map({t: is_code_like(t) for t in unmapped["text"].unique()})
        words = unmapped[~code_like.astype(bool)]
        self._check_symptoms(unmapped[code_like.astype(bool)])
        self._check_rows(frame)
        if self.problems:
            self.problems.sort(key=lambda problem: problem[:2])
            raise refuse(self.name, [text for *_, text in self.problems])
        self._note_medicines(doses, unparsed)
        self._note_unread(words, c.SYMPTOMS, "is not a warning symptom Backtrack tracks")
        frame[c.NOTES] = _with_notes(frame[c.NOTES], unparsed, "medications")
        frame[c.NOTES] = _with_notes(frame[c.NOTES], words, "symptoms")
        return ParsedDiary(self.name, frame[ENTRY_OUTPUT].reset_index(drop=True),
                           _attach(frame, doses, DOSE_OUTPUT), _attach(frame, symptoms, SYMPTOM_OUTPUT),
                           self.warnings)

    def _typed(self, patient: str, date_order: str | None) -> pd.DataFrame:
        """Numbers, dates and texts in their dtypes; unreadable cells become problems and NaN."""
        typed = pd.DataFrame(index=self.raw.index)
        for column in schema.NUMBER_COLUMNS:
            values = self._cells(column)
            typed[column] = schema.to_number(values)
            for row, value in values[values.notna() & typed[column].isna()].items():
                self.problem(row, column, f'"{_show(value)}" is not a number.')
        for column, dates in self._dates(date_order).items():
            typed[column] = dates
        for column in schema.TEXT_COLUMNS:
            typed[column] = _unescape(_text(self._cells(column)))
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
        distinct = {column: pd.factorize(_text(self._cells(column))) for column in schema.DATE_COLUMNS}
        parts = {column: schema.date_parts(pd.Series(uniques, dtype="str"))
                 for column, (_, uniques) in distinct.items()}
        order = date_order or self._date_order(distinct, parts)
        in_order = {"dmy": " in day-month-year order", "mdy": " in month-day-year order"}
        result = {}
        for column, (codes, uniques) in distinct.items():
            dates = schema.read_dates(parts[column], order).to_numpy()
            result[column] = pd.Series(np.append(dates, np.datetime64("NaT"))[codes], index=self.raw.index)
            for position in np.flatnonzero(pd.isna(dates)):
                stated = date_order is not None and pd.notna(parts[column].at[position, "first"])
                for row in self.raw.index[codes == position]:
                    self.problem(row, column, f'"{uniques[position]}" is not a date'
                                              f'{in_order[order] if stated else ""}.')
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

        day_first, month_first = both[both["first"] > 12], both[both["second"] > 12]
        if len(day_first) and len(month_first):
            text = (f"{self.name} mixes day-first dates like {example(day_first)} with month-first "
                    f"dates like {example(month_first)}; correct them or choose the date order "
                    "(day-month-year or month-day-year).")
        else:
            unclear = both[both["first"] != both["second"]]
            a, b = int(unclear["first"].iloc[0]), int(unclear["second"].iloc[0])
            text = (f"{self.name}: dates like {example(unclear)} could be {a} {_MONTH_NAMES[b - 1]} "
                    f"or {b} {_MONTH_NAMES[a - 1]}; choose the date order (day-month-year or "
                    "month-day-year).")
        raise refuse(self.name, [text])

    def _drop_repeats(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Keep one of rows that repeat another row exactly, with a warning."""
        if not frame.duplicated(schema.DAY_KEY).any():
            return frame  # cheap test first: exact repeats share their day
        content = list(frame.columns)
        repeated = frame.duplicated(content, keep="first")
        if not repeated.any():
            return frame
        first = _first_of_group(frame[frame.duplicated(content, keep=False)], content)
        for row, value in self._cells(c.DATE)[repeated].items():
            self.warnings.append(f"{self.where(row, c.DATE)}: {_show(value)} repeats row {first[row]} "
                                 "exactly; imported it once.")
        return frame[~repeated]

    def _check_rows(self, frame: pd.DataFrame) -> None:
        """Ranges, missing required cells, future dates and conflicting days, via pandera."""
        failures = schema.row_failures(frame, self.today)
        seen = {(row, column) for row, _, column, _ in self.problems}
        for (column, check), group in failures.groupby([schema.COLUMN, schema.CHECK], sort=False):
            if check == schema.DUPLICATE:
                continue
            values = self._cells(column).reindex(group[schema.ROW])
            for row, value in values.items():
                if (row, column) not in seen:
                    self.problem(row, column, self._failure(column, check, value))
        if not (failures[schema.CHECK] == schema.DUPLICATE).any():
            return
        conflicts = frame[frame.duplicated(schema.DAY_KEY, keep=False) & frame[c.DATE].notna()]
        first = _first_of_group(conflicts, schema.DAY_KEY)
        later = first[first != first.index]
        for (row, value), earlier in zip(self._cells(c.DATE)[later.index].items(), later, strict=True):
            self.problem(row, c.DATE, f"{_show(value)} is also the date of row {earlier}, with "
                                      "different values; keep one row per day.")

    def _failure(self, column: str, check: str, value: object) -> str:
        if check == schema.MISSING:
            return f"empty, but every row needs {_NEEDS.get(column, column)}."
        if check == schema.FUTURE:
            return f"{_show(value)} is in the future (today is {self.today.isoformat()})."
        low, high = schema.RANGES[column]
        if check.startswith("greater_than"):
            return f"{_show(value)} is below the minimum {low}."
        return f"{_show(value)} is above the maximum {high}."

    def _check_symptoms(self, codes: pd.DataFrame) -> None:
        """Unknown code-like text (``leg_pian``) is refused: a mistyped warning symptom
        must not slip into the notes unnoticed. Plain words are kept in notes instead."""
        for row, text in codes[[ROW, "text"]].itertuples(index=False):
            self.problem(row, c.SYMPTOMS, f'"{text}" is not a symptom code Backtrack knows; '
                                          f"use one of {', '.join(SYMPTOM_CODES)}.")

    def _note_medicines(self, doses: pd.DataFrame, unparsed: pd.DataFrame) -> None:
        self._note_unread(unparsed, c.MEDICATIONS, "could not be read as medicine, dose and count")
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


def _first_of_group(frame: pd.DataFrame, key: list[str]) -> pd.Series:
    """For each row, the row number of the first row with the same ``key`` values."""
    rows = pd.Series(frame.index, index=frame.index)
    return rows.groupby([frame[k] for k in key], dropna=False, sort=False).transform("min")


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


def _attach(frame: pd.DataFrame, long: pd.DataFrame, output: list[str]) -> pd.DataFrame:
    """Give each dose or symptom (by ROW) its entry's patient, onset and date."""
    positions = frame.index.get_indexer(long[ROW])
    keys = frame[[c.PATIENT, c.ONSET_DATE, c.DATE]].iloc[positions].reset_index(drop=True)
    return pd.concat([keys, long.drop(columns=ROW)], axis=1)[output]


def _unescape(values: pd.Series) -> pd.Series:
    """Remove the apostrophe export puts before text a spreadsheet would run as a formula."""
    quoted = values.str.startswith("'").fillna(False).astype(bool)
    if not quoted.any():
        return values
    values = values.copy()
    values[quoted] = values[quoted].str.replace(r"^'(?=[=+\-@\t\r])", "", regex=True)
    return values


def _text(values: pd.Series) -> pd.Series:
    """Cells as text (NaN stays missing), whatever dtype the reader inferred."""
    if pd.api.types.is_string_dtype(values):
        return values
    codes, uniques = pd.factorize(values)
    if not len(uniques):
        return pd.Series(np.nan, index=values.index, dtype="str")
    texts = np.array([_show(value) for value in uniques] + [np.nan], dtype=object)
    return pd.Series(texts[codes], index=values.index, dtype="str")


def _show(value: object) -> str:
    """A cell as the user typed it: 11.0 -> ``11``, text unchanged."""
    if isinstance(value, float | np.floating) and not np.isnan(value):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "empty"
    return str(value)
