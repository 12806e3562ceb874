"""Review 30: files a tester made from the README and SOURCES.md alone, without reading the code.

A Fitbit account export with its Body section first was refused; a Pain Tracker WorkSafeBC report lost its notes and
places without a word; readings with their times in the date cells were refused as repeated days; a total row under
a spreadsheet's days refused the whole file; a zip or Word file named .csv was answered in a library's words."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from analysis.ingest.importer import ParsedActivity, read_diary, read_diary_file
from analysis.ingest.symptoms import parse_symptoms
from analysis.model import columns as c
from analysis.model.errors import ImportRefused

TODAY = dt.date(2026, 7, 10)
REAL = Path(__file__).resolve().parents[3] / "shared" / "real-files"
if not REAL.is_dir():
    REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "real-files"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-files is not on this machine")

ACTIVITIES = ("Activities\nDate,Calories Burned,Steps,Distance,Floors,Minutes Sedentary,Minutes Lightly Active,"
              "Minutes Fairly Active,Minutes Very Active,Activity Calories\n"
              '"2026-06-01","2,345","12,345","8.52","3","700","200","8","30","1,200"\n'
              '"2026-06-02","2,345","12,345","8.52","3","700","200","3","43","1,200"\n')
BODY = 'Body\nDate,Weight,BMI,Fat\n"2026-06-01","80.5","24.1","0"\n'
SLEEP = 'Sleep\nStart Time,End Time,Minutes Asleep\n"2026-06-01 11:00PM","2026-06-02 7:00AM","420"\n'


def read(data: str | bytes, name: str, **options):
    return read_diary(data.encode("utf-8") if isinstance(data, str) else data, name, today=TODAY, **options)


def refusal(data: str | bytes, name: str) -> list[str]:
    with pytest.raises(ImportRefused) as caught:
        read(data, name)
    return caught.value.problems


@pytest.mark.parametrize("sections", [BODY + "\n" + ACTIVITIES, BODY + "\n" + ACTIVITIES + "\n" + SLEEP,
                                      ACTIVITIES + "\n" + SLEEP, "\n" + BODY + "\n\n" + ACTIVITIES + "\n\n" + SLEEP])
def test_a_fitbit_account_export_is_read_from_its_activities_section_wherever_it_is(sections: str) -> None:
    """The sections the person ticked come one after another (Body, Activities, Sleep): the minutes are Very +
    Fairly Active of the Activities rows alone, never the Body's or the Sleep's rows."""
    parsed = read(sections, "fitbit_export_20260701.csv", patient="Ann")
    assert isinstance(parsed, ParsedActivity) and parsed.app == "Fitbit account export"
    activity = parsed.activity
    assert activity[c.DATE].dt.strftime("%Y-%m-%d").tolist() == ["2026-06-01", "2026-06-02"]
    assert activity[c.ACTIVITY].tolist() == [38.0, 46.0]
    others = [title for title in ("Body", "Sleep") if title in sections]  # what was not read is said
    assert parsed.warnings == ([f'fitbit_export_20260701.csv: read its "Activities" table; its other sections '
                                f"({', '.join(others)}) were not read."] if others else [])


def test_a_blank_line_inside_a_diary_below_a_title_ends_nothing() -> None:
    """A diary with a title line above its table and a blank line between its rows keeps every row: only another
    titled table ends a section."""
    text = "My back diary\ndate,pain\n2026-06-01,5\n\n2026-06-02,4\n\nNotes\n2026-06-03,3\n"
    with pytest.raises(ImportRefused) as caught:  # "Notes" is a row of the table, not a section: it is named
        read(text, "diary.csv")
    assert caught.value.problems == ['diary.csv row 7, date: "Notes" is not a date.',
                                     'diary.csv row 7, pain: empty, but every row needs a pain score.']
    text = "My back diary\ndate,pain\n2026-06-01,5\n\n2026-06-02,4\n\n2026-06-03,3\n"
    assert read(text, "diary.csv").entries[c.PAIN].tolist() == [5.0, 4.0, 3.0]


@needs_real
def test_the_worksafebc_report_keeps_its_notes_places_limits_and_work_missed() -> None:
    """SOURCES.md: 4 diary days; README note 7: notes, plus locations, limits and missed work. The report's own
    columns (work_impact_notes, primary_locations with `|`, functional_limitations, missed_work_hours,
    modified_duties) were dropped without a word."""
    parsed = read_diary_file(REAL / "paintracker" / "crisiscore_worksafebc-report-sample.csv")
    assert parsed.entries[c.PAIN].tolist() == [7, 6, 5, 8]
    assert parsed.entries[c.NOTES].tolist() == [
        "Unable to complete full shift; locations: lumbar, left-knee; limited activities: lifting, "
        "prolonged-standing; missed work hours: 4.0; modified duties: yes; symptoms: sharp; radiating",
        "Modified tasks required; limited activities: bending; missed work hours: 2.0; modified duties: yes; "
        "symptoms: stiffness",
        "Tolerated light duties; locations: lumbar, right-hip; limited activities: walking; symptoms: aching",
        "Left early due to escalation; locations: lumbar, left-leg; limited activities: lifting, bending, stairs; "
        "missed work hours: 6.0; modified duties: yes; symptoms: burning"]
    assert parsed.symptoms[c.SYMPTOM].tolist() == ["numbness"]  # "burning|numbness": the sign, and burning kept
    assert parsed.warnings[0] == ("crisiscore_worksafebc-report-sample.csv: not used: entry_id, medications_active, "
                                  "treatments_applied, sleep_quality, mood_score (Backtrack keeps no such column).")


def test_a_symptom_list_joined_with_pipes_is_read_item_by_item() -> None:
    assert parse_symptoms("burning|numbness") == (["numbness"], ["burning"])
    assert parse_symptoms("sharp | fever") == (["fever"], ["sharp"])


def test_readings_with_their_times_in_the_date_cells_become_one_day() -> None:
    """README: several readings of one day become one day (pain the mean, worst the highest). A date cell with its
    time ("2023-10-26 14:15:00") is a reading at that time, as a Time column would say."""
    text = ("Date,Pain Level,Symptoms,Medications,Notes\n2026-06-01 08:15:00,4,,,morning\n"
            "2026-06-01 20:15:00,8,,,evening\n2026-06-02 09:00:00,3,,,\n")
    entries = read(text, "log.csv").entries
    assert entries[c.DATE].dt.strftime("%Y-%m-%d").tolist() == ["2026-06-01", "2026-06-02"]
    assert entries[[c.PAIN, c.WORST_PAIN]].values.tolist() == [[6.0, 8.0], [3.0, 3.0]]
    assert entries[c.NOTES].tolist() == ["morning; evening", ""]


def test_midnight_times_in_the_date_cells_are_days_still() -> None:
    """A spreadsheet's dates written with 00:00:00 are days: a second row of one of them is refused as before."""
    text = "date,pain\n2026-06-01 00:00:00,4\n2026-06-01 00:00:00,5\n"
    assert refusal(text, "days.csv")[0].startswith("days.csv row 3")


def _workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("total", [["Total", 45, None, 300], ["Average:", "=AVERAGE(B2:B4)", None, "=SUM(D2:D4)"],
                                   ["TOTAL", None, None, None]])
def test_a_total_row_under_the_days_is_said_and_not_read(total: list[object]) -> None:
    rows = [["date", "pain", "worst pain", "activity minutes"], [dt.date(2026, 6, 1), 5, 6, 20],
            [dt.date(2026, 6, 2), 4, 6, 30], [dt.date(2026, 6, 3), 3, 4, 40], total]
    parsed = read(_workbook(rows), "sheet.xlsx")
    assert parsed.entries[c.PAIN].tolist() == [5.0, 4.0, 3.0]
    assert parsed.warnings == [f'sheet.xlsx row 5: "{total[0]}" is a summary row under the days, not a day; it was '
                               "not read."]


def test_a_total_row_between_days_is_still_refused_with_its_row() -> None:
    text = "date,pain\n2026-06-01,5\nTotal,5\n2026-06-02,4\n"
    assert refusal(text, "sheet.csv") == ['sheet.csv row 3, date: "Total" is not a date.']


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("parts, kind", [
    ({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}, "a Word document"),
    ({"notes.txt": b"date,pain\n2026-06-01,5\n"}, "a zip archive"),
    ({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<office/>"},
     "an OpenDocument file (LibreOffice)"),
])
def test_a_zip_or_office_file_named_csv_is_named_in_plain_words(parts: dict[str, bytes], kind: str) -> None:
    assert refusal(_zip(parts), "diary.csv") == [
        f"diary.csv is {kind}, not an Excel workbook or a CSV file; export the diary as CSV or .xlsx and import "
        "that file."]


def test_a_cut_short_workbook_is_named_in_plain_words() -> None:
    data = _workbook([["date", "pain"], [dt.date(2026, 6, 1), 5]])
    assert refusal(data[:len(data) // 2], "diary.xlsx") == [
        "diary.xlsx could not be read as an Excel workbook: it is damaged or cut short; open it in Excel and save "
        "it again as .xlsx, or export the diary as CSV."]


def test_what_the_tester_found_reads_the_same_through_pandas_dates() -> None:
    """The readings' dates are days (midnight), as every other import gives them."""
    entries = read("Date,Pain Level,Notes\n2026-06-01 08:15:00,4,a\n", "log.csv").entries
    assert (entries[c.DATE] == pd.Timestamp("2026-06-01")).all()


# ---------------------------------------------------------------- the review of the change (a second reader)

def test_a_note_with_an_empty_line_below_a_title_is_one_cell() -> None:
    text = ('My back diary\ndate,pain,notes\n2026-06-01,5,"Saw physio.\n\nExercises\nbridges, cat-cow, walking"\n'
            "2026-06-02,4,fine\n2026-06-03,3,ok\n")
    entries = read(text, "d.csv").entries
    assert entries[c.PAIN].tolist() == [5.0, 4.0, 3.0]
    assert entries[c.NOTES].iloc[0] == "Saw physio.\n\nExercises\nbridges, cat-cow, walking"


def test_a_diary_kept_month_by_month_is_never_imported_in_part() -> None:
    """A second titled block of the same diary: refused naming its rows, as before, never read as June alone."""
    text = ("Back diary June\ndate,pain,notes\n2026-06-01,5,a\n2026-06-02,4,b\n\nBack diary July\ndate,pain,notes\n"
            "2026-07-01,7,c\n")
    assert refusal(text, "d.csv")[:2] == ['d.csv row 6, date: "Back diary July" is not a date.',
                                          "d.csv row 6, pain: empty, but every row needs a pain score."]


def test_one_time_typed_in_a_date_cell_does_not_merge_a_repeated_day() -> None:
    text = ("date,pain,worst pain,notes\n2026-06-01,2,3,good day\n2026-06-02 21:30,4,5,typed the time once\n"
            "2026-06-01,8,9,really day 11: flare\n")
    assert refusal(text, "d.csv") == ["d.csv row 4, date: 2026-06-01 is also the date of row 2, with different "
                                      "values; keep one row per day."]


def test_a_day_a_row_with_times_is_read_by_days_and_none_clears_what_is_stored() -> None:
    text = "date,pain,medications,symptoms\n2026-06-01 21:04,5,none,none\n2026-06-02 20:51,4,ibuprofen 400 mg,\n"
    parsed = read(text, "d.csv")
    assert sorted(parsed.cleared["field"]) == ["medications", "symptoms"]


def test_a_file_of_a_total_row_alone_has_no_diary_rows() -> None:
    assert refusal("date,pain\nTotal,5\n", "t.csv") == [
        "t.csv has a header row but no diary rows (only a summary row)."]


def test_readings_in_a_workbooks_date_time_cells_become_one_day() -> None:
    rows = [["date", "pain"], [dt.datetime(2026, 6, 1, 8, 15), 4], [dt.datetime(2026, 6, 1, 22, 0), 8],
            [dt.datetime(2026, 6, 2, 9, 0), 3]]
    entries = read(_workbook(rows), "log.xlsx").entries
    assert entries[[c.PAIN, c.WORST_PAIN]].values.tolist() == [[6.0, 8.0], [3.0, 3.0]]


@pytest.mark.parametrize("written", ["2026-06-01T08:15:00Z", "2026-06-01T20:15:00+02:00", "2026-06-01 08:15 PM"])
def test_a_date_with_a_zone_or_am_pm_is_its_day(written: str) -> None:
    assert read(f"date,pain\n{written},5\n", "d.csv").entries[c.DATE].tolist() == [pd.Timestamp("2026-06-01")]


def test_a_pain_tracker_file_with_both_medicine_columns_and_both_notes_loses_neither() -> None:
    text = ('Date,Pain Level,Medications,Medication Log,Notes,work_impact_notes,Locations,Primary Locations\n'
            '2026-06-01,5,,"Naproxen (500mg, Twice daily)",,Left early,,\n'
            '2026-06-02,4,ibuprofen 400mg x2,,fine,,Neck,Lower back\n'
            '2026-06-03,4,ibuprofen 400mg x2,"Naproxen (500mg, Twice daily)",,,\n'
            '2026-06-04,3,ibuprofen 400mg x2,ibuprofen 400mg x2,,,\n')  # written twice: read once
    parsed = read(text, "pt.csv")
    assert parsed.doses[[c.MEDICINE, c.TOTAL_MG]].values.tolist() == [
        ["naproxen", 1000.0], ["ibuprofen", 800.0], ["ibuprofen", 800.0], ["naproxen", 1000.0], ["ibuprofen", 800.0]]
    assert parsed.entries[c.NOTES].tolist() == ["Left early", "fine; locations: Neck, Lower back", "", ""]


def test_a_zip_whose_parts_lie_about_their_size_is_never_read_whole() -> None:
    """A 640 MB part of zeros packs into well under a megabyte: telling what the file is reads its first megabyte
    only (review 30: the whole part was inflated, 1.3 GB of memory for a 650 KB upload)."""
    import tracemalloc

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("[Content_Types].xml", "w", force_zip64=True) as part:
            for _ in range(64):
                part.write(bytes(10 * 1024 * 1024))
    data = out.getvalue()
    assert len(data) < 2 * 1024 * 1024
    tracemalloc.start()
    try:
        problems = refusal(data, "bomb.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(problems) == 1 and problems[0].startswith("bomb.xlsx")  # refused in one sentence
    assert peak < 64 * 1024 * 1024
    # and what the file is, told from its first megabyte, also when its declared sizes would pass (they can lie)
    from analysis.ingest.import_limits import _not_a_workbook

    tracemalloc.start()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert _not_a_workbook(archive, set(archive.namelist())) == "a zip archive"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024


def test_a_mapping_without_the_date_or_the_pain_says_which_to_pick() -> None:
    from analysis.ingest.headers import unpicked_required

    assert unpicked_required({"Tag": "date", "Schmerz": "pain"}) is None
    assert unpicked_required({"Tag": "date"}) == "Pick the column that holds the pain (0-10) first."
    assert unpicked_required({"Schmerz": "pain", "Min": "activity_minutes"}) == \
        "Pick the column that holds the date first."
    assert unpicked_required({}) == "Pick the columns that hold the date and the pain (0-10) first."
