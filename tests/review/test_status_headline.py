"""The Progress headline never contradicts the active alerts (analysis.review.status_headline, issue 9 item 5).

Ann's pain falls from 6 to 0 in six days (better than the usual course). Written from the clinical description:
pain spreading into the leg is a warning to see a doctor; loss of bladder or bowel control needs care now.
"""
from __future__ import annotations

import datetime as dt

from analysis.review.progress import progress_view
from analysis.review.record import SummaryRecord
from analysis.review.report_text import headline
from analysis.review.status_headline import status_headline, status_label
from analysis.storage import Diary
from analysis.workflows.diary_io import import_bytes

ONSET = dt.date(2026, 11, 1)


def _view(symptoms: dict[int, str], days: int = 11):
    rows = "".join(f"Ann,{ONSET + dt.timedelta(x)},{max(0, 6 - x)},{symptoms.get(x, '')}\n"
                   for x in range(days))
    diary = Diary(":memory:")
    import_bytes(diary, ("patient,date,pain,symptoms\n" + rows).encode(), "ann.csv")
    return progress_view(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), 1, seen=diary.seen())


def test_without_alerts_the_headline_is_the_status_sentence() -> None:
    view = _view({})
    assert view.summary.status == "ahead"
    assert view.headline == headline(view.summary.to_json())
    assert view.headline.startswith("Day 10: pain down") and "ahead of the usual course" in view.headline


def test_a_warning_beside_a_good_status_is_said_first() -> None:
    view = _view({10: "leg_pain"})
    assert view.summary.status == "ahead"
    assert view.headline.startswith("A warning needs your attention first (Pain spreading into the leg): "
                                    "see it below. Day 10: pain down")


def test_an_urgent_alert_replaces_the_status() -> None:
    view = _view({8: "bladder_bowel"})
    assert view.headline == ("Day 10: a warning sign needs care now (Emergency warning sign): follow what to do "
                             "now first. How your pain compares with the usual course can wait until a doctor "
                             "has seen you.")
    assert "ahead" not in view.headline and "on track" not in view.headline


def test_an_overdose_is_an_urgent_alert_not_a_warning_sign() -> None:
    """Review 36's explorer: "a warning sign needs care now (Daily maximum dose exceeded)"."""
    rows = "".join(f"Ann,{ONSET + dt.timedelta(x)},{max(0, 6 - x)},{'paracetamol 1000 mg x5' if x == 9 else ''}\n"
                   for x in range(11))
    diary = Diary(":memory:")
    import_bytes(diary, ("patient,date,pain,medications\n" + rows).encode(), "ann.csv")
    view = progress_view(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), 1, seen=diary.seen())
    assert view.headline.startswith("Day 10: an urgent alert needs care now (Daily maximum dose exceeded): "), \
        view.headline


def _record(status: str, alerts: list[dict], **more: object) -> SummaryRecord:
    base = {"patient": "Ann", "episode_id": 1, "days_since_onset": 30, "status": status, "baseline_pain": 6.0,
            "current_pain": 2.0, "improvement_pct": 66.7, "alerts": alerts}
    return SummaryRecord.from_row(base | more)


def test_slower_status_or_past_and_information_alerts_leave_the_sentence_alone() -> None:
    warning = {"code": "pain_worsening", "severity": "warning", "active": True}
    for record in (_record("behind", [warning]),
                   _record("on_track", [warning | {"active": False}]),
                   _record("on_track", [{"code": "paracetamol_alone", "severity": "info", "active": True}])):
        assert status_headline(record) == headline(record.to_json())
    assert status_headline(_record("on_track", [warning])).startswith("A warning needs your attention first "
                                                                      "(Pain flare)")
    # the warning judges the pain's course: the sentence says where the average lies, not "on track" (review 34)
    said = status_headline(_record("on_track", [warning]))
    assert "on average within the usual range for day 30" in said and "on track" not in said, said


def test_recovered_beside_a_warning_says_so() -> None:
    warning = {"code": "codeine_over_3_days", "severity": "warning", "active": True}
    record = _record("behind", [warning], recovered_date="2026-11-20")
    assert status_headline(record).startswith("A warning needs your attention first (Codeine or opioid for more "
                                              "than 3 days)")


def test_the_short_status_agrees_too() -> None:
    warning = {"code": "pain_worsening", "severity": "warning", "active": True}
    urgent = {"code": "red_flag_emergency", "severity": "urgent", "active": True}
    assert status_label(_record("on_track", [])) == "On track"
    assert status_label(_record("ahead", [warning])) == "Better than usual on average (see the warning)"
    # a warning about the pain's course: not "On track" beside it (review 34); another warning keeps the words
    assert status_label(_record("on_track", [warning])) == "Within the usual range (see the warning)"
    leg = {"code": "radiating_leg_pain", "severity": "warning", "active": True}
    assert status_label(_record("on_track", [leg])) == "On track (see the warning)"
    assert status_label(_record("behind", [warning])) == "Slower than usual"
    assert status_label(_record("ahead", [urgent, warning])) == "Urgent sign first"
