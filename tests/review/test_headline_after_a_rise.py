"""Review 30: "pain up 7% from 6.3 ... — on track" read as a contradiction; the status after a rise says what it
compares with (the usual course for the day), a fall keeps the short words."""
from __future__ import annotations

import pytest

from analysis.review.report_text import headline

LEE = {"days_since_onset": 13, "status": "on_track", "baseline_pain": 8.2, "current_pain": 6.8,
       "baseline_estimated": True, "first_logged_pain": 6.3, "improvement_pct": -7.9, "improvement_points": -0.5}


def test_a_rise_beside_a_good_status_says_the_status_is_for_the_day() -> None:
    assert headline(LEE).startswith(
        "Day 13: pain up 8% from 6.3 in your first logged days (onset pain estimated at 8.2, as the diary started on "
        "a later day) — still within the usual range for day 13;")


@pytest.mark.parametrize("status, words", [("ahead", "still better than usual for day 13"),
                                           ("behind", "slower than usual")])
def test_each_status_after_a_rise(status: str, words: str) -> None:
    assert f"— {words};" in headline(LEE | {"status": status})


def test_a_rise_in_points_from_a_low_start_is_a_rise_too() -> None:
    record = LEE | {"baseline_estimated": False, "baseline_pain": 1.5, "improvement_pct": None,
                    "improvement_points": -1.5, "current_pain": 3.0}
    assert "pain up 1.5 points from 1.5 — still within the usual range for day 13;" in headline(record)


def test_a_fall_keeps_on_track() -> None:
    assert "— on track;" in headline(LEE | {"improvement_pct": 20.0, "improvement_points": 1.3, "current_pain": 5.0})


def test_a_stopped_diary_says_the_days_number_once() -> None:
    assert "— still within the usual range for day 61;" in headline(LEE | {"days_since_onset": "61 (last entry)"})


def test_a_rise_under_half_a_percent_is_about_the_same() -> None:
    text = headline(LEE | {"improvement_pct": -0.3, "improvement_points": -0.02, "baseline_estimated": False})
    assert "pain about the same as at the start (8.2) — on track;" in text
