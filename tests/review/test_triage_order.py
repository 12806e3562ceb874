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


def test_a_person_who_recovered_and_stopped_writing_is_not_gone_quiet() -> None:
    """Review 36's second explorer: recovered diaries that ended weeks ago ranked "Diary gone quiet" (4), above Pat,
    stuck at 4 of 10 and on track for the usual course (5). Rae recovered (pain 0-1 for a week) and stopped; Kit's
    pain is still 5 when he stops: gone quiet."""
    from analysis.review.triage import REASONS, to_triage_records, triage_list
    from analysis.storage import Diary
    from analysis.workflows.diary_io import import_bytes

    def rows(name: str, pains: list[float]) -> bytes:
        days = pd.date_range("2026-10-01", periods=len(pains)).strftime("%Y-%m-%d")
        return ("patient,date,pain\n" + "".join(f"{name},{d},{p}\n" for d, p in zip(days, pains, strict=True))).encode()

    diary = Diary(":memory:")
    import_bytes(diary, rows("Rae", [7, 6, 5, 4, 3, 2, 1, 1, 0, 1, 0, 0, 1, 0, 0]), "rae.csv")
    import_bytes(diary, rows("Kit", [7] * 5 + [6] * 5 + [5] * 5), "kit.csv")
    ranked = {r["patient"]: r for r in to_triage_records(triage_list(
        diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), "2026-11-05"))}
    assert ranked["Rae"]["reason"] != REASONS[4] and ranked["Rae"]["priority"] in (5, 6), ranked["Rae"]
    assert ranked["Kit"]["reason"] == REASONS[4] or ranked["Kit"]["priority"] < 4, ranked["Kit"]
