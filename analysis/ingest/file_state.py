"""One file's canonical-named cells on their way to checked frames: the state and the problem list.

``analysis.ingest.file_reading.FileReading`` builds on this with its date, note and
medicine steps (analysis.ingest.file_dates, analysis.ingest.file_notes). Problems
are collected, never raised one by one, so a refused file lists every problem at once.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analysis.ingest.apps import Converted
from analysis.ingest.sheet import refuse
from analysis.model.errors import DateOrderUnclear

MODE_DAYS, MODE_READINGS, MODE_APP, MODE_ACTIVITY = "days", "readings", "app", "activity"
"""How rows relate to days: a diary's one row per day; a diary's readings (Time
column); an app export's readings; an activity-only export's one row per day."""


class FileState:
    """One file's cells, labels, warnings and problems (row, column, sentence) found so far."""

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
        """``<file> row <n>, <the file's header>``: how every message names a cell."""
        return f"{self.name} row {row}, {self.labels.get(column, column)}"

    def problem(self, row: int, column: str, text: str) -> None:
        """Note a problem with one cell (sorted by row, then by column as the file orders them)."""
        self.problems.append((row, self.order.get(column, len(self.order)), column,
                              f"{self.where(row, column)}: {text}"))

    def _cells(self, column: str) -> pd.Series:
        """The file's cells of a canonical column, as read; all missing when the file has none."""
        if column in self.raw:
            return self.raw[column]
        return pd.Series(np.nan, index=self.raw.index, dtype="str")

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
