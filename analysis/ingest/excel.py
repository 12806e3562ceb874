"""Excel .xlsx workbooks read into a ``Sheet``: cells that are already dates or numbers become the text
a CSV export would hold, so the importer reads both the same way."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

import numpy as np
import pandas as pd

from analysis.ingest.headers import HEADER_SEARCH, column_for, header_position, is_summary_word
from analysis.ingest.import_limits import ImportLimits, check_workbook, over
from analysis.ingest.sheet import Sheet, refuse, strip_cells
from analysis.model import columns as c

ZIP_MAGIC = b"PK\x03\x04"  # an .xlsx workbook is a zip file


def excel_sheet(data: bytes, name: str, limits: ImportLimits) -> Sheet:
    """The workbook's first sheet: its header row (below any title rows) and the cells under it as text; a
    warning names any other sheet that holds cells (they are not read)."""
    if not data.startswith(ZIP_MAGIC):
        raise refuse(name, [f"{name} is named like an Excel workbook but is not one; "
                            "open it in Excel and save it again as .xlsx."])
    check_workbook(data, name, limits)
    try:
        book = pd.ExcelFile(io.BytesIO(data), engine="openpyxl")
        # Like the CSV reader: only an empty cell is missing; "NA", "None" or "-" is text.
        cells = pd.read_excel(book, sheet_name=0, header=None, dtype=object, keep_default_na=False, na_values=[""])
        left_out = _other_sheets_with_cells(book)
    except Exception:  # openpyxl raises many kinds for a damaged workbook; their words say nothing to a person
        raise refuse(name, [f"{name} could not be read as an Excel workbook (a part of it is damaged); open it in "
                            "Excel and save it again as .xlsx."]) from None
    if cells.shape[1] > limits.max_columns:
        raise over(name, "max_columns", f"{cells.shape[1]:,} columns", limits)
    cells = cells.map(_cell_text).astype("str")
    lengths = cells.apply(lambda column: column.str.len()).max(axis=1)
    if (lengths > limits.max_cell_chars).any():
        row = int(np.flatnonzero((lengths > limits.max_cell_chars).to_numpy())[0]) + 1
        raise over(name, "max_cell_chars", f"a cell of {int(lengths.iloc[row - 1]):,} characters", limits,
                   where=f"row {row}")
    filled = np.flatnonzero(cells.apply(strip_cells).notna().any(axis=1).to_numpy())[:HEADER_SEARCH]
    if not len(filled):
        raise refuse(name, [f"{name} is empty."])
    rows = [["" if pd.isna(h) else str(h).strip() for h in cells.iloc[i]] for i in filled]
    chosen = header_position(rows)
    header_at, headers = int(filled[chosen]), rows[chosen]
    uncalculated = _uncalculated_formulas(data, cells, header_at, headers, name)
    if uncalculated:
        raise refuse(name, uncalculated)
    body = cells.iloc[header_at + 1:]
    body.index = pd.RangeIndex(header_at + 2, header_at + 2 + len(body))
    warnings = [f"{name}: only its first sheet ({book.sheet_names[0]}) was read; the other "
                f"{'sheet' if len(left_out) == 1 else 'sheets'} ({', '.join(left_out)}) "
                f"{'was' if len(left_out) == 1 else 'were'} not. Save each sheet as a file of its own (or put "
                "every patient on one sheet, with a patient column) and import those."] if left_out else []
    return Sheet(name, headers, lambda _text_columns: body.copy(), warnings=warnings, delimited=False)


MAX_FORMULAS_NAMED = 20  # a script-made sheet may hold thousands: the first few say what to do


def _uncalculated_formulas(data: bytes, cells: pd.DataFrame, header_at: int, headers: list[str],
                           name: str) -> list[str]:
    """One sentence per diary cell of the first sheet that holds a formula with no saved result (file, row,
    column, formula), at most MAX_FORMULAS_NAMED.

    Why: Excel saves each formula's result beside it, and that result is what is read; a workbook written by a
    script holds the formula alone, which reads as an empty cell, so "=20+10" minutes or a medicine written as a
    formula vanished from the day without a word (review 25). Refused, not guessed: opening the file in a
    spreadsheet and saving it works the results out. Cheap for the usual workbook: no formula, no second read."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [entry for entry in archive.namelist() if entry.startswith("xl/worksheets/")]
        if not any(b"<f" in archive.read(entry) for entry in sheets):
            return []
    from openpyxl import load_workbook  # pandas' own Excel reader, here for the formulas themselves

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        sheet = book.worksheets[0]
        with zipfile.ZipFile(io.BytesIO(data)) as archive:  # the sheet's own XML: which formulas have a result
            xml = archive.read(str(getattr(sheet, "_worksheet_path", "")).lstrip("/")).decode("utf-8", "replace")
        found = []
        dated = next((at for at, header in enumerate(headers) if column_for(header) == c.DATE), None)
        for row in sheet.iter_rows(min_row=header_at + 2):
            if dated is not None and dated < len(row) and is_summary_word(getattr(row[dated], "value", None)):
                continue  # a total row's formulas: the row is not a day (headers.canonical_cells says so)
            for cell in row:
                formula = getattr(cell, "value", None)
                if not (isinstance(formula, str) and formula.startswith("=")) or cell.column > len(headers):
                    continue
                at_row, at_column = cell.row - 1, cell.column - 1
                # empty as read and no result in its XML: neither a value (<v>30</v>) nor a text result, which may
                # be "" (t="str": a formula that gave an empty text was worked out and saved)
                saved = re.search(rf'<c r="{cell.coordinate}"([^>]*)>(.*?)</c>', xml, re.DOTALL)
                worked_out = saved and (re.search(r"<v>[^<]+</v>", saved.group(2))
                                        or re.search(r'\bt="(?:str|s|e)"', saved.group(1)))
                if at_row < len(cells) and pd.isna(cells.iat[at_row, at_column]) and not worked_out:
                    found.append(f"{name} row {cell.row}, {headers[at_column] or f'column {at_column + 1}'}: the "
                                 f"cell holds a formula ({formula[:40]}) whose result was never saved; open the file "
                                 "in Excel or LibreOffice, save it, and import it again.")
        return found[:MAX_FORMULAS_NAMED]
    finally:
        book.close()


def _other_sheets_with_cells(book: pd.ExcelFile) -> list[str]:
    """The names of the workbook's sheets after the first that hold any cell (review 14: a practice's workbook
    with a sheet per patient was read for its first patient only, and the others' days vanished unsaid)."""
    shown = {sheet.title for sheet in book.book.worksheets if sheet.sheet_state == "visible"}  # openpyxl's book
    # a hidden sheet is a template's workings (drop-down lists), not a diary (review 15)
    return [sheet for sheet in book.sheet_names[1:] if sheet in shown
            and pd.read_excel(book, sheet_name=sheet, header=None, nrows=50, dtype=object).notna().any(axis=None)]


def _cell_text(value: object) -> object:
    """Excel cells as the text a CSV export would hold: dates as ISO (with the time of day when it is not
    midnight), 4.0 as ``4``."""
    if isinstance(value, datetime | pd.Timestamp) and (value.hour, value.minute, value.second) != (0, 0, 0):
        return value.strftime("%Y-%m-%d %H:%M:%S")  # a reading's time, as a CSV export writes it (review 30)
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        if np.isnan(value):
            return np.nan
        return str(int(value)) if value.is_integer() else repr(value)
    if value is None:
        return np.nan
    return str(value)
