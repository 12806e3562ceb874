"""An open Diary whose file was replaced (a damaged diary restored) or moved never writes into the file renamed
aside: the write is refused in one sentence and the connection follows the file now at the path (review 26)."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from analysis.model.errors import DiaryReplaced
from analysis.storage import DayEntry, Diary
from analysis.storage.backups import replace_damaged


def _notes(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT notes FROM entries ORDER BY date")]
    finally:
        conn.close()


def _open_with_copy(tmp_path: Path) -> tuple[Diary, int, Path]:
    """The app's open diary with one day, and a backup of it."""
    diary = Diary(tmp_path / "diary.db")
    episode = diary.add_episode("Sam", dt.date(2026, 11, 1))
    diary.save_entry(episode, DayEntry(dt.date(2026, 11, 2), 6.0, notes="first"))
    diary.backup(tmp_path / "copy.db")
    return diary, episode, tmp_path / "copy.db"


def test_a_write_after_a_restore_is_refused_once_then_reaches_the_restored_diary(tmp_path: Path) -> None:
    app, episode, copy = _open_with_copy(tmp_path)
    before = app.revision()
    kept = replace_damaged(app.path, copy)
    with pytest.raises(DiaryReplaced, match="replaced .restored from a backup. since it was opened"):
        app.save_entry(episode, DayEntry(dt.date(2026, 11, 3), 5.0, notes="refused"))
    assert _notes(kept) == ["first"] and _notes(app.path) == ["first"]  # in neither file: it was said unsaved
    app.save_entry(episode, DayEntry(dt.date(2026, 11, 3), 5.0, notes="again"))
    assert _notes(app.path) == ["first", "again"] and _notes(kept) == ["first"]
    assert app.revision() != before
    app.close()


def test_the_app_follows_a_restore_before_it_reads(tmp_path: Path) -> None:
    app, _, copy = _open_with_copy(tmp_path)
    replace_damaged(app.path, copy)
    assert app.follow_replacement() is True
    assert app.follow_replacement() is False  # once
    assert app.entries()["notes"].tolist() == ["first"]
    app.close()


def test_a_diary_replaced_during_a_write_is_not_written(tmp_path: Path) -> None:
    app, episode, copy = _open_with_copy(tmp_path)
    aside = tmp_path / "aside.db"
    with pytest.raises(DiaryReplaced):
        with app.transaction():
            app.save_entry(episode, DayEntry(dt.date(2026, 11, 3), 5.0, notes="mid-write"))
            for suffix in ("", "-wal", "-shm"):  # renamed while the write runs: the commit must not land in it
                os.replace(f"{app.path}{suffix}", f"{aside}{suffix}")
            os.replace(copy, app.path)
    assert _notes(aside) == ["first"] and _notes(app.path) == ["first"]


def test_a_diary_moved_away_refuses_writes_and_creates_nothing(tmp_path: Path) -> None:
    app, episode, _ = _open_with_copy(tmp_path)
    os.replace(app.path, tmp_path / "moved.db")
    with pytest.raises(DiaryReplaced, match="moved or deleted"):
        app.save_entry(episode, DayEntry(dt.date(2026, 11, 3), 5.0))
    assert not app.path.exists()


def test_closing_a_replaced_connection_keeps_the_restored_diarys_wal(tmp_path: Path) -> None:
    app, episode, copy = _open_with_copy(tmp_path)
    replace_damaged(app.path, copy)
    other = Diary(app.path)  # another session on the restored diary: its day is in the -wal, not checkpointed
    other.save_entry(episode, DayEntry(dt.date(2026, 11, 3), 5.0, notes="in the wal"))
    app.close()  # closing the old file's last connection would delete the -wal and -shm by name
    assert Path(f"{app.path}-wal").exists()
    assert _notes(app.path) == ["first", "in the wal"]
    other.close()
