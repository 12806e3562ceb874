"""A sign that needs a doctor logged in the person's earlier episode holds the new episode's walking target
(analysis.plan.doctor_hold.held_elsewhere), as Today's box shows it (dashboard/alerts_view.py doctor_box reads
the person's alerts): fever is the person's, whichever episode it was logged in.

Written from the alert engine's rule (active SEE_DOCTOR_HOLD_DAYS after the last report, closed by a seen mark
of that episode on or after it), checked on the hold's first and last day and on a sign too old to hold.
"""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.alerts.rules import SEE_DOCTOR_HOLD_DAYS
from analysis.plan import walking
from analysis.plan.doctor_hold import DOCTOR_HELD, held_elsewhere, with_doctor_days

ONSET = pd.Timestamp("2026-03-10")  # the new episode; the earlier one (episode 1) logged fever before it
EARLIER = 1


def _days(n: int) -> pd.DataFrame:
    """The new episode's onset and the n-1 days after, each day's building-up target walked (15, 20, 25 ...)."""
    return pd.DataFrame({"date": pd.date_range(ONSET, periods=n), "activity_minutes": [15.0 + 5 * i for i in range(n)],
                         "pain": [3.0] * n})


def _fever(ago: int) -> pd.DataFrame:
    """Fever logged in the earlier episode `ago` days before the new episode's onset."""
    return pd.DataFrame({"episode_id": EARLIER, "date": [ONSET - pd.Timedelta(days=ago)], "symptom": ["fever"]})


def _seen(day: int) -> pd.DataFrame:
    """'I have been seen about this' on the earlier episode, on day `day` of the new one."""
    return pd.DataFrame({"episode_id": EARLIER, "code": ["red_flag_see_doctor"],
                         "seen_date": [ONSET + pd.Timedelta(days=day)]})


def _course(n: int, symptoms: pd.DataFrame, seen: pd.DataFrame | None = None) -> pd.DataFrame:
    days = with_doctor_days(_days(n), None, None, held_elsewhere(symptoms, seen))
    return walking.walking_course(ONSET, ONSET + pd.Timedelta(days=n - 1), 60, days)


def test_fever_of_the_earlier_episode_holds_the_new_target_to_the_last_day_of_its_warning() -> None:
    """Fever 1 day before onset: its warning is active up to day SEE_DOCTOR_HOLD_DAYS - 1 of the new episode."""
    n = SEE_DOCTOR_HOLD_DAYS + 2
    course = _course(n, _fever(1))
    last = SEE_DOCTOR_HOLD_DAYS - 1  # fever day -1, active to -1 + SEE_DOCTOR_HOLD_DAYS
    held = course.index[course["state"] == walking.HELD_DOCTOR].tolist()
    assert held == list(range(0, last + 1))  # the first day (onset) to the last day of the warning
    assert course["target_minutes"].iloc[: last + 1].tolist() == [15.0] * (last + 1)
    assert course["target_minutes"].iloc[last + 1] == 15.0 + 5 * (last + 1)  # then built up


def test_the_hold_is_the_same_as_the_sign_logged_in_the_same_episode() -> None:
    """The rule is one: fever of the earlier episode holds exactly the days fever of this one would."""
    n = SEE_DOCTOR_HOLD_DAYS + 3
    mine = pd.DataFrame({"episode_id": 2, "date": [ONSET + pd.Timedelta(days=2)], "symptom": ["fever"]})
    own = walking.walking_course(ONSET, ONSET + pd.Timedelta(days=n - 1), 60, with_doctor_days(_days(n), mine, None))
    other = walking.walking_course(ONSET, ONSET + pd.Timedelta(days=n - 1), 60, with_doctor_days(
        _days(n), None, None, held_elsewhere(mine.assign(episode_id=EARLIER), None)))
    assert own.equals(other)


def test_a_sign_of_the_earlier_episode_whose_warning_ends_on_onset_holds_the_onset_day_alone() -> None:
    course = _course(5, _fever(SEE_DOCTOR_HOLD_DAYS))
    assert course["state"].tolist()[:2] == [walking.HELD_DOCTOR, walking.BUILDING]
    assert course["target_minutes"].tolist() == [15.0, 20.0, 25.0, 30.0, 35.0]


@pytest.mark.parametrize("ago", [SEE_DOCTOR_HOLD_DAYS + 1, SEE_DOCTOR_HOLD_DAYS + 5])
def test_a_sign_of_the_earlier_episode_older_than_the_warning_holds_nothing(ago: int) -> None:
    course = _course(5, _fever(ago))
    assert not (course["state"] == walking.HELD_DOCTOR).any()
    assert course["target_minutes"].tolist() == [15.0, 20.0, 25.0, 30.0, 35.0]


def test_being_seen_about_it_on_the_earlier_episode_ends_the_hold_from_that_day() -> None:
    course = _course(5, _fever(1), _seen(2))
    assert course["state"].tolist()[:2] == [walking.HELD_DOCTOR] * 2
    assert course["target_minutes"].tolist() == [15.0, 15.0, 25.0, 30.0, 35.0]  # day 2 builds on day 1's walk
    assert course["state"].iloc[2] != walking.HELD_DOCTOR


def test_a_seen_mark_of_another_episode_does_not_close_this_ones_sign() -> None:
    """Each episode's "I have been seen" closes its own sign (the box's button marks the episode that holds it)."""
    symptoms = pd.concat([_fever(1), _fever(1).assign(episode_id=3)])
    course = _course(5, symptoms, _seen(2))
    assert course["state"].iloc[:5].tolist() == [walking.HELD_DOCTOR] * 5


def test_no_other_episode_holds_nothing() -> None:
    assert held_elsewhere(None, None).empty
    assert list(held_elsewhere(None, None).columns) == ["date", DOCTOR_HELD]
    plain = walking.walking_course(ONSET, ONSET + pd.Timedelta(days=4), 60, _days(5))
    assert plain.equals(_course(5, _fever(1).iloc[:0]))
