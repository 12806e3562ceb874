"""The diary CSV's `seen` column (analysis.ingest.seen_column): "I have been seen about this" read back on import."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.alerts.rules import RULES
from analysis.ingest.importer import read_diary
from analysis.ingest.seen_column import parse_seen, seen_item
from analysis.model import columns as c
from analysis.model.errors import ImportRefused
from analysis.model.vocabulary import ALERT_CODES
from analysis.output.export import FORMULA_STARTS, TEXT_COLUMNS, seen_cells

TODAY = dt.date(2026, 3, 10)
TOMORROW = TODAY + dt.timedelta(days=1)
HEADER = ",".join(c.CSV_COLUMNS) + "\n"


def read(text: str, name: str = "ann.csv"):
    return read_diary(text.encode("utf-8"), name, today=TODAY)


def refused(text: str, name: str = "ann.csv") -> list[str]:
    with pytest.raises(ImportRefused) as caught:
        read(text, name)
    return caught.value.problems


def test_the_alert_codes_the_importer_knows_are_the_rules():
    # the model's list is there so ingest may check codes without importing the alerts layer: it must not drift
    assert ALERT_CODES == tuple(RULES)


def test_the_column_is_last_in_the_export_and_the_old_header_is_still_the_export():
    assert c.CSV_COLUMNS[-2:] == [c.SEEN, c.ACTIVITY_SOURCE]  # activity_source was added after it
    before_seen = tuple(column for column in c.CSV_COLUMNS if column not in (c.SEEN, c.ACTIVITY_SOURCE))
    assert before_seen in c.EXPORT_HEADERS


@pytest.mark.parametrize("text, marks", [
    ("red_flag_emergency@2026-03-04 by clinician", [("red_flag_emergency", dt.date(2026, 3, 4), "clinician")]),
    ("red_flag_emergency@2026-03-04 by patient; red_flag_see_doctor@2026-03-05 by clinician",
     [("red_flag_emergency", dt.date(2026, 3, 4), "patient"),
      ("red_flag_see_doctor", dt.date(2026, 3, 5), "clinician")]),
    ("red_flag_emergency", [("red_flag_emergency", None, "patient")]),  # the row's date, Diary.mark_seen's who
    (" RED_FLAG_EMERGENCY @ 2026-03-04  BY Clinician ;", [("red_flag_emergency", dt.date(2026, 3, 4), "clinician")]),
    ("red_flag_emergency by clinician", [("red_flag_emergency", None, "clinician")]),
    (f"red_flag_emergency@{TOMORROW}", [("red_flag_emergency", TOMORROW, "patient")]),  # a time zone ahead
    ("none", []), ("-", []), (";", []), (float("nan"), []),
])
def test_marks_are_read(text, marks):
    assert parse_seen(text, TOMORROW) == ([(*mark, False) for mark in marks], [])


def test_the_canonical_form_reads_back():
    item = seen_item("new_numbness_weakness", dt.date(2026, 3, 4), "clinician")
    assert item == "new_numbness_weakness@2026-03-04 by clinician"
    assert parse_seen(item, TOMORROW) == ([("new_numbness_weakness", dt.date(2026, 3, 4), "clinician", False)], [])


def test_a_mark_whose_sign_came_back_reads_back():
    """A mark the sign was logged again after, that day (analysis.alerts.seen_after), keeps saying so."""
    item = seen_item("red_flag_see_doctor", dt.date(2026, 3, 4), "patient", again=True)
    assert item == "red_flag_see_doctor@2026-03-04 by patient before it came back"
    assert parse_seen(item, TOMORROW) == ([("red_flag_see_doctor", dt.date(2026, 3, 4), "patient", True)], [])
    assert parse_seen("Red_Flag_See_Doctor@2026-03-04 BY patient  Before It came back", TOMORROW)[0][0][3]


def test_a_file_with_marks_gives_them_on_the_days_episode():
    parsed = read(HEADER + "2026-03-02,6,7,20,0,,cannot_move_leg,,Ann,2026-03-01,60,,\n"
                           "2026-03-03,5,6,20,0,,,,Ann,2026-03-01,60,,red_flag_emergency@2026-03-03 by clinician\n"
                           "2026-03-04,5,6,20,0,,,,Ann,2026-03-01,60,,pain_worsening\n")
    seen = parsed.seen
    assert list(seen.columns) == [c.PATIENT, c.ONSET_DATE, c.DATE, c.ALERT_CODE, c.SEEN_DATE, c.SEEN_BY, c.SIGN_AGAIN]
    assert seen[c.SIGN_AGAIN].tolist() == [False, False]
    assert seen[c.ALERT_CODE].tolist() == ["red_flag_emergency", "pain_worsening"]
    assert seen[c.SEEN_DATE].dt.strftime("%Y-%m-%d").tolist() == ["2026-03-03", "2026-03-04"]
    assert seen[c.SEEN_BY].tolist() == ["clinician", "patient"]
    assert seen[c.PATIENT].tolist() == ["Ann", "Ann"]
    assert seen[c.ONSET_DATE].dt.strftime("%Y-%m-%d").tolist() == ["2026-03-01", "2026-03-01"]
    assert parsed.warnings == []


def test_a_file_without_the_column_has_no_marks():
    parsed = read("date,pain\n2026-03-02,6\n")
    assert parsed.seen.empty


@pytest.mark.parametrize("cell, problem", [
    ("red_flag_emergncy@2026-03-03",
     '"red_flag_emergncy" is not an alert code Backtrack knows; use one of ' + ", ".join(ALERT_CODES) + "."),
    ("red_flag_emergency@03/03/2026",
     '"03/03/2026" in "red_flag_emergency@03/03/2026" is not a date written YYYY-MM-DD.'),
    ("red_flag_emergency@2026-02-30", '"2026-02-30" in "red_flag_emergency@2026-02-30" is not a date written '
                                      "YYYY-MM-DD."),
    ("red_flag_emergency@2026-03-12", '2026-03-12 in "red_flag_emergency@2026-03-12" is in the future (the latest '
                                      "allowed is 2026-03-11)."),
    ("red_flag_emergency@1899-12-31", '1899-12-31 in "red_flag_emergency@1899-12-31" is before 1900.'),
    ("red_flag_emergency@2026-03-03 by doctor", '"doctor" in "red_flag_emergency@2026-03-03 by doctor" is not who '
                                                'recorded it; write "by patient" or "by clinician".'),
    ("seen by the GP", '"seen by the GP" is not a mark written as code@YYYY-MM-DD by patient or by clinician '
                       "(e.g. red_flag_emergency@2026-03-04 by clinician)."),
    # export's apostrophe removed, a formula is only a bad code here (never run: the cell is not stored)
    ("'=HYPERLINK(\"x\")", '"=HYPERLINK("x")" is not an alert code Backtrack knows; use one of '
                           + ", ".join(ALERT_CODES) + "."),
])
def test_a_bad_mark_refuses_the_file_naming_file_row_and_column(cell, problem):
    quoted = '"' + cell.replace('"', '""') + '"'
    problems = refused(HEADER + "2026-03-02,6,7,20,0,,,,Ann,2026-03-01,60,,\n"
                                f"2026-03-03,5,6,20,0,,,,Ann,2026-03-01,60,,{quoted}\n")
    assert problems == [f"ann.csv row 3, seen: {problem}"]


def test_the_file_header_names_the_column_in_problems():
    problems = refused("Date,Pain,Seen about this\n2026-03-02,6,red_flag_emergency by nurse\n")
    assert problems == ['ann.csv row 2, Seen about this: "nurse" in "red_flag_emergency by nurse" is not who '
                        'recorded it; write "by patient" or "by clinician".']


def test_the_header_without_the_seen_column_is_the_documented_format_and_its_notes_are_read():
    """Review 34: this header is also what a spreadsheet in the documented format, or the sample diaries, have; a
    note's "lost control of my bladder" gave only "please check" there, and the emergency with a "Notes" header.
    An export with the seen column (only Backtrack writes it) keeps its notes as typed (test_importer's twin)."""
    header = ",".join(column for column in c.CSV_COLUMNS if column not in (c.SEEN, c.ACTIVITY_SOURCE)) + "\n"
    parsed = read(header + "2026-03-02,6,7,20,0,,,lost control of my bladder,Ann,2026-03-01,60,\n")
    assert parsed.symptoms[c.SYMPTOM].tolist() == ["bladder_bowel"] and parsed.seen.empty
    own = ",".join(column for column in c.CSV_COLUMNS if column != c.ACTIVITY_SOURCE) + "\n"
    parsed = read(own + "2026-03-02,6,7,20,0,,,lost control of my bladder,Ann,2026-03-01,60,,\n")
    assert parsed.symptoms.empty and parsed.seen.empty


def test_the_seen_column_is_neutralised_like_every_text_column():
    # export puts an apostrophe before a cell a spreadsheet would run; the marks never start so, but the
    # column goes through the same guard as every text column
    assert c.SEEN in TEXT_COLUMNS


def test_each_mark_sits_on_the_day_it_was_seen_or_the_last_before_it():
    days = pd.DataFrame({c.EPISODE_ID: [1, 3, 1, 3], c.DATE: pd.to_datetime(["2026-03-03", "2026-03-05",
                                                                            "2026-03-02", "2026-03-01"])})
    seen = pd.DataFrame({c.EPISODE_ID: [1, 1, 1, 2, 3],
                         c.ALERT_CODE: ["red_flag_see_doctor", "pain_worsening", "red_flag_emergency",
                                        "red_flag_emergency", "red_flag_emergency"],
                         c.SEEN_DATE: pd.to_datetime(["2026-03-09", "2026-03-01", "2026-03-03", "2026-03-03",
                                                      "2026-03-04"]),
                         c.SEEN_BY: ["patient", "patient", "clinician", "patient", "clinician"]})
    cells = seen_cells(seen, days).tolist()
    assert cells == [
        # 1 on 3 March: its day, and a later one (the last day before it); marks by date, then code
        "red_flag_emergency@2026-03-03 by clinician; red_flag_see_doctor@2026-03-09 by patient",
        "",  # 3 on 5 March: after the mark
        "pain_worsening@2026-03-01 by patient",  # 1 on 2 March: a mark before every day sits on the first
        "red_flag_emergency@2026-03-04 by clinician",  # 3 on 1 March: the last day before the 4th
    ]  # episode 2 has no day here: its mark is left out
    assert not any(cell.startswith(FORMULA_STARTS) for cell in cells)
    assert seen_cells(seen.iloc[:0], days).tolist() == ["", "", "", ""]
