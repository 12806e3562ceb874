"""Reading diary files (analysis.ingest.importer): formats, tolerance, refusals with exact messages."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.ingest.headers import column_for
from analysis.ingest.importer import (
    DOSE_OUTPUT,
    ENTRY_OUTPUT,
    SYMPTOM_OUTPUT,
    read_diary,
    read_diary_file,
)
from analysis.ingest.medicines import Dose, format_medications
from analysis.ingest.schema import DiaryRow
from analysis.ingest.symptoms import format_symptoms
from analysis.ingest.synthetic import demo_specs, generate_many
from analysis.model import columns as c
from analysis.model.errors import DateOrderUnclear, ImportRefused, UsageError

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 3, 10)
HEADER = "date,pain,worst_pain,activity_minutes,bed_rest_hours,medications,symptoms,notes\n"


def read(text: str, name: str = "knee.csv", **options):
    return read_diary(text.encode("utf-8"), name, today=TODAY, **options)


def refusal(data: bytes | str, name: str = "knee.csv", **options) -> ImportRefused:
    data = data.encode("utf-8") if isinstance(data, str) else data
    with pytest.raises(ImportRefused) as caught:
        read_diary(data, name, today=TODAY, **options)
    return caught.value


def days(count: int, pain: str = "4") -> str:
    """`count` valid canonical rows from 2026-03-01 on (rows 2 .. count + 1)."""
    return "".join(f"2026-02-{day:02d},{pain},5,30,0,,,\n" for day in range(1, count + 1))


# ---------------------------------------------------------------- canonical round trip

def canonical_csv(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame) -> str:
    """The canonical diary CSV of generated frames, written with format_medications/format_symptoms."""
    key = [c.EPISODE_ID, c.DATE]
    meds = doses.groupby(key).apply(lambda d: format_medications(
        [Dose(m, mg, n) for m, mg, n in zip(d[c.MEDICINE], d[c.DOSE_MG], d[c.COUNT], strict=True)]))
    codes = symptoms.groupby(key)[c.SYMPTOM].agg(lambda s: format_symptoms(list(s)))
    index = pd.MultiIndex.from_frame(entries[key])
    out = entries.assign(**{c.MEDICATIONS: meds.reindex(index).fillna("").to_numpy(),
                            c.SYMPTOMS: codes.reindex(index).fillna("").to_numpy(),
                            c.EPISODE_LABEL: "", c.SEEN: "", c.ACTIVITY_SOURCE: ""})
    out[c.DATE] = out[c.DATE].dt.strftime("%Y-%m-%d")
    out[c.ONSET_DATE] = out[c.ONSET_DATE].dt.strftime("%Y-%m-%d")
    return out[c.CSV_COLUMNS].to_csv(index=False)


def test_canonical_file_round_trips():
    entries, doses, symptoms = generate_many([demo_specs()[1], demo_specs()[3]])
    parsed = read_diary(canonical_csv(entries, doses, symptoms).encode(), "demo.csv",
                        today=dt.date(2026, 12, 31))
    ids = entries.set_index(c.EPISODE_ID)[c.PATIENT].drop_duplicates()
    # every cell read; the activity_source column there and empty: typed minutes
    expected_entries = entries.assign(**{c.EPISODE_LABEL: "", c.UNREAD: "", c.ACTIVITY_SOURCE: ""})[ENTRY_OUTPUT]
    pd.testing.assert_frame_equal(parsed.entries, expected_entries)
    onsets = entries.drop_duplicates(c.EPISODE_ID).set_index(c.EPISODE_ID)[c.ONSET_DATE]
    expected_doses = doses.assign(**{c.PATIENT: doses[c.EPISODE_ID].map(ids),
                                     c.ONSET_DATE: doses[c.EPISODE_ID].map(onsets),
                                     c.COUNT: doses[c.COUNT].astype(float)})[DOSE_OUTPUT]
    pd.testing.assert_frame_equal(parsed.doses, expected_doses)
    expected_symptoms = symptoms.assign(**{c.PATIENT: symptoms[c.EPISODE_ID].map(ids),
                                           c.ONSET_DATE: symptoms[c.EPISODE_ID].map(onsets),
                                           c.DATE: symptoms[c.DATE].astype("datetime64[us]"),
                                           c.SYMPTOM: symptoms[c.SYMPTOM].astype("str")})
    pd.testing.assert_frame_equal(parsed.symptoms, expected_symptoms[SYMPTOM_OUTPUT])
    assert len(parsed.symptoms) == 2
    assert parsed.warnings == []


def test_frames_have_documented_columns_and_types():
    parsed = read(HEADER + "2026-03-01,4,,,,codeine 30 mg x2,leg_pain,\n")
    assert list(parsed.entries.columns) == ENTRY_OUTPUT
    assert list(parsed.doses.columns) == DOSE_OUTPUT
    assert list(parsed.symptoms.columns) == SYMPTOM_OUTPUT
    row = parsed.entries.iloc[0]
    assert (row[c.PATIENT], row[c.EPISODE_LABEL], row[c.NOTES]) == ("knee", "", "")
    assert pd.isna(row[c.ONSET_DATE]) and pd.isna(row[c.WORST_PAIN]) and pd.isna(row[c.NORMAL_ACTIVITY])
    assert parsed.entries[c.DATE].dtype.kind == "M" and parsed.entries[c.PAIN].dtype == float


@pytest.mark.parametrize("options, patient", [({}, "knee"), ({"patient": "Ana"}, "Ana")])
def test_file_without_patient_column_belongs_to_given_patient_or_file(options, patient):
    assert read(HEADER + days(1), **options).entries[c.PATIENT].tolist() == [patient]


def test_patient_column_wins_and_keeps_leading_zeros():
    parsed = read("date,pain,patient\n2026-03-01,4,007\n2026-03-01,5,008\n2026-03-02,5,\n", patient="Ana")
    assert parsed.entries[c.PATIENT].tolist() == ["007", "008", "Ana"]


def test_export_formula_apostrophe_is_removed():
    parsed = read("date,pain,notes\n2026-03-01,4,'=1+2\n2026-03-02,4,'twas bad\n")
    assert parsed.entries[c.NOTES].tolist() == ["=1+2", "'twas bad"]


def test_schema_names_the_canonical_columns_and_reads_numbers_tolerantly():
    assert set(DiaryRow.columns) == set(c.CSV_COLUMNS)
    checked = DiaryRow.validate(pd.DataFrame({c.DATE: ["2026-03-01"], c.PAIN: ["4,5"]}))
    assert checked[c.PAIN].tolist() == [4.5]


def test_date_order_must_be_dmy_or_mdy():
    with pytest.raises(UsageError, match="The date order must be dmy or mdy, not ymd."):
        read(HEADER + days(1), date_order="ymd")


# ---------------------------------------------------------------- real-world formats

def test_european_semicolon_decimal_comma_cp1252_file():
    parsed = read_diary_file(FIXTURES / "european.csv", today=TODAY)
    entries = parsed.entries
    assert entries[c.DATE].dt.strftime("%Y-%m-%d").tolist() == ["2026-02-03", "2026-02-04", "2026-02-13"]
    assert entries[c.PAIN].tolist() == [6.5, 5.0, 4.0]
    assert entries[c.BED_REST].tolist() == [12.5, 2.0, 0.0]
    assert entries[c.ACTIVITY].tolist() == [10.0, 15.0, 20.0]
    assert entries[c.NOTES].tolist() == ["Rücken steif – Café", "", "Spaziergang"]
    assert parsed.doses[[c.MEDICINE, c.DOSE_MG, c.COUNT]].values.tolist() == [
        ["ibuprofen", 200.0, 2.0], ["paracetamol", 1000.0, 4.0]]
    assert parsed.symptoms[c.SYMPTOM].tolist() == ["numbness"]
    assert parsed.warnings == []


def test_tab_separated_file():
    parsed = read_diary_file(FIXTURES / "tab.tsv", today=TODAY)
    assert parsed.entries[[c.PAIN, c.WORST_PAIN, c.ACTIVITY, c.BED_REST]].values.tolist() == [
        [7, 9, 5, 20], [6, 8, 10, 8]]
    assert parsed.doses[c.MEDICINE].tolist() == ["ibuprofen", "ibuprofen", "codeine"]
    assert parsed.source == "tab.tsv"


def test_utf8_bom_file_with_header_variants():
    parsed = read_diary_file(FIXTURES / "bom.csv", today=TODAY)
    entries = parsed.entries
    assert entries[c.PATIENT].tolist() == ["Zoë", "Zoë"]
    assert entries[c.ONSET_DATE].dt.strftime("%Y-%m-%d").tolist() == ["2026-01-30", "2026-01-30"]
    assert entries[c.NOTES].tolist() == ["Schöne Grüße", ""]


def test_utf16_tab_file_from_excel_unicode_text():
    text = "Date\tPain\tNotes\n01.02.2026\t4\tÜbel\n13.02.2026\t3\t\n"
    parsed = read_diary(text.encode("utf-16"), "unicode.txt", today=TODAY)
    assert parsed.entries[c.NOTES].tolist() == ["Übel", ""]
    assert parsed.entries[c.DATE].dt.day.tolist() == [1, 13]


def test_us_month_first_file():
    parsed = read_diary_file(FIXTURES / "us.csv", today=TODAY)
    assert parsed.entries[c.DATE].dt.strftime("%Y-%m-%d").tolist() == ["2026-02-13", "2026-02-14", "2026-02-15"]
    assert parsed.doses[[c.MEDICINE, c.TOTAL_MG]].values.tolist() == [["ibuprofen", 400.0],
                                                                      ["paracetamol", 1000.0]]
    assert parsed.symptoms[c.SYMPTOM].tolist() == ["leg_pain"]


def test_ambiguous_dates_are_refused_until_the_order_is_given():
    data = (FIXTURES / "ambiguous.csv").read_bytes()
    with pytest.raises(ImportRefused) as caught:
        read_diary(data, "ambiguous.csv", today=TODAY)
    assert str(caught.value) == "ambiguous.csv was not imported: 1 problem."
    assert caught.value.problems == [
        "ambiguous.csv: dates like 03/02/2026 (row 2) could be 3 February or 2 March; "
        "choose the date order (day-month-year or month-day-year)."]
    dmy = read_diary(data, "ambiguous.csv", today=TODAY, date_order="dmy")
    assert dmy.entries[c.DATE].dt.strftime("%Y-%m-%d").tolist() == ["2026-02-03", "2026-02-04", "2026-02-05"]
    mdy = read_diary(data, "ambiguous.csv", today=dt.date(2026, 6, 1), date_order="mdy")
    assert mdy.entries[c.DATE].dt.strftime("%Y-%m-%d").tolist() == ["2026-03-02", "2026-04-02", "2026-05-02"]


def test_mixed_date_orders_are_refused():
    error = refusal("date,pain\n13/02/2026,4\n02/14/2026,5\n")
    assert error.problems == [
        "knee.csv mixes day-first dates like 13/02/2026 (row 2) with month-first dates like "
        "02/14/2026 (row 3); correct them or choose the date order (day-month-year or month-day-year)."]
    error = refusal("date,pain\n13/02/2026,4\n02/14/2026,5\n", date_order="dmy")
    assert error.problems == ['knee.csv row 3, date: "02/14/2026" is not a date in day-month-year order.']


@pytest.mark.parametrize("text", ["2026-02-03", "03.02.2026", "03-02-2026", "3/2/2026", "3/2/26",
                                  "3 Feb 2026", "February 3, 2026", "2026/02/03", "2026-02-03 08:15"])
def test_date_spellings(text):
    parsed = read(f'date,pain\n"{text}",4\n13.01.2026,4\n')
    assert parsed.entries[c.DATE].iloc[0] == pd.Timestamp("2026-02-03")


@pytest.mark.parametrize("cell, value", [("4,5", 4.5), (" 7 ", 7.0), ("7/10", 7.0), ("6.0", 6.0)])
def test_numbers_are_read_tolerantly(cell, value):
    assert read(f'date,pain\n2026-03-01,"{cell}"\n').entries[c.PAIN].tolist() == [value]


@pytest.mark.parametrize("activity, bed_rest, minutes, hours", [
    ("1 h", "2 h", 60.0, 2.0), ("1,5 hours", "90 min", 90.0, 1.5), ("45 min", "20 minutes", 45.0, 1 / 3),
    ("2 hrs", "1 hr", 120.0, 1.0), ("30", "3", 30.0, 3.0),
])
def test_units_written_in_cells_are_converted_to_the_column_unit(activity, bed_rest, minutes, hours):
    parsed = read(f'date,pain,activity_minutes,bed_rest_hours\n2026-03-01,4,"{activity}","{bed_rest}"\n')
    assert parsed.entries[c.ACTIVITY].tolist() == [minutes]
    assert parsed.entries[c.BED_REST].tolist() == pytest.approx([hours])


def test_a_unit_that_makes_no_sense_for_the_column_is_refused_not_guessed():
    problems = refusal("date,pain,activity_minutes\n2026-03-01,4 h,7/10\n").problems
    assert problems == ['knee.csv row 2, pain: "4 h" is not a number.',
                        'knee.csv row 2, activity_minutes: "7/10" is not a number.']


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Pain (0-10)", "Activity minutes", "Medication", "Notes"])
    sheet.append([dt.datetime(2026, 2, 1), 6, 10, "Nurofen 200mg 2x", "first day"])
    sheet.append([dt.datetime(2026, 2, 2, 21, 30), 5.5, None, None, None])
    sheet.append([])
    sheet.append(["14.02.2026", "4,5", 30, "paracetamol 1g x4", 12])  # text cell, day first
    path = tmp_path / "diary.xlsx"
    book.save(path)
    return path


def test_excel_workbook_with_date_cells(workbook):
    parsed = read_diary_file(workbook, today=TODAY)
    assert parsed.entries[c.DATE].dt.strftime("%Y-%m-%d").tolist() == ["2026-02-01", "2026-02-02", "2026-02-14"]
    assert parsed.entries[c.PAIN].tolist() == [6.0, 5.5, 4.5]
    assert parsed.entries[c.NOTES].tolist() == ["first day", "", "12"]
    assert parsed.doses[c.TOTAL_MG].tolist() == [400.0, 4000.0]
    assert parsed.entries[c.PATIENT].tolist() == ["diary"] * 3


def test_excel_rows_are_numbered_as_excel_shows_them(workbook):
    book = openpyxl.load_workbook(workbook)
    book.active["B5"] = 12  # row 4 is blank and still counts
    buffer = io.BytesIO()
    book.save(buffer)
    error = refusal(buffer.getvalue(), "diary.xlsx")
    assert error.problems == ["diary.xlsx row 5, Pain (0-10): 12 is above the maximum 10."]


# ---------------------------------------------------------------- headers and mapping

@pytest.mark.parametrize("header, column", [
    ("Date", c.DATE), ("Day", c.DATE), ("Datum", c.DATE),
    ("Pain", c.PAIN), ("Pain level", c.PAIN), ("Pain (0-10)", c.PAIN), ("Pain score", c.PAIN),
    ("Average pain", c.PAIN), ("NRS", c.PAIN),
    ("Worst pain", c.WORST_PAIN), ("Max pain", c.WORST_PAIN), ("Worst", c.WORST_PAIN),
    ("Activity minutes", c.ACTIVITY), ("Active minutes", c.ACTIVITY), ("Activity", c.ACTIVITY),
    ("Exercise minutes", c.ACTIVITY), ("Minutes active", c.ACTIVITY), ("Walking minutes", c.ACTIVITY),
    ("Bed rest", c.BED_REST), ("Bed rest hours", c.BED_REST), ("Hours in bed", c.BED_REST),
    ("Medication", c.MEDICATIONS), ("Medications", c.MEDICATIONS), ("Medicine", c.MEDICATIONS),
    ("Medicines", c.MEDICATIONS), ("Meds", c.MEDICATIONS), ("Painkillers", c.MEDICATIONS),
    ("Symptoms", c.SYMPTOMS), ("Warning signs", c.SYMPTOMS),
    ("Notes", c.NOTES), ("Comments", c.NOTES), ("Comment", c.NOTES), ("Remarks", c.NOTES),
    ("Patient", c.PATIENT), ("Name", c.PATIENT), ("Patient ID", c.PATIENT),
    ("Onset", c.ONSET_DATE), ("Onset date", c.ONSET_DATE), ("Start date", c.ONSET_DATE),
    ("normal_activity_minutes", c.NORMAL_ACTIVITY), ("Episode", c.EPISODE_LABEL),
    (" BED_REST_HOURS ", c.BED_REST), ("worst-pain", c.WORST_PAIN), ("Weather", None),
])
def test_column_for(header, column):
    assert column_for(header) == column


def test_unknown_columns_are_ignored_with_one_warning():
    parsed = read("Date,Weather,Pain,Mood\n2026-03-01,rain,4,ok\n")
    assert parsed.warnings == ["knee.csv: ignored columns Backtrack does not use: Weather, Mood."]


def test_mapping_overrides_matching():
    parsed = read("Datum,Schmerz,Day\n2026-03-01,4,Mon\n", mapping={"Schmerz": "pain", "Day": ""})
    assert parsed.entries[c.PAIN].tolist() == [4.0]
    assert parsed.warnings == []


def test_mapping_can_skip_a_column_named_loosely():
    parsed = read("Date,Pain,Day \n2026-03-01,4,Mon\n", mapping={"day": ""})
    assert parsed.entries[c.DATE].tolist() == [pd.Timestamp("2026-03-01")]
    assert parsed.warnings == []


def test_second_column_for_the_same_field_is_ignored_with_a_warning():
    parsed = read("Day,Date,Pain\nMon,2026-03-01,4\n")
    assert parsed.entries[c.DATE].tolist() == [pd.Timestamp("2026-03-01")]
    assert parsed.warnings == [
        "knee.csv: ignored columns Backtrack does not use: Day (also looks like date; used Date)."]


def test_mapping_mistakes_are_refused():
    error = refusal("Datum,Schmerz\n2026-03-01,4\n", mapping={"Schmerz": "hurt", "Pain": "pain"})
    assert error.problems == [
        "The mapping sends column Schmerz to hurt, which is not a diary column; use one of "
        "date, pain, worst_pain, activity_minutes, bed_rest_hours, medications, symptoms, notes, "
        "patient, onset_date, normal_activity_minutes, episode, seen, activity_source.",
        "The mapping names column Pain, which knee.csv does not have; columns found: Datum, Schmerz.",
        "knee.csv has no pain column; columns found: Datum, Schmerz. Give a mapping that says which "
        "column holds pain."]


def test_converter_turns_an_app_export_into_canonical_columns():
    def app(raw: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame({c.DATE: raw["when"].str[:10], c.PAIN: raw["level"]})

    parsed = read("when,level\n2026-03-01T08:00,3\n2026-03-02T08:00,11\n".replace(",11", ",2"),
                  converter=app)
    assert parsed.entries[c.PAIN].tolist() == [3.0, 2.0]
    error = refusal("when,level\n2026-03-01T08:00,3\n2026-03-02T08:00,11\n", converter=app)
    assert error.problems == ["knee.csv row 3, pain: 11 is above the maximum 10."]


def test_converter_must_give_date_and_pain():
    error = refusal("when,level\n2026-03-01,3\n", converter=lambda raw: raw.rename(columns={"when": "date"}))
    assert error.problems == ["knee.csv could not be converted: the converter gave no pain column."]


# ---------------------------------------------------------------- refused files

@pytest.mark.parametrize("data, problem", [
    (HEADER + days(12) + "2026-02-13,11,5,30,0,,,\n",
     "knee.csv row 14, pain: 11 is above the maximum 10."),
    (HEADER + days(1) + "2026-02-02,4,5,-5,0,,,\n",
     "knee.csv row 3, activity_minutes: -5 is below the minimum 0."),
    (HEADER + "2026-02-02,4,5,1500,0,,,\n",
     "knee.csv row 2, activity_minutes: 1500 is above the maximum 1440."),
    (HEADER + "2026-02-02,4,5,30,25,,,\n",
     "knee.csv row 2, bed_rest_hours: 25 is above the maximum 24."),
    (HEADER + "2026-02-02,4,-1,30,0,,,\n",
     "knee.csv row 2, worst_pain: -1 is below the minimum 0."),
    (HEADER + "yesterday,4,5,30,0,,,\n",
     'knee.csv row 2, date: "yesterday" is not a date.'),
    (HEADER + "2026-02-30,4,5,30,0,,,\n",
     'knee.csv row 2, date: "2026-02-30" is not a date.'),
    (HEADER + days(1) + "2026-03-12,4,5,30,0,,,\n",
     "knee.csv row 3, date: 2026-03-12 is in the future (today is 2026-03-10)."),
    (HEADER + days(2) + "2026-02-02,6,5,30,0,,,\n",
     "knee.csv row 4, date: 2026-02-02 is also the date of row 3, with different values; "
     "keep one row per day."),
    (HEADER + "2026-02-02,4,5,30,lots,,,\n",
     'knee.csv row 2, bed_rest_hours: "lots" is not a number.'),
    (HEADER + "2026-02-02,,5,30,0,,,\n",
     "knee.csv row 2, pain: empty, but every row needs a pain score."),
    (HEADER + ",4,5,30,0,,,\n",
     "knee.csv row 2, date: empty, but every row needs a date."),
    (HEADER + "2026-02-02,4,5,30,0,,leg_pian,\n",
     'knee.csv row 2, symptoms: "leg_pian" is not a symptom code Backtrack knows; use one of '
     "leg_pain, numbness, weakness, bladder_bowel, saddle_numbness, cannot_move_leg, fever, weight_loss, both_legs, "
     "unwell."),
    ("date,pain,onset_date\n2026-02-02,4,2026-04-01\n",
     "knee.csv row 2, onset_date: 2026-04-01 is in the future (today is 2026-03-10)."),
    ("date,Schmerz,notes\n2026-02-02,4,\n",
     "knee.csv has no pain column; columns found: date, Schmerz, notes. Give a mapping that says "
     "which column holds pain."),
    ("Tag,Schmerz\n2026-02-02,4\n",
     "knee.csv has no date or pain column; columns found: Tag, Schmerz. Give a mapping that says "
     "which column holds date and which pain."),
    ("", "knee.csv is empty."),
    ("\ufeff \r\n\r\n", "knee.csv is empty."),
    (HEADER, "knee.csv has a header row but no diary rows."),
    (HEADER + ",,,,,,,\n\n", "knee.csv has a header row but no diary rows."),
    (bytes(range(256)) * 4,
     "knee.csv is not a CSV or Excel (.xlsx) file; export the diary as CSV or .xlsx and import that file."),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
     "knee.csv is not a CSV or Excel (.xlsx) file; export the diary as CSV or .xlsx and import that file."),
    (b"date,pain\n2026-02-02,4\x81\n",
     "knee.csv could not be read as text: it is neither UTF-8 nor Windows-1252 encoded; save it as "
     "CSV UTF-8 and try again."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
     "knee.csv is an old Excel (.xls) workbook; save it as .xlsx or CSV and import that file."),
    (b"PK\x03\x04garbage",
     "knee.csv could not be read as an Excel workbook: it is damaged or cut short; open it in Excel and save it "
     "again as .xlsx, or export the diary as CSV."),
    ("date,pain,notes\n2026-02-01,4,fine\n2026-02-02,5,sore, stiff, tired\n",
     "knee.csv row 3 has 5 cells but the header has 3; a note may contain an unquoted "
     "delimiter (put such notes in quotes)."),
])
def test_broken_file_is_refused_with_row_column_and_value(data, problem):
    error = refusal(data)
    assert str(error) == "knee.csv was not imported: 1 problem."
    assert error.problems == [problem]


def test_xlsx_name_that_is_not_a_workbook():
    assert refusal("date,pain\n", "diary.xlsx").problems == [
        "diary.xlsx is named like an Excel workbook but is not one; open it in Excel and save it again as .xlsx."]


def test_every_problem_is_listed_at_once():
    data = ("Date;Pain (0-10);Active minutes;Hours in bed\n"
            "01.02.2026;4;30;0\n"
            "02.02.2026;11;-5;0\n"
            "03.02.2026;x;30;30\n"
            "someday;4;30;0\n"
            "20.03.2026;4;30;0\n")
    error = refusal(data)
    assert str(error) == "knee.csv was not imported: 6 problems."
    assert error.problems == [
        "knee.csv row 3, Pain (0-10): 11 is above the maximum 10.",
        "knee.csv row 3, Active minutes: -5 is below the minimum 0.",
        'knee.csv row 4, Pain (0-10): "x" is not a number.',
        "knee.csv row 4, Hours in bed: 30 is above the maximum 24.",
        'knee.csv row 5, Date: "someday" is not a date.',
        "knee.csv row 6, Date: 20.03.2026 is in the future (today is 2026-03-10).",
    ]


# ---------------------------------------------------------------- imported with warnings

def test_identical_duplicate_rows_are_kept_once_with_a_warning():
    parsed = read(HEADER + days(2) + "2026-02-02,4,5,30,0,,,\n")
    assert len(parsed.entries) == 2
    assert parsed.warnings == ["knee.csv row 4, date: 2026-02-02 repeats row 3 exactly; imported it once."]


def test_unread_medicine_and_symptom_text_is_kept_in_notes():
    parsed = read(HEADER
                  + "2026-03-01,4,,,,ibuprofen 400mg + heat pack,leg pain; headache,Slept badly\n"
                  + "2026-03-02,4,,,,ibuprofen,,\n"
                  + "2026-03-03,4,,,,glucosamine 300 mg x3,,\n"
                  + "2026-03-04,4,,,,heat pack,,\n")
    assert parsed.entries[c.NOTES].tolist() == [
        "Slept badly; medications: heat pack; symptoms: headache", "medications: ibuprofen", "",
        "medications: heat pack"]
    assert parsed.doses[[c.MEDICINE, c.DRUG_CLASS, c.TOTAL_MG]].values.tolist() == [
        ["ibuprofen", "NSAID", 400.0], ["glucosamine", "other", 900.0]]
    assert parsed.symptoms[c.SYMPTOM].tolist() == ["leg_pain"]
    assert parsed.warnings == [
        'knee.csv rows 2 and 5, medications: "heat pack" could not be read as medicine, dose and count; '
        "kept it in the notes.",
        'knee.csv row 3, medications: "ibuprofen" could not be read as medicine, dose and count; '
        "kept it in the notes.",
        'knee.csv row 4, medications: "glucosamine" is not in Backtrack\'s medicine list; imported it '
        'with drug class "other".',
        'knee.csv row 2, symptoms: "headache" is not a warning symptom Backtrack tracks; kept it in the notes.',
    ]


@pytest.mark.parametrize("body", ["2026-03-01,4,oops\n2026-03-02,5\n", "2026-03-01,4\n2026-03-02,5,oops\n"])
def test_filled_cells_beyond_the_header_refuse_a_csv_wherever_they_are(body):
    """Keeping part of a note split at an unquoted comma would lose the rest of it."""
    row = 2 if body.startswith("2026-03-01,4,") else 3
    assert refusal("date,pain\n" + body).problems == [
        f"knee.csv row {row} has 3 cells but the header has 2; a note may contain an unquoted delimiter "
        "(put such notes in quotes)."]


def test_empty_cells_beyond_the_header_are_dropped_wherever_they_are():
    parsed = read("date,pain\n2026-03-01,4\n2026-03-02,5,\n2026-03-03,5, ,\n")
    assert parsed.entries[c.PAIN].tolist() == [4.0, 5.0, 5.0] and parsed.warnings == []


def test_trailing_delimiters_are_harmless():
    parsed = read("date;pain;\n2026-03-01;4;\n2026-03-02;5;\n")
    assert parsed.entries[c.PAIN].tolist() == [4.0, 5.0]
    assert parsed.warnings == []


# ---------------------------------------------------------------- several readings a day

def test_readings_with_a_time_column_become_mean_and_worst_pain():
    parsed = read("date,time,pain,worst_pain,activity_minutes,medications,symptoms,notes\n"
                  "2026-03-01,08:00,6,,20,ibuprofen 400 mg x1,,stiff\n"
                  "2026-03-01,20:00,3,7,20,ibuprofen 400 mg x1,leg pain,stiff\n"
                  "2026-03-01,22:00,,,,,,slept early\n"
                  "2026-03-02,09:00,4,,,,,\n")
    entries = parsed.entries
    assert entries[c.DATE].dt.strftime("%Y-%m-%d").tolist() == ["2026-03-01", "2026-03-02"]
    assert entries[c.PAIN].tolist() == [4.5, 4.0]
    assert entries[c.WORST_PAIN].tolist() == [7.0, 4.0]
    assert entries[c.ACTIVITY].fillna(-1).tolist() == [20.0, -1]  # a day total on every row counts once
    assert entries[c.NOTES].tolist() == ["stiff; slept early", ""]
    assert parsed.doses[[c.MEDICINE, c.COUNT, c.TOTAL_MG]].values.tolist() == [["ibuprofen", 2.0, 800.0]]
    assert parsed.symptoms[c.SYMPTOM].tolist() == ["leg_pain"]
    assert parsed.warnings == []


def test_problems_in_readings_name_the_row_of_the_reading():
    error = refusal("date,time,pain\n2026-03-01,08:00,4\n2026-03-01,20:00,12\n2026-03-02,08:00,\n"
                    "2026-03-02,09:00,\n")
    assert error.problems == ["knee.csv row 3, pain: 12 is above the maximum 10.",
                              "knee.csv row 4, pain: empty, but every day needs a pain score."]


def test_without_a_time_column_different_rows_for_one_day_are_still_refused():
    error = refusal("date,pain\n2026-03-01,4\n2026-03-01,6\n")
    assert error.problems == ["knee.csv row 3, date: 2026-03-01 is also the date of row 2, with different "
                              "values; keep one row per day."]


# ---------------------------------------------------------------- unclear date order

def test_unclear_date_order_alone_raises_date_order_unclear():
    with pytest.raises(DateOrderUnclear) as caught:
        read("date,pain\n03/04/2026,4\n02/03/2026,5\n")  # 3 April would be in the future: not judged yet
    assert caught.value.problems == [
        "knee.csv: dates like 03/04/2026 (row 2) could be 3 April or 4 March; choose the date order "
        "(day-month-year or month-day-year)."]
    assert read("date,pain\n03/04/2026,4\n02/03/2026,5\n", date_order="mdy").entries[c.PAIN].tolist() == [4, 5]
    assert refusal("date,pain\n03/04/2026,4\n02/03/2026,5\n", date_order="dmy").problems == [
        "knee.csv row 2, date: 03/04/2026 is in the future (today is 2026-03-10)."]


def test_unclear_date_order_with_other_problems_lists_them_all():
    error = refusal("date,pain\n03/02/2026,4\n04/02/2026,11\n05/02/2026,x\n")
    assert type(error) is ImportRefused
    assert str(error) == "knee.csv was not imported: 3 problems."
    assert error.problems == [
        "knee.csv: dates like 03/02/2026 (row 2) could be 3 February or 2 March; choose the date order "
        "(day-month-year or month-day-year).",
        "knee.csv row 3, pain: 11 is above the maximum 10.",
        'knee.csv row 4, pain: "x" is not a number.']


def test_mixed_date_orders_are_not_just_unclear():
    assert type(refusal("date,pain\n13/02/2026,4\n02/14/2026,5\n")) is ImportRefused


def test_dotted_dates_are_day_first_even_when_every_day_is_12_or_less():
    parsed = read("date,pain\n03.02.2026,4\n05.02.2026,4\n")
    assert parsed.entries[c.DATE].tolist() == [pd.Timestamp("2026-02-03"), pd.Timestamp("2026-02-05")]


def test_co_codamol_without_a_strength_is_read_as_8_500_with_a_warning():
    assert read("date,pain\n2026-03-01,4\n2026-03-02,4\n").warnings == []
    assert read("date,pain,medications\n2026-03-01,4,\n2026-03-02,4,ibuprofen 400 mg x1\n").warnings == []
    assert read("date,pain,medications\n2026-03-01,4,co-codamol 8mg x2\n2026-03-02,4,2 nurofen plus\n").warnings == []
    parsed = read("date,pain,medications\n2026-03-01,4,co-codamol x2\n2026-03-02,4,co-codamol 30/500 x2\n")
    assert parsed.doses[c.DOSE_MG].tolist() == [8.0, 500.0, 30.0, 500.0]
    assert parsed.warnings == ["knee.csv row 2, medications: co-codamol without its strength was read as 8/500 "
                               "(the over-the-counter tablet); correct it if stronger ones (15/500, 30/500) "
                               "were taken."]


def test_vicodin_without_a_strength_is_named_in_its_warning_not_called_co_codamol():
    parsed = read("date,pain,medications\n2026-03-01,4,Vicodin 1 tablet every 6 hours\n"
                  "2026-03-02,4,Vicodin 2 tablets q4h; co-codamol x2\n")
    assert parsed.doses[[c.MEDICINE, c.DOSE_MG, c.COUNT]].values.tolist() == [
        ["hydrocodone", 5.0, 4.0], ["paracetamol", 300.0, 4.0], ["hydrocodone", 5.0, 12.0],
        ["paracetamol", 300.0, 12.0], ["codeine", 8.0, 2.0], ["paracetamol", 500.0, 2.0]]
    assert parsed.warnings == [
        "knee.csv rows 2 and 3, medications: Vicodin without its strength was read as 5/300 (its lowest strength); "
        "correct it if stronger ones (7.5/300, 10/300) were taken.",
        "knee.csv row 3, medications: co-codamol without its strength was read as 8/500 (the over-the-counter "
        "tablet); correct it if stronger ones (15/500, 30/500) were taken."]



def test_warning_sign_in_words_or_notes_is_a_warning_to_check():
    # a note that mentions a sign without reporting it (a scan, a worry) is not read as the sign: it is checked
    parsed = read(HEADER + "2026-03-01,5,5,30,0,,groin odd,bladder scan booked for Friday\n"
                           "2026-03-02,4,5,30,0,,no numbness,worried about numbness in my feet?\n")
    assert parsed.warnings == [
        'knee.csv row 2, symptoms: "groin odd" mentions a warning sign that could not be read with confidence; '
        "please check it with the patient; kept it in the notes.",
        'knee.csv row 2, notes: "bladder scan booked for Friday" mentions a warning sign; please check it with the '
        "patient and record the symptom if it applies; kept it in the notes.",
        'knee.csv row 3, notes: "worried about numbness in my feet?" mentions a warning sign; please check it with '
        "the patient and record the symptom if it applies; kept it in the notes."]
    assert parsed.symptoms.empty
    assert "bladder scan booked for Friday" in parsed.entries.loc[0, "notes"]


def test_warning_sign_reported_plainly_in_a_note_is_recorded_for_its_day():
    """A sign written only in the notes reaches the alerts (issue 9; scenarios note_bladder, note_saddle_numb,
    note_leg_numb): the day gets the symptom and the warning says what was read, to check with the patient."""
    parsed = read(HEADER + "2026-03-01,6,7,20,0,,,stiff this morning\n"
                           "2026-03-02,6,7,20,0,,,Had an accident - lost control of my bladder. Scared.\n"
                           "2026-03-03,5,6,20,0,,none,numb between my legs when I wipe\n"
                           "2026-03-04,5,6,20,0,,leg_pain,left leg went numb this afternoon\n"
                           "2026-03-05,5,6,20,0,,,no numbness; bladder fine\n"
                           "2026-03-06,5,6,20,0,,bladder_bowel,lost bladder control again\n")
    frame = parsed.symptoms
    got = [(d.strftime("%Y-%m-%d"), s) for d, s in zip(frame["date"], frame["symptom"], strict=True)]
    assert got == [("2026-03-02", "bladder_bowel"), ("2026-03-03", "saddle_numbness"),
                   ("2026-03-04", "leg_pain"), ("2026-03-04", "numbness"), ("2026-03-06", "bladder_bowel")]
    assert parsed.warnings == [
        "knee.csv row 3, notes: read 'Had an accident - lost control of my bladder. Scared' as Loss of bladder or "
        "bowel control; check it with the patient.",
        "knee.csv row 4, notes: read 'numb between my legs when I wipe' as Numbness around genitals or bottom; "
        "check it with the patient.",
        "knee.csv row 5, notes: read 'left leg went numb this afternoon' as Numbness or tingling in legs, belly or "
        "buttocks; check it with the patient."]  # row 7 records the sign its note names: nothing to add or say
    # the note stays as written; a "none" symptoms cell does not clear a sign the note reports
    assert parsed.entries["notes"].tolist()[1] == "Had an accident - lost control of my bladder. Scared."
    assert parsed.cleared.empty


def test_the_same_sign_read_from_notes_on_several_days_is_one_warning_naming_the_rows():
    parsed = read(HEADER + "2026-03-01,6,7,20,0,,,left leg went numb\n"
                           "2026-03-02,6,7,20,0,,,walked\n"
                           "2026-03-03,6,7,20,0,,,left leg went numb\n")
    assert parsed.warnings == ["knee.csv rows 2 and 4, notes: read 'left leg went numb' as Numbness or tingling in "
                               "legs, belly or buttocks; check it with the patient."]
    assert [d.strftime("%Y-%m-%d") for d in parsed.symptoms["date"]] == ["2026-03-01", "2026-03-03"]
    assert set(parsed.symptoms["symptom"]) == {"numbness"}


def test_backtracks_own_export_keeps_its_notes_as_notes():
    # the app asked the person to tick the sign their note names; the export's round trip stays exact, and the
    # note is still listed to check
    header = ",".join(c.CSV_COLUMNS) + "\n"
    parsed = read(header + "2026-03-02,6,7,20,0,,,lost control of my bladder,Ann,2026-03-01,60,\n", "ann.csv")
    assert parsed.symptoms.empty
    assert parsed.warnings == ['ann.csv row 2, notes: "lost control of my bladder" mentions a warning sign; please '
                               "check it with the patient and record the symptom if it applies; kept it in the notes."]
    # the same columns without the episode column (not the export's header): the note is read
    header = ",".join(column for column in c.CSV_COLUMNS if column != c.EPISODE_LABEL) + "\n"
    parsed = read(header + "2026-03-02,6,7,20,0,,,lost control of my bladder,Ann,2026-03-01,60\n", "ann.csv")
    assert parsed.symptoms["symptom"].tolist() == ["bladder_bowel"]


def test_tomorrow_is_accepted_for_a_diary_kept_in_a_time_zone_ahead():
    """Issue 11: dates run from 1900 to tomorrow; the day after is refused (the parametrised case above)."""
    parsed = read(HEADER + days(1) + "2026-03-11,4,5,30,0,,,\n")
    assert parsed.entries["date"].max() == pd.Timestamp("2026-03-11")
