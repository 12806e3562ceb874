"""Date text read into dates: the plain ISO form split in Python and dates counted in numpy give what
pandas' own reading gives (analysis.ingest.schema.date_parts and read_dates), edge cases included."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.ingest import schema

CASES = {  # text: (day-month-year reading, month-day-year reading); None where it is no date
    "2026-03-05": ("2026-03-05", "2026-03-05"),
    "2026-3-5": ("2026-03-05", "2026-03-05"),
    "2026-02-29": (None, None),  # not a leap year
    "2024-02-29": ("2024-02-29", "2024-02-29"),
    "2026-04-31": (None, None),
    "2026-13-01": (None, None),
    "2026-00-10": (None, None),
    "1000-01-01": ("1000-01-01", "1000-01-01"),
    "9999-12-31": ("9999-12-31", "9999-12-31"),
    "1899-12-31": ("1899-12-31", "1899-12-31"),  # a date: the importer refuses it as before 1900
    "0999-01-01": ("0999-01-01", "0999-01-01"),  # below 1000: pandas' reading, not the quick split
    "\u0662\u0660\u0662\u0666-01-01": ("2026-01-01", "2026-01-01"),  # Arabic-Indic digits, as pandas reads them
    " 2026-03-05": ("2026-03-05", "2026-03-05"),
    "2026-03-05 10:30": ("2026-03-05", "2026-03-05"),
    "03/02/2026": ("2026-02-03", "2026-03-02"),
    "13.02.26": ("2026-02-13", None),
    "5 March 2026": ("2026-03-05", "2026-03-05"),
    "now": (None, None),
}


@pytest.mark.parametrize("order", ["dmy", "mdy"])
def test_dates_read_from_text(order: str) -> None:
    texts = pd.Series([*CASES, None], dtype="str", index=range(10, 11 + len(CASES)))
    dates = schema.read_dates(schema.date_parts(texts), order)
    assert dates.dtype == "datetime64[us]"
    assert dates.index.equals(texts.index)
    got = [None if pd.isna(d) else d.date().isoformat() for d in dates]
    want = [pair[order == "mdy"] for pair in CASES.values()] + [None]
    assert got == want


def test_plain_iso_parts_are_the_general_readings() -> None:
    """The Python split of plain ISO text gives the parts _split gives the same text (years 1000-9999)."""
    texts = pd.Series(["2026-03-05", "2026-3-5", "2026-02-30", "1000-12-01", "9999-1-31"], dtype="str")
    quick = schema.date_parts(texts)
    general = pd.DataFrame({name: float("nan") for name in ("year", "month", "day", "first", "second")},
                           index=texts.index).assign(dotted=False)
    parts = {name: general[name].to_numpy(copy=True) for name in ("year", "month", "day", "first", "second")}
    dotted = general["dotted"].to_numpy(copy=True)
    schema._split(texts, texts.notna().to_numpy(), parts, dotted)
    assert quick.equals(pd.DataFrame({**parts, "dotted": dotted}, index=texts.index))


def test_no_dates() -> None:
    empty = schema.read_dates(schema.date_parts(pd.Series([], dtype="str")), "dmy")
    assert empty.empty and empty.dtype == "datetime64[us]"
