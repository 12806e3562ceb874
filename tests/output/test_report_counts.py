"""The GP report's counts agree (pdftotext): the header's "N days logged" and the projection's note count the
same days, and the note says which days the trend leaves out and why.

Why: a short diary's report read "9 days logged" beside "Not enough data to project: 7 entries in the last 4
weeks over 9 days of diary": two counts of one diary that disagreed with no word why. The note counted the days
the trend is fitted on (the last 4 weeks, leaving out days 0-2 after onset, the onset level) and "days of diary"
was the span from first to last entry (unlogged days included), while the header counts logged days.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from analysis.output import report
from analysis.output.report_sections import key_figures, stale_line
from analysis.review.record import SummaryRecord
from analysis.storage import DayEntry, Diary
from tests.pdf_text import pdf_words, require_cjk_font

TODAY = dt.date(2026, 4, 10)


def _words(tmp_path: Path, onset_days_ago: int, days: list[int]) -> str:
    """The report's words for Robin's episode logged on these days after onset (pain falling from 7)."""
    onset = TODAY - dt.timedelta(days=onset_days_ago)
    diary = Diary(tmp_path / "d.db")
    try:
        episode = diary.add_episode("Robin", onset, "", 60)
        for day in days:
            diary.save_entry(episode, DayEntry(onset + dt.timedelta(days=day), round(7 - 0.1 * day, 1), None, 20))
        return pdf_words(report.episode_report(diary, episode, today=TODAY))
    finally:
        diary.close()


@pytest.mark.parametrize(("onset_days_ago", "days", "logged", "span", "used", "left_out"), [
    # a short diary from day 1: days 1 and 2 are the onset level, left out of the trend
    (10, list(range(1, 10)), 9, 9, 7, "2 before day 3 after onset, the onset level"),
    # a diary with unlogged days: it spans 15 days, 9 of them logged, days 0-2 left out
    (16, [0, 1, 2, 4, 6, 8, 10, 12, 14], 9, 15, 6, "3 before day 3 after onset, the onset level"),
    # longer than 4 weeks, sparse lately: the days before the last 4 weeks are left out
    (45, [*range(20), 24, 30, 36, 42, 44], 25, 45, 8, "17 before the last 4 weeks"),
])
def test_the_projection_note_counts_the_days_the_header_counts(
        tmp_path: Path, onset_days_ago: int, days: list[int], logged: int, span: int, used: int,
        left_out: str) -> None:
    words = _words(tmp_path, onset_days_ago, days)
    assert f", {logged} days logged" in words
    assert (f"Not enough data to project: the trend uses {used} of the {logged} logged days (left out: {left_out}) "
            f"and the diary spans {span} days") in words, words
    assert "entries in the last 4 weeks" not in words


def test_a_diary_the_trend_uses_whole_says_all_its_days(tmp_path: Path) -> None:
    """Started on day 5: nothing is left out, and the note says so in the header's number."""
    words = _words(tmp_path, 12, list(range(5, 13)))
    assert ", 8 days logged" in words
    assert "Not enough data to project: the trend uses all 8 logged days and the diary spans 8 days" in words


def test_a_projected_date_is_in_the_reports_one_date_style(tmp_path: Path) -> None:
    """A diary with unlogged days that projects: the note's dates read '12 Apr 2026', as every date of the
    report does (it printed '2026-04-12' beside 'Diary 21 Mar to 9 Apr 2026')."""
    words = _words(tmp_path, 20, [k for k in range(20) if k % 3 != 1])
    # its likely range, when it has a width (a range of one day is left out: it says nothing the date does not)
    assert re.search(r"At the current rate pain reaches 1 or less around \d{1,2} [A-Z][a-z]{2} \d{4}( \(likely "
                     r"between \d{1,2} [A-Z][a-z]{2} \d{4} and \d{1,2} [A-Z][a-z]{2} \d{4}\))?\.", words), words
    assert not re.search(r"\d{4}-\d{2}-\d{2}", words)


def test_a_diary_that_stopped_weeks_ago_is_not_reported_as_pain_now(tmp_path: Path) -> None:
    """Logged on days 0-20 of an episode that began 61 days ago: the report's day is 61, but its pain figures are
    those of day 20, the last entry. It said "Pain now (7-day mean)" and "Usual pain by now" beside day 61, and
    "over the last 7 days": a GP would read a pain two months old as today's."""
    words = _words(tmp_path, 61, list(range(21)))
    assert "Days since onset 61" in words
    assert "Pain on day 20 (7-day" in words and "Pain now" not in words  # the label wraps in its table cell
    assert "Usual pain on day 20" in words and "by now" not in words
    assert re.search(r"over the 7 days to day 20 is \w+ the expected range of [\d.]+ to [\d.]+ for that day", words)
    assert "the last 7 days" not in words
    assert ("No entries since 28 Feb 2026, 41 days before this report: the figures below are those of the last "
            "logged week, not of today.") in words


def test_a_diary_logged_today_says_pain_now(tmp_path: Path) -> None:
    words = _words(tmp_path, 20, list(range(21)))
    assert "Pain now (7-day mean)" in words and "Usual pain by now" in words
    assert "No entries since" not in words
    assert re.search(r"over the 7 days to day 20 is \w+ the expected range", words)


def _record(as_of: str) -> SummaryRecord:
    """Robin's summary on day 61 of an episode from 8 Feb 2026, judged on `as_of`."""
    return SummaryRecord.from_row({"patient": "Robin", "episode_id": 1, "onset_date": "2026-02-08", "as_of": as_of,
                                   "days_since_onset": 61})


def test_the_key_figures_name_the_day_of_a_diary_that_stopped() -> None:
    """The labels themselves (the PDF's table cell wraps them): today's day 61, the diary's last entry day 20."""
    figures = dict(key_figures(_record(as_of="2026-02-28")))
    assert "Pain on day 20 (7-day mean, last entry)" in figures and "Usual pain on day 20 (last entry)" in figures
    figures = dict(key_figures(_record(as_of="2026-04-10")))
    assert "Pain now (7-day mean)" in figures and "Usual pain by now" in figures


def test_the_stale_line_begins_when_the_clinic_says_the_diary_has_gone_quiet() -> None:
    """One cut for both (review 13): 7 days without entries is 'gone quiet' in triage (README) and here."""
    assert stale_line(dt.date(2026, 2, 28), dt.date(2026, 3, 6)) is None  # 6 days
    assert stale_line(dt.date(2026, 2, 28), dt.date(2026, 3, 7)).startswith(
        "No entries since 28 Feb 2026, 7 days before this report")


def test_a_character_no_font_has_prints_as_a_question_mark_not_nothing(tmp_path: Path) -> None:
    """fpdf2 leaves out a character no loaded font has, with a warning on stderr only; the report marks it."""
    require_cjk_font()
    diary = Diary(tmp_path / "d.db")
    episode = diary.add_episode("Zoë 山田", TODAY - dt.timedelta(days=3), normal_activity_minutes=60)
    diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=1), 5, 6, 20, 0, "good day \U0001FAE0 after all"))
    words = pdf_words(report.episode_report(diary, episode, today=TODAY))
    assert "Low back pain diary — Zoë 山田" in words  # DejaVu Sans, then Droid Sans Fallback (analysis.output)
    assert "good day ? after all" in words
