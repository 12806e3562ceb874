"""Review 15: Progress's plain-words note on when a likely recovery date shows (88d907a)."""
from __future__ import annotations

import datetime as dt

from analysis.review.progress_text import outlook_line
from analysis.review.record import SummaryRecord
from analysis.review.summary import summarise
from analysis.storage import DayEntry, Diary

TODAY = dt.date.today()


def test_the_note_never_asks_for_what_the_diary_already_has() -> None:
    diary = Diary(":memory:")
    onset = TODAY - dt.timedelta(days=16)
    episode = diary.add_episode("Mia", onset, normal_activity_minutes=60)
    for n in [*range(0, 9), 14, 15, 16]:  # 12 days logged over 17, three of them days 0-2
        diary.save_entry(episode, DayEntry(onset + dt.timedelta(days=n), 7 - n * 0.2, None, 30, 0, ""))
    summary = summarise(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes())
    record = SummaryRecord.from_row(summary.iloc[0].to_dict())
    assert record.projection_note.startswith("Not enough data")
    line = outlook_line(record, TODAY)
    assert line is not None
    assert "once you have logged 10 days over at least 2 weeks" not in line.text, line.text
