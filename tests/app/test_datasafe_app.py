"""The app keeps every entry when the diary is busy, and restores automatic backups (AppTest)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.storage import Diary
from analysis.workflows.diary_io import import_path
from tests.apptest import app, with_demo
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def demo_diary(fresh_diary: Path) -> Path:
    """The app's diary file (conftest.py) with the demo diaries loaded."""
    with_demo(fresh_diary)
    return fresh_diary


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in at.error).replace("\\", "")


def test_a_save_during_an_import_is_kept_with_a_calm_sentence(fresh_diary, monkeypatch):
    monkeypatch.setattr("analysis.storage.connection.BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr("analysis.storage.guard.begin_immediate.__defaults__", (1,))
    at = app().run()
    before = Diary(fresh_diary).entries()
    at.segmented_control(key="log_pain").set_value(6)
    at.text_area(key="log_notes").set_value("kept while busy")
    importer = sqlite3.connect(fresh_diary, timeout=0)
    importer.execute("BEGIN IMMEDIATE")  # what a CLI import holds while it writes
    at.button(key="log_save").click().run()
    assert not at.exception
    assert "The diary is busy with an import; your entry is kept -- press Save again." in _texts(at)
    assert at.text_area(key="log_notes").value == "kept while busy" and at.segmented_control(key="log_pain").value == 6
    importer.rollback()
    importer.close()
    at.button(key="log_save").click().run()
    assert not at.exception and not at.error
    after = Diary(fresh_diary).entries()
    assert "kept while busy" in after["notes"].tolist() and len(after) >= len(before)


def test_an_automatic_backup_is_restored_with_one_button(fresh_diary):
    diary = Diary(fresh_diary)
    assert not diary.automatic_backups()  # the demo was loaded into an empty diary: nothing to keep before it
    import_path(diary, ROOT / "sample_data" / "1_anna_rapid_recovery.csv")  # the same days: changes nothing,
    assert not diary.automatic_backups()  # so it keeps no copy (review 10)
    changed = fresh_diary.parent / "anna_more.csv"
    changed.write_text((ROOT / "sample_data" / "1_anna_rapid_recovery.csv").read_text().replace(",7,", ",6,", 1))
    import_path(diary, changed)  # an import that changes a day takes one
    assert diary.automatic_backups()
    at = app().switch_page("screens/diary.py").run()
    assert not at.exception
    at.button(key="auto_backup_restore").click().run()
    assert not any(p.name.endswith("-restore.db") for p in diary.automatic_backups())  # asked first (review 12)
    at.button(key="auto_backup_confirm").click().run()
    assert not at.exception and not at.error
    assert any(p.name.endswith("-restore.db") for p in diary.automatic_backups())
