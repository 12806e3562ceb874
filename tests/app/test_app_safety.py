"""Issue 9 in the app (AppTest): the seen button, the Today plan paused while urgent, put-aside warnings listed."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.storage import DayEntry, Diary
from tests.apptest import run

pytestmark = pytest.mark.usefixtures("fresh_diary")  # every test starts on an empty diary file (conftest.py)
TODAY = dt.date.today()


def diary_with(path: Path, symptoms: list[str], normal: float = 45) -> int:
    """Onset 30 days ago, an ordinary diary, the symptoms yesterday, an ordinary day today."""
    diary = Diary(path)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=30), normal_activity_minutes=normal)
    for back in range(30, -1, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 2, 3, 45, 0, "",
                                           symptoms=symptoms if back == 1 else []))
    diary.close()
    return episode


def test_today_plan_is_replaced_by_what_to_do_now_while_urgent(fresh_diary: Path) -> None:
    diary_with(fresh_diary, ["bladder_bowel"])
    at = run("screens/today.py")
    text = "\n".join(m.value for m in at.markdown)
    assert "What to do now" in text and "Today's plan" not in text
    assert "active minutes today" not in text and "sport and work" not in text
    yesterday = TODAY - dt.timedelta(days=1)
    banner = [e.value for e in at.error if "Act now" in e.value]
    assert banner and f"Loss of bladder or bowel control reported on {yesterday.day} {yesterday:%B %Y}" in banner[0]



def test_an_ordinary_next_day_written_behind_the_app_keeps_the_banner(fresh_diary: Path) -> None:
    """Issue 9 with the diary changed by another process while the app is open (what
    tests/browser/test_browser_safety.py checked until issue 12): the app reads the new day, and the red
    flag before it stays on the banner with its date."""
    episode = diary_with(fresh_diary, ["bladder_bowel"])
    at = run("screens/today.py")
    yesterday, tomorrow = TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)
    stored = Diary(fresh_diary)  # the next day is ordinary, logged straight into the diary file
    stored.save_entry(episode, DayEntry(tomorrow, 2, 3, 30))
    stored.close()
    at.run()
    assert not at.exception
    banner = [e.value for e in at.error if "Act now" in e.value]
    assert banner and f"Loss of bladder or bowel control reported on {yesterday.day} {yesterday:%B %Y}" in banner[0]
    text = "\n".join(m.value for m in at.markdown)
    assert "What to do now" in text and "Today's plan" not in text
    at.switch_page("screens/diary.py").run()
    assert len(at.dataframe[0].value) == 32  # the 31 days before and the one written behind the app's back

def test_today_plan_shown_without_an_urgent_sign(fresh_diary: Path) -> None:
    diary_with(fresh_diary, [])
    at = run("screens/today.py")
    text = "\n".join(m.value for m in at.markdown)
    assert "Today's plan" in text and "What to do now" not in text


def test_seen_button_closes_the_urgent_alert(fresh_diary: Path) -> None:
    episode = diary_with(fresh_diary, ["bladder_bowel"])
    at = run("screens/progress.py")
    assert any("Loss of bladder or bowel control reported on" in e.value for e in at.error)
    assert not any(b.key == "ack_red_flag_emergency" for b in at.button)  # cannot be put aside
    assert at.date_input(key="seen_date_red_flag_emergency").value == TODAY
    at.button(key="seen_red_flag_emergency").click().run()
    assert not at.exception
    assert not any("Act now" in e.value for e in at.error)
    seen = Diary(fresh_diary).seen([episode])
    assert seen[["code", "seen_by"]].values.tolist() == [["red_flag_emergency", "patient"]]
    assert seen["seen_date"].iloc[0].date() == TODAY


def test_a_warning_put_aside_is_still_listed(fresh_diary: Path) -> None:
    diary_with(fresh_diary, ["fever"])
    at = run("screens/progress.py")
    at.button(key="ack_red_flag_see_doctor").click().run()
    assert not at.exception
    assert not any("No warnings right now" in s.value for s in at.success)
    assert any("Put aside" in cap.value and "Fever reported on" in cap.value for cap in at.caption)
