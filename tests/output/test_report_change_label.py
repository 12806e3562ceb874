"""The GP report's change in pain names what it is measured from (review 29): with an estimated baseline (a diary
begun days after the pain started) the change is from the first logged days, and "Change since baseline: down 48%"
beside "Baseline pain 9.3 (estimated)" read as 48% of 9.3 when it was 48% of 9.0."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from analysis.output import report
from analysis.storage import DayEntry, Diary
from tests.pdf_text import pdf_words

TODAY = dt.date(2026, 4, 10)


def _words(tmp_path: Path, first_day: int) -> str:
    """The report of Tess's diary begun `first_day` days after onset, pain 9 falling by 0.2 a day to today."""
    onset = TODAY - dt.timedelta(days=30)
    diary = Diary(tmp_path / "d.db")
    try:
        episode = diary.add_episode("Tess", onset, "", 60)
        for day in range(first_day, 31):
            diary.save_entry(episode, DayEntry(onset + dt.timedelta(days=day), round(9 - 0.2 * (day - first_day), 1),
                                               None, 20))
        return pdf_words(report.episode_report(diary, episode, today=TODAY))
    finally:
        diary.close()


def test_a_diary_begun_late_says_its_change_is_since_the_first_logged_days_and_from_what(tmp_path: Path) -> None:
    words = _words(tmp_path, first_day=12)  # table cells wrap in two lines: their parts are read apart
    assert "(estimated: the diary" in words
    assert "Change since the first" in words and "Change since baseline" not in words
    found = re.search(r"down (\d+)% \(from (\d+\.\d)\)", words)
    assert found, words
    pct, start = int(found.group(1)), float(found.group(2))
    now = float(re.search(r"Pain now \(7-day mean\) (\d+\.\d) / 10", words).group(1))
    assert abs((start - now) / start * 100 - pct) <= 1  # the percentage is of the start it names


def test_a_diary_begun_at_onset_keeps_change_since_baseline(tmp_path: Path) -> None:
    words = _words(tmp_path, first_day=0)
    assert "estimated" not in words
    assert re.search(r"Change since baseline down \d+%", words) and "first logged days" not in words
