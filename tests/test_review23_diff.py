"""Review 23: the faults in the changes of 5af2f15..HEAD (medicine totals per day, the flare rule, dates with
their year, the CLI's Ctrl+C, damaged diaries, the Parquet dataset), read by someone who did not write them.

Each test builds its own input in tmp_path and asserts the right behaviour; each is marked
xfail(strict=True) with the one-line fault it proves today.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.cli_run import cli, write_rows

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ["date", "pain", "activity_minutes", "medications", "patient", "onset_date", "normal_activity_minutes"]


def write_diary(path: Path, rows: list[dict]) -> Path:
    return write_rows(path, COLUMNS, rows)


def days(patient: str, onset: dt.date, pains: list[float], **cells: object) -> list[dict]:
    return [{"date": onset + dt.timedelta(days=i), "pain": pain, "activity_minutes": 40, "patient": patient,
             "onset_date": onset, "normal_activity_minutes": 60, **cells} for i, pain in enumerate(pains)]


def a_diary_and_its_backup(tmp_path: Path) -> tuple[Path, Path]:
    db, backup = tmp_path / "diary.db", tmp_path / "diary.backup"
    assert cli("import", write_diary(tmp_path / "d.csv", days("Ann", dt.date(2026, 10, 1), [5] * 5)),
               "--db", db).returncode == 0
    assert cli("backup", "--db", db, "-o", backup).returncode == 0
    return db, backup


# 1. The day's-total rewrite reads a stated maximum as a dose taken, and its own word "once" as a medicine.
def test_a_stated_maximum_is_not_a_dose_taken() -> None:
    from analysis.ingest.medicines import parse_medications

    taken = {}
    for text in ["paracetamol 1g qds, max 4g/day", "paracetamol 1g qds, up to 4g/day",
                 "paracetamol 1g qds, not more than 4g/day", "ibuprofen 400mg tds, max 1200mg/day",
                 "paracetamol max 4 g/day"]:
        doses, _unread = parse_medications(text)
        taken[text] = sorted((d.medicine, d.total_mg) for d in doses)
    # what the person took is read; the label's limit is left in the notes (as it was before 7e6c73f)
    assert taken == {"paracetamol 1g qds, max 4g/day": [("paracetamol", 4000.0)],
                     "paracetamol 1g qds, up to 4g/day": [("paracetamol", 4000.0)],
                     "paracetamol 1g qds, not more than 4g/day": [("paracetamol", 4000.0)],
                     "ibuprofen 400mg tds, max 1200mg/day": [("ibuprofen", 1200.0)],
                     "paracetamol max 4 g/day": []}
    # a total after a comma names no medicine: never one called "once" (the rewrite's own word)
    doses, _unread = parse_medications("paracetamol 500mg, 1g a day")
    assert "once" not in [d.medicine for d in doses]


# 2. After Ctrl+C the CLI points the process's stderr (fd 2) at /dev/null for good, also when main() returns.
def test_main_after_ctrl_c_leaves_the_callers_stderr_working(tmp_path: Path) -> None:
    script = tmp_path / "embed.py"
    script.write_text(
        "import sys\n"
        "from analysis.cli import main\n"
        "from analysis.cli.core import Session\n"
        "def stopped(self):\n"
        "    raise KeyboardInterrupt  # Ctrl+C while the command reads the diary\n"
        "Session.existing_diary = stopped\n"
        "code = main(['summary', '--db', 'diary.db'])\n"
        "print(f'caller: main returned {code}', file=sys.stderr)\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.stderr.startswith("error: Stopped"), done.stderr
    assert "caller: main returned 130" in done.stderr, done.stderr


# 3. Any file with "CREATE TABLE" in its first 64 KiB is a "damaged diary", and restore writes over it.
def test_an_sql_script_is_not_a_damaged_diary(tmp_path: Path) -> None:
    _db, backup = a_diary_and_its_backup(tmp_path)
    script = tmp_path / "schema.sql"
    text = "-- the invoicing project's schema\nCREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL);\n"
    script.write_text(text, encoding="utf-8")
    said = cli("summary", "--db", script)
    assert said.returncode == 1
    assert "not a Backtrack diary" in said.stderr, said.stderr
    done = cli("restore", backup, "--db", script)
    assert done.returncode == 1, done.stdout
    assert script.read_text(encoding="utf-8") == text
    assert not list(tmp_path.glob("schema.damaged-*")), sorted(p.name for p in tmp_path.iterdir())


# 4. The report's headline decides whether to say the year from the computer's clock, not the report's date.
def test_report_headline_says_the_year_by_the_reports_date(tmp_path: Path) -> None:
    from analysis.output.report import episode_report
    from analysis.storage import DayEntry, Diary
    from tests.pdf_text import pdf_words

    year = dt.date.today().year
    onset = dt.date(year, 1, 1)
    if dt.date.today() < onset + dt.timedelta(days=25):
        pytest.skip("the diary's days must lie in the past")
    diary = Diary(tmp_path / "diary.db")
    try:
        episode = diary.add_episode("Old", onset, normal_activity_minutes=60)
        for i in range(20):
            diary.save_entry(episode, DayEntry(onset + dt.timedelta(days=i), 6 if i < 3 else 0, None, 40, 0, ""))
        words = pdf_words(episode_report(diary, episode, today=dt.date(year + 1, 1, 20)))
    finally:
        diary.close()
    said = re.search(r"recovered since (\d{1,2} [A-Z][a-z]+)( \d{4})?", words)
    assert said, words[:400]
    assert said.group(2) == f" {year}", said.group(0)  # the report is dated next year: this year must be named


# 5. The walking plan's flare test has no tolerance where the alert's kernel has one: 4.1 -> 6.1 differs.
def test_the_walking_hold_follows_the_pain_flare_alert(tmp_path: Path) -> None:
    from analysis.plan.walking import HELD_FLARE, walking_course

    onset, pains = dt.date(2026, 9, 1), [4.1] * 20 + [6.1] * 4  # a rise of exactly 2 points on the 4 last days
    rows = days("Flare", onset, pains)
    for i, row in enumerate(rows):
        row["activity_minutes"], row["normal_activity_minutes"] = 15 + 10 * i, 600  # every day above the target
    done = cli("summary", write_diary(tmp_path / "flare.csv", rows), "--json")
    alerts = {a["code"]: a["active"] for a in json.loads(done.stdout)[0]["alerts"]}
    assert alerts.get("pain_worsening") is True  # the alert says the flare is on, on the last day
    frame = pd.DataFrame({"date": pd.to_datetime([r["date"] for r in rows]),
                          "activity_minutes": [float(r["activity_minutes"]) for r in rows], "pain": np.array(pains)})
    course = walking_course(onset, rows[-1]["date"], 600, frame)
    assert course["state"].iloc[-1] == HELD_FLARE, course.tail(4).to_string()


# 6. The Dask summary resolves the folder before checking it: the error names a path the person never typed.
def test_dask_summary_error_names_the_folder_as_typed(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = cli("summary", "empty", "--engine", "dask", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("error: empty: not a Backtrack Parquet dataset"), done.stderr


# 7. A day's total is read after /day, per day, a day, /24h, but not after the clinical /d.
def test_a_daily_total_written_per_d_is_read(tmp_path: Path) -> None:
    missed = []
    for i, text in enumerate(["paracetamol 5 g/d", "paracetamol 5000mg/d"]):
        path = write_diary(tmp_path / f"dose{i}.csv", days("Dose", dt.date(2026, 10, 1), [5], medications=text))
        done = cli("summary", path, "--json")
        assert done.returncode == 0, done.stderr
        if ("daily_dose_exceeded", "urgent") not in [(a["code"], a["severity"])
                                                     for a in json.loads(done.stdout)[0]["alerts"]]:
            missed.append(text)
    assert missed == []
