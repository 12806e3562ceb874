"""Review 14: diary files a physiotherapist's practice sends in, imported as the README describes (pure/CLI)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from tests.cli_run import cli, cli_json

TODAY = dt.date.today()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_a_workbook_with_one_patient_per_sheet_does_not_silently_drop_the_other_sheets(tmp_path: Path) -> None:
    """per_sheet.xlsx: sheet "Eve" and sheet "Finn", each date/pain/activity_minutes for the last nine days, as a
    practice keeps one workbook with a tab per patient. `import` says 'imported for 1 patient: 9 new days.' with no
    warning; Finn's sheet is never read (analysis/ingest/excel.py reads 'The workbook's first sheet')."""
    book = openpyxl.Workbook()
    for index, (name, pain) in enumerate((("Eve", 5.0), ("Finn", 3.0))):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = name
        sheet.append(["date", "pain", "activity_minutes"])
        for ago in range(9, 0, -1):
            sheet.append([_ago(ago), pain - (9 - ago) * 0.2, 30])
    path = tmp_path / "per_sheet.xlsx"
    book.save(path)
    db = tmp_path / "diary.db"
    done = cli("import", path, "--db", db)
    assert done.returncode == 0, done.stderr
    stored_days = sum(1 for _ in cli_json("summary", "--db", db))  # episodes
    said = done.stdout + done.stderr
    # either both sheets' 18 days are in the diary, or the import names the sheet it left out
    assert stored_days == 2 or "Finn" in said, said
