"""The diary CSV's `seen` column: "I have been seen about this" marks, read back into what Diary.mark_seen stores.

Why a column: a red flag stays active until the person has been seen about it (analysis.alerts.history); a
diary exported at home and imported at the practice must not raise again a sign a clinician has assessed.

The canonical form (what export writes, analysis.output.export.seen_text) is one item per mark,
``<alert code>@<seen date> by <who>``, items separated by "; " like medicines:
``red_flag_emergency@2026-03-04 by clinician; red_flag_see_doctor@2026-03-04 by patient``; a mark whose sign
was logged again after it that day ends ``before it came back`` (analysis.alerts.seen_after: the sign stays
open). Import also reads
an item without its date (the row's date) or without who ("by patient", Diary.mark_seen's default); codes
and words in any case. A code that is not an alert code, a date that is not YYYY-MM-DD (or is before 1900 or
after tomorrow) or another who is a problem of that cell: the file is refused, naming file, row and column.
"""
from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from analysis.model import columns as c
from analysis.model.columns import ROW
from analysis.model.vocabulary import ALERT_CODES

SEPARATOR = "; "  # as the medications column separates its doses; import splits on ";" alone
MARKS = [ROW, c.ALERT_CODE, c.SEEN_DATE, c.SEEN_BY, c.SIGN_AGAIN]
CAME_BACK = "before it came back"  # the words after a mark whose sign was logged again after it, that day
EARLIEST = dt.date(1900, 1, 1)  # as diary dates (analysis.ingest.file_dates)
_ITEM = re.compile(r"(?P<code>[^@\s]+)(?:\s*@\s*(?P<date>[^@\s]+))?(?:\s+by\s+(?P<by>\S+))?"
                   r"(?P<again>\s+before\s+it\s+came\s+back)?", re.IGNORECASE)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_NOTHING = {"", "-", "none"}
_CODES = frozenset(ALERT_CODES)


def seen_item(code: str, seen_date: dt.date | pd.Timestamp, by: str, again: bool = False) -> str:
    """One mark in the canonical form, ``red_flag_emergency@2026-03-04 by clinician`` (with `again`:
    ``... by patient before it came back``)."""
    return f"{code}@{seen_date:%Y-%m-%d} by {by}" + (f" {CAME_BACK}" if again else "")


def parse_seen(text: object, latest: dt.date) -> tuple[list[tuple[str, dt.date | None, str, bool]], list[str]]:
    """The marks of one cell as (code, seen date or None for the row's date, who, whether its sign came back
    after it that day), and what is wrong with it (each a sentence for the cell; `latest`: the last date
    allowed, tomorrow)."""
    marks: list[tuple[str, dt.date | None, str, bool]] = []
    problems: list[str] = []
    if not isinstance(text, str):
        return marks, problems
    for item in (" ".join(part.split()) for part in text.split(";")):
        if item.lower() in _NOTHING:
            continue
        match = _ITEM.fullmatch(item)
        if match is None:
            problems.append(f'"{item}" is not a mark written as code@YYYY-MM-DD by patient or by clinician '
                            "(e.g. red_flag_emergency@2026-03-04 by clinician).")
            continue
        code, when, by = match["code"].lower(), match["date"], (match["by"] or "patient").lower()
        said = []
        if code not in _CODES:
            said.append(f'"{match["code"]}" is not an alert code Backtrack knows; use one of {", ".join(ALERT_CODES)}')
        day = _day(when) if when is not None else None
        if when is not None and day is None:
            said.append(f'"{when}" in "{item}" is not a date written YYYY-MM-DD')
        elif day is not None and not EARLIEST <= day <= latest:
            said.append(f'{when} in "{item}" is ' + (f"in the future (the latest allowed is {latest.isoformat()})"
                                                     if day > latest else "before 1900"))
        if by not in c.SEEN_BY_VALUES:
            said.append(f'"{match["by"]}" in "{item}" is not who recorded it; write "by patient" or "by clinician"')
        if said:
            problems.append("; ".join(said) + ".")
        else:
            marks.append((code, day, by, match["again"] is not None))
    return marks, problems


def _day(text: str) -> dt.date | None:
    if not _ISO.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse_seen_column(texts: pd.Series, dates: pd.Series, latest: dt.date
                      ) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Read a whole `seen` column, each distinct text once.

    Returns the marks (MARKS: ROW the index label of `texts`, ALERT_CODE, SEEN_DATE datetime64 at midnight,
    SEEN_BY, SIGN_AGAIN; in row order, an item without a date taking its row's date from `dates`) and the problems
    (row, sentence). A row whose own date could not be read gives no mark for such an item (the file is
    refused for that date already)."""
    filled = texts[texts.notna()]
    if filled.empty:
        return _marks([], [], [], [], []), []
    read = {text: parse_seen(text, latest) for text in filled.unique()}
    rows, codes, days, who, again, problems = [], [], [], [], [], []
    for row, text in filled.items():
        marks, said = read[text]
        problems += [(row, sentence) for sentence in said]
        for code, day, by, came_back in marks:
            when = pd.Timestamp(day) if day is not None else dates.get(row)
            if when is None or pd.isna(when):
                continue
            rows.append(row)
            codes.append(code)
            days.append(pd.Timestamp(when).normalize())
            who.append(by)
            again.append(came_back)
    return _marks(rows, codes, days, who, again), problems


def _marks(rows: list, codes: list[str], days: list[pd.Timestamp], who: list[str], again: list[bool]
           ) -> pd.DataFrame:
    return pd.DataFrame({ROW: pd.Series(rows, dtype="int64"), c.ALERT_CODE: pd.Series(codes, dtype="str"),
                         c.SEEN_DATE: pd.Series(np.array(days, dtype="datetime64[us]")),
                         c.SEEN_BY: pd.Series(who, dtype="str"), c.SIGN_AGAIN: pd.Series(again, dtype="bool")})
