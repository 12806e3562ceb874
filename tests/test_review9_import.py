"""Review 9: the import fixes (onset check, Fit files after diaries, h:mm durations, semicolon files) met from the
CLI on files and diaries a practice really has."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.cli_run import cli


def test_a_diary_that_stored_a_day_before_its_onset_before_the_fix_still_triages(tmp_path: Path) -> None:
    """A practice imported Sue's file before today's fix: its first day (20 Nov) was before the file's onset date
    (25 Nov) and was stored. After updating Backtrack, `triage` still prints only 'error: Episode 2 has a diary
    entry on 2026-11-20, before its onset date 2026-11-25.' and lists nobody, not even Robin, whose diary is
    fine; the Clinic page shows that one sentence instead of the list."""
    robin, sue = tmp_path / "robin.csv", tmp_path / "sue.csv"
    robin.write_text("patient,date,pain\nRobin,2026-11-20,6\nRobin,2026-11-21,5\n", encoding="utf-8")
    sue.write_text("patient,date,pain,onset_date\nSue,2026-11-26,6,2026-11-25\nSue,2026-11-27,5,2026-11-25\n",
                   encoding="utf-8")
    db = tmp_path / "d.db"
    assert cli("import", str(robin), str(sue), "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as con:  # the day as the importer before review 8's fix stored it
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("UPDATE entries SET date = '2026-11-20' WHERE date = '2026-11-26' AND episode_id = "
                    "(SELECT e.id FROM episodes e JOIN patients p ON p.id = e.patient_id WHERE p.name = 'Sue')")
        con.execute("DELETE FROM _sqlite_migrations WHERE name = 'm012_onset_not_after_a_diary_day'")  # as then
    con.close()
    done = cli("triage", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "Robin" in done.stdout and "Sue" in done.stdout


def test_a_column_headed_in_hours_is_read_in_hours(tmp_path: Path) -> None:
    """A practice sheet keeps 'Activity (h)': 1:30 on one day, 2 the next. The import reads 1:30 as 90 minutes and
    2 as 2 minutes, without a warning ('Bed rest (min)' 2 would be 2 hours; 30 is refused as 'above the
    maximum 24'). README: 'A unit written in a number cell is
    converted to the column's unit'; a duration is read as such since review 8."""
    path = tmp_path / "sheet.csv"
    path.write_text("date,pain,Activity (h)\n2026-11-20,6,1:30\n2026-11-21,6,2\n",
                    encoding="utf-8")
    db = tmp_path / "d.db"
    done = cli("import", str(path), "--db", str(db))
    assert done.returncode == 0, done.stderr
    rows = cli("export", "--db", str(db), "-o", "-").stdout.splitlines()[1:]
    assert [r.split(",")[3] for r in rows] == ["90", "120"]
