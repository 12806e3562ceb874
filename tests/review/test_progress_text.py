"""The Progress page's sentences (analysis.review.progress_text), chosen from the typed summary.

Written from what a patient should read: a recovery is said first, then a projected date that is called an
estimate, then why there is no date; a late-started diary says its start pain is an estimate; a course
class is called "fairly sure" only from an even chance.
"""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.review import progress_text as words
from analysis.review.record import SummaryRecord


def record(**fields: object) -> SummaryRecord:
    return SummaryRecord.from_row({"patient": "Ann", "episode_id": 1} | fields)


def test_recovered_comes_before_a_projection() -> None:
    line = words.outlook_line(record(recovered_date="2026-03-20", projected_recovery_date="2026-04-01"))
    assert line == words.OutlookLine("recovered", "Recovered since 20 March: pain 0 or 1 for a whole week.")


def test_a_projection_is_an_estimate_with_its_range() -> None:
    line = words.outlook_line(record(projected_recovery_date="2026-04-09", projected_earliest="2026-04-02",
                                     projected_latest="2026-04-23"))
    assert line is not None and line.kind == "projected"
    assert line.text == ("At your current pace, pain should be down to 0-1 around **9 April** (somewhere between "
                         "2 Apr and 23 Apr). This is an estimate, not a promise.")


def test_a_range_of_no_width_is_not_said() -> None:
    """'(somewhere between 9 Apr and 9 Apr)' says nothing the date does not; the GP report leaves it out too."""
    line = words.outlook_line(record(projected_recovery_date="2026-04-09", projected_earliest="2026-04-09",
                                     projected_latest="2026-04-09"), today="2026-03-20")
    assert line == words.OutlookLine("projected", "At your current pace, pain should be down to 0-1 around "
                                                  "**9 April**. This is an estimate, not a promise.")


def test_a_range_beyond_a_year_is_said_not_left_out() -> None:
    """A course levelling off: its slow end is beyond a year (no projected_latest). The page said the date alone,
    as if it were sure (review 36); the GP report's key figure too."""
    from analysis.output.report_sections import _spread

    s = record(projected_recovery_date="2026-04-09", projected_earliest="2026-04-02", projected_latest=None)
    line = words.outlook_line(s, today="2026-03-20")
    assert line == words.OutlookLine("projected", "At your current pace, pain should be down to 0-1 around "
                                                  "**9 April** (perhaps as early as 2 Apr, or not until a year or "
                                                  "more after it began). This is an estimate, not a promise.")
    assert _spread(s) == " (2 Apr 2026 to a year after onset or later)"


def test_without_a_projection_the_reason_is_given_or_nothing() -> None:
    note = "Pain is not clearly falling yet, so no date is projected."
    assert words.outlook_line(record(projection_note=note)) == words.OutlookLine("note", note)
    assert words.outlook_line(record()) is None


@pytest.mark.parametrize(("confidence", "expected"), [
    (0.8, "**Your course so far:** steady recovery (fairly sure: 80%)"),
    (0.5, "**Your course so far:** steady recovery (fairly sure: 50%)"),
    (0.49, "**Your course so far:** steady recovery"),
    (None, "**Your course so far:** steady recovery"),
])
def test_the_course_is_called_sure_only_from_an_even_chance(confidence: float | None, expected: str) -> None:
    assert words.course_line(record(trajectory="recovery_by_week_12", trajectory_confidence=confidence)) == expected


def test_a_late_start_says_the_start_pain_is_estimated() -> None:
    late = record(baseline_estimated=True, baseline_pain=7.04, first_logged_pain=5.5, improvement_points=1.26)
    assert words.pain_help(late) == ("First logged days: 5.5; at the start (estimated, the diary began later): 7.0")
    assert words.pain_delta(late) == -1.3
    assert words.pain_help(record(baseline_pain=6.0)) == "At the start: 6.0"
    assert words.pain_delta(record()) is None


def test_usual_range_and_activity() -> None:
    assert words.usual_range_help(record(expected_low=1.2, expected_high=3.84)) == "Usual range for you: 1.2 to 3.8"
    assert words.usual_range_help(record()) is None
    walking = record(activity_minutes_7d=24.6, share_of_normal_activity=0.41, activity_trend="rising")
    assert words.activity_line(walking, 60.0) == ("Last 7 days: about **25 minutes a day**, 41% of your normal 60; "
                                                  "trend: rising.")
    assert words.activity_line(walking, None) == "Last 7 days: about **25 minutes a day**; trend: rising."
    assert words.activity_line(record(), 60.0) is None


def test_the_last_check_in_is_the_mean_of_its_activities() -> None:
    psfs = pd.DataFrame({"week": [1, 1, 2, 2], "week_start": pd.to_datetime(["2026-03-01"] * 2 + ["2026-03-08"] * 2),
                         "activity": ["walk", "lift", "walk", "lift"], "score": [3, 4, 6, 7]})
    assert words.psfs_line(psfs) == ("Your last check-in (week 2): on average **6.5 of 10** across the activities "
                                     "you chose, where 10 is as well as before the pain.")
    assert words.psfs_line(psfs.iloc[0:0]) is None


@pytest.mark.parametrize("points", [0.0, 0.04, -0.04, -0.0])
def test_a_change_that_rounds_to_nothing_is_said_so_with_no_sign(points: float) -> None:
    # review 20: Progress drew "-0.0" as a fall and the Clinic "+0.0" for the same person
    s = record(baseline_pain=6.0, improvement_points=points)
    assert words.pain_delta(s) == words.NO_CHANGE and words.pain_delta_colour(s) == "off"
    assert words.change_words(points) == words.NO_CHANGE


def test_a_real_change_keeps_its_sign_and_colour() -> None:
    s = record(baseline_pain=6.0, improvement_points=1.26)
    assert words.pain_delta(s) == -1.3 and words.pain_delta_colour(s) == "inverse"
    assert words.change_words(-1.26) == "-1.3" and words.change_words(0.06) == "+0.1"


def test_no_date_for_the_pain_to_settle_beside_an_urgent_sign() -> None:
    """Review 32: "pain should be down to 0-1 around 12 December" under a headline saying the comparison can wait
    until a doctor has seen the person about a sign that needs care now."""
    projected = record(projected_recovery_date="2026-04-09", projected_earliest="2026-04-02")
    assert words.outlook_line(projected, today="2026-03-20", urgent=True) == words.OutlookLine(
        "note", words.WAITS_FOR_DOCTOR)
    assert words.outlook_line(projected, today="2026-03-20").kind == "projected"  # without one, as before


def test_no_comparison_with_the_usual_course_while_an_urgent_sign_applies() -> None:
    """The headline says the comparison waits for a doctor: neither the usual pain nor the course's shape beside it
    (review 33), and both come back once the sign is dealt with."""
    shaped = record(trajectory="recovery_by_week_12", trajectory_confidence=0.9, expected_pain=2.7)
    assert words.course_line(shaped, urgent=True) is None and not words.usual_shown(shaped, urgent=True)
    assert words.course_line(shaped).startswith("**Your course so far:**") and words.usual_shown(shaped, False)
    assert not words.usual_shown(record(expected_pain=None), urgent=False)
