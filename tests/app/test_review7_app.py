"""Review 7: a sign that needs a doctor logged in the person's earlier episode, met on Today as the patient meets it
(the landed hold of the new episode's walking target, 3859f25)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.storage import DayEntry, Diary
from tests.apptest import run

pytestmark = pytest.mark.usefixtures("fresh_diary")  # every test starts on an empty diary file (conftest.py)
TODAY = dt.date.today()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_one_seen_on_today_closes_the_same_sign_logged_in_both_episodes(fresh_diary: Path) -> None:
    """FIXED (dashboard/alerts_view.py _mark_seen: Today's box marks every episode of the person holding the code,
    urgent_now.episodes_holding). Fever logged on the earlier episode's last day (3 days ago) and again on the new
    episode's first day (2 days ago). Today shows one fever box; the patient says 'I have been seen about this'
    once. The box then came back, naming the earlier episode, and the walk stayed held at 15 min: a second click
    was needed for the same visit about the same fever."""
    diary = Diary(fresh_diary)
    earlier = diary.add_episode("Robin", _ago(30), normal_activity_minutes=60)
    diary.save_entry(earlier, DayEntry(_ago(3), 3, None, 30, 0, "", symptoms=["fever"]))
    new = diary.add_episode("Robin", _ago(2), normal_activity_minutes=60)
    diary.save_entry(new, DayEntry(_ago(2), 3, None, 15, 0, "", symptoms=["fever"]))
    diary.save_entry(new, DayEntry(_ago(1), 3, None, 20, 0, "", symptoms=[]))
    diary.close()
    at = run("screens/today.py")
    assert len([w for w in at.warning if "Fever reported on" in w.value]) == 1  # one box, this episode's
    assert [b.proto.text for b in at.get("progress")][0].startswith("🚶 Walk 15 min today")  # held
    at.button(key="seen_red_flag_see_doctor_today").click().run()
    assert not at.exception, at.exception
    assert [w.value for w in at.warning if "Fever reported on" in w.value] == []  # it came back, earlier episode's
    assert [b.proto.text for b in at.get("progress")][0].startswith("🚶 Walk 25 min today")  # built on 20 min
    diary = Diary(fresh_diary)
    assert sorted(diary.seen()["episode_id"].astype(int)) == sorted([earlier, new])
    diary.close()
