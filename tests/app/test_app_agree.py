"""The patient pages agree with the Clinic and the CLI about an urgent sign (consistency review, AppTest).

tests/review/test_surfaces_agree.py proves the same disagreements through the public functions; this drives
the page a person uses. Each was proved here as a strict xfail, then fixed (analysis.review.urgent_now).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.review.today_plan import plan_for
from analysis.review.triage import URGENT_PRIORITY, triage_list
from analysis.storage import DayEntry, Diary
from tests.apptest import run

pytestmark = pytest.mark.usefixtures("fresh_diary")  # every test starts on an empty diary file (conftest.py)
TODAY = dt.date.today()


def test_seen_today_before_logging_today_closes_the_banner(fresh_diary: Path) -> None:
    """Loss of bladder control logged yesterday (the last diary day); today, before logging, the person presses
    "I have been seen about this" with its default date (today). The toast says the alert is closed, the Clinic
    agrees; the banner and Today's paused plan must agree too."""
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=30), normal_activity_minutes=45)
    for back in range(30, 0, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 2, 3, 45, 0, "",
                                           symptoms=["bladder_bowel"] if back == 1 else []))
    diary.close()
    at = run("screens/progress.py")
    assert any("Act now" in e.value for e in at.error)
    assert at.date_input(key="seen_date_red_flag_emergency").value == TODAY
    at.button(key="seen_red_flag_emergency").click().run()
    assert not at.exception
    stored = Diary(fresh_diary)
    clinic = triage_list(stored.entries(), stored.doses(), stored.symptoms(), stored.episodes(), TODAY,
                         seen=stored.seen(), screening=stored.screening(), answers=stored.answers(), live=True)
    assert clinic["priority"].iloc[0] != URGENT_PRIORITY and not plan_for(stored, episode, TODAY).paused
    stored.close()
    assert not any("Act now" in e.value for e in at.error)  # the banner: still "act now"


def _robin(path: Path, flag: bool) -> None:
    """Robin's diary: onset 10 days ago, an ordinary day each day up to yesterday; with `flag`, yesterday
    brings loss of bladder control."""
    diary = Diary(path)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=10), normal_activity_minutes=45)
    for back in range(10, 0, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 2, 3, 45, 0, "",
                                           symptoms=["bladder_bowel"] if flag and back == 1 else []))
    diary.close()


def test_a_restored_diary_shows_its_red_flag_at_once(fresh_diary: Path, tmp_path: Path) -> None:
    """Restoring a backup replaced the diary without moving Diary.revision() (SQLite's backup API counts in
    neither data_version nor total_changes), so every page cache keyed on it (the banner's alert history,
    the Progress view, Today's plan, the Clinic's list) kept showing the diary before the restore: here no
    "Act now" for the red flag the restored diary holds."""
    from analysis.workflows.diary_io import backup_bytes

    _robin(tmp_path / "with_flag.db", flag=True)
    backup = backup_bytes(Diary(tmp_path / "with_flag.db"))
    _robin(fresh_diary, flag=False)
    at = run("screens/diary.py")
    assert not any("Act now" in e.value for e in at.error)
    at.file_uploader(key="restore_upload").set_value(("backup.db", backup, "application/octet-stream")).run()
    at.button(key="restore_confirm").click().run()
    assert not at.exception
    assert not Diary(fresh_diary).symptoms().empty  # the restored diary holds the red flag
    assert any("Act now" in e.value for e in at.error)  # and the banner shows it
    at.switch_page("screens/progress.py").run()
    assert "a warning sign needs care now" in at.subheader[0].value


def test_a_new_episode_keeps_yesterdays_red_flag_on_the_banner(fresh_diary: Path) -> None:
    """Loss of bladder control yesterday; today the person starts a new episode of back pain and logs it."""
    _robin(fresh_diary, flag=True)
    diary = Diary(fresh_diary)
    second = diary.add_episode("Robin", TODAY, normal_activity_minutes=45)
    diary.save_entry(second, DayEntry(TODAY, 5, 6, 10))
    clinic = triage_list(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), TODAY,
                         seen=diary.seen(), screening=diary.screening(), answers=diary.answers(), live=True)
    diary.close()
    assert clinic["priority"].iloc[0] == URGENT_PRIORITY  # the Clinic: Robin, urgent
    at = run("screens/today.py")
    assert at.session_state["episode_id"] == second
    banner = [e.value for e in at.error if "Act now" in e.value]  # the person's own pages, on the new episode
    assert banner and "In your back pain episode from " in banner[0]  # says which episode: its "seen" is there
    assert any("call your emergency number" in e.value for e in at.error)  # Today's plan is paused for it
