"""An urgent alert (an emergency sign, GUIDANCE.md section 4, "seek care now"; a paracetamol overdose) pauses the plan
from the next day until the person is seen about it (analysis.plan.doctor_hold.urgent_days and paused_on, read from
the engine's alert history; analysis.plan.walking.walking_course): the sign's day and the paused days build nothing,
and Progress shows no target on the paused days, as Today showed none."""
from __future__ import annotations

import pandas as pd

from analysis.alerts import engine
from analysis.model import columns as c
from analysis.plan import walking
from analysis.plan.doctor_hold import URGENT_SIGN, URGENT_UNTIL, paused_on, urgent_days, with_doctor_days
from tests.course.test_grid import doses as dose_rows
from tests.course.test_grid import entries as entry_rows
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


def _alerts(n: int, symptoms: pd.DataFrame | None = None, seen: pd.DataFrame | None = None,
            doses: pd.DataFrame | None = None) -> pd.DataFrame:
    """The engine's alert history of `n` diary days (the course of _days) with these signs, seen marks and doses,
    judged on the last day: what Today's plan and Progress read (analysis.review.urgent_now.person_alerts)."""
    entries = entry_rows({d: 4.0 for d in range(n)}, onset=ONSET, activity_minutes={d: 15.0 + 5 * d for d in range(n)})
    no_doses = dose_rows([]).assign(**{c.EPISODE_ID: pd.Series(dtype="int64")})
    no_signs = pd.DataFrame({c.EPISODE_ID: pd.Series(dtype="int64"), c.DATE: pd.Series(dtype="datetime64[us]"),
                             c.SYMPTOM: pd.Series(dtype=object)})
    return engine.alerts(entries, no_doses if doses is None else doses,
                         no_signs if symptoms is None else symptoms.astype({c.DATE: "datetime64[us]"}),
                         ONSET + pd.Timedelta(days=n - 1), seen=seen)


def _course(n: int, symptoms: pd.DataFrame, seen: pd.DataFrame | None = None) -> pd.DataFrame:
    return walking.walking_course(ONSET, ONSET + pd.Timedelta(days=n - 1), 90,
                                  with_doctor_days(_days(n), symptoms, seen, urgent=_alerts(n, symptoms, seen)))


def test_the_urgent_days_are_the_engines_including_numbness_two_days_running() -> None:
    marks = urgent_days(_alerts(8, _symptoms((1, "numbness"), (2, "numbness"), (5, "bladder_bowel")),
                                _seen((6, "red_flag_emergency"), (6, "red_flag_see_doctor"))))
    since = (marks["date"] - ONSET).dt.days
    assert since[marks[URGENT_SIGN]].tolist() == [2, 5]  # day 1's numbness alone: a warning, not an emergency
    assert (marks[URGENT_UNTIL] - ONSET).dt.days.tolist() == [6, 6]  # the emergency's mark closes both


def test_two_urgent_alerts_side_by_side_each_end_with_its_own_seen_mark() -> None:
    """An emergency from day 2 seen on day 4, a paracetamol overdose on day 3 never seen: paused from day 3 on."""
    history = pd.DataFrame({engine.SEVERITY: ["urgent", "urgent", "warning"],
                            c.DATE: pd.to_datetime([ONSET + pd.Timedelta(days=d) for d in (2, 3, 1)]),
                            engine.SEEN_DATE: pd.to_datetime([ONSET + pd.Timedelta(days=4), pd.NaT, pd.NaT])})
    days = with_doctor_days(_days(8), None, None, urgent=history)
    assert paused_on(pd.date_range(ONSET, periods=8), days).tolist() == [False] * 3 + [True] * 5


def test_a_paracetamol_overdose_pauses_the_course_as_it_pauses_today() -> None:
    """5 g of paracetamol on day 3 (GUIDANCE.md: 4 g a day at most; urgent): Today paused the plan from day 4, so
    the course builds nothing from then until the person is seen about it."""
    overdose = dose_rows([(1, 0, "paracetamol", "paracetamol", 500.0, 10.0)]).assign(
        **{c.DATE: ONSET + pd.Timedelta(days=3)}).astype({c.DATE: "datetime64[us]"})
    days = with_doctor_days(_days(8), None, None, urgent=_alerts(8, doses=overdose))
    course = walking.walking_course(ONSET, ONSET + pd.Timedelta(days=7), 90, days)
    assert (course["state"].iloc[4:] == walking.PAUSED).all() and course["target_minutes"].iloc[4:].isna().all()


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
    signs = _symptoms((3, "bladder_bowel"))
    days = with_doctor_days(_days(6), signs, None, urgent=_alerts(6, signs))
    target = walking.walking_target(ONSET, ONSET + pd.Timedelta(days=5), 90, days)
    assert target.minutes is None and target.state == walking.PAUSED
