"""The schema upgrade on open runs under the write lock, and only when something is pending (review 26)."""
from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from analysis.model.errors import DiaryBusy
from analysis.storage import Diary
from analysis.storage.migrations import migrations
from tests.old_diary import old_diary


def _open(path: str) -> str:
    """Open the diary in a program of its own: what it says ('' when it opened)."""
    try:
        Diary(path).close()
    except Exception as error:  # noqa: BLE001 - what the person would see is the point
        return f"{type(error).__name__}: {error}"
    return ""


def test_an_up_to_date_diary_opens_while_another_program_writes(tmp_path: Path) -> None:
    path = tmp_path / "diary.db"
    Diary(path).close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # an import holding the write lock
    try:
        Diary(path).close()  # nothing pending: no write lock wanted, no wait
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_an_old_diary_waits_for_the_write_lock_to_upgrade(tmp_path: Path, quick_busy: None) -> None:
    path = tmp_path / "diary.db"
    old_diary(path, "m010_symptom_recorded_at", "2026-11-01", "2026-11-02")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode=wal")  # as the app left it: opening reads beside a writer
    writer.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DiaryBusy):  # it never upgrades beside another writer; it says busy in one sentence
            Diary(path)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert Diary(path).entries()["pain"].tolist() == [6.0]


def test_four_programs_opening_an_old_diary_at_once_all_open_it(tmp_path: Path) -> None:
    path = tmp_path / "diary.db"
    old_diary(path, "m003_alert_acknowledgements", "2026-11-01", "2026-11-02")
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        said = pool.map(_open, [str(path)] * 4)
    assert said == [""] * 4
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    conn.close()
    assert names == [m.name for m in migrations._migrations]  # each applied once


def test_a_diary_upgraded_by_another_program_meanwhile_is_opened_as_it_is(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "diary.db"
    old_diary(path, "m003_alert_acknowledgements", "2026-11-01", "2026-11-02")
    backup = Diary.auto_backup

    def another_program_meanwhile(self: Diary, reason: str, prune: bool = True) -> Path | None:
        taken = backup(self, reason, prune)  # this program has seen what is pending, and copied the diary
        monkeypatch.setattr(Diary, "auto_backup", backup)
        Diary(path).close()  # another program upgrades it before this one takes the write lock
        return taken

    monkeypatch.setattr(Diary, "auto_backup", another_program_meanwhile)
    assert Diary(path).entries()["pain"].tolist() == [6.0]  # read again under the lock: nothing left to apply
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    conn.close()
    assert names == [m.name for m in migrations._migrations]
