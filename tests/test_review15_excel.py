"""Review 15: the .xlsx warning about sheets not read (dde8d97)."""
from __future__ import annotations

import io

import openpyxl

from analysis.ingest.excel import excel_sheet
from analysis.ingest.import_limits import ImportLimits


def _workbook_with_hidden_lists() -> bytes:
    """A diary template as spreadsheets are made: the diary on the first sheet, the drop-down choices on a
    hidden second sheet (data validation reads them)."""
    book = openpyxl.Workbook()
    diary = book.active
    diary.title = "Diary"
    diary.append(["date", "pain", "symptoms"])
    for day in range(1, 8):
        diary.append([f"2026-11-{day:02d}", 6 - day * 0.5, ""])
    lists = book.create_sheet("Lists")
    for choice in ("leg_pain", "numbness", "fever"):
        lists.append([choice])
    lists.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_hidden_lists_sheet_is_not_reported_as_data_left_out() -> None:
    sheet = excel_sheet(_workbook_with_hidden_lists(), "diary.xlsx", ImportLimits())
    assert sheet.headers[:2] == ["date", "pain"]
    assert not any("Lists" in warning for warning in sheet.warnings), sheet.warnings
