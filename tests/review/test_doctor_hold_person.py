"""Today's plan, Progress's walking chart and the GP report hold the same days for a sign that needs a doctor
logged in the person's earlier episode (analysis.review.today_plan.doctor_held_elsewhere), as Today's box shows
that sign (review 5: fever logged 3 days ago in the earlier episode, a new episode started 2 days ago)."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.plan import walking
from analysis.review.progress import progress_view
from analysis.review.today_plan import doctor_held_elsewhere, plan_for
from analysis.storage import DayEntry, Diary

TODAY = dt.date(2026, 11, 22)


def _robin(fever_ago: int) -> tuple[Diary, int, int]:
    """An earlier episode with fever `fever_ago` days before TODAY, a new one from 2 days ago walked to target."""
    diary = Diary(":memory:")
    earlier = diary.add_episode("Robin", TODAY - dt.timedelta(days=30), normal_activity_minutes=60)
    diary.save_entry(earlier, DayEntry(TODAY - dt.timedelta(days=fever_ago), 3, None, 30, 0, "", symptoms=["fever"]))
    new = diary.add_episode("Robin", TODAY - dt.timedelta(days=2), normal_activity_minutes=60)
    for n, minutes in enumerate((15, 20, 25)):
        diary.save_entry(new, DayEntry(TODAY - dt.timedelta(days=2 - n), 3, None, minutes, 0, ""))
    diary.add_episode("Sam", TODAY - dt.timedelta(days=2), normal_activity_minutes=60)
    return diary, earlier, new


def _progress_course(diary: Diary, episode: int) -> pd.DataFrame:
    ids = [episode]
    return progress_view(diary.entries(), diary.doses(ids), diary.symptoms(ids), diary.episodes(), episode,
                         seen=diary.seen(ids), today=TODAY,
                         held_elsewhere=doctor_held_elsewhere(diary, episode)).walking


def test_the_new_episodes_target_is_held_on_today_and_on_progress() -> None:
    diary, _, new = _robin(fever_ago=3)
    plan = plan_for(diary, new, TODAY, urgent=[])
    assert (plan.walking.minutes, plan.walking.state) == (15.0, walking.HELD_DOCTOR)  # 25 built up, before
    course = _progress_course(diary, new)
    assert course["target_minutes"].tolist() == [15.0, 15.0, 15.0]
    assert course["state"].tolist() == [walking.HELD_DOCTOR] * 3


def test_seen_on_the_earlier_episode_ends_the_hold_on_both() -> None:
    diary, earlier, new = _robin(fever_ago=3)
    diary.mark_seen(earlier, "red_flag_see_doctor", TODAY)
    plan = plan_for(diary, new, TODAY, urgent=[])
    assert (plan.walking.minutes, plan.walking.state) == (25.0, walking.BUILDING)  # yesterday's 20 walked + 5
    assert _progress_course(diary, new)["state"].tolist() == [walking.HELD_DOCTOR] * 2 + [walking.BUILDING]


def test_a_sign_of_the_earlier_episode_older_than_its_warning_holds_nothing() -> None:
    diary, _, new = _robin(fever_ago=10)
    held = doctor_held_elsewhere(diary, new)["date"]
    assert held.max() == pd.Timestamp(TODAY - dt.timedelta(days=3))  # its warning's last day, before the onset
    assert plan_for(diary, new, TODAY, urgent=[]).walking.minutes == 25.0  # built on 15 and 20 walked
    assert _progress_course(diary, new)["target_minutes"].tolist() == [15.0, 20.0, 25.0]


def test_another_persons_fever_holds_nothing() -> None:
    diary, _, _ = _robin(fever_ago=3)
    sam = int(diary.episodes()["episode_id"].max())
    assert doctor_held_elsewhere(diary, sam).empty
