"""Review 10: the command line as a public contract (README "Command line"), on diaries made here.

Each xfail(strict=True) proves a place where the README's words and the CLI's behaviour disagree today.
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.storage import Diary
from analysis.storage.records import DayEntry
from tests.cli_run import cli

ROOT = Path(__file__).resolve().parent.parent




def _practice(path: Path) -> Path:
    """Cal has logged a week; Bea has just set up her diary (a "yes" to cancer history) and logged nothing yet."""
    diary = Diary(path)
    cal = diary.add_episode("Cal", "2026-11-20", normal_activity_minutes=60)
    for i in range(7):
        diary.save_entry(cal, DayEntry(dt.date(2026, 11, 20) + dt.timedelta(days=i), 6 - 0.5 * i))
    bea = diary.add_episode("Bea", "2026-11-28", normal_activity_minutes=45)
    diary.save_screening(bea, {"cancer_history": True})
    diary.close()
    return path


def test_triage_lists_a_patient_who_answered_yes_before_logging_a_day(tmp_path: Path) -> None:
    db = _practice(tmp_path / "practice.db")
    result = cli("triage", "--db", str(db), "--as-of", "2026-11-30", "--json")
    assert result.returncode == 0, result.stderr
    rows = {row["patient"]: row for row in json.loads(result.stdout)}
    assert "Bea" in rows
    assert rows["Bea"]["screening"] == ["history of cancer"]
    assert rows["Bea"]["priority"] < rows["Cal"]["priority"]


def test_a_report_that_was_written_says_nothing_on_stderr(tmp_path: Path) -> None:
    db = _practice(tmp_path / "practice.db")
    out = tmp_path / "cal.pdf"
    result = subprocess.run([sys.executable, "-m", "analysis", "report", "--db", str(db), "--patient", "Cal", "-o",
                             str(out)], cwd=ROOT, capture_output=True, text=True, timeout=180)  # fontTools logs
    assert result.returncode == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert result.stdout == f"Wrote the report to {out}.\n"
    assert result.stderr == ""


@pytest.mark.parametrize("command", [("export",), ("backup",), ("reminder", "--time", "08:00")])
def test_an_output_that_is_a_folder_is_named_as_typed(tmp_path: Path, command: tuple[str, ...]) -> None:
    db = _practice(tmp_path / "practice.db")
    folder = tmp_path / "reports"
    folder.mkdir()
    extra = () if command[0] == "reminder" else ("--db", str(db))
    result = cli(*command, *extra, "-o", str(folder))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert str(folder) in result.stderr and ".partial" not in result.stderr


def test_restore_from_a_folder_does_not_say_it_is_missing(tmp_path: Path) -> None:
    db = _practice(tmp_path / "practice.db")
    folder = tmp_path / "backups"
    folder.mkdir()
    result = cli("restore", str(folder), "--db", str(db))
    assert result.returncode == 1 and result.stderr.startswith("error: ")
    assert "No such file" not in result.stderr
    assert "Cal" in cli("summary", "--db", str(db)).stdout


def test_ctrl_c_while_the_command_starts_is_exit_130_without_a_traceback(tmp_path: Path) -> None:
    import signal
    import time

    diary = tmp_path / "diary.csv"
    diary.write_text("date,pain\n2026-11-20,6\n")
    started = subprocess.Popen([sys.executable, "-m", "analysis", "check", str(diary)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Ctrl+C once Python runs the program's imports: a fixed 0.5 s was, on a loaded machine, before the
    # interpreter had set up its own Ctrl+C handling (killed by the signal, -2), which no program can change
    maps, deadline = Path(f"/proc/{started.pid}/maps"), time.monotonic() + 30
    while time.monotonic() < deadline and started.poll() is None and "pandas" not in maps.read_text():
        time.sleep(0.005)
    started.send_signal(signal.SIGINT)
    out, err = started.communicate(timeout=60)
    assert "Traceback" not in err
    assert started.returncode == 130
    assert err.startswith("error: ") and err.count("\n") == 1


def test_a_mistyped_patient_does_not_print_every_other_patients_name(tmp_path: Path) -> None:
    db = _practice(tmp_path / "practice.db")
    diary = Diary(db)
    diary.add_episode("Dee Someone-Else", "2026-11-25")
    diary.close()
    result = cli("export", "--db", str(db), "--patient", "Zed", "-o", "-")
    assert result.returncode == 1 and result.stderr.startswith("error: There is no patient called 'Zed'")
    assert "Dee Someone-Else" not in result.stderr and "Bea" not in result.stderr


@pytest.mark.parametrize("form", [("-o", "out.csv"), ("--format", "parquet", "-o", "pooled")])
def test_export_from_a_diary_that_does_not_exist_is_refused(tmp_path: Path, form: tuple[str, ...]) -> None:
    typo = tmp_path / "diray.db"
    *options, target = form
    result = cli("export", "--db", str(typo), *options, str(tmp_path / target))
    assert result.returncode == 1 and result.stderr.startswith("error: There is no diary at")
    assert not typo.exists() and not (tmp_path / target).exists()


@pytest.mark.parametrize("command", [("export",), ("report", "--patient", "Cal"),
                                     ("export", "--format", "fhir", "--patient", "Cal")])
def test_an_output_onto_the_diary_itself_is_refused(tmp_path: Path, command: tuple[str, ...]) -> None:
    db = _practice(tmp_path / "diary.db")
    result = cli(*command, "--db", str(db), "-o", str(db))
    assert result.returncode == 2 and result.stderr.strip().splitlines()[-1].startswith("error: ")
    assert db.read_bytes().startswith(b"SQLite format 3\x00")
    assert "Cal" in cli("summary", "--db", str(db)).stdout
    assert result.stderr.startswith("error: -o ") and "is the diary itself or a file kept with it" in result.stderr


def test_another_programs_database_given_as_the_diary_is_refused_and_left_alone(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "places.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    con.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    con.commit()
    con.close()
    before = other.read_bytes()
    result = cli("summary", "--db", str(other))
    assert result.returncode == 1 and result.stderr.startswith("error: ") and "not a Backtrack diary" in result.stderr
    assert other.read_bytes() == before
