"""Review 8: the physiotherapist's desk met from the CLI (`python -m analysis check|import|triage|report|plan`)
with files a practice really has: spreadsheets with their own quirks, several at once."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.model import columns as c
from tests.cli_run import cli

ROOT = Path(__file__).resolve().parent.parent




def test_a_semicolon_file_with_a_long_prose_note_is_not_refused_for_columns(tmp_path: Path) -> None:
    """A European spreadsheet (semicolons; a note of 5,220 characters, under the 10,000-character cell limit,
    written as prose with commas, which a semicolon file needs no quotes for) has 3 columns. `check` refused
    it: 'row 2 has 241 cells, over the limit of 200 columns'. README: only `date` and `pain` are required;
    the limit is 200 cells in a row, and this row has 3."""
    note = "Walked to the shop, sat down, felt a bit better, then the pain came back, so I rested. " * 60
    assert len(note) < 10_000
    path = tmp_path / "euro.csv"
    path.write_text(f"Datum;Pain;Notes\r\n2026-11-28;6;{note}\r\n2026-11-29;5;short\r\n2026-11-30;4,5;ok\r\n",
                    encoding="utf-8")
    done = cli("check", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "euro.csv: valid, 3 diary days."


FIT = ROOT.parent / "shared" / "real-files" / "googlefit" / "kaustubhgupta_daily_activity_metrics.csv"


def test_a_fit_file_named_before_its_patients_diary_does_not_stop_the_diary_import(tmp_path: Path) -> None:
    """A physiotherapist imports a new patient's Google Fit daily file and diary in one command, the Fit file
    named first: `import "Daily activity metrics.csv" kg.csv --patient kg`. It printed 'error: There is no
    patient called 'kg' to add activity to; import their diary first.' and imported nothing, not even the valid
    diary. README: 'Each file is checked completely before anything is written: a file with errors is refused
    whole, the others are imported'."""
    if not FIT.is_file():
        pytest.skip("the real-files corpus (/work/shared/real-files) is absent")
    import csv

    rows = [r for r in csv.DictReader(FIT.open(encoding="utf-8")) if r.get("Move Minutes count")]
    dates = [r["Date"] for r in rows][-10:]
    diary_file = tmp_path / "kg.csv"
    diary_file.write_text("date,pain\n" + "".join(f"{d},5\n" for d in dates), encoding="utf-8")
    fit = tmp_path / "Daily activity metrics.csv"
    fit.write_bytes(FIT.read_bytes())
    db = tmp_path / "d.db"
    done = cli("import", str(fit), str(diary_file), "--patient", "kg", "--db", str(db))
    assert "kg.csv: imported for 1 patient: 10 new days." in done.stdout, done.stdout + done.stderr
    exported = cli("export", "--db", str(db), "-o", "-").stdout.splitlines()
    assert len(exported) == 11  # the header and the diary's 10 days


def test_the_same_accented_name_from_a_mac_and_a_pc_is_one_patient(tmp_path: Path) -> None:
    """A physiotherapist uploads Zoë Brown's first week from the practice PC and her next days exported on her
    Mac (the name in decomposed form, as macOS writes it). Both import 'for 1 patient' without a warning; triage
    then lists two identical 'Zoë Brown' rows, one 'Diary gone quiet' (last entry 3 days before the other's). The
    brief: a patient appearing in two files is one patient; README warns even for names differing only in
    case or spaces."""
    import unicodedata

    name = "Zoë Brown"
    mac = unicodedata.normalize("NFD", name)
    assert mac != name
    first, second = tmp_path / "pc.csv", tmp_path / "mac.csv"
    first.write_text(f"patient,date,pain\n{name},2026-11-20,6\n{name},2026-11-21,5\n{name},2026-11-22,5\n",
                     encoding="utf-8")
    second.write_text(f"patient,date,pain\n{mac},2026-11-23,4\n{mac},2026-11-24,4\n{mac},2026-11-25,4\n",
                      encoding="utf-8")
    db = tmp_path / "d.db"
    done = cli("import", str(first), str(second), "--db", str(db))
    assert done.returncode == 0, done.stderr
    lines = cli("triage", "--db", str(db)).stdout.splitlines()[1:]
    assert len(lines) == 1, lines
    exported = cli("export", "--db", str(db), "-o", "-").stdout.splitlines()[1:]
    assert len(exported) == 6 and all(f",{name}," in row for row in exported)


def test_excel_duration_cells_are_read_as_minutes_and_hours(tmp_path: Path) -> None:
    """A physiotherapist's practice spreadsheet keeps active time and bed rest as Excel durations (h:mm cells).
    `check` refused the workbook: 'row 2, Active minutes: "01:30:00" is not a number', 'Bed rest hours:
    "00:45:00" is not a number'. README: a unit written in a number cell is converted to the column's unit
    ('45 min', '1,5 h', '90 min' as 1.5); an Excel duration is an unambiguous one."""
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Pain", "Active minutes", "Bed rest hours"])
    sheet.append([dt.date(2026, 11, 20), 6, dt.time(1, 30), dt.time(0, 45)])
    sheet.append([dt.date(2026, 11, 21), 5, 30, 2])
    path = tmp_path / "practice.xlsx"
    book.save(path)
    db = tmp_path / "d.db"
    done = cli("import", str(path), "--db", str(db))
    assert done.returncode == 0, done.stdout + done.stderr
    rows = cli("export", "--db", str(db), "-o", "-").stdout.splitlines()
    assert [r.split(",")[:5] for r in rows[1:]] == [["2026-11-20", "6", "", "90", "0.75"],
                                                    ["2026-11-21", "5", "", "30", "2"]]


def test_a_row_dated_before_its_onset_date_is_refused_not_stored(tmp_path: Path) -> None:
    """A spreadsheet gives onset_date 2026-11-25 on every row but starts on 2026-11-20 (the onset typed wrong).
    `check` said 'valid, 3 diary days' and `import` '3 new days'; afterwards `triage` of the practice diary
    printed 'error: Episode 2 has a diary entry on 2026-11-20, before its onset date 2026-11-25.' and the Clinic
    page crashed, for every patient. README: each file is checked completely before anything is written."""
    good = tmp_path / "robin.csv"
    good.write_text("date,pain\n2026-11-20,6\n2026-11-21,5\n2026-11-22,5\n", encoding="utf-8")
    bad = tmp_path / "onset.csv"
    bad.write_text("date,pain,onset_date\n2026-11-20,6,2026-11-25\n2026-11-21,5,2026-11-25\n"
                   "2026-11-26,4,2026-11-25\n", encoding="utf-8")
    checked = cli("check", str(bad))
    assert checked.returncode == 1 and "row 2" in checked.stdout, checked.stdout
    db = tmp_path / "d.db"
    imported = cli("import", str(good), str(bad), "--db", str(db))
    assert imported.returncode == 1 and "onset.csv was not imported" in imported.stderr, imported.stdout
    assert "robin.csv: imported for 1 patient: 3 new days." in imported.stdout


def test_the_clinic_upload_imports_a_fit_file_after_its_patients_diary(tmp_path: Path) -> None:
    """The same two files dropped on the Clinic at once, the Fit file first (import_many, the page's path): the
    diary goes in, then the Fit file's minutes join its days; a Fit file of a patient still not there is refused
    alone."""
    if not FIT.is_file():
        pytest.skip("the real-files corpus (/work/shared/real-files) is absent")
    import csv

    from analysis.storage import Diary
    from analysis.workflows.diary_io import REFUSED, import_many

    rows = [r for r in csv.DictReader(FIT.open(encoding="utf-8")) if r.get("Move Minutes count")]
    dates = [r["Date"] for r in rows][-10:]
    diary = Diary(tmp_path / "d.db")
    results = list(import_many(diary, [("Daily activity metrics.csv", FIT.read_bytes()),
                                       ("kg.csv", ("date,pain\n" + "".join(f"{d},5\n" for d in dates)).encode())],
                               patient="kg"))
    assert [r.name for r in results] == ["kg.csv", "Daily activity metrics.csv"]
    assert [r.status for r in results].count(REFUSED) == 0, [r.summary for r in results]
    assert diary.entries()[c.ACTIVITY].notna().sum() > 0  # the Fit minutes joined the diary's days
    alone = list(import_many(Diary(tmp_path / "e.db"), [("fit.csv", FIT.read_bytes())], patient="nobody"))
    assert [(r.status, r.summary) for r in alone] == [(REFUSED, "fit.csv was not imported: it holds only activity "
                                                                 "minutes, and no diary is called 'nobody'.")]
