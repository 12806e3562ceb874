"""Review 5: Today's box for a sign that needs a doctor and the held walking target, as a patient meets them
(AppTest): the last day of the hold, and the sign logged again after 'I have been seen about this'."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.storage import DayEntry, Diary
from tests.apptest import run

pytestmark = pytest.mark.usefixtures("fresh_diary")  # every test starts on an empty diary file (conftest.py)
TODAY = dt.date.today()


def robin(path: Path, onset_ago: int, symptoms: dict[int, list[str]], last_ago: int = 1) -> int:
    """Robin, normal 60 minutes, onset `onset_ago` days ago, every day logged up to `last_ago` days ago with the
    day's walking target met (15, 20, 25 ... minutes); `symptoms` by days ago."""
    diary = Diary(path)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=onset_ago), normal_activity_minutes=60)
    for n in range(onset_ago - last_ago + 1):
        ago = onset_ago - n
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 3, None, 15 + 5 * n, 0, "",
                                           symptoms=symptoms.get(ago, [])))
    diary.close()
    return episode


def test_the_last_day_of_a_doctor_hold_says_see_the_doctor_not_a_physiotherapist(fresh_diary: Path) -> None:
    """FIXED (analysis/plan/walking.py walking_target): fever logged 7 days ago (the warning's last day) held the
    target for a week, and that week without build-up was read as a stall: under the fever box Today said 'No
    build-up for a week: a physiotherapist can help you build up.' in place of 'until a doctor has seen you'."""
    robin(fresh_diary, onset_ago=12, symptoms={7: ["fever"]})
    at = run("screens/today.py")
    assert [w.value.split(":")[0] for w in at.warning if "Fever" in w.value] == ["**Fever or weight loss**"]
    [bar] = at.get("progress")
    assert bar.proto.text.startswith("🚶 Walk 40 min today")  # held at day 5's target, as on every held day
    captions = [c.value for c in at.caption]
    assert not [c for c in captions if "physiotherapist can help you build up" in c], captions
    assert any("until a doctor has seen you about the warning above" in c for c in captions), captions


def test_a_week_held_for_a_doctor_then_built_up_is_not_a_stall(fresh_diary: Path) -> None:
    """The day after the hold ends (fever 8 days ago) the target builds up again, and no stall is said."""
    robin(fresh_diary, onset_ago=12, symptoms={8: ["fever"]})
    at = run("screens/today.py")
    assert not [w for w in at.warning if "Fever" in w.value]
    captions = [c.value for c in at.caption]
    assert not [c for c in captions if "physiotherapist" in c or "doctor has seen you" in c], captions
