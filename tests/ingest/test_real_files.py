"""Real exports of other apps (../shared/real-files, see its SOURCES.md): stored values, not only acceptance.

Plus held-out variants written here from the formats' rules (Pain Tracker's backslash-n
joined records with a quoted note; Bearable with mid-back pain)."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.ingest.importer import read_diary, read_diary_file
from analysis.model.errors import ImportRefused

REAL = Path(__file__).resolve().parents[3] / "shared" / "real-files"
if not REAL.is_dir():
    REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "real-files"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-files is not on this machine")


@needs_real
def test_pain_tracker_current_export_joined_by_backslash_n():
    parsed = read_diary_file(REAL / "paintracker_generated" / "paintracker_sample_full.csv")
    assert parsed.app == "Pain Tracker"
    assert len(parsed.entries) == 24
    first = parsed.entries.iloc[0]
    assert str(first["date"].date()) == "2026-10-01" and first["pain"] == 9
    assert parsed.entries.iloc[-1]["pain"] == 0
    assert "Severe work injury" in first["notes"]


@needs_real
def test_pain_tracker_worksafebc_sample_below_comment_lines():
    parsed = read_diary_file(REAL / "paintracker" / "crisiscore_worksafebc-report-sample.csv")
    assert len(parsed.entries) == 4
    assert parsed.entries["pain"].tolist() == [7, 6, 5, 8]
    assert str(parsed.entries["date"].iloc[0].date()) == "2025-01-02"


@needs_real
def test_bearable_real_export_doses_low_back_only_and_painless_check_ins():
    parsed = read_diary_file(REAL / "bearable" / "andrewmiller_Bearable_Export_20210728.csv")
    doses = parsed.doses
    assert doses["patient"].notna().all()
    ibuprofen = doses[doses["medicine"] == "ibuprofen"]
    assert not ibuprofen.empty and (ibuprofen["dose_mg"] == 600).all() and (ibuprofen["count"] == 1).all()
    riza = doses[doses["medicine"] == "rizatriptan"]
    assert (riza["dose_mg"] == 10).all() and (riza["count"] == 1).all()
    entries = parsed.entries
    assert (entries["pain"] == 0).sum() == 19  # symptom check-ins without a back-pain row
    assert entries["pain"].max() == 5  # Mild 1 and Moderate 2 (x2.5), averaged per day; upper back never counted
    assert any("Back (upper) pain" in w and "not low back pain" in w for w in parsed.warnings)
    assert any("pain 0" in w for w in parsed.warnings)


@needs_real
def test_pain_logs_tristanbreen_mean_and_worst():
    parsed = read_diary_file(REAL / "painlogs" / "tristanbreen_pain.csv")
    assert len(parsed.entries) == 57
    assert (parsed.entries["worst_pain"] >= parsed.entries["pain"]).all()


@needs_real
def test_bpi_log_refused_then_mapped_with_worst_below_average_warnings():
    path = REAL / "painlogs" / "cogscimikkel_bpi_pain_log_semicolon.csv"
    with pytest.raises(ImportRefused, match="1 problem"):
        read_diary_file(path)
    parsed = read_diary_file(path, mapping={"bpi5": "pain", "bpi3": "worst_pain"})
    assert len(parsed.entries) == 466
    below = [w for w in parsed.warnings if "is below the average pain" in w]
    assert below and "row 76, bpi3: worst pain 6" in below[0] and "(bpi5) 7" in below[0]


@needs_real
def test_daylio_refused_for_no_pain_column():
    with pytest.raises(ImportRefused) as refused:
        read_diary_file(REAL / "daylio" / "kije_daylio_export.csv")
    assert "no pain column" in refused.value.problems[0]


@needs_real
def test_google_fit_per_day_file_names_the_daily_file():
    with pytest.raises(ImportRefused) as refused:
        read_diary_file(REAL / "googlefit" / "anthonyprinc_2023-09-28_perday.csv")
    assert "Daily activity metrics.csv" in refused.value.problems[0]


# ---------------------------------------------------------------- held-out variants

def test_pain_tracker_joined_records_with_quoted_comma_and_backslash_n_in_a_note():
    data = (b'Date,Time,Pain Level,Symptoms,Medication Log\\n'
            b'2026-03-02,08:15,6,"Tingling","Naproxen (500mg, Twice daily)"\\n'
            b'2026-03-03,09:00,4,"","Ibuprofen (200mg, BID); Paracetamol (1000mg, as needed)"')
    parsed = read_diary(data, "pt.csv", today=None)
    assert parsed.entries["pain"].tolist() == [6, 4]
    doses = parsed.doses.set_index("medicine")
    assert doses.loc["naproxen", "dose_mg"] == 500 and doses.loc["naproxen", "count"] == 2
    assert doses.loc["ibuprofen", "count"] == 2 and doses.loc["paracetamol", "count"] == 1
    note = (b'Date,Time,Pain Level,Locations,Symptoms,Limited Activities,Sleep Quality,Mood Impact,'
            b'Missed Work Days,Notes\\n2026-03-02,08:15,5,"Lower Back","","",3,3,,"bent over, then C:\\new ""pop"""'
            b'\\n2026-03-04,10:00,3,"Lower Back","","",4,4,,""')
    parsed = read_diary(note, "pt2.csv")
    assert parsed.entries["pain"].tolist() == [5, 3]
    assert parsed.entries["notes"].iloc[0] == 'bent over, then C:\\new "pop"'


def test_pain_tracker_older_export_with_real_newlines():
    data = (b"Date,Time,Pain Level,Locations,Symptoms,Limited Activities,Sleep Quality,Mood Impact,"
            b'Missed Work Days,Notes\n2026-03-02,08:15,7,"Lower Back","","",3,3,,"line one\nline two"\n'
            b'2026-03-03,08:15,6,"Lower Back","","",3,3,,""\n')
    parsed = read_diary(data, "old.csv")
    assert parsed.entries["pain"].tolist() == [7, 6]


def test_bearable_mid_back_pain_is_not_the_days_pain():
    data = (b'date,weekday,time of day,category,rating/amount,detail,notes\n'
            b'"2026-03-02","Monday","am","Symptom","3","Back (lower) pain (Severe)",""\n'
            b'"2026-03-02","Monday","pm","Symptom","4","Back (mid) pain (Extreme)",""\n'
            b'"2026-03-03","Tuesday","am","Symptom","2","Back (mid) pain (Moderate)",""\n'
            b'"2026-03-03","Tuesday","am","Food Diary","","Toast",""\n'
            b'"2026-03-03","Tuesday","am","Meds/Supplements","400","Ibuprofen (mg)",""\n')
    parsed = read_diary(data, "bearable.csv")
    assert parsed.entries["pain"].tolist() == [7.5, 0]
    assert "Toast" not in " ".join(parsed.entries["notes"])
    assert "Back (mid) pain" in parsed.entries["notes"].iloc[1]
    dose = parsed.doses.iloc[0]
    assert dose["medicine"] == "ibuprofen" and dose["dose_mg"] == 400 and dose["count"] == 1
    assert str(dose["date"].date()) == "2026-03-03"


def test_non_numeric_pain_reading_gives_one_message():
    with pytest.raises(ImportRefused) as refused:
        read_diary(b"date,time,pain\n2026-03-02,08:00,abc\n", "r.csv")
    assert refused.value.problems == ['r.csv row 2, pain: "abc" is not a number.']


@needs_real
def test_fitbit_daily_activity_needs_a_source_id_and_sums_very_and_fairly_active():
    path = REAL / "fitbit" / "biscotty666_dailyActivity_merged.csv"
    with pytest.raises(ImportRefused) as refused:
        read_diary_file(path, patient="ann")
    assert "33 people" in refused.value.problems[0] and "1503960366" in refused.value.problems[0]
    parsed = read_diary_file(path, patient="ann", source_id="1503960366")
    assert len(parsed.activity) == 31
    first = parsed.activity.iloc[0]
    assert str(first["date"].date()) == "2016-04-12" and first["activity_minutes"] == 25 + 13
    with pytest.raises(ImportRefused) as refused:
        read_diary_file(path, patient="ann", source_id="42")
    assert "has no Id 42" in refused.value.problems[0]


def test_fitbit_file_of_one_person_merges_into_existing_days(tmp_path):
    from analysis.storage import Diary
    from analysis.workflows.diary_io import import_bytes
    diary = Diary(tmp_path / "d.db")
    import_bytes(diary, b"date,pain\n2016-04-12,6\n2016-04-13,5\n", "ann.csv")
    fitbit = (b"Id,ActivityDate,TotalSteps,VeryActiveMinutes,FairlyActiveMinutes,LightlyActiveMinutes\n"
              b"7,4/12/2016,100,10,5,200\n7,4/13/2016,100,0,20,200\n7,4/14/2016,100,1,1,1\n")
    outcome = import_bytes(diary, fitbit, "dailyActivity_merged.csv", patient="ann")
    assert outcome.merged_activity.added == 2 and outcome.merged_activity.skipped == 1
    entries = diary.entries(diary.episodes()["episode_id"].tolist())
    assert entries.sort_values("date")["activity_minutes"].tolist() == [15, 20]
