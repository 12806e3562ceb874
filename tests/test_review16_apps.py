"""Review 16: other apps' exports written as the apps write them today.

Each xfail names one fault; its docstring says where the format comes from.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.cli_run import cli, cli_json


def _export(db: Path, tmp_path: Path) -> list[dict[str, str]]:
    out = tmp_path / "out.csv"
    done = cli("export", "--db", db, "-o", out)
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))


def test_pain_tracker_regimen_repeated_on_two_entries_of_a_day_is_not_doubled(tmp_path: Path) -> None:
    """Format: CrisisCore-Systems/pain-tracker, src/utils/pain-tracker/export.ts (commit e31f4e20), exportToCSV with
    the 'minimal' redaction policy, which src/components/export/DataExportModal.tsx selects by default: header
    `Date,Time,Pain Level,Symptoms,Medication Log`, records joined by the two characters `\\n`, Medication Log built by
    toMedicationLogString from entry.medications.current as `Name (dosage, frequency)` joined by `; `. Doses and
    frequencies as in src/data/chronic-pain-12-month-seed.ts (Naproxen 500mg Twice daily, Cyclobenzaprine 10mg At
    bedtime)."""
    rows = [
        "Date,Time,Pain Level,Symptoms,Medication Log",
        '2026-11-20,08:15,7,"Sharp pain","Naproxen (500mg, Twice daily); Cyclobenzaprine (10mg, At bedtime)"',
        '2026-11-20,20:40,5,"Stiffness","Naproxen (500mg, Twice daily); Cyclobenzaprine (10mg, At bedtime)"',
        '2026-11-21,09:00,4,"","Naproxen (500mg, Twice daily)"',
    ]
    path = tmp_path / "pain-data-2026-11-22.csv"
    path.write_text("\\n".join(rows), encoding="utf-8")
    db = tmp_path / "d.db"
    done = cli("import", path, "--db", db, "--patient", "P")
    assert done.returncode == 0, done.stderr
    days = {row["date"]: row for row in _export(db, tmp_path)}
    assert days["2026-11-20"]["pain"] == "6" and days["2026-11-20"]["worst_pain"] == "7"
    assert days["2026-11-21"]["medications"] == "naproxen 500 mg x2"
    assert days["2026-11-20"]["medications"] == "naproxen 500 mg x2; cyclobenzaprine 10 mg x1"
    # 1,000 mg of naproxen a day is within the prescribed maximum: no warning (above the over-the-counter 660 mg it
    # is information, GUIDANCE.md §5); doubled, 2,000 mg was a warning
    alerts = cli_json("summary", "--db", db)[0]["alerts"]
    assert not [a for a in alerts if a["code"] == "daily_dose_exceeded" and a["severity"] != "info"], alerts


def test_pain_tracker_free_text_frequencies_count_as_the_medicine_column_counts_them(tmp_path: Path) -> None:
    """Format: CrisisCore-Systems/pain-tracker, src/utils/pain-tracker/export.ts (commit e31f4e20),
    toMedicationLogString `${med.name} (${med.dosage}, ${med.frequency})`; frequency is a free text box
    (src/components/pain-tracker/form-sections/MedicationsSection.tsx starts it as ''), minimal policy header as
    DataExportModal.tsx's default. The same words in a diary's medications column are read as 3, 3 and 4 doses."""
    rows = [
        "Date,Time,Pain Level,Symptoms,Medication Log",
        '2026-11-20,08:15,6,"","Ibuprofen (400mg, 3x daily)"',
        '2026-11-21,08:15,6,"","Gabapentin (300mg, 3 times a day)"',
        '2026-11-22,08:15,6,"","Tramadol (50 mg, Every 6 hours)"',
    ]
    path = tmp_path / "pain-data.csv"
    path.write_text("\\n".join(rows), encoding="utf-8")
    db = tmp_path / "d.db"
    done = cli("import", path, "--db", db, "--patient", "P")
    assert done.returncode == 0, done.stderr
    meds = {row["date"]: row["medications"] for row in _export(db, tmp_path)}
    assert meds == {"2026-11-20": "ibuprofen 400 mg x3", "2026-11-21": "gabapentin 300 mg x3",
                    "2026-11-22": "tramadol 50 mg x4"}


def test_fitbit_account_export_with_an_activities_title_line_merges_minutes(tmp_path: Path) -> None:
    """Format: Fitbit's dashboard data export as quoted in public repositories that read or rebuild it, e.g. the
    README of a Takeout->CSV converter ('Body\\nDate,Weight,BMI,Fat ... Activities\\nDate,Calories Burned,Steps,
    Distance,Floors,Minutes Sedentary,Minutes Lightly Active,Minutes Fairly Active,Minutes Very Active,Activity
    Calories\\n"02-01-2019","0","13,666","10.4",...') and importers that detect it by the regex
    'Activities\\nDate,Calories Burned,Steps,...' (find_string 'Minutes Lightly Active,Minutes Fairly Active').
    Dates day-first as in those samples; the days are above 12 so the order is settled by the file."""
    diary = tmp_path / "Ann.csv"
    diary.write_text("date,pain\n2026-11-14,6\n2026-11-15,5\n2026-11-16,4\n", encoding="utf-8")
    fitbit = tmp_path / "fitbit_export_20261117.csv"
    fitbit.write_text(
        "Activities\n"
        "Date,Calories Burned,Steps,Distance,Floors,Minutes Sedentary,Minutes Lightly Active,Minutes Fairly Active,"
        "Minutes Very Active,Activity Calories\n"
        '"14-11-2026","2,012","3,456","2.41","3","1,102","180","12","5","612"\n'
        '"15-11-2026","2,140","6,901","5.78","4","1,010","201","25","10","730"\n'
        '"16-11-2026","2,301","13,666","10.4","9","950","240","31","22","1,104"\n', encoding="utf-8")
    db = tmp_path / "d.db"
    assert cli("import", diary, "--db", db, "--patient", "Ann").returncode == 0
    done = cli("import", fitbit, "--db", db, "--patient", "Ann")
    assert done.returncode == 0, done.stdout + done.stderr
    minutes = {row["date"]: row["activity_minutes"] for row in _export(db, tmp_path)}
    assert minutes == {"2026-11-14": "17", "2026-11-15": "35", "2026-11-16": "53"}


def test_pain_tracker_dosage_with_a_thousands_comma_is_read(tmp_path: Path) -> None:
    """Format: CrisisCore-Systems/pain-tracker, src/utils/pain-tracker/export.ts (commit e31f4e20),
    toMedicationLogString `${med.name} (${med.dosage}, ${med.frequency})` with dosage and frequency free text boxes
    (src/components/pain-tracker/form-sections/MedicationsSection.tsx); minimal policy header as DataExportModal's
    default, records joined by the two characters `\\n`. The same words in a diary's medications column
    ('Paracetamol 1,000mg four times daily') are read as paracetamol 1000 mg x4."""
    rows = [
        "Date,Time,Pain Level,Symptoms,Medication Log",
        '2026-11-20,08:15,7,"","Paracetamol (1,000mg, Four times daily)"',
    ]
    path = tmp_path / "pain-data.csv"
    path.write_text("\\n".join(rows), encoding="utf-8")
    db = tmp_path / "d.db"
    done = cli("import", path, "--db", db, "--patient", "P")
    assert done.returncode == 0, done.stderr
    (day,) = _export(db, tmp_path)
    assert day["medications"] == "paracetamol 1000 mg x4"


def test_bearable_unread_medicine_keeps_its_amount_in_the_notes(tmp_path: Path) -> None:
    """Format: Bearable CSV as its own form writes a medicine, the amount in rating/amount and only the unit in the
    detail: andrewmiller0728/BearableDataProcessing src/main/resources/Bearable_Export_20210728.csv (commit
    59f362ad; '"50","Hydroxyzine (mg)"'), with the newer `date formatted` column as read by
    bcwilsondotcom/obsidian-bearable-import-plugin main.ts (commit 5e70245a: date, date formatted, weekday, time of
    day, category, rating/amount, detail, notes; category 'Meds/Supplements')."""
    path = tmp_path / "bearable-export-15-11-2026.csv"
    path.write_text(
        'date,date formatted,weekday,time of day,category,rating/amount,detail,notes\n'
        '"14th Nov 2026","2026-11-14","Saturday","am","Symptom","2","Back (lower) pain (Moderate)",""\n'
        '"14th Nov 2026","2026-11-14","Saturday","08:00","Meds/Supplements","1000","Vitamin D (IU)",""\n',
        encoding="utf-8")
    db = tmp_path / "d.db"
    done = cli("import", path, "--db", db, "--patient", "B")
    assert done.returncode == 0, done.stderr
    (day,) = _export(db, tmp_path)
    assert day["pain"] == "5"
    assert "1000" in day["notes"] and "Vitamin D" in day["notes"]
