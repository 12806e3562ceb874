"""The weekly share of exercises done counts the exercises Today set that day (review 24): the 90/90 rest position
only on a day of bad pain, or when ticked; the same rule as Today's list (analysis.plan.daily.bad_spell_days)."""
from __future__ import annotations

import pandas as pd

from analysis.plan import walking
from analysis.plan.adherence import weekly_adherence
from analysis.plan.daily import REST_POSITION, daily_plan
from analysis.plan.exercises import EXERCISES

ONSET = pd.Timestamp("2026-03-01")


def _days(pain: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.date_range(ONSET, periods=len(pain)), "activity_minutes": 30.0, "pain": pain})


def _ticks(days: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame([(day, exercise) for day in days["date"] for exercise in ids], columns=["date", "exercise_id"])


def test_every_exercise_today_listed_is_all_of_them_whatever_the_pain() -> None:
    days = _days([6.0] * 4 + [3.0] * 10)  # the rest position is set on days 0-3: the latest pain is 6
    course = walking.walking_course(ONSET, days["date"].iloc[-1], 60, days)
    listed = {day: [item["id"] for item in daily_plan(day, ONSET, 60, days, set(), pd.DataFrame(
        columns=["date", "hours"]), pd.Series(dtype=object), []).exercises] for day in days["date"]}
    assert [len(ids) for ids in listed.values()] == [len(EXERCISES)] * 4 + [len(EXERCISES) - 1] * 10
    ticks = pd.DataFrame([(day, e) for day, ids in listed.items() for e in ids], columns=["date", "exercise_id"])
    assert weekly_adherence(course, ticks)["exercise_share"].tolist() == [1.0, 1.0]


def test_a_rest_position_ticked_on_a_mild_day_counts_as_set() -> None:
    days = _days([3.0] * 14)
    course = walking.walking_course(ONSET, days["date"].iloc[-1], 60, days)
    weeks = weekly_adherence(course, _ticks(days, [e.id for e in EXERCISES]))
    assert weeks["exercise_share"].tolist() == [1.0, 1.0]
    without = weekly_adherence(course, _ticks(days, [e.id for e in EXERCISES if e.id != REST_POSITION]))
    assert without["exercise_share"].tolist() == [1.0, 1.0]


def test_a_week_without_a_tick_says_none_ticked_not_none_done() -> None:
    """Review 36's second explorer: weeks logged after the fact (no ticks: the plan is ticked on the day) read 0%."""
    from analysis.plan.adherence import NONE_TICKED, done_words

    weeks = pd.DataFrame({"exercise_days": [0, 3, 7], "exercise_share": [0.0, 2 / 3, 1.0]})
    assert done_words(weeks) == [NONE_TICKED, "67%", "100%"]
