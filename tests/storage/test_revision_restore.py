"""Diary.revision() moves on a restore, so no page cache keyed on it shows the diary that was replaced."""
from __future__ import annotations

import datetime as dt

from analysis.storage import DayEntry, Diary


def test_revision_changes_when_a_backup_is_restored(tmp_path) -> None:
    flagged = Diary(tmp_path / "flagged.db")
    episode = flagged.add_episode("Robin", dt.date(2026, 5, 1))
    flagged.save_entry(episode, DayEntry(dt.date(2026, 5, 2), 2, symptoms=["bladder_bowel"]))
    flagged.backup(tmp_path / "backup.db")
    flagged.close()
    diary = Diary(tmp_path / "d.db")
    episode = diary.add_episode("Robin", dt.date(2026, 5, 1))
    diary.save_entry(episode, DayEntry(dt.date(2026, 5, 2), 2))  # the same writes, without the red flag
    before = diary.revision()
    diary.restore(tmp_path / "backup.db")
    assert diary.symptoms()["symptom"].tolist() == ["bladder_bowel"]
    after = diary.revision()
    assert after != before
    diary.save_entry(episode, DayEntry(dt.date(2026, 5, 3), 2))
    assert diary.revision() not in (before, after)  # it still only grows
    diary.close()
