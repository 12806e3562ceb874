"""Review 10: `summary DIR --engine dask` against `summary --db` (README: "the JSON equals `summary --db` of the
same diary"), on a diary made here with awkward content.

The first test passes (kept as a guard); each xfail(strict=True) proves a disagreement today.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.storage import Diary
from analysis.storage.records import DayEntry, DoseEntry

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def pooled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two episodes of 'Ann "Quote", Lee' (decimal doses, both_legs and unwell signs, a clinician's seen mark,
    notes with commas, quotes, CR/LF, a formula), a patient with no entries but a "yes" set-up answer, and a
    patient named in emoji and CJK; exported as Parquet in 3 buckets."""
    folder = tmp_path_factory.mktemp("pooled")
    db = folder / "awkward.db"
    diary = Diary(db)
    name = 'Ann "Quote", Lee'
    first = diary.add_episode(name, "2026-10-01", label="=first, one", normal_activity_minutes=60)
    notes = ["", "\r\nlead and trail \t", "-2 better", "+plus", 'a,b"c"', "\u2028sep", "'quoted", "tab\there",
             "x\r", "end"]
    for i in range(10):
        diary.save_entry(first, DayEntry(
            dt.date(2026, 10, 1) + dt.timedelta(days=i), 7 - i * 0.55, worst_pain=None if i % 2 else 8.25,
            activity_minutes=None if i == 3 else 10.5 * i, bed_rest_hours=None if i < 5 else 0.25, notes=notes[i],
            doses=[DoseEntry("ibuprofen", 200.5, 3), DoseEntry("paracetamol", 500, 2)] if i < 4 else [],
            symptoms=["both_legs", "unwell"] if i == 2 else (["numbness"] if i == 5 else [])))
    diary.mark_seen(first, "red_flag_emergency", "2026-10-04", by="clinician")
    second = diary.add_episode(name, "2026-11-01")
    for i in range(5):
        diary.save_entry(second, DayEntry(dt.date(2026, 11, 1) + dt.timedelta(days=i), 5.125,
                                          doses=[DoseEntry("codeine", 30, 2)]))
    diary.save_screening(second, {"cancer_history": True, "night_pain": False})
    diary.save_screening(diary.add_episode("Nobody Yet", "2026-11-20"), {"age_over_50": True})
    third = diary.add_episode("Ωmega 😀 名前", "2026-11-10", normal_activity_minutes=30)
    for i in range(3):
        diary.save_entry(third, DayEntry(dt.date(2026, 11, 10) + dt.timedelta(days=i), 3, notes="日本語\n"))
    diary.close()
    out = folder / "parquet"
    assert cli("export", "--db", str(db), "--format", "parquet", "--buckets", "3", "-o", str(out)).returncode == 0
    return db, out


def test_the_dask_summary_equals_the_diarys_on_awkward_content(pooled: tuple[Path, Path]) -> None:
    db, out = pooled
    on_db = cli("summary", "--db", str(db), "--json", "--as-of", "2026-11-12")
    on_dask = cli("summary", str(out), "--engine", "dask", "--json", "--as-of", "2026-11-12")
    assert on_db.returncode == 0 and on_dask.returncode == 0, on_dask.stderr
    assert json.loads(on_dask.stdout) == json.loads(on_db.stdout)
    assert "NaN" not in on_dask.stdout and "Infinity" not in on_dask.stdout


def test_an_unknown_patient_is_refused_by_the_dask_summary_as_by_the_diarys(pooled: tuple[Path, Path]) -> None:
    db, out = pooled
    on_db = cli("summary", "--db", str(db), "--patient", "Ghost", "--json")
    assert (on_db.returncode, on_db.stdout) == (1, "")
    assert on_db.stderr.startswith("error: There is no patient called 'Ghost'")
    on_dask = cli("summary", str(out), "--engine", "dask", "--patient", "Ghost", "--json")
    assert (on_dask.returncode, on_dask.stdout) == (1, "")
    assert on_dask.stderr.startswith("error: There is no patient called 'Ghost'")


def test_the_dask_summary_opens_no_dashboard_and_stays_quiet_when_8787_is_taken(pooled: tuple[Path, Path]) -> None:
    _, out = pooled
    with contextlib.ExitStack() as stack:
        holder = stack.enter_context(socket.socket())
        with contextlib.suppress(OSError):  # taken already by someone else: the same situation
            holder.bind(("127.0.0.1", 8787))
            holder.listen()
        result = cli("summary", str(out), "--engine", "dask", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)
    assert result.stderr == ""


def test_the_parquet_dataset_holds_every_table_of_the_diary(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    diary = Diary(db)
    episode = diary.add_episode("Sam", "2026-11-01", normal_activity_minutes=40)
    diary.save_entry(episode, DayEntry(dt.date(2026, 11, 2), 5, activity_minutes=20))
    diary.set_exercises_done(episode, "2026-11-02", ["rest_90_90"])
    diary.set_work_hours(episode, "2026-11-02", 4)
    diary.acknowledge(episode, "behind_expected_curve", "fingerprint")
    diary.close()
    out = tmp_path / "pooled"
    assert cli("export", "--db", str(db), "--format", "parquet", "-o", str(out)).returncode == 0
    manifest = json.loads((out / "backtrack-dataset.json").read_text())
    held = " ".join(manifest["tables"])
    assert all(word in held for word in ("exercise", "work", "acknowledg")), manifest["tables"]
