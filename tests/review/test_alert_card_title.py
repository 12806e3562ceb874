"""An alert card names its alert once (review 20: "Pain still strong after a week: Pain still strong after a week
first noted on ...")."""
from __future__ import annotations

from analysis.review.report_text import ALERT_TITLES
from analysis.review.triage import alert_text, title_and_rest


def test_a_detail_that_starts_with_the_title_follows_it_once() -> None:
    title = ALERT_TITLES["worst_pain_after_week"]
    detail = f"{title} first noted on 28 November 2026"
    assert title_and_rest("worst_pain_after_week", detail) == (title, " first noted on 28 November 2026")
    assert alert_text("worst_pain_after_week", detail) == detail


def test_any_other_detail_follows_a_colon_and_none_leaves_the_title() -> None:
    title = ALERT_TITLES["red_flag_emergency"]
    assert title_and_rest("red_flag_emergency", "Loss of bladder control reported on 2 December 2026") == (
        title, ": Loss of bladder control reported on 2 December 2026")
    assert title_and_rest("red_flag_emergency", None) == (title, "")
    assert title_and_rest("made_up_code", "x") == ("made_up_code", ": x")
