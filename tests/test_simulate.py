"""The simulation benchmark (benchmarks/simulate.py) on a small population: the direction of issue 9's targets."""
from __future__ import annotations

import pytest

from benchmarks.simulate import simulate


@pytest.fixture(scope="module")
def table():
    return simulate(per_class=100, seed=7).set_index("class")


def test_rapid_recoveries_stay_quiet(table) -> None:
    assert table.loc["rapid_recovery", "warned_from_day_10"] <= 0.01
    assert table.loc["rapid_recovery", "warned_at_6_weeks"] <= 0.01


def test_the_average_course_is_not_warned_at_six_weeks(table) -> None:
    # before issue 9 every average-course diary got not_recovered_6w at day 42
    assert table.loc["average_course", "warned_at_6_weeks"] <= 0.10


def test_persistent_and_stuck_courses_are_warned_by_day_21(table) -> None:
    assert table.loc["persistent_high", "warned_by_day_14"] >= 0.80
    assert table.loc["persistent_high", "warned_by_day_21"] == 1.0
    assert table.loc["stuck", "warned_by_day_21"] >= 0.90
