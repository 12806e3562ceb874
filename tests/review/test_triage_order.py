"""Within "Warning to follow up", a sign that needs a doctor comes before warnings about the course
(analysis.review.triage_order; review 35's tester: a fever ranked below "Pain still strong after a week" with higher
pain, and below two course warnings). Rows as triage builds them, one per person, written from the clinical cases."""
from __future__ import annotations

import pandas as pd

from analysis.review.triage_order import TRIAGE_COLUMNS, ranked


def _row(patient: str, priority: int, codes: list[str], pain: float, urgent: int = 0) -> dict:
    row = dict.fromkeys(TRIAGE_COLUMNS)
    return row | {"priority": priority, "patient": patient, "alert_codes": codes, "urgent_codes": [],
                  "urgent_alerts": urgent, "warning_alerts": len(codes) - urgent, "current_pain": pain,
                  "screening": [], "days_without_entries": 0}


def test_a_fever_comes_before_course_warnings_with_more_pain_or_more_warnings() -> None:
    table = pd.DataFrame([
        _row("Course", 2, ["worst_pain_after_week", "activity_declining"], 7.0),
        _row("Strong", 2, ["worst_pain_after_week"], 8.0),
        _row("Fever", 2, ["red_flag_see_doctor"], 3.0),
        _row("Numb", 2, ["new_numbness_weakness", "worst_pain_after_week"], 4.0),
        _row("Urgent", 1, ["red_flag_emergency"], 2.0, urgent=1),
        _row("Behind", 3, [], 9.0),
    ])
    assert ranked(table)["patient"].tolist() == ["Urgent", "Numb", "Fever", "Course", "Strong", "Behind"]


def test_without_a_sign_that_needs_a_doctor_the_order_is_as_before() -> None:
    table = pd.DataFrame([_row("One", 2, ["worst_pain_after_week"], 8.0),
                          _row("Two", 2, ["worst_pain_after_week", "activity_declining"], 5.0),
                          _row("Low", 2, ["activity_declining"], 3.0)])
    assert ranked(table)["patient"].tolist() == ["Two", "One", "Low"]
