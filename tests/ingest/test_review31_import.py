"""Review 31's import tester (README and SOURCES.md only, the expected answers written before running): words that
begin like a sign's in a note raised an urgent alert; one pasted escape sequence refused a short file as "not a CSV
file"; the cell-size limit counted lines, not rows; "1,200" minutes were stored as 1.2; an empty reading changed a
day's pain without a word."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.alerts.engine import alerts
from analysis.ingest.import_limits import ImportLimits
from analysis.ingest.importer import read_diary
from analysis.model import columns as c
from analysis.model.errors import ImportRefused

TODAY = dt.date(2026, 12, 3)


def _read(text: str, name: str = "sam.csv", **options):
    return read_diary(text.encode("utf-8"), name, today=TODAY, **options)


def _refused(text: str, name: str = "sam.csv", **options) -> list[str]:
    with pytest.raises(ImportRefused) as caught:
        _read(text, name, **options)
    return caught.value.problems


def test_a_number_of_stretches_is_no_numbness_and_raises_no_alert() -> None:
    parsed = _read("date,pain,notes\n2026-11-30,5,ok\n2026-12-01,4,did a number of stretches\n"
                   "2026-12-02,3,did a number of short walks\n")
    assert parsed.symptoms.empty and parsed.warnings == []
    entries = parsed.entries.assign(**{c.EPISODE_ID: 1})
    found = alerts(entries, parsed.doses.assign(**{c.EPISODE_ID: 1}), parsed.symptoms.assign(**{c.EPISODE_ID: 1}),
                   as_of=dt.date(2026, 12, 2))
    assert not set(found["code"]) & {"red_flag_emergency", "new_numbness_weakness"}


@pytest.mark.parametrize("note", ["called the number the GP gave me", "Numbat documentary", "weakly sunny",
                                  "watched Fever Pitch", "numbing cream on my knee",
                                  "couldn't move my leg much because of the pain"])
def test_words_like_a_signs_are_not_read_as_one(note: str) -> None:
    assert _read(f"date,pain,notes\n2026-12-01,4,{note}\n").symptoms.empty


def test_a_sign_said_plainly_in_a_note_is_still_read() -> None:
    parsed = _read("date,pain,notes\n2026-12-01,4,left leg went numb\n2026-12-02,4,can't move my left leg\n")
    assert sorted(parsed.symptoms[c.SYMPTOM]) == ["cannot_move_leg", "numbness"]


def test_an_escape_sequence_in_a_short_file_is_named_by_row_and_column() -> None:
    assert _refused("date,pain\n2026-11-01,4\x1b[31m\n2026-11-02,3\n") == [
        'sam.csv row 2, pain: "4\\e[31m" is not a number.']
    parsed = _read("date,pain,notes\n2026-11-01,4,hello \x1b[31mred\x1b[0m\n2026-11-02,3,bell\x07\n")
    assert len(parsed.entries) == 2  # a note with control characters is read, not the file refused


def test_the_cell_size_limit_names_the_row_as_a_spreadsheet_counts_it() -> None:
    text = 'date,pain,notes\n2025-11-01,4,"a\na\na\n"\n2025-11-02,4,' + "y" * 40 + "\n"
    problems = _refused(text, limits=ImportLimits(max_cell_chars=30))
    assert problems[0].startswith("sam.csv row 3 has a cell of 40 characters"), problems


def test_minutes_with_a_comma_before_three_digits_are_asked_about_not_read_as_decimals() -> None:
    assert _refused('date,pain,activity_minutes\n2025-11-01,4,"1,200"\n') == [
        'sam.csv row 2, activity_minutes: "1,200" could be 1200 or 1.200; write 1200 without the comma, or 1.200 '
        "with a point, and import the file again."]
    assert _read('date,pain,activity_minutes\n2025-11-01,4,"1,5"\n').entries[c.ACTIVITY].tolist() == [1.5]
    assert _read("date,pain,activity_minutes\n2025-11-01,4,1.200\n").entries[c.ACTIVITY].tolist() == [1.2]


def test_an_empty_reading_on_a_day_with_others_is_named() -> None:
    parsed = _read("Date, Time, Pain\n2025-11-14,10:14:59,6.0\n2025-11-14,12:00:18,\n2025-11-14,18:00:00,7.0\n")
    assert parsed.entries[c.PAIN].tolist() == [6.5]
    assert parsed.warnings == ["sam.csv row 3, Pain: empty; that day's pain is the mean of its readings that have "
                               "one."]
    with_note = _read("date,time,pain,notes\n2025-11-14,08:00,6,\n2025-11-14,22:00,,slept early\n")
    assert with_note.warnings == []  # a reading that says something else is no missing score


@pytest.mark.parametrize("text", ["bladder | bowels normal", "bladder / bowels normal", "bladder, bowels fine",
                                  "Bladder/bowels OK"])
def test_bladder_and_bowels_said_normal_in_one_breath_is_no_sign(text: str) -> None:
    from analysis.ingest.note_signs import read_note
    from analysis.ingest.symptoms import parse_symptoms

    assert parse_symptoms(text) == ([], []) and read_note(text) == ([], [])


@pytest.mark.parametrize("text", ["bladder problems / bowels normal", "lost control of bladder / bowels normal"])
def test_a_bladder_problem_beside_normal_bowels_is_still_the_sign(text: str) -> None:
    from analysis.ingest.symptoms import parse_symptoms

    assert parse_symptoms(text)[0] == ["bladder_bowel"]


def test_a_grouped_number_is_read_where_only_one_reading_fits_and_asked_about_where_both_do() -> None:
    """Review 31's second reader: "1,200 min" was still 1.2 minutes; "4,333" pain and "2,000" hours of bed rest (a
    decimal-comma file) were refused by the first fix, though only their decimal reading is possible."""
    parsed = _read('date;pain;bed_rest_hours;activity_minutes\n2025-11-01;4,333;"2,000";"1,500 mins"\n'
                   "2025-11-02;4,5;1;30\n")
    assert parsed.entries[c.PAIN].tolist() == [4.333, 4.5]
    assert parsed.entries[c.BED_REST].tolist() == [2.0, 1.0]
    assert parsed.entries[c.ACTIVITY].tolist() == [1.5, 30.0]  # 1,500 minutes is more than a day
    assert _refused('date,pain,activity_minutes\n2025-11-01,4,"1,200 min"\n') == [
        'sam.csv row 2, activity_minutes: "1,200 min" could be 1200 or 1.200; write 1200 without the comma, or '
        "1.200 with a point, and import the file again."]


def test_an_amount_without_a_maximum_reads_a_comma_before_three_digits_as_thousands() -> None:
    import pandas as pd

    from analysis.ingest.schema import to_number

    assert to_number(pd.Series(["1,000", "2,5", "400"])).tolist() == [1000.0, 2.5, 400.0]  # an app's milligrams
