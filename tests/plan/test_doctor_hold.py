"""A sign that needs a doctor holds the walking target (analysis.plan.doctor_hold, analysis.plan.walking).

Written from the guidance (GUIDANCE.md section 4: fever, feeling unwell, weight loss -> "call the doctor"; new
numbness, tingling or weakness -> a doctor today; building up is for an uncomplicated course) and from the alert
engine's rule for these warnings (active SEE_DOCTOR_HOLD_DAYS after the last report, closed by a seen mark on or
after it): the target is held exactly while the warning is active, and checked against that engine here.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.alerts import engine
from analysis.alerts.judging import judging_day
from analysis.alerts.rules import SEE_DOCTOR_HOLD_CODES, SEE_DOCTOR_HOLD_DAYS
from analysis.plan import walking
from analysis.plan.daily import daily_plan
from analysis.plan.doctor_hold import DOCTOR_SEEN, DOCTOR_SIGN, doctor_days, with_doctor_days
from analysis.plan.text import plan_lines
from analysis.storage import DayEntry, Diary
from tests.plan_diaries import seen_rows, symptom_rows

ONSET = pd.Timestamp("2026-03-01")


def _days(n: int = 4) -> pd.DataFrame:
    """Onset and the n-1 days after, each target walked (15, 20, 25, 30): the target would build by 5 a day."""
    return pd.DataFrame({"date": pd.date_range(ONSET, periods=n), "activity_minutes": [15.0 + 5 * i for i in range(n)],
                         "pain": [6.0] * n})


def _symptoms(*signs: tuple[int, str]) -> pd.DataFrame:
    return symptom_rows(ONSET, *signs)


def _seen(*marks: tuple[int, str]) -> pd.DataFrame:
    return seen_rows(ONSET, *marks)


def _course(days: pd.DataFrame, last: int, symptoms: pd.DataFrame, seen: pd.DataFrame | None = None) -> pd.DataFrame:
    return walking.walking_course(ONSET, ONSET + pd.Timedelta(days=last), 60, with_doctor_days(days, symptoms, seen))


def test_the_codes_are_the_two_symptom_warnings_that_say_to_contact_a_doctor() -> None:
    assert set(SEE_DOCTOR_HOLD_CODES) == {"red_flag_see_doctor", "new_numbness_weakness"}


@pytest.mark.parametrize("sign", ["numbness", "weakness", "fever", "weight_loss", "unwell", " Fever "])
def test_a_sign_holds_the_next_days_target_with_its_reason(sign: str) -> None:
    course = _course(_days(), 4, _symptoms((3, sign)))
    assert course["target_minutes"].tolist() == [15.0, 20.0, 25.0, 30.0, 30.0]  # 35 without the sign
    assert course["state"].iloc[4] == walking.HELD_DOCTOR == "held: see your doctor first"


def test_leg_pain_alone_does_not_hold_the_target() -> None:
    """Pain spreading into a leg is a warning too, but it says 'a GP or physiotherapist should take a look',
    not to call a doctor now: the plan builds up."""
    course = _course(_days(), 4, _symptoms((3, "leg_pain")))
    assert course["target_minutes"].iloc[4] == 35.0


def test_the_hold_lasts_as_long_as_the_warning_then_building_up_resumes() -> None:
    days = _days(4 + SEE_DOCTOR_HOLD_DAYS + 2)
    days["activity_minutes"] = [15.0, 20.0, 25.0] + [30.0] * (len(days) - 3)  # walks every day at the target
    course = _course(days, len(days) - 1, _symptoms((3, "fever")))
    held = course.index[course["state"] == walking.HELD_DOCTOR].tolist()
    assert held == list(range(4, 4 + SEE_DOCTOR_HOLD_DAYS))  # days 4..10: the alert is active until day 3 + 7
    assert course["target_minutes"].iloc[3 + SEE_DOCTOR_HOLD_DAYS + 1] == 35.0  # the day after it ends


def test_a_seen_mark_ends_the_hold_from_its_day() -> None:
    days = _days(8)
    days["activity_minutes"] = [15.0, 20.0, 25.0] + [30.0] * 5
    course = _course(days, 7, _symptoms((3, "numbness")), _seen((5, "new_numbness_weakness")))
    assert course["state"].iloc[4:6].tolist() == [walking.HELD_DOCTOR, walking.BUILDING]
    assert course["target_minutes"].tolist() == [15.0, 20.0, 25.0, 30.0, 30.0, 35.0, 35.0, 35.0]


def test_a_seen_mark_for_fever_does_not_end_the_hold_of_numbness() -> None:
    marks = doctor_days(_symptoms((3, "numbness"), (3, "fever")), _seen((5, "red_flag_see_doctor")))
    assert not marks[DOCTOR_SEEN].any()
    both = doctor_days(_symptoms((3, "numbness"), (3, "fever")),
                       _seen((5, "red_flag_see_doctor"), (5, "new_numbness_weakness")))
    assert both.loc[both[DOCTOR_SEEN], "date"].tolist() == [ONSET + pd.Timedelta(days=5)]
    assert both.loc[both[DOCTOR_SIGN], "date"].tolist() == [ONSET + pd.Timedelta(days=3)]


def test_a_sign_logged_after_being_seen_holds_the_target_again() -> None:
    days = _days(8)
    days["activity_minutes"] = [15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0, 45.0]
    course = _course(days, 7, _symptoms((3, "fever"), (6, "fever")), _seen((4, "red_flag_see_doctor")))
    # seen on day 4: that day's target rises again; fever again on day 6: day 7 is held at 45, not 50
    assert course["target_minutes"].tolist() == [15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0, 45.0]
    assert course["state"].iloc[4] == walking.BUILDING
    assert course["state"].iloc[7] == walking.HELD_DOCTOR


def test_without_the_columns_the_course_is_as_before() -> None:
    plain = walking.walking_course(ONSET, ONSET + pd.Timedelta(days=4), 60, _days())
    empty = _course(_days(), 4, _symptoms(), None)
    assert plain.equals(empty)
    assert plain["target_minutes"].iloc[4] == 35.0


@pytest.mark.parametrize("seen_on", [None, 5, 8])
def test_the_target_is_held_on_exactly_the_days_the_engine_keeps_the_warning_active(seen_on: int | None) -> None:
    """The plan and the alert engine (what Today's box and Progress show) judged on each day of a stored diary."""
    diary = Diary(":memory:")
    onset = dt.date(2026, 3, 1)
    episode = diary.add_episode("Robin", onset, normal_activity_minutes=60)
    for n in range(15):
        diary.save_entry(episode, DayEntry(onset + dt.timedelta(days=n), 5, None, 60, None, "", [],
                                           ["numbness"] if n == 3 else []))
    if seen_on is not None:
        diary.mark_seen(episode, "new_numbness_weakness", onset + dt.timedelta(days=seen_on))
    course = walking.walking_course(onset, onset + dt.timedelta(days=14), 120, with_doctor_days(
        _plain(diary, episode), diary.symptoms([episode]), diary.seen([episode])))
    ids = [episode]
    for n in range(4, 15):
        day = pd.Timestamp(onset + dt.timedelta(days=n))
        # the diary as it stood that day (no later day logged yet), judged on that day as the pages judge it
        entries, doses, symptoms = (frame[frame["date"] <= day]
                                    for frame in (diary.entries(ids), diary.doses(ids), diary.symptoms(ids)))
        history = engine.alerts(entries, doses, symptoms, judging_day(day, day), seen=diary.seen(ids),
                                answers=diary.answers(ids))
        active = bool(history.loc[history[engine.CODE] == "new_numbness_weakness", engine.ACTIVE].any())
        assert (course["state"].iloc[n] == walking.HELD_DOCTOR) is active, (n, seen_on)


def _plain(diary: Diary, episode: int) -> pd.DataFrame:
    entries = diary.entries([episode])
    return pd.DataFrame({"date": entries["date"], "activity_minutes": entries["activity_minutes"],
                         "pain": entries["pain"]})


def test_the_cli_plan_says_why_the_target_is_held() -> None:
    days = with_doctor_days(_days(), _symptoms((3, "fever")), None)
    plan = daily_plan(ONSET + pd.Timedelta(days=4), ONSET, 60, days, set(), pd.DataFrame(columns=["date", "hours"]),
                      pd.Series(dtype="datetime64[ns]"), [])
    lines = plan_lines(plan)
    assert lines[1].startswith("Walk: 30 minutes in all")
    assert lines[2] == ("Walk target held until a doctor has seen you about the warning sign you logged; "
                        "record that with the `seen` command.")
