"""analysis.review.seen_marks: a mark read from a file is said when it closes nothing, and only then."""
from __future__ import annotations

import pandas as pd

from analysis.review.seen_marks import marks_closing_nothing

HISTORY = pd.DataFrame({
    "episode_id": [1, 1, 2], "code": ["red_flag_emergency", "bed_rest_over_2_days", "red_flag_emergency"],
    "date": pd.to_datetime(["2026-11-20", "2026-11-10", "2026-11-25"]),
    "last_date": pd.to_datetime(["2026-11-20", "2026-11-12", "2026-11-28"]),
    "active": [False, False, True],
})


def test_a_mark_on_or_after_the_last_report_closes_its_sign_and_is_not_said() -> None:
    assert marks_closing_nothing("a.csv", HISTORY, ((1, "red_flag_emergency", "2026-11-21"),)) == []


def test_a_mark_before_any_report_or_for_another_alert_or_episode_is_said() -> None:
    said = marks_closing_nothing("a.csv", HISTORY, (
        (1, "red_flag_emergency", "2026-11-19"),  # the day before the sign was reported
        (1, "red_flag_see_doctor", "2026-11-21"),  # an alert episode 1 never had
        (3, "red_flag_emergency", "2026-11-21"),  # an episode with no alerts
    ))
    assert len(said) == 3 and all(line.startswith("a.csv: the mark ") for line in said)
    assert "names an alert not reported on or before 19 Nov 2026 in that episode" in said[0], said[0]
    assert "red_flag_see_doctor@2026-11-21" in said[1] and "closes nothing" in said[1]


def test_a_mark_before_the_sign_was_reported_again_says_the_sign_still_applies() -> None:
    [line] = marks_closing_nothing("a.csv", HISTORY, ((2, "red_flag_emergency", "2026-11-26"),))
    assert "dated before the sign was last reported" in line and "still applies" in line, line


def test_no_history_at_all_says_every_mark() -> None:
    empty = HISTORY.iloc[:0]
    assert len(marks_closing_nothing("a.csv", empty, ((1, "red_flag_emergency", "2026-11-21"),))) == 1
