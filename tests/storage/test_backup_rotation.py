"""Automatic backups: which copies are kept, decided from the diary and from an order Backtrack controls (review 26).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.storage import DayEntry, Diary, bulk
from analysis.workflows.diary_io import import_bytes

ANN = b"date,pain,patient\n2026-11-10,4,Ann\n"


def _sam(path: Path) -> Diary:
    diary = Diary(path)
    episode = diary.add_episode("Sam", "2026-11-01")
    diary.save_entry(episode, DayEntry(dt.date(2026, 11, 2), 6.0))
    return diary


def test_an_import_stopped_before_its_commit_keeps_no_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing changed (all or nothing): the copy is the diary as it still is, and keeping it would push out
    older ones."""
    diary = _sam(tmp_path / "diary.db")

    def stopped(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(bulk, "write_diary", stopped)
    with pytest.raises(KeyboardInterrupt):
        import_bytes(diary, ANN, "ann.csv")
    assert diary.automatic_backups() == []
    assert not diary.import_went_in_when_stopped()


def test_an_import_stopped_after_its_commit_keeps_its_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The transaction committed, then the exception came: the diary changed, so the copy from before is kept, and
    the command that was stopped is told the file went in (once)."""
    diary = _sam(tmp_path / "diary.db")
    write = bulk.write_diary

    def committed_then_stopped(*args: object, **kwargs: object) -> None:
        write(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(bulk, "write_diary", committed_then_stopped)
    with pytest.raises(KeyboardInterrupt):
        import_bytes(diary, ANN, "ann.csv")
    assert len(diary.automatic_backups()) == 1
    assert diary.import_went_in_when_stopped()
    assert not diary.import_went_in_when_stopped()


def test_ctrl_c_after_a_files_commit_says_it_went_in_and_what_did_not(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """`import a.csv b.csv` stopped as a.csv is saved: a.csv is said to be in, b.csv to be left out (exit 130)."""
    from analysis.cli import main

    path = tmp_path / "diary.db"
    _sam(path).close()
    (tmp_path / "a.csv").write_bytes(ANN)
    (tmp_path / "b.csv").write_bytes(ANN.replace(b"Ann", b"Bea"))
    write = bulk.write_diary

    def committed_then_stopped(*args: object, **kwargs: object) -> None:
        write(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(bulk, "write_diary", committed_then_stopped)
    code = main(["import", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), "--db", str(path)])
    said = capsys.readouterr()
    assert code == 130
    assert "a.csv: imported" in said.out
    assert said.err.strip() == "error: Stopped after a.csv was imported; the 1 file after it was not imported " \
                               "(each file goes in whole or not at all)."
    assert len(Diary(path).automatic_backups()) == 1


def test_copies_rank_by_their_number_not_their_clock_time(tmp_path: Path) -> None:
    """A copy named by a clock that was ahead ranks below every numbered copy made after it; old names rank
    below numbered ones."""
    from analysis.storage.backup_names import automatic_backups, new_backup_name

    diary = tmp_path / "diary.db"
    old = tmp_path / "diary.backup-20991231-235959-000000-import.db"
    old.touch()
    first = new_backup_name(diary, tmp_path, "import", pending=False)
    first.touch()
    second = new_backup_name(diary, tmp_path, "restore", pending=False)
    assert automatic_backups(diary) == [first, old]
    second.touch()
    assert automatic_backups(diary) == [second, first, old]
    assert "-000002-restore" in second.name


def test_pending_copies_never_count_and_go_once_older_than_those_kept(tmp_path: Path) -> None:
    """A copy left by a killed import does not push out a finished one; once older than every copy kept, it goes."""
    from analysis.storage.backup_names import backup_words, new_backup_name, to_prune

    diary = tmp_path / "diary.db"
    real = new_backup_name(diary, tmp_path, "import", pending=False)
    real.touch()
    left = new_backup_name(diary, tmp_path, "import", pending=True)  # an import killed before its commit
    left.touch()
    assert backup_words(left).endswith("(before an import that was stopped)")
    for _ in range(3):
        new_backup_name(diary, tmp_path, "import", pending=False).touch()
    assert to_prune(diary, 4) == []  # four finished copies: the leftover pushes none out
    assert to_prune(diary, 3) == [real, left]  # older than every copy kept: it goes with them
