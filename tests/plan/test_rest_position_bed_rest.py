"""The 90/90 rest position is not set while the "More than two days of bed rest" alert is active: that alert says
to get up and move (seed 003: avoid bed rest after the first day; review 24)."""
from __future__ import annotations

import pandas as pd

from analysis.alerts.rules import RULES
from analysis.plan.daily import BED_REST_ALERT, REST_POSITION, daily_plan

ONSET = pd.Timestamp("2026-03-01")
DAYS = pd.DataFrame({"date": pd.date_range(ONSET, periods=4), "activity_minutes": [0.0] * 4, "pain": [6.0] * 4})
NO_WORK = pd.DataFrame(columns=["date", "hours"])


def _listed(bed_rest: bool, ticked: set[str] = frozenset()) -> list[str]:
    plan = daily_plan(ONSET + pd.Timedelta(days=3), ONSET, 60.0, DAYS, set(ticked), NO_WORK, pd.Series(dtype=object),
                      [], bed_rest=bed_rest)
    return [item["id"] for item in plan.exercises]


def test_the_code_is_the_bed_rest_alerts() -> None:
    assert BED_REST_ALERT in RULES


def test_pain_6_sets_the_rest_position_but_not_beside_the_bed_rest_alert() -> None:
    assert REST_POSITION in _listed(False)
    assert REST_POSITION not in _listed(True) and len(_listed(True)) == len(_listed(False)) - 1


def test_a_tick_already_given_that_day_stays_on_the_list() -> None:
    assert REST_POSITION in _listed(True, {REST_POSITION})
