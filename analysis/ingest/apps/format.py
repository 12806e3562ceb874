"""What every app format shares: the ``AppFormat`` record, the converter's result and cell helpers.

An app module (analysis.ingest.apps.bearable, ...) only reshapes: each row it keeps
is one *reading*, indexed by the spreadsheet row it came from; the importer reads
the values, checks them, and makes one day of several readings
(analysis.ingest.days). Every message still names the row of the original file.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.ingest.headers import column_for
from analysis.ingest.sheet import refuse
from analysis.model import columns as c
from analysis.model.errors import PatientNeeded

Converter = Callable[[pd.DataFrame], pd.DataFrame]
"""Raw frame (source headers as columns, spreadsheet row numbers as index, all
cells text) -> frame with canonical columns (analysis.model.columns) and the same
index labels, so messages still name the rows the user sees."""


@dataclass
class Converted:
    """What a converter hands the importer.

    ``frame``: canonical columns (analysis.model.columns, plus headers.TIME) as text or
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


class Columns:
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

    def every(self, *keys: str) -> list[pd.Series]:
        """The cells of each of ``keys`` the file has, as text, in the order of ``keys`` (empty: none)."""
        return [self.raw.iloc[:, self.positions[k]].astype("str") for k in keys if k in self.positions]

    def every_cell(self, *keys: str) -> pd.Series:
        """Row by row, the cells of all of ``keys`` the file has, each distinct one once, joined with ``; ``
        (missing when all are empty): a file with two columns of one kind (Medications and Medication Log) loses
        neither, and one written twice is read once (review 30)."""
        columns = self.every(*keys)
        if not columns:
            return pd.Series(np.nan, index=self.raw.index, dtype="str")
        if len(columns) == 1:
            return columns[0]
        rows = zip(*(column.tolist() for column in columns), strict=True)
        return pd.Series(["; ".join(dict.fromkeys(str(v).strip() for v in row if isinstance(v, str) and v.strip()))
                          or np.nan for row in rows], index=self.raw.index, dtype="str")

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
    reshape: Callable[[Columns, str], Converted]
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
        return self.reshape(Columns(raw, source_id), name)

    def __call__(self, raw: pd.DataFrame) -> pd.DataFrame:
        return self.convert(raw, "the file").frame

    def patient_for(self, name: str, patient: str | None) -> str:
        """Whose diary an activity-only file belongs to: ``patient``, else the file's name
        unless it is the app's own name for the file (then refuse: nobody can be inferred)."""
        stem = re.sub(r"(\s*\(\d+\))?\.\w+$", "", Path(name).name).strip()  # "Daily activity metrics (1).csv"
        if patient:
            return patient
        # the app's own names, a date after them too ("fitbit_export_20261117"), are never a patient's name
        if stem and not any(re.fullmatch(rf"{re.escape(default)}([ _-]?\d+)?", stem.lower())
                            for default in self.default_names):
            return stem
        raise refuse(name, [f"{name} holds only activity minutes ({self.name}); choose the patient whose "
                            "diary they belong to."], PatientNeeded)


def header_key(header: object) -> str:
    """``"Walking duration (ms)"`` -> ``walkingdurationms``: compared without case, spaces or punctuation."""
    return re.sub(r"[^0-9a-z]", "", str(header).lower())


def day_text(dates: pd.Series) -> pd.Series:
    """``2026-03-02T08:00:00.000Z`` -> ``2026-03-02``; other date text unchanged."""
    codes, uniques = pd.factorize(dates)  # exports repeat each date on many rows
    days = pd.Series(uniques, dtype="str").str.replace(r"^\s*(\d{4}-\d{1,2}-\d{1,2})[T ].*$", r"\1", regex=True)
    return pd.Series(np.append(days.to_numpy(dtype=object), np.nan)[codes], index=dates.index, dtype="str")


def labelled(label: str, values: pd.Series) -> pd.Series:
    """``limited activities: lifting, bending`` from ``lifting; bending`` (``;`` separates notes)."""
    return (label + ": " + values.str.replace(r"\s*;\s*", ", ", regex=True)).astype("str")


def joined(*parts: pd.Series) -> pd.Series:
    """Row by row, the parts that are not empty joined with ``; `` (missing when none)."""
    result = parts[0].astype("str")
    for part in parts[1:]:
        both = (result + "; " + part).where(result.notna(), part)
        result = result.where(part.isna(), both).astype("str")
    return result


def active_minutes(cols: Columns, very: str, fairly: str,
                   rows: pd.Series | None = None) -> tuple[pd.Series, list[tuple[object, str, str]]]:
    """A fitness tracker's active minutes: very active + fairly active (moderate or harder), NaN on a day with
    neither; and a problem (row, column, sentence) for each cell of `rows` (default all) that is not a number.
    One rule for Fitabase's file and Fitbit's own export (analysis.ingest.apps.fitbit, fitbit_account)."""
    from analysis.ingest.schema import to_number  # the schema's number reading (thousands commas too)

    mine = pd.Series(True, index=cols.raw.index) if rows is None else rows
    cells = {key: cols.text(key) for key in (very, fairly)}
    problems = [(row, str(cols.header(key)), f'"{text}" is not a number.')
                for key, texts in cells.items()
                for row, text in texts[mine & texts.notna() & to_number(texts).isna()].items()]
    numbers = [to_number(texts) for texts in cells.values()]
    minutes = (numbers[0].fillna(0) + numbers[1].fillna(0)).where(numbers[0].notna() | numbers[1].notna())
    return minutes, problems
