"""Review 10: a damaged diary put back from its automatic backup, as the error sentence tells the person to.

The passing test is the guard (damage in a diary page: recovery works); the xfail proves damage where the way
out the README and the error give is itself refused.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from analysis.storage import Diary
from analysis.storage.records import DayEntry
from tests.cli_run import cli

ROOT = Path(__file__).resolve().parent.parent




def _damaged(tmp_path: Path, table: str) -> tuple[Path, Path]:
    """Sam's 300-day diary, one import (hence one automatic backup), then one page of `table` overwritten."""
    db = tmp_path / "diary.db"
    diary = Diary(db)
    episode = diary.add_episode("Sam", "2026-01-01")
    for i in range(300):
        diary.save_entry(episode, DayEntry(dt.date(2026, 1, 1) + dt.timedelta(days=i), 5,
                                           notes="a fairly long note to fill the pages " * 4))
    diary.close()
    more = tmp_path / "more.csv"
    more.write_text("date,pain\n2026-11-01,4\n")
    assert cli("import", str(more), "--db", str(db), "--patient", "Sam").returncode == 0
    [backup] = sorted(tmp_path.glob("diary.backup-*-import.db"))
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", (table,)).fetchall()[0][0]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with db.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\xff" * size)
    damaged = cli("summary", "--db", str(db))
    assert damaged.returncode == 1 and "is damaged; restore the latest automatic backup with" in damaged.stderr
    return db, backup


def _recovers(db: Path, backup: Path) -> None:
    listed = cli("backups", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    assert str(backup) in listed.stdout
    restored = cli("restore", str(backup), "--db", str(db))
    assert restored.returncode == 0, restored.stderr
    summary = cli("summary", "--db", str(db))
    assert summary.returncode == 0 and "Sam" in summary.stdout


def test_a_damaged_diary_page_is_put_back_from_the_automatic_backup(tmp_path: Path) -> None:
    _recovers(*_damaged(tmp_path, "entries"))


def test_a_diary_with_a_damaged_migrations_page_can_still_be_restored(tmp_path: Path) -> None:
    _recovers(*_damaged(tmp_path, "_sqlite_migrations"))
