"""Other apps' exports (analysis.ingest.apps): recognised by headers, mapped, readings made days (ingest.days)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest.apps import BEARABLE, GOOGLE_FIT, PAIN_TRACKER, detect
from analysis.ingest.importer import ACTIVITY_OUTPUT, ParsedActivity, ParsedDiary, read_diary, read_diary_file
from analysis.ingest.readers import open_sheet
from analysis.model import columns as c
from analysis.model.errors import DateOrderUnclear, ImportRefused
from analysis.workflows.diary_io import sample_files

FIXTURES = Path(__file__).parent / "fixtures" / "apps"
TODAY = dt.date(2026, 3, 10)
BEARABLE_HEADER = "date,weekday,time of day,category,rating/amount,detail,notes\n"
PAIN_TRACKER_HEADER = ("Date,Time,Pain Level,Locations,Symptoms,Limited Activities,Sleep Quality,Mood Impact,"
                       "Missed Work Days,Notes\n")


def read_file(name: str, **options):
    return read_diary_file(FIXTURES / name, today=TODAY, **options)


def read(text: str, name: str = "export.csv", **options):
    return read_diary(text.encode("utf-8"), name, today=TODAY, **options)


def refusal(text: str, name: str = "export.csv", **options) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        read(text, name, **options)
    return caught.value


def iso(dates: pd.Series) -> list[str]:
    return dates.dt.strftime("%Y-%m-%d").tolist()


def doses(parsed: ParsedDiary) -> list[list]:
    d = parsed.doses
    return [[day, *rest] for day, *rest in zip(iso(d[c.DATE]), d[c.MEDICINE], d[c.DOSE_MG], d[c.COUNT],
                                                d[c.TOTAL_MG], strict=True)]


def symptoms(parsed: ParsedDiary) -> list[tuple[str, str]]:
    return list(zip(iso(parsed.symptoms[c.DATE]), parsed.symptoms[c.SYMPTOM], strict=True))


# ---------------------------------------------------------------- detection

@pytest.mark.parametrize("headers, app", [
    (BEARABLE_HEADER.strip().split(","), BEARABLE),
    (["Date", "Weekday", "Time of Day", "Category", "Rating/Amount", "Detail", "Notes", "Date Formatted"], BEARABLE),
    (["date formatted", "category", "rating / amount", "detail"], BEARABLE),
    (PAIN_TRACKER_HEADER.strip().split(","), PAIN_TRACKER),
    (["date", "pain level", "locations", "symptoms", "limited activities", "medications", "notes"], PAIN_TRACKER),
    (["Date", "Time", "Pain Level", "Symptoms", "Medication Log"], PAIN_TRACKER),
    (["Date", "Move Minutes count", "Calories (kcal)", "Walking duration (ms)"], GOOGLE_FIT),
    (["DATE", "Walking Duration (ms)"], GOOGLE_FIT),
    (c.CSV_COLUMNS, None),
    (["Date", "Pain level", "Symptoms", "Notes"], None),
    (["Date", "Time", "Pain", "Worst pain"], None),
    (["Date", "Pain", "Move Minutes count"], None),
    (["date", "category", "amount", "payee"], None),
    (["Name", "Email", "Phone"], None),
    ([], None),
])
def test_detect(headers, app):
    assert detect(headers) is app


def test_detect_leaves_every_sample_diary_alone():
    for path in sample_files():
        assert detect(open_sheet(path.read_bytes(), path.name).headers) is None


# ---------------------------------------------------------------- Bearable

def test_bearable_export():
    parsed = read_file("bearable.csv")
    assert isinstance(parsed, ParsedDiary) and parsed.app == "Bearable"
    entries = parsed.entries
    assert iso(entries[c.DATE]) == ["2026-03-01", "2026-03-02", "2026-03-03"]
    assert entries[c.PAIN].tolist() == [6.25, 2.5, 10.0]  # (3 + 2) / 2 * 2.5; Mild; Extreme
    assert entries[c.WORST_PAIN].tolist() == [7.5, 2.5, 10.0]
    assert entries[c.NOTES].tolist() == ["Could barely get up", "left foot", ""]
    assert entries[c.PATIENT].tolist() == ["bearable"] * 3
    assert doses(parsed) == [["2026-03-01", "ibuprofen", 400.0, 3.0, 1200.0],
                             ["2026-03-02", "paracetamol", 500.0, 2.0, 1000.0]]
    assert symptoms(parsed) == [("2026-03-02", "numbness")]
    assert parsed.warnings == [
        "bearable.csv: ignored 4 rows Backtrack does not use: Mood, Headache, Fever and Sleep.",
        "bearable.csv row 14: no pain score on 2026-03-04; left it out."]


def test_newer_bearable_file_with_bom_and_date_formatted_uses_the_clear_dates():
    parsed = read_file("bearable_new.csv")  # `date` 02/03/2026 could be either order; `date formatted` is ISO
    assert iso(parsed.entries[c.DATE]) == ["2026-03-02", "2026-03-03"]
    assert parsed.entries[c.PAIN].tolist() == [5.0, 5.0]
    assert parsed.entries[c.WORST_PAIN].tolist() == [7.5, 5.0]
    assert parsed.entries[c.NOTES].tolist() == ["Sore, after gardening", ""]
    assert doses(parsed) == [["2026-03-03", "naproxen", 250.0, 1.0, 250.0]]
    assert parsed.warnings == []


def test_european_bearable_file_semicolons_and_day_first_dates():
    parsed = read_file("bearable_european.csv")
    assert iso(parsed.entries[c.DATE]) == ["2026-02-13", "2026-02-14"]
    assert parsed.entries[c.PAIN].tolist() == [3.75, 7.5]
    assert parsed.entries[c.WORST_PAIN].tolist() == [5.0, 7.5]
    assert parsed.entries[c.NOTES].tolist() == ["Rücken steif", ""]
    assert parsed.warnings == ["bearable_european.csv: ignored 1 row Backtrack does not use: Taubheit."]


def test_bearable_file_without_optional_columns():
    parsed = read("Date Formatted;Category;Rating/Amount;Detail\n2026-03-01;SYMPTOM;2;Back Pain\n"
                  "2026-03-01;symptom;4;BACK PAIN\n", "bearable.csv")
    assert parsed.entries[[c.PAIN, c.WORST_PAIN, c.NOTES]].values.tolist() == [[7.5, 10.0, ""]]
    assert parsed.warnings == []


@pytest.mark.parametrize("rating, detail, pain", [
    ("", "Back (lower) pain (None)", 0.0), ("", "Back (lower) pain (Mild)", 2.5),
    ("", "Back (lower) pain (moderate)", 5.0), ("", "Back pain (Severe)", 7.5),
    ("", "Back pain (Extreme)", 10.0), ("", "Lower back pain (Unbearable)", 10.0),
    ("0", "Lower back pain", 0.0), ("1", "Backache", 2.5), ("3", "Back pain (Mild)", 7.5),
])
def test_bearable_rating_or_severity_word_becomes_pain_0_to_10(rating, detail, pain):
    parsed = read(BEARABLE_HEADER + f"2026-03-01,Sun,am,Symptom,{rating},{detail},\n")
    assert parsed.entries[c.PAIN].tolist() == [pain]


@pytest.mark.parametrize("detail, amount, expected", [
    ("Ibuprofen (400mg)", "1", [["ibuprofen", 400.0, 1.0]]),
    ("Ibuprofen 400mg (2 pills)", "", [["ibuprofen", 400.0, 2.0]]),
    ("Ibuprofen 400mg", "3", [["ibuprofen", 400.0, 3.0]]),
    ("Ibuprofen 400mg x2", "1", [["ibuprofen", 400.0, 2.0]]),
    ("Paracetamol 1g", "", [["paracetamol", 1000.0, 1.0]]),
    ("Ibuprofen 400mg", "400", [["ibuprofen", 400.0, 1.0]]),
])
def test_bearable_medication_rows(detail, amount, expected):
    parsed = read(BEARABLE_HEADER + "2026-03-01,Sun,am,Symptom,1,Back pain,\n"
                  + f"2026-03-01,Sun,am,Medication,{amount},{detail},\n")
    assert parsed.doses[[c.MEDICINE, c.DOSE_MG, c.COUNT]].values.tolist() == expected


def test_unreadable_bearable_medicine_is_kept_in_the_notes():
    parsed = read(BEARABLE_HEADER + "2026-03-01,Sun,am,Symptom,1,Back pain,\n"
                  + "2026-03-01,Sun,pm,Meds,,Heat patch,\n", "bearable.csv")
    assert parsed.entries[c.NOTES].tolist() == ["medications: Heat patch"]
    assert parsed.warnings == ['bearable.csv row 3, detail: "Heat patch" could not be read as medicine, '
                               "dose and count; kept it in the notes."]


def test_bearable_symptoms_absent_or_not_warning_symptoms_are_not_recorded():
    parsed = read(BEARABLE_HEADER + "2026-03-01,Sun,am,Symptom,2,Back pain,\n"
                  + "2026-03-01,Sun,am,Symptom,1,Sciatica (Mild),\n"
                  + "2026-03-01,Sun,am,Symptom,0,Fever,\n"
                  + "2026-03-01,Sun,am,Symptom,,Fever (None),\n"
                  + "2026-03-01,Sun,am,Symptom,2,Nausea,\n", "b.csv")
    assert symptoms(parsed) == [("2026-03-01", "leg_pain")]
    assert parsed.warnings == ["b.csv: ignored 3 rows Backtrack does not use: Fever and Nausea."]


def test_bearable_rating_outside_0_to_4_is_refused():
    error = refusal(BEARABLE_HEADER + "2026-03-01,Sun,am,Symptom,7,Back pain,\n"
                    + "2026-03-02,Mon,am,Symptom,lots,Back pain,\n"
                    + "2026-03-03,Mon,am,Symptom,2,Back pain,\n", "bearable.csv")
    assert str(error) == "bearable.csv was not imported: 2 problems."
    assert error.problems == ['bearable.csv row 2, rating/amount: "7" is not a Bearable rating (0 to 4).',
                              'bearable.csv row 3, rating/amount: "lots" is not a Bearable rating (0 to 4).']


def test_bearable_file_without_back_pain_is_refused():
    error = refusal(BEARABLE_HEADER + "2026-03-01,Sun,am,Mood,3,Mood,\n", "bearable.csv")
    assert error.problems == ['bearable.csv is a Bearable export without back-pain ratings (Symptom rows like '
                              '"Back (lower) pain (Moderate)"); there is nothing to import.']


def test_ambiguous_bearable_dates_ask_for_the_date_order():
    text = BEARABLE_HEADER + "02/03/2026,Mon,am,Symptom,2,Back pain,\n03/03/2026,Tue,am,Symptom,1,Back pain,\n"
    with pytest.raises(DateOrderUnclear) as caught:
        read(text, "bearable.csv")
    assert caught.value.problems == [
        "bearable.csv: dates like 02/03/2026 (row 2) could be 2 March or 3 February; choose the date order "
        "(day-month-year or month-day-year)."]
    assert iso(read(text, "bearable.csv", date_order="dmy").entries[c.DATE]) == ["2026-03-02", "2026-03-03"]


# ---------------------------------------------------------------- Pain Tracker

def test_pain_tracker_export():
    parsed = read_file("pain_tracker.csv")
    assert parsed.app == "Pain Tracker"
    entries = parsed.entries
    assert iso(entries[c.DATE]) == ["2026-03-01", "2026-03-02", "2026-03-03"]
    assert entries[c.PAIN].tolist() == [6.0, 5.0, 3.0]
    assert entries[c.WORST_PAIN].tolist() == [7.0, 6.0, 3.0]
    assert entries[c.NOTES].tolist() == [
        "Woke up stiff; limited activities: lifting, bending; missed work days: 1; symptoms: sharp; "
        "Better after walk, heat; locations: lower back, hips; symptoms: aching",
        "Leg felt weak", ""]
    assert symptoms(parsed) == [("2026-03-01", "numbness"), ("2026-03-02", "weakness")]
    assert parsed.warnings == [  # what is not used is said (review 30), never dropped without a word
        "pain_tracker.csv: not used: Sleep Quality, Mood Impact (Backtrack keeps no such column).",
        'pain_tracker.csv row 2, Symptoms: "sharp" is not a warning symptom Backtrack tracks; kept it in the notes.',
        'pain_tracker.csv row 3, Symptoms: "aching" is not a warning symptom Backtrack tracks; kept it in the notes.']
    # the note "Leg felt weak" is read as weakness, which the same row's Symptoms already records: nothing to add


def test_older_pain_tracker_file_with_times_in_the_date_and_medications():
    parsed = read_file("pain_tracker_older.csv")
    assert iso(parsed.entries[c.DATE]) == ["2026-03-01", "2026-03-02"]
    assert parsed.entries[c.PAIN].tolist() == [7.0, 5.0]
    assert parsed.entries[c.WORST_PAIN].tolist() == [8.0, 5.0]
    assert parsed.entries[c.NOTES].tolist() == ["first day; limited activities: walking", ""]
    assert doses(parsed) == [["2026-03-01", "ibuprofen", 400.0, 2.0, 800.0],
                             ["2026-03-01", "codeine", 30.0, 1.0, 30.0]]
    assert symptoms(parsed) == [("2026-03-01", "numbness")]
    # its "quality" column (dull, sharp) has no place in a diary: said, not dropped without a word (review 30)
    assert parsed.warnings == ["pain_tracker_older.csv: not used: quality (Backtrack keeps no such column)."]


def test_pain_tracker_problems_name_the_rows_of_the_file():
    error = refusal(PAIN_TRACKER_HEADER
                    + "2026-03-01,08:00,4,,,,,,,\n"
                    + "2026-03-01,20:00,11,,,,,,,\n"
                    + "2026-03-12,08:00,3,,,,,,,\n", "pain.csv")
    assert error.problems == ["pain.csv row 3, Pain Level: 11 is above the maximum 10.",
                              "pain.csv row 4, Date: 2026-03-12 is in the future (today is 2026-03-10)."]


def test_pain_tracker_reading_repeated_exactly_counts_once():
    parsed = read(PAIN_TRACKER_HEADER + "2026-03-01,08:00,4,,,,,,,\n" * 2 + "2026-03-01,20:00,8,,,,,,,\n",
                  "pain.csv")
    assert parsed.entries[[c.PAIN, c.WORST_PAIN]].values.tolist() == [[6.0, 8.0]]
    assert parsed.warnings == ["pain.csv row 3, Date: 2026-03-01 repeats row 2 exactly; imported it once."]


def test_a_mapping_reads_an_app_export_as_a_diary():
    parsed = read(PAIN_TRACKER_HEADER + "2026-03-01,08:00,4,,,,,,,\n", mapping={"Pain Level": "pain"})
    assert parsed.app == "" and parsed.entries[c.PAIN].tolist() == [4.0]


# ---------------------------------------------------------------- Google Fit

def test_google_fit_daily_activity_metrics_is_activity_only():
    parsed = read_file("Daily activity metrics.csv", patient="Anna")
    assert isinstance(parsed, ParsedActivity) and parsed.app == "Google Fit"
    activity = parsed.activity
    assert list(activity.columns) == ACTIVITY_OUTPUT
    assert activity[c.PATIENT].tolist() == ["Anna"] * 3
    assert iso(activity[c.DATE]) == ["2026-03-01", "2026-03-03", "2026-03-04"]
    assert activity[c.ACTIVITY].tolist() == [34.0, 25.0, 61.0]  # day 3: 1,500,000 ms walking
    assert parsed.warnings == ["Daily activity metrics.csv row 4: no Move Minutes count; used Walking duration "
                               "(ms) instead."]


@pytest.mark.parametrize("name", ["Daily activity metrics.csv", "Daily Activity Metrics (1).csv", ".csv"])
def test_activity_only_file_needs_a_patient(name):
    data = (FIXTURES / "Daily activity metrics.csv").read_text()
    assert refusal(data, name).problems == [
        f"{name} holds only activity minutes (Google Fit); choose the patient whose diary they belong to."]
    assert read(data, "anna.csv").activity[c.PATIENT].unique().tolist() == ["anna"]


def test_google_fit_without_move_minutes_uses_walking_duration():
    parsed = read("Date,Step count,Walking duration (ms)\n2026-03-01,3000,1830000\n2026-03-02,,\n", "anna.csv")
    assert parsed.activity[c.ACTIVITY].tolist() == [30.0]  # 30.5 minutes, rounded to even
    assert parsed.warnings == ["anna.csv: no Move Minutes count; used Walking duration (ms) instead."]


def test_google_fit_problems_name_the_rows_of_the_file():
    error = refusal("Date,Move Minutes count\n2026-03-01,30\n2026-03-02,lots\n2026-03-03,1500\n2026-03-01,45\n",
                    "anna.csv")
    assert error.problems == [
        'anna.csv row 3, Move Minutes count: "lots" is not a number.',
        "anna.csv row 4, Move Minutes count: 1500 is above the maximum 1440.",
        "anna.csv row 5, Date: 2026-03-01 is also the date of row 2, with different values; keep one row per day."]


def test_google_fit_file_without_any_minutes_is_refused():
    assert refusal("Date,Move Minutes count,Calories (kcal)\n2026-03-01,,1800\n", "anna.csv").problems == [
        "anna.csv is a Google Fit activity file without move minutes or walking duration on any day; "
        "there is nothing to import."]


def test_one_module_per_app_and_the_registry_lists_each() -> None:
    """Issue 12: analysis/ingest/apps holds one module per app format, each with one AppFormat, all in APPS."""
    import importlib

    from analysis.ingest import apps

    shared = {"__init__", "format", "registry"}
    found = {}
    for path in sorted(Path(apps.__file__).parent.glob("*.py")):
        if path.stem not in shared:
            module = importlib.import_module(f"analysis.ingest.apps.{path.stem}")
            formats = [value for value in vars(module).values() if isinstance(value, apps.AppFormat)]
            assert len(formats) == 1, path.name
            found[path.stem] = formats[0].name
    assert found == {"bearable": "Bearable", "fitbit": "Fitbit", "fitbit_account": "Fitbit account export",
                     "google_fit": "Google Fit", "pain_tracker": "Pain Tracker"}
    assert [app.name for app in apps.APPS] == ["Bearable", "Pain Tracker", "Google Fit", "Fitbit",
                                               "Fitbit account export"]


@pytest.mark.parametrize("file, app", [
    ("bearable.csv", "Bearable"), ("bearable_new.csv", "Bearable"), ("bearable_european.csv", "Bearable"),
    ("pain_tracker.csv", "Pain Tracker"), ("pain_tracker_older.csv", "Pain Tracker"),
    ("Daily activity metrics.csv", "Google Fit"),
])
def test_the_registry_detects_the_app_of_each_export(file: str, app: str) -> None:
    detected = detect(open_sheet((FIXTURES / file).read_bytes(), file).headers)
    assert detected is not None and detected.name == app


def test_the_registry_detects_fitbit_and_leaves_a_diary_alone() -> None:
    fitbit = ["Id", "ActivityDate", "TotalSteps", "VeryActiveMinutes", "FairlyActiveMinutes", "Calories"]
    assert detect(fitbit).name == "Fitbit"  # type: ignore[union-attr]
    assert detect(["date", "pain", "worst_pain", "notes"]) is None
