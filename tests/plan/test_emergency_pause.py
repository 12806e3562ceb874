"""An emergency sign (GUIDANCE.md section 4, "seek care now") pauses the plan from the next day until the person
is seen about it (analysis.plan.doctor_hold.emergency_days, analysis.plan.walking.walking_course): the sign's day
and the paused days build nothing, and Progress shows no target on the paused days, as Today showed none."""
from __future__ import annotations

import pandas as pd

from analysis.plan import walking
from analysis.plan.doctor_hold import URGENT_SEEN, URGENT_SIGN, emergency_days, with_doctor_days
from tests.plan_diaries import seen_rows, symptom_rows

ONSET = pd.Timestamp("2026-03-01")


def _days(n: int) -> pd.DataFrame:
    """Each day walks 5 minutes over the step before (15, 20, 25, ...): a course that builds by 5 a day."""
    return pd.DataFrame({"date": pd.date_range(ONSET, periods=n), "activity_minutes": [15.0 + 5 * i for i in range(n)],
                         "pain": [4.0] * n})


def _symptoms(*signs: tuple[int, str]) -> pd.DataFrame:
    return symptom_rows(ONSET, *signs)


def _seen(*marks: tuple[int, str]) -> pd.DataFrame:
    return seen_rows(ONSET, *marks)


def _course(n: int, symptoms: pd.DataFrame, seen: pd.DataFrame | None = None) -> pd.DataFrame:
    return walking.walking_course(ONSET, ONSET + pd.Timedelta(days=n - 1), 90,
                                  with_doctor_days(_days(n), symptoms, seen))


def test_the_emergency_days_are_the_engines_including_numbness_two_days_running() -> None:
    marks = emergency_days(_symptoms((1, "numbness"), (2, "numbness"), (5, "bladder_bowel")),
                           _seen((6, "red_flag_emergency"), (6, "red_flag_see_doctor")))
    since = (marks["date"] - ONSET).dt.days
    assert since[marks[URGENT_SIGN]].tolist() == [2, 5]  # day 1's numbness alone: a warning, not an emergency
    assert since[marks[URGENT_SEEN]].tolist() == [6]  # the emergency's mark only


def test_the_sign_day_and_the_paused_days_build_nothing_and_once_seen_the_paused_target_is_back() -> None:
    course = _course(8, _symptoms((3, "bladder_bowel")), _seen((6, "red_flag_emergency")))
    assert course["state"].iloc[4:6].tolist() == [walking.PAUSED, walking.PAUSED]
    assert course["target_minutes"].iloc[6] == 30.0  # day 3's target (35 after the day of the sign, more after)
    assert course["state"].iloc[6] == walking.BUILDING and course["target_minutes"].iloc[7] == 50.0  # day 6 walked 45


def test_a_seen_mark_for_another_alert_does_not_end_the_pause() -> None:
    course = _course(8, _symptoms((3, "saddle_numbness")), _seen((5, "red_flag_see_doctor")))
    assert (course["state"].iloc[4:] == walking.PAUSED).all()


def test_no_target_on_the_paused_days_as_today_showed_none() -> None:
    course = _course(8, _symptoms((3, "bladder_bowel")), _seen((6, "red_flag_emergency")))
    assert course["target_minutes"].iloc[4:6].isna().all()
    assert course["target_minutes"].iloc[[3, 6]].tolist() == [30.0, 30.0]


def test_today_gives_no_target_on_a_paused_day_even_without_the_urgent_messages() -> None:
    days = with_doctor_days(_days(6), _symptoms((3, "bladder_bowel")), None)
    target = walking.walking_target(ONSET, ONSET + pd.Timedelta(days=5), 90, days)
    assert target.minutes is None and target.state == walking.PAUSED
