"""A diary pooled as Parquet and summarised on Dask gives the same JSON as `summary --db`."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.storage import DayEntry, Diary
from analysis.workflows import pooled
from analysis.workflows.diary_io import load_demo

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built_diary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo diaries plus a patient with an urgent sign marked seen (so every table has rows): built once
    for this module (a few seconds), then copied for each test."""
    path = tmp_path_factory.mktemp("pooled") / "diary.db"
    diary = Diary(path)
    load_demo(diary)
    episode = diary.add_episode("Zoë <b>O'Brien</b>", "2026-03-01", normal_activity_minutes=60)
    for day in range(10):
        diary.add_entry(episode, DayEntry(date=dt.date(2026, 3, day + 1), pain=7 - day * 0.3, activity_minutes=20,
                                          symptoms=["bladder_bowel"] if day == 4 else []))
    diary.mark_seen(episode, "red_flag_emergency", "2026-03-07", by="clinician")
    diary.save_screening(episode, {"cancer_history": True, "night_pain": False, "recent_trauma": None})
    diary.close()
    return path


@pytest.fixture
def diary(built_diary: Path, tmp_path: Path) -> Diary:
    """A copy of the built diary, at tmp_path/diary.db, open."""
    shutil.copyfile(built_diary, tmp_path / "diary.db")
    return Diary(tmp_path / "diary.db")


def _tables(diary: Diary) -> dict:
    return {name: read(diary) for name, read in pooled.TABLES.items()}


def test_every_bucket_summarised_alone_gives_the_diary_summary(diary, tmp_path):
    folder = pooled.write_dataset(diary, tmp_path / "pooled", buckets=3)
    expected = pooled.summarise_tables(_tables(diary))
    whole = pooled.sort_records(pooled.summarise_bucket(folder, None))
    by_bucket = pooled.sort_records([r for part in range(3) for r in pooled.summarise_bucket(folder, part)])
    assert whole == expected
    assert by_bucket == expected
    zoe = next(r for r in expected if r["patient"] == "Zoë <b>O'Brien</b>")
    assert zoe["screening"]["see_gp_first"] is True


def test_a_patient_never_spans_two_buckets(diary, tmp_path):
    import pandas as pd
    folder = pooled.write_dataset(diary, tmp_path / "pooled", buckets=4)
    entries = pd.read_parquet(folder / "entries")
    assert entries.groupby("patient", observed=True)[pooled.BUCKET].nunique().max() == 1
    assert len(entries) == len(diary.entries())


def test_the_dataset_folder_must_be_new(diary, tmp_path, capsys):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "keep.txt").write_text("mine")
    code = main(["export", "--db", str(tmp_path / "diary.db"), "--format", "parquet", "-o", str(tmp_path / "busy")])
    assert code == 1
    assert "must be new or empty" in capsys.readouterr().err
    assert (tmp_path / "busy" / "keep.txt").read_text() == "mine"


def test_a_folder_that_is_not_a_dataset_is_one_sentence(tmp_path, capsys):
    (tmp_path / "plain").mkdir()
    code = main(["summary", str(tmp_path / "plain"), "--engine", "dask", "--json"])
    err = capsys.readouterr().err
    assert code == 1 and "not a Backtrack Parquet dataset" in err and "Traceback" not in err


def test_summary_on_a_two_worker_local_cluster_equals_summary_db(diary, tmp_path, capsys):
    """The public contract, end to end through the CLI: same JSON from the diary and from Dask. The Dask
    summary runs as a real `python -m analysis` (its two-worker LocalCluster); export and the diary's summary
    run the same `main` in this process."""
    db = str(tmp_path / "diary.db")
    diary.close()
    folder = tmp_path / "pooled"
    assert main(["export", "--db", db, "--format", "parquet", "-o", str(folder), "--buckets", "4"]) == 0
    capsys.readouterr()
    assert main(["summary", "--db", db, "--json"]) == 0
    from_db = capsys.readouterr().out
    on_dask = subprocess.run([sys.executable, "-m", "analysis", "summary", str(folder), "--engine", "dask", "--json"],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert on_dask.returncode == 0, on_dask.stderr[-2000:]
    assert json.loads(on_dask.stdout) == json.loads(from_db)
    assert on_dask.stdout == from_db
    assert "Traceback" not in on_dask.stderr
