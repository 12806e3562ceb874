"""Nothing covers the urgent banner: starting a diary while an earlier episode's urgent sign applies (AppTest).

The confirmation used to be a toast, which opens over the top right of the page; with the banner there (a new
episode keeps the earlier one's urgent sign on it) a 1280-pixel-wide window hid the end of the banner's first
line, "reported on ...", for the toast's four seconds (measured in Chromium: toast x 928-1264, y 68-128; banner
x 438-1142, y 96-248). Now it is written on the page, below the banner.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.storage import DayEntry, Diary
from dashboard.setup import DIARY_READY
from tests.apptest import run

TODAY = dt.date.today()


def test_a_new_diary_is_confirmed_below_the_banner_not_over_it(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=10), normal_activity_minutes=45)
    for back in range(10, 0, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 5, 6, 20,
                                           symptoms=["bladder_bowel"] if back == 1 else []))
    diary.close()
    at = run("screens/today.py")
    at.text_input(key=f"new_episode_{episode}_name").set_value("Robin")
    at.button(key=f"FormSubmitter:new_episode_{episode}-Start the new episode").click().run()
    assert not at.exception, at.exception
    assert at.session_state["episode_id"] != episode  # the new episode is open
    assert not at.toast  # nothing opens over the page
    said = [node.value for node in at.main if getattr(node, "type", None) in ("error", "success")]  # page order
    banner = [i for i, text in enumerate(said) if "Act now" in str(text)]
    note = [i for i, text in enumerate(said) if text == DIARY_READY]
    assert banner and note and banner[0] < note[0], said  # the banner first, the confirmation below it
    at.run()
    assert DIARY_READY not in [s.value for s in at.success]  # said once


def test_the_first_diary_is_confirmed_on_the_page(fresh_diary: Path) -> None:
    at = run("screens/today.py")
    at.text_input(key="onboarding_name").set_value("Robin")
    at.button(key="FormSubmitter:onboarding-Start my diary").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Today"
    assert [s.value for s in at.success] == [DIARY_READY] and not at.toast
