"""An urgent alert pauses the walking target on Today, and Progress's course pauses on the same days: the pause is
read from the engine's alert history of the person's episodes (analysis.plan.doctor_hold.urgent_days), so a
paracetamol overdose and an emergency sign logged in the person's earlier episode pause both, as the banner shows
them (before: Today paused for them; Progress's course read the emergency signs of the episode itself only and built
the target up through them)."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.plan import walking
from analysis.review.progress_for import progress_for
from analysis.review.today_plan import course_until, plan_for
from analysis.storage import DayEntry, Diary, DoseEntry

TODAY = dt.date(2026, 11, 22)


def _walker(diary: Diary, name: str, onset_ago: int, days: int) -> int:
    """`name`'s episode from `onset_ago` days before TODAY, `days` days logged from onset, walking 15 + 5 a day."""
    episode = diary.add_episode(name, TODAY - dt.timedelta(days=onset_ago), normal_activity_minutes=90)
    for i in range(days):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=onset_ago - i), 4, 5, 15 + 5 * i, 0, ""))
    return episode


def _paused_days(course: pd.DataFrame) -> list[int]:
    return course.loc[course["state"] == walking.PAUSED, "day"].astype(int).tolist()


def test_a_paracetamol_overdose_pauses_today_and_the_progress_course_alike() -> None:
    diary = Diary(":memory:")
    eve = _walker(diary, "Eve", 9, 10)  # day 9 is today
    diary.save_entry(eve, DayEntry(TODAY - dt.timedelta(days=6), 4, 5, 30, 0, "",
                                   doses=[DoseEntry("paracetamol", 500, 10)]))  # day 3: 5 g (GUIDANCE: 4 g a day)
    plan = plan_for(diary, eve, TODAY)
    course = progress_for(diary, eve, TODAY).walking
    assert plan.paused and plan.walking.minutes is None
    assert _paused_days(course) == list(range(4, 10))  # from the day after, until seen
    assert course.loc[course["day"] >= 4, "target_minutes"].isna().all()
    assert _paused_days(course_until(diary, eve, TODAY)) == list(range(4, 10))  # the week line's course too


def test_an_emergency_in_the_earlier_episode_pauses_the_new_episodes_course_from_its_first_day() -> None:
    """Loss of bladder control logged in the earlier episode 8 days ago, never seen; a new episode from 5 days ago."""
    diary = Diary(":memory:")
    earlier = _walker(diary, "Fin", 30, 3)
    diary.save_entry(earlier, DayEntry(TODAY - dt.timedelta(days=8), 5, 6, 10, 0, "", symptoms=["bladder_bowel"]))
    new = _walker(diary, "Fin", 5, 6)
    assert plan_for(diary, new, TODAY).paused
    course = progress_for(diary, new, TODAY).walking
    assert _paused_days(course) == list(range(0, 6)) and course["target_minutes"].isna().all()


def test_once_seen_the_course_starts_again_from_the_target_it_paused() -> None:
    diary = Diary(":memory:")
    eve = _walker(diary, "Eve", 9, 10)
    diary.save_entry(eve, DayEntry(TODAY - dt.timedelta(days=6), 4, 5, 30, 0, "",
                                   doses=[DoseEntry("paracetamol", 500, 10)]))
    diary.mark_seen(eve, "daily_dose_exceeded", TODAY - dt.timedelta(days=3))  # seen on day 6
    course = progress_for(diary, eve, TODAY).walking
    assert _paused_days(course) == [4, 5]
    assert not plan_for(diary, eve, TODAY).paused


def test_the_activity_chart_says_why_the_target_line_stops() -> None:
    """The paused days are shaded and named on Progress's activity chart (and the GP report's): before, the target
    line broke off with nothing to say why."""
    from analysis.output import charts

    diary = Diary(":memory:")
    eve = _walker(diary, "Eve", 9, 10)
    diary.save_entry(eve, DayEntry(TODAY - dt.timedelta(days=6), 4, 5, 30, 0, "",
                                   doses=[DoseEntry("paracetamol", 500, 10)]))
    view = progress_for(diary, eve, TODAY)
    fig = charts.activity_course(view.activity, 90.0, plan=view.walking)
    spans = [shape for shape in fig.layout.shapes if shape.fillcolor == charts.PAUSED_SHADE]
    assert len(spans) == 1
    first, last = pd.Timestamp(spans[0].x0) + pd.Timedelta(hours=12), pd.Timestamp(spans[0].x1) - pd.Timedelta(hours=12)
    assert (first.date(), last.date()) == (TODAY - dt.timedelta(days=5), TODAY)  # days 4 to 9
    assert [a.text for a in fig.layout.annotations].count(charts.PAUSED_WORDS) == 1
    quiet = _walker(diary, "Quiet", 9, 10)
    view = progress_for(diary, quiet, TODAY)
    assert not [s for s in charts.activity_course(view.activity, 90.0, plan=view.walking).layout.shapes
                if s.fillcolor == charts.PAUSED_SHADE]


def test_a_second_seen_mark_does_not_move_the_end_of_the_pause() -> None:
    """Seen on day 5 (the pause ends), then marked seen again on day 8 (it closes nothing): the alert's seen date is
    the first, and the course is paused on day 4 only, as Today was (before: paused to day 7 on Progress)."""
    diary = Diary(":memory:")
    eve = _walker(diary, "Eve", 9, 10)
    diary.save_entry(eve, DayEntry(TODAY - dt.timedelta(days=6), 4, 5, 30, 0, "",
                                   doses=[DoseEntry("paracetamol", 500, 10)]))
    diary.mark_seen(eve, "daily_dose_exceeded", TODAY - dt.timedelta(days=4))
    diary.mark_seen(eve, "daily_dose_exceeded", TODAY - dt.timedelta(days=1))
    view = progress_for(diary, eve, TODAY)
    assert _paused_days(view.walking) == [4]
    overdose = view.alerts[view.alerts["code"] == "daily_dose_exceeded"]
    assert pd.Timestamp(overdose["seen_date"].iloc[0]).date() == TODAY - dt.timedelta(days=4)
