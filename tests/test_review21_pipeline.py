"""Review 21: the pipeline as issue 12's checker walks it, on diaries made here (not the sample data).

Each test builds its own input in tmp_path and asserts the right behaviour; each is marked
xfail(strict=True) with the one-line fault it proves today.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.cli_run import cli, write_rows
from tests.pdf_text import pdf_words

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ["date", "pain", "activity_minutes", "medications", "symptoms", "patient", "onset_date",
           "normal_activity_minutes"]


def write_diary(path: Path, rows: list[dict]) -> Path:
    return write_rows(path, COLUMNS, rows)


def days(patient: str, onset: dt.date, count: int, **cells: object) -> list[dict]:
    return [{"date": onset + dt.timedelta(days=i), "pain": 5, "activity_minutes": 40, "patient": patient,
             "onset_date": onset, "normal_activity_minutes": 60, **cells} for i in range(count)]


def two_patient_db(tmp_path: Path) -> Path:
    rows = days('Ann, "Two" Eps', dt.date(2026, 9, 1), 20) + days("=Formula", dt.date(2026, 10, 1), 12,
                                                                 medications="codeine 30 mg x2")
    db = tmp_path / "diary.db"
    done = cli("import", write_diary(tmp_path / "pair.csv", rows), "--db", db)
    assert done.returncode == 0, done.stderr
    return db


def children(pid: int) -> list[str]:
    """Command lines of the direct children of `pid` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            if int(stat[1]) == pid:
                found.append(Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
    return found


# 1. Dask on a scheduler: the dataset folder as typed is sent to the workers unresolved.
def test_dask_scheduler_reads_a_relative_dataset_folder(tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    db = two_patient_db(tmp_path)
    assert cli("export", "--db", db, "--format", "parquet", "--buckets", "2", "-o", tmp_path / "ds").returncode == 0
    expected = cli("summary", "--db", db, "--json")
    # workers start in this process's folder (the repository), as a real cluster's start in theirs
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0") as cluster:
        done = subprocess.run([sys.executable, "-m", "analysis", "summary", "ds", "--engine", "dask",
                               "--scheduler", cluster.scheduler_address, "--json"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=25)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(expected.stdout)


# 2. A daily total written "per day" is not read: the paracetamol overdose alert never fires.
def test_a_daily_total_written_per_day_raises_the_overdose_alert(tmp_path: Path) -> None:
    missed = []
    for i, text in enumerate(["paracetamol 5 g daily", "paracetamol 5 g/day", "paracetamol 5000 mg/day",
                              "paracetamol 5 g per day", "paracetamol 5 g a day"]):
        path = write_diary(tmp_path / f"dose{i}.csv", days("Dose", dt.date(2026, 10, 1), 1, medications=text))
        done = cli("summary", path, "--json")
        assert done.returncode == 0, done.stderr
        codes = [(a["code"], a["severity"]) for a in json.loads(done.stdout)[0]["alerts"]]
        if ("daily_dose_exceeded", "urgent") not in codes:
            missed.append(text)
    assert missed == []


# 3. Ctrl+C while the Dask summary's LocalCluster is starting prints a traceback.
def test_ctrl_c_during_the_dask_cluster_start_is_one_line(tmp_path: Path) -> None:
    db = two_patient_db(tmp_path)
    assert cli("export", "--db", db, "--format", "parquet", "-o", tmp_path / "ds").returncode == 0
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "summary", str(tmp_path / "ds"), "--engine", "dask",
                             "--json"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while time.monotonic() - started < 20:
            if sum("spawn_main" in line for line in children(proc.pid)) >= 2:  # the two workers are starting
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=25)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130
    assert "Traceback" not in err, err
    assert err.strip().count("\n") == 0 and err.startswith("error: "), err


# 4. Read-only commands create a diary at a mistyped --db.
def test_a_mistyped_db_is_not_created(tmp_path: Path) -> None:
    typo = tmp_path / "diray.db"
    for args in (["plan", "--patient", "Ann"], ["seen", "--patient", "Ann", "--code", "red_flag_emergency"],
                 ["screening", "--patient", "Ann"]):
        done = cli(*args, "--db", typo)
        assert done.returncode == 1
        assert not typo.exists(), f"{args[0]} created {typo.name}"
        assert "no diary" in done.stderr.lower(), done.stderr


# 5. The GP report's headline drops the year of a recovery in another year.
def test_report_headline_names_the_year_of_an_old_recovery(tmp_path: Path) -> None:
    onset = dt.date(2024, 8, 1)
    rows = [r | {"pain": 6 if i < 10 else 0} for i, r in enumerate(days("Old", onset, 40))]
    rows += [r | {"onset_date": onset} for r in days("Old", dt.date(2026, 11, 1), 7, pain=0)]
    db = tmp_path / "diary.db"
    assert cli("import", write_diary(tmp_path / "old.csv", rows), "--db", db).returncode == 0
    record = json.loads(cli("summary", "--db", db, "--json").stdout)[0]
    assert record["recovered_date"] == "2024-08-11"
    done = cli("report", "--db", db, "--patient", "Old", "-o", tmp_path / "old.pdf")
    assert done.returncode == 0, done.stderr
    words = pdf_words((tmp_path / "old.pdf").read_bytes())
    said = re.search(r"recovered since (\d{1,2} [A-Z][a-z]+)( \d{4})?", words)
    assert said, words[:400]
    assert said.group(2) == " 2024", said.group(0)


# 6. The Parquet export is written readable by others, unlike every other export.
def test_parquet_export_files_are_private(tmp_path: Path) -> None:
    db = two_patient_db(tmp_path)
    old = os.umask(0o022)
    try:
        assert cli("export", "--db", db, "--format", "parquet", "-o", tmp_path / "ds").returncode == 0
    finally:
        os.umask(old)
    open_to_others = sorted(f"{oct(p.stat().st_mode & 0o777)} {p.relative_to(tmp_path)}"
                            for p in (tmp_path / "ds").rglob("*") if p.stat().st_mode & 0o077)
    assert open_to_others == []


# 7. A bad option value is a usage error (exit 2), as for every other option.
def test_buckets_below_one_is_a_usage_error(tmp_path: Path) -> None:
    db = two_patient_db(tmp_path)
    done = cli("export", "--db", db, "--format", "parquet", "--buckets", "0", "-o", tmp_path / "ds")
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stderr.startswith("error: ") and "--buckets" in done.stderr


# 8. restore refuses the damaged diary it is documented to replace, when the damage is in SQLite's header.
def test_restore_replaces_a_diary_with_a_damaged_header(tmp_path: Path) -> None:
    db = two_patient_db(tmp_path)
    backup = tmp_path / "moved.backup"
    assert cli("backup", "--db", db, "-o", backup).returncode == 0
    data = bytearray(db.read_bytes())
    data[:100] = bytes(100)  # the 100-byte database header zeroed (a bad sector, a partial write)
    db.write_bytes(bytes(data))
    done = cli("restore", backup, "--db", db)
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.glob("diary.damaged-*.db")), sorted(p.name for p in tmp_path.iterdir())
    assert cli("summary", "--db", db, "--json").returncode == 0
