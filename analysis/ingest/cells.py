"""Cells shown back to the user as typed, and lists of rows or items in one phrase (for messages)."""
from __future__ import annotations

import numpy as np
import pandas as pd

ROWS_IN_FULL = 100_000  # rows a message names one by one: a problem report lists them all (tidy shortens them to show)


def describe_rows(rows: list[int]) -> str:
    """``row 3``, ``rows 3, 5 and 8``: every row, up to ROWS_IN_FULL (then "and N more").

    Every row, not the first eight: the Clinic's problem report is where each row is read (review 31's browser
    walk: "rows 89, ... 162 and 26 more" in the report); the page and the CLI shorten long lists when they show
    them (analysis.model.errors.tidy)."""
    if len(rows) == 1:
        return f"row {rows[0]}"
    if len(rows) <= ROWS_IN_FULL:
        return "rows " + ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}"
    return "rows " + ", ".join(map(str, rows[:ROWS_IN_FULL])) + f" and {len(rows) - ROWS_IN_FULL:,} more"


def describe_items(items: list[str], limit: int = 6) -> str:
    """``a``, ``a, b and c`` or ``a, b, c, d, e, f and 3 more``."""
    if len(items) == 1:
        return items[0]
    if len(items) <= limit:
        return ", ".join(items[:-1]) + f" and {items[-1]}"
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"


_SMALL_COLUMN = 5_000  # up to this many cells a Python loop beats pandas' fixed cost; beyond, pandas' vector wins


def unescape(values: pd.Series) -> pd.Series:
    """Remove the apostrophe export puts before text a spreadsheet would run as a formula (or before
    text that itself began with an apostrophe: ``''@home`` reads back as ``'@home``)."""
    if len(values) <= _SMALL_COLUMN and not any(isinstance(text, str) and text.startswith("'")
                                                for text in values.tolist()):
        return values  # the usual small column, told in Python: the pandas calls below cost ~0.3 ms a column
    quoted = values.str.startswith("'").fillna(False).astype(bool)
    if not quoted.any():
        return values
    values = values.copy()
    values[quoted] = values[quoted].str.replace(r"^'(?=[=+\-@\t\r'])", "", regex=True)
    return values


def cell_texts(values: pd.Series) -> pd.Series:
    """Cells as text (NaN stays missing), whatever dtype the reader inferred."""
    if pd.api.types.is_string_dtype(values):
        return values
    codes, uniques = pd.factorize(values)
    if not len(uniques):
        return pd.Series(np.nan, index=values.index, dtype="str")
    texts = np.array([show_cell(value) for value in uniques] + [np.nan], dtype=object)
    return pd.Series(texts[codes], index=values.index, dtype="str")


def show_cell(value: object) -> str:
    """A cell as the user typed it: 11.0 -> ``11``, text unchanged."""
    if isinstance(value, float | np.floating) and not np.isnan(value):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "empty"
    return str(value)
