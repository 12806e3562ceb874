"""Review 18: the command line and the files it reads and writes, as a script or another program uses them.

Each xfail is one fault found against the README's or the help's promise; the passing tests pin what an
integrator relies on and what worked. The CLI runs in-process (tests/cli_run.py) except where only a real
process shows it: the program holding the diary's lock, and the Dask cluster.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_run import cli, cli_json

ROOT = Path(__file__).resolve().parents[1]

HEADER = ("date,pain,worst_pain,activity_minutes,bed_rest_hours,medications,symptoms,notes,patient,onset_date,"
          "normal_activity_minutes")

DIARY = f"""{HEADER}
2026-11-01,7,8,10,4,ibuprofen 400 mg x3,,"=HYPERLINK(""http://x"",""click"")",Ann,2026-11-01,60
2026-11-02,6.5,8,15,2,ibuprofen 400 mg x3,,-1,Ann,2026-11-01,60
2026-11-03,6,7,20,,paracetamol 1000 mg x2,,+plus,Ann,2026-11-01,60
2026-11-04,5,6,25,,,,@home,Ann,2026-11-01,60
2026-11-05,5,6,30,,,,'quote,Ann,2026-11-01,60
2026-11-06,4,5,30,,,,plain note,Ann,2026-11-01,60
2026-11-07,4,5,35,,,,<b>x</b>,Ann,2026-11-01,60
2026-11-01,6,,,,,,,"=cmd|' /C calc'!A0",2026-11-01,
2026-11-02,6,,,,,,,"=cmd|' /C calc'!A0",2026-11-01,
2026-11-01,5,,,,,,,@SUM(1),2026-11-01,
2026-11-01,5,,,,,,,-Dan,2026-11-01,
2026-11-01,5,,,,,,,שלום\u202eabc,2026-11-01,
"""

RED_FLAG = """date,pain,symptoms,patient,onset_date,activity_minutes
2026-11-25,6,,Rae,2026-11-25,10
2026-11-26,6,,Rae,2026-11-25,10
2026-11-27,6,bladder_bowel,Rae,2026-11-25,10
2026-11-28,5,,Rae,2026-11-25,10
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _diary(tmp_path: Path, text: str = DIARY, name: str = "diary.db") -> Path:
    folder = tmp_path / "diary"
    folder.mkdir(exist_ok=True)
    db = folder / name
    done = cli("import", _write(tmp_path / "in.csv", text), "--db", db)
    assert done.returncode == 0, done.stderr
    return db


def _without_ids(records: object) -> object:
    """Episode ids are the new diary's own row numbers: everything else must come back."""
    assert isinstance(records, list)
    return [{k: v for k, v in record.items() if k != "episode_id"} for record in records]


# --------------------------------------------------------------------------------------------- faults


def test_restore_replaces_a_diary_whose_pages_are_damaged(tmp_path: Path) -> None:
    db = _diary(tmp_path)
    before = cli("summary", "--db", db, "--json").stdout
    backup = tmp_path / "safe.bak"
    assert cli("backup", "--db", db, "-o", backup).returncode == 0
    size = db.stat().st_size
    assert size >= 4096 * 12, size
    with open(db, "r+b") as damaged:  # a disk error: pages in the middle overwritten, the header intact
        damaged.seek(4096 * 3)
        damaged.write(b"\xff" * 4096 * 5)
    broken = cli("summary", "--db", db, "--json")
    assert broken.returncode == 1 and "damaged" in broken.stderr and "restore" in broken.stderr, broken.stderr

    done = cli("restore", backup, "--db", db)

    assert done.returncode == 0, done.stderr  # now: "error: ... is damaged; restore the latest automatic backup ..."
    assert list(db.parent.glob("diary.damaged-*.db")), sorted(p.name for p in db.parent.iterdir())
    assert cli("summary", "--db", db, "--json").stdout == before


@pytest.fixture
def read_only_folder(tmp_path: Path):
    """A folder nobody may write to: a read-only mount when root (root ignores file modes), else mode 0555.
    Yields a function that copies a file in and then makes the folder read-only."""
    folder = tmp_path / "usb"
    folder.mkdir()
    mounted = False

    def put(source: Path) -> Path:
        nonlocal mounted
        target = folder / source.name
        if os.geteuid() == 0:
            made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True)
            if made.returncode != 0:
                pytest.skip("cannot mount a read-only folder here")
            mounted = True
            shutil.copy(source, target)
            assert subprocess.run(["mount", "-o", "remount,ro", str(folder)]).returncode == 0
        else:
            shutil.copy(source, target)
            folder.chmod(0o555)
        return target

    yield put
    if mounted:
        subprocess.run(["umount", str(folder)], check=False)
    else:
        folder.chmod(0o755)


def test_restore_reads_a_backup_from_a_read_only_folder(tmp_path: Path, read_only_folder) -> None:
    db = _diary(tmp_path)
    before = cli("summary", "--db", db, "--json").stdout
    backup = tmp_path / "diary.bak"
    assert cli("backup", "--db", db, "-o", backup).returncode == 0
    on_stick = read_only_folder(backup)
    new = tmp_path / "new" / "diary.db"

    done = cli("restore", on_stick, "--db", new)

    assert done.returncode == 0, done.stderr  # now: "error: diary.bak is not a Backtrack backup."
    assert cli("summary", "--db", new, "--json").stdout == before


def test_text_output_shows_control_characters_of_a_name_visibly(tmp_path: Path) -> None:
    text = ('date,pain,patient,onset_date\n'
            '2026-11-01,5,"Esc\x1b[31mRed",2026-11-01\n'
            '2026-11-01,5,"Multi\nLine",2026-11-01\n')
    db = _diary(tmp_path, text)

    triage = cli("triage", "--db", db, "--as-of", "2026-11-02")
    summary = cli("summary", "--db", db)

    assert triage.returncode == 0 and summary.returncode == 0
    assert "\x1b" not in triage.stdout  # a name may not recolour or move the reader's terminal
    assert "\x1b" not in summary.stdout
    rows = summary.stdout.splitlines()
    assert not any(row.strip() == "Line" or row.startswith("Line ") for row in rows), summary.stdout  # one row each


def test_plan_of_a_past_day_is_not_paused_by_a_sign_reported_the_next_day(tmp_path: Path) -> None:
    db = _diary(tmp_path, RED_FLAG)
    day_before = cli_json("plan", "--db", db, "--date", "2026-11-25")
    the_day = cli_json("plan", "--db", db, "--date", "2026-11-27")
    assert day_before["paused"] is False and the_day["paused"] is True  # the sign was reported on 27 November

    plan = cli_json("plan", "--db", db, "--date", "2026-11-26")

    assert plan["paused"] is False, plan["pause_reason"]  # now True: "Get medical help now ..." on the 26th


def test_plan_text_walks_add_up_to_the_target(tmp_path: Path) -> None:
    db = _diary(tmp_path)
    plan = cli("plan", "--db", db, "--patient", "Ann", "--date", "2026-11-08")
    assert plan.returncode == 0, plan.stderr
    walk = re.search(r"Walk: (\d+) minutes in all.*?(\d+) walks? of ([\d, and]+) minutes", plan.stdout)
    assert walk, plan.stdout
    target, walks = int(walk[1]), int(walk[2])
    lengths = [int(n) for n in re.findall(r"\d+", walk[3])]
    lengths = lengths * walks if len(lengths) == 1 else lengths  # "3 walks of 13 minutes": three of 13
    assert len(lengths) == walks and sum(lengths) == target, walk.group(0)  # README: "adding up to the target"


# ------------------------------------------------------------------------------------ what works


def test_round_trip_export_import_gives_the_same_diary_and_summary(tmp_path: Path) -> None:
    db = _diary(tmp_path)
    first = tmp_path / "first.csv"
    assert cli("export", "--db", db, "-o", first).returncode == 0
    new = tmp_path / "new.db"
    assert cli("import", first, "--db", new).returncode == 0
    second = tmp_path / "second.csv"
    assert cli("export", "--db", new, "-o", second).returncode == 0

    assert first.read_bytes() == second.read_bytes()
    assert _without_ids(cli_json("summary", "--db", new)) == _without_ids(cli_json("summary", "--db", db))
    assert _without_ids(cli_json("triage", "--db", new)) == _without_ids(cli_json("triage", "--db", db))


def test_exported_csv_neutralises_formula_cells_and_leaves_numbers_and_dates(tmp_path: Path) -> None:
    own = ("date,pain,worst_pain,activity_minutes,bed_rest_hours,medications,symptoms,notes,patient,onset_date,"
           "normal_activity_minutes,episode,seen\n"
           '2026-11-01,7,8,10,4,,,"\t=1+2",Bob,2026-11-01,60,=ep,\n'
           '2026-11-02,6.5,8,10,4,,,"\r=1+2",Bob,2026-11-01,60,=ep,\n')
    db = _diary(tmp_path)
    other = tmp_path / "own.db"
    assert cli("import", _write(tmp_path / "own.csv", own), "--db", other).returncode == 0
    out = cli("export", "--db", db, "-o", "-").stdout + cli("export", "--db", other, "-o", "-").stdout
    for row in csv.DictReader(io.StringIO(out)):
        if row["date"] == "date":
            continue
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r", row
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"]) and re.fullmatch(r"[\d.]+", row["pain"]), row
    assert "'-Dan" in out and "'=cmd|" in out and "'@SUM(1)" in out and "''quote" in out and "'\t=1+2" in out


def test_backup_restore_gives_the_same_summary_and_keeps_the_setup_answers(tmp_path: Path) -> None:
    db = _diary(tmp_path, RED_FLAG)
    assert cli("screening", "--db", db, "--yes", "cancer_history", "--no", "night_pain").returncode == 0
    before = cli("summary", "--db", db, "--json").stdout
    backup = tmp_path / "move.bak"
    assert cli("backup", "--db", db, "-o", backup).returncode == 0
    new = tmp_path / "laptop" / "diary.db"

    done = cli("restore", backup, "--db", new)

    assert done.returncode == 0, done.stderr
    assert cli("summary", "--db", new, "--json").stdout == before
    assert json.loads(before)[0]["screening"]["see_gp_first"] is True


def test_one_bad_row_refuses_the_file_whole_and_names_row_and_column(tmp_path: Path) -> None:
    rows = ["date,pain,activity_minutes,patient"]
    for i in range(40):
        pain = "11" if i == 25 else "5"
        minutes = "abc" if i == 30 else str(10 + i)
        rows.append(f"{dt.date(2026, 10, 1) + dt.timedelta(days=i)},{pain},{minutes},Zed")
    bad = _write(tmp_path / "bad.csv", "\n".join(rows) + "\n")
    good = _write(tmp_path / "good.csv", "date,pain,patient\n2026-10-01,5,Yan\n2026-10-02,4,Yan\n")
    db = tmp_path / "d.db"

    done = cli("import", good, bad, "--db", db)

    assert done.returncode == 1
    assert "bad.csv row 27, pain: 11 is above the maximum 10." in done.stderr
    assert 'bad.csv row 32, activity_minutes: "abc" is not a number.' in done.stderr
    assert "Traceback" not in done.stderr
    assert [r["patient"] for r in cli_json("triage", "--db", db)] == ["Yan"]  # the good file went in, nothing of bad


def test_summary_json_keys_and_types_with_alerts_and_medicines(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert cli("demo", "--db", db).returncode == 0
    records = cli_json("summary", "--db", db)
    keys = {"patient", "episode_id", "episode", "onset_date", "as_of", "days_since_onset", "baseline_pain",
            "current_pain", "improvement_points", "improvement_pct", "meaningful_improvement", "expected_pain",
            "expected_low", "expected_high", "status", "status_reason", "recovered_date", "recurrence_date",
            "baseline_estimated", "first_logged_pain", "projected_recovery_date", "projected_earliest",
            "projected_latest", "projection_note", "trajectory", "trajectory_confidence", "activity_minutes_7d",
            "share_of_normal_activity", "activity_trend", "last_entry_date", "days_without_entries", "curve",
            "alerts", "screening"}
    date = re.compile(r"\d{4}-\d{2}-\d{2}")
    assert records
    for record in records:
        assert set(record) == keys
        assert record["status"] in {"ahead", "on_track", "behind", "insufficient_data"}
        for key in ("onset_date", "as_of", "last_entry_date"):
            assert date.fullmatch(record[key])
        for alert in record["alerts"]:
            assert set(alert) == {"code", "severity", "date", "last_date", "active", "message", "evidence", "detail",
                                  "seen_date"}
            assert isinstance(alert["active"], bool) and date.fullmatch(alert["date"])
        assert set(record["screening"]) == {"answers", "flags", "see_gp_first"}
    assert any(record["alerts"] for record in records) and any(not record["alerts"] for record in records)


def test_a_locked_diary_is_one_sentence_and_exit_1(tmp_path: Path, quick_busy: None) -> None:
    db = _diary(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3,sys,time\nc=sqlite3.connect(sys.argv[1],isolation_level=None)\nc.execute('BEGIN EXCLUSIVE')\n"
         "print('locked',flush=True)\ntime.sleep(30)", str(db)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        more = _write(tmp_path / "more.csv", "date,pain,patient\n2026-11-08,3,Ann\n")
        started = time.monotonic()
        done = cli("import", more, "--db", db)
        seen = cli("seen", "--db", db, "--patient", "Ann", "--code", "red_flag_emergency")
        assert time.monotonic() - started < 5
    finally:
        holder.kill()
        holder.wait()
    for result in (done, seen):
        assert result.returncode == 1 and result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and "busy" in lines[0], result.stderr
    assert cli("import", more, "--db", db).returncode == 0  # free again: it goes in


def test_parquet_export_summarised_on_dask_equals_the_diary_summary(tmp_path: Path) -> None:
    db = _diary(tmp_path, RED_FLAG)
    dataset = tmp_path / "pooled"
    assert cli("export", "--db", db, "--format", "parquet", "--buckets", "2", "-o", dataset).returncode == 0
    expected = cli_json("summary", "--db", db)
    done = subprocess.run([sys.executable, "-m", "analysis", "summary", str(dataset), "--engine", "dask", "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) == expected


def test_an_unwritable_output_is_named_as_given(tmp_path: Path) -> None:
    db = _diary(tmp_path)
    _write(tmp_path / "notes.txt", "a file, not a folder\n")

    done = cli("export", "--db", db, "-o", "notes.txt/x.csv", cwd=tmp_path)

    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1
    assert ".partial" not in done.stderr, done.stderr  # now: "error: Not a directory: .../notes.txt/.x.csv.partial"
    assert "x.csv" in done.stderr, done.stderr


def test_a_missing_file_with_a_long_path_is_named_in_the_error(tmp_path: Path) -> None:
    good = _write(tmp_path / "ann_diary.csv", "date,pain,patient\n2026-11-01,5,Ann\n")
    # a path without spaces, as on a Linux or HPC share: 80+ characters in all, as a clinic's folders easily are
    missing = tmp_path / "clinic_data" / "patients_2026" / "november_exports" / "patient_diary_missing.csv"

    done = cli("import", good, missing, "--db", tmp_path / "d.db")

    assert done.returncode == 1
    assert "patient_diary_missing.csv" in done.stderr, done.stderr  # now: ".../clinic_data/patients_20… (N characters)"
    assert "Traceback" not in done.stderr


def test_a_missing_file_in_an_import_list_does_not_stop_the_files_after_it(tmp_path: Path) -> None:
    first = _write(tmp_path / "first.csv", "date,pain,patient\n2026-11-01,5,Ann\n")
    last = _write(tmp_path / "last.csv", "date,pain,patient\n2026-11-01,6,Ben\n")
    db = tmp_path / "d.db"

    done = cli("import", first, tmp_path / "typo.csv", last, "--db", db)

    assert done.returncode == 1 and "typo.csv" in done.stderr
    assert "first.csv" in done.stdout
    assert "last.csv" in done.stdout, (done.stdout, done.stderr)  # now: only first.csv; Ben is not in the diary
    assert sorted(r["patient"] for r in cli_json("triage", "--db", db)) == ["Ann", "Ben"]


def test_a_name_stdout_cannot_encode_is_no_traceback(tmp_path: Path) -> None:
    db = _diary(tmp_path)  # holds the patient "שלום\u202eabc"
    done = subprocess.run([sys.executable, "-m", "analysis", "triage", "--db", str(db), "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONIOENCODING": "ascii"})

    assert "Traceback" not in done.stderr, done.stderr[-600:]
    if done.returncode == 0:  # JSON can say any name in ASCII (\\u escapes)
        assert "שלום\u202eabc" in [row["patient"] for row in json.loads(done.stdout)]
    else:
        assert done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1
