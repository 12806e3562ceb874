"""A projection read after its projected day is said in the past, in one wording for Progress, the summary's JSON
and the GP report (analysis.review.projection_words; review 5 fixed the report first).

Why: the projection is of the last entry; a diary that stopped on 7 Nov said "At the current rate pain reaches 1
or less around 2026-11-22" when read on 2 Dec, a day already past, said as if pain were falling now.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.output.report_sections import dates_in_text, projection_sentence
from analysis.review.progress_text import OutlookLine, outlook_line
from analysis.review.projection_words import NEEDED, notes_read_on, with_notes_read_on
from analysis.review.record import SummaryRecord

MADE = "At the current rate pain reaches 1 or less around 2026-11-22 (likely between 2026-11-18 and 2026-11-30)."
PAST = ("The diary stopped on 2026-11-07; at that rate pain would have reached 1 or less around 2026-11-22 "
        "(2026-11-18 to 2026-11-30). Whether it did is not in the diary.")


def _table() -> pd.DataFrame:
    """Three episodes: projected to 22 Nov (stopped 7 Nov), projected to 20 Dec, and one with no projection."""
    day = pd.Timestamp
    return pd.DataFrame({
        "episode_id": [1, 2, 3],
        "projection_note": [MADE, "At the current rate pain reaches 1 or less around 2026-12-20.", "Not improving."],
        "projected_recovery_date": [day("2026-11-22"), day("2026-12-20"), pd.NaT],
        "projected_earliest": [day("2026-11-18"), day("2026-12-20"), pd.NaT],
        "projected_latest": [day("2026-11-30"), day("2026-12-20"), pd.NaT],
        "last_entry_date": [day("2026-11-07"), day("2026-12-01"), day("2026-11-01")],
        "as_of": [day("2026-11-07"), day("2026-12-01"), day("2026-11-01")]})


def _record(row: dict) -> SummaryRecord:
    fields = {name: None for name in SummaryRecord.__dataclass_fields__}
    return SummaryRecord(**{**fields, **{k: (v.date() if isinstance(v, pd.Timestamp) else v) for k, v in row.items()
                                         if k in NEEDED or k == "episode_id"}})


def test_a_projected_day_already_past_is_said_in_the_past_and_the_others_stand() -> None:
    notes = notes_read_on(_table(), dt.date(2026, 12, 2))
    assert notes.tolist() == [PAST, "At the current rate pain reaches 1 or less around 2026-12-20.", "Not improving."]


def test_read_on_or_before_the_projected_day_the_note_stands() -> None:
    table = _table()
    assert notes_read_on(table, dt.date(2026, 11, 22)).tolist() == table["projection_note"].tolist()
    assert notes_read_on(table, None).tolist() == table["projection_note"].tolist()


def test_every_key_is_kept_and_only_the_note_changes() -> None:
    table = _table()
    read = with_notes_read_on(table, "2026-12-02")
    assert list(read.columns) == list(table.columns)
    assert read.drop(columns="projection_note").equals(table.drop(columns="projection_note"))
    assert with_notes_read_on(table.iloc[:0], "2026-12-02").empty


def test_the_report_says_the_same_sentence_in_its_date_style() -> None:
    record = _record(_table().iloc[0].to_dict())
    assert projection_sentence(record, dt.date(2026, 12, 2)) == PAST
    assert dates_in_text(PAST) == ("The diary stopped on 7 Nov 2026; at that rate pain would have reached 1 or less "
                                   "around 22 Nov 2026 (18 Nov 2026 to 30 Nov 2026). Whether it did is not in the "
                                   "diary.")
    assert projection_sentence(record, dt.date(2026, 11, 20)) == MADE


def test_progress_says_it_in_plain_dates_not_should_be_down_around_a_past_day() -> None:
    record = _record(_table().iloc[0].to_dict())
    line = outlook_line(record, dt.date(2026, 12, 2))
    assert line == OutlookLine("note", dates_in_text(PAST))  # '7 Nov 2026', the page's date style (plain_date)
    assert outlook_line(record, dt.date(2026, 11, 20)).kind == "projected"  # before the day: the estimate stands
    assert outlook_line(record).kind == "projected"
