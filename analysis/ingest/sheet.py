"""The ``Sheet`` every reader gives the importer (a header row and its cells), and the refusal of a file.

Rows are indexed by their spreadsheet row number (the header is row 1 in a
normal file), so every later message can name the row the user sees.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.ingest.cells import describe_rows
from analysis.model.errors import ImportRefused


def refuse(name: str, problems: list[str], kind: type[ImportRefused] = ImportRefused) -> ImportRefused:
    """The exception for a refused file: ``<name> was not imported: N problems.``"""
    count = f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")
    return kind(f"{name} was not imported: {count}.", problems)


@dataclass
class Sheet:
    """The header row of a file and a way to read the cells below it."""

    name: str
    headers: list[str]
    read: Callable[[set[int]], pd.DataFrame]
    warnings: list[str] = field(default_factory=list)
    delimited: bool = True  # CSV or tab text, not a workbook

    def rows(self, text_columns: set[int] | None = None, verbatim: set[int] | None = None) -> pd.DataFrame:
        """Cells by column position, indexed by spreadsheet row number.

        Columns in ``text_columns`` are always text (identifiers such as
        ``007``); others may come back numeric when every cell is a number. Text is stripped,
        empty cells are NaN and blank rows are dropped. Text in ``verbatim`` columns (text too) is kept as
        written, surrounding spaces and line breaks included (the notes of Backtrack's own export), blank too.
        """
        verbatim = verbatim or set()
        raw = self.read((text_columns or set()) | verbatim)
        # Stripped first, so a blank cell after a trailing delimiter counts as empty.
        frame, extra = _fit(_stripped(raw, verbatim), self.name, len(self.headers), self.delimited)
        self.warnings += extra
        frame = frame.dropna(how="all")
        if frame.empty:
            raise refuse(self.name, [f"{self.name} has a header row but no diary rows."])
        return frame


def _stripped(frame: pd.DataFrame, verbatim: set[int] = frozenset()) -> pd.DataFrame:
    """``frame.apply(strip_cells)``, built from a dict of its columns when their labels are unique and it
    has rows (apply's own set-up cost more than stripping a small file's cells). Columns at the positions in
    `verbatim` keep their text as written, spaces alone too; an empty cell there is still missing."""
    if (frame.empty or not frame.columns.is_unique) and not verbatim:
        return frame.apply(strip_cells)
    return pd.DataFrame({label: (_kept if at in verbatim else strip_cells)(values)
                         for at, (label, values) in enumerate(frame.items())}, index=frame.index,
                        columns=frame.columns)


def _kept(values: pd.Series) -> pd.Series:
    """A column's text as written, a note of only spaces or line breaks too (review 10: the own export's note
    "  " came back empty, where its notes come back byte for byte); an empty cell is missing."""
    if values.dtype == object and not values.isna().all():
        values = values.astype("str")
    if not pd.api.types.is_string_dtype(values):
        return values
    return values.where(values != "")


def strip_cells(values: pd.Series) -> pd.Series:
    """A column's text without surrounding spaces, empty text as missing; numbers as they are."""
    if values.dtype == object:
        if values.isna().all():
            return values  # an empty column: nothing to strip, and converting costs time
        values = values.astype("str")
    if not pd.api.types.is_string_dtype(values):
        return values
    stripped = values.str.strip()
    return stripped.where(stripped != "")


def _fit(frame: pd.DataFrame, name: str, width: int, delimited: bool) -> tuple[pd.DataFrame, list[str]]:
    """Exactly one column per header. Empty cells beyond the last header (a trailing
    delimiter) are dropped silently. Filled ones refuse a delimited file, since they
    are most often a note split at an unquoted delimiter and keeping part of it would
    lose the rest; in a workbook they are stray cells, ignored with a warning."""
    frame.columns = range(frame.shape[1])
    if frame.shape[1] < width:  # missing trailing columns, added at once (one by one fragments a wide frame)
        frame = pd.concat([frame, pd.DataFrame(np.nan, index=frame.index, columns=range(frame.shape[1], width))],
                          axis=1)
    extra = frame.iloc[:, width:].notna()
    filled = extra.any(axis=1)
    warnings = []
    if filled.any() and delimited:
        flags = extra.to_numpy()
        cells = width + flags.shape[1] - flags[:, ::-1].argmax(axis=1)  # up to the last filled cell
        raise refuse(name, [f"{name} row {row} has {count} cells but the header has {width}; a note may "
                            "contain an unquoted delimiter (put such notes in quotes)."
                            for row, count in zip(filled.index[filled], cells[filled.to_numpy()], strict=True)])
    if filled.any():
        warnings.append(f"{name} {describe_rows(filled.index[filled].tolist())}: cells to the right of the last "
                        "column header were ignored.")
    return frame.iloc[:, :width], warnings
