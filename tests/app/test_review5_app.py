"""Review 5: Today's box for a sign that needs a doctor and the held walking target, as a patient meets them
(AppTest): the last day of the hold, and the sign logged again after 'I have been seen about this'."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.model.dates import plain_date
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


def test_a_sign_logged_again_after_being_seen_today_shows_again(fresh_diary: Path) -> None:
    """FIXED (analysis/storage/entries.py stamps a sign's save time, analysis/alerts/seen_after.py): after 'I have
    been seen about this' today, fever logged again later today opened no box and held nothing, though the toast
    says 'If the sign comes back, log it again' (the mark closed every report on or before its date)."""
    episode = robin(fresh_diary, onset_ago=5, symptoms={1: ["fever"]})
    at = run("screens/today.py")
    at.button(key="seen_red_flag_see_doctor_today").click().run()
    assert not [w for w in at.warning if "Fever" in w.value]  # seen: closed, as landed
    diary = Diary(fresh_diary)
    diary.save_entry(episode, DayEntry(TODAY, 3, None, 10, 0, "", symptoms=["fever"]))  # it came back tonight
    diary.close()
    again = run("screens/today.py")
    assert [w.value.split(":")[0] for w in again.warning if "Fever" in w.value] == ["**Fever or weight loss**"]


def test_a_doctor_sign_of_the_earlier_episode_still_shows_on_today(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    earlier = diary.add_episode("Robin", TODAY - dt.timedelta(days=30), normal_activity_minutes=60)
    diary.save_entry(earlier, DayEntry(TODAY - dt.timedelta(days=3), 3, None, 30, 0, "", symptoms=["fever"]))
    diary.close()
    robin(fresh_diary, onset_ago=2, symptoms={})
    """FIXED (dashboard/alerts_view.py doctor_box reads the person's alerts, this episode's first): fever logged 3
    days ago in the person's earlier episode showed no box on the new episode's Today (started 2 days ago). The
    box names the episode, and its "I have been seen" marks that episode. FIXED too (analysis/plan/doctor_hold.py
    held_elsewhere, analysis/review/today_plan.py doctor_held_elsewhere): the new episode's target built up to 25
    minutes under that box, which says it is held until a doctor has seen you; it is held at the start's 15."""
    at = run("screens/today.py")
    assert [b.proto.text for b in at.get("progress")][0].startswith("🚶 Walk 15 min today")  # held, as the box says
    assert any("until a doctor has seen you about the warning above" in c.value for c in at.caption)
    [box] = [w.value for w in at.warning if "Fever reported on" in w.value]
    assert box.startswith(f"In your back pain episode from {plain_date(TODAY - dt.timedelta(days=30))}: ")
    at.button(key=f"seen_red_flag_see_doctor_today_episode_{earlier}").click().run()
    assert not at.exception, at.exception
    assert not [w for w in at.warning if "Fever reported on" in w.value]
    # seen today about the earlier episode's fever: today's target builds on yesterday's 20 minutes
    assert [b.proto.text for b in at.get("progress")][0].startswith("🚶 Walk 25 min today")
    diary = Diary(fresh_diary)
    assert diary.seen()[["episode_id", "code"]].values.tolist() == [[earlier, "red_flag_see_doctor"]]
    diary.close()


def test_progress_of_a_diary_that_stopped_names_the_week_its_figures_are_of(fresh_diary: Path) -> None:
    """FIXED (analysis/review/status_headline.py, progress_text.activity_line): read 10 days after the last entry
    (day 10 of 20), Progress said 'Day 20: pain down ...' and 'Last 7 days: about 50 minutes a day' beside 'Pain on
    day 10 (7-day average, last entry)': no entry is in the last 7 days."""
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=20), normal_activity_minutes=60)
    for n in range(11):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=20 - n), 7 - n * 0.2, 8, 15 + 5 * n, 0, ""))
    diary.close()
    at = run("screens/progress.py")
    labels = [m.label for m in at.metric]
    assert "Pain on day 10 (7-day average, last entry)" in labels, labels  # as landed
    [head] = [h.value for h in at.subheader if "pain down" in h.value]
    assert "Day 10 (last entry): pain down 18% from 6.8" in head, head
    words = "\n".join(m.value for m in at.markdown)
    assert "The 7 days to day 10 (last entry): about **50 minutes a day**" in words, words
    assert "Last 7 days" not in words
