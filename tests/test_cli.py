"""The command line: `python -m analysis ...` as other tools call it (exit codes, messages, JSON keys)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.review.summary import SUMMARY_KEYS
from analysis.storage import Diary
from analysis.workflows.diary_io import sample_files

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, capsys) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_the_commands() -> None:
    result = subprocess.run([sys.executable, "-m", "analysis", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    for command in ("import", "export", "summary", "demo", "triage"):
        assert command in result.stdout


def test_a_summary_loads_neither_scipy_stats_nor_dask() -> None:
    """`python -m analysis summary` starts without the two slowest imports it does not need (scipy.stats took
    about a second for one inverse CDF, dask is for `--engine dask` only)."""
    code = ("import sys; from analysis.cli import main; main(['summary', '--db', ':memory:', '--json']); "
            "print(sorted(m for m in ('scipy.stats', 'dask') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_export_then_import_reproduces_the_diary_exactly(tmp_path, capsys) -> None:
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    code, out, _ = run("import", *map(str, sample_files()), "--db", str(first), capsys=capsys)
    assert code == 0 and "Anna (demo)" not in out  # patient names stay out of the output lines
    exported = tmp_path / "diary.csv"
    assert run("export", "--db", str(first), "-o", str(exported), capsys=capsys)[0] == 0
    assert run("import", str(exported), "--db", str(second), capsys=capsys)[0] == 0
    a, b = Diary(first), Diary(second)
    assert a.entries().equals(b.entries())
    assert a.doses().equals(b.doses())
    assert a.symptoms().equals(b.symptoms())
    columns = ["patient", "episode", "onset_date", "normal_activity_minutes", "entry_count"]
    assert a.episodes()[columns].equals(b.episodes()[columns])
    again = tmp_path / "again.csv"
    run("export", "--db", str(second), "-o", str(again), capsys=capsys)
    assert again.read_text() == exported.read_text()


def test_reimporting_the_same_file_changes_nothing(tmp_path, capsys) -> None:
    db = str(tmp_path / "d.db")
    path = str(sample_files()[0])
    run("import", path, "--db", db, capsys=capsys)
    before = Diary(db).entries()
    code, out, _ = run("import", path, "--db", db, capsys=capsys)
    assert code == 0
    assert "0 new days, 53 already up to date" in out
    assert Diary(db).entries().equals(before)


def test_an_updated_diary_updates_and_says_what_changed(tmp_path, capsys) -> None:
    db = str(tmp_path / "d.db")
    source = tmp_path / "sam.csv"
    source.write_text("date,pain\n2026-11-01,7\n2026-11-02,6\n")
    run("import", str(source), "--db", db, capsys=capsys)
    source.write_text("date,pain\n2026-11-01,7\n2026-11-02,5\n2026-11-03,4\n")
    code, out, _ = run("import", str(source), "--db", db, capsys=capsys)
    assert code == 0
    assert "sam.csv: imported for 1 patient: 1 new day, 1 updated, 1 already up to date." in out
    assert Diary(db).entries()["pain"].tolist() == [7.0, 5.0, 4.0]
    assert Diary(db).episodes()["patient"].tolist() == ["sam"]  # named after the file


@pytest.mark.parametrize(("body", "message"), [
    ("date,pain\n2026-11-01,11\n", "row 2, pain: 11 is above the maximum 10."),
    ("date,pain,activity_minutes\n2026-11-01,3,-5\n", "row 2, activity_minutes: -5 is below the minimum 0."),
])
def test_refused_file_names_row_and_column_and_writes_nothing(tmp_path, capsys, body, message) -> None:
    db = tmp_path / "d.db"
    run("import", str(sample_files()[0]), "--db", str(db), capsys=capsys)
    def snapshot() -> tuple[bytes, ...]:
        return tuple(p.read_bytes() for p in (db, Path(f"{db}-wal")) if p.exists())

    before = snapshot()
    bad = tmp_path / "bad.csv"
    bad.write_text(body)
    code, out, err = run("import", str(bad), "--db", str(db), capsys=capsys)
    assert code == 1
    assert "bad.csv was not imported" in err and message in err
    assert "Traceback" not in err
    assert snapshot() == before  # byte for byte: a refused file writes nothing


def test_missing_file_is_one_clean_line(tmp_path, capsys) -> None:
    code, _, err = run("import", str(tmp_path / "nope.csv"), "--db", str(tmp_path / "d.db"), capsys=capsys)
    assert code == 1
    assert err.strip().startswith("error: No such file or directory")
    assert len(err.strip().splitlines()) == 1


def test_unknown_patient_on_export(tmp_path, capsys) -> None:
    db = str(tmp_path / "d.db")
    Diary(db).close()
    code, _, err = run("export", "--db", db, "--patient", "Zed", "-o", "-", capsys=capsys)
    assert code == 1 and "There is no patient called 'Zed'" in err


def test_summary_json_has_the_promised_keys(capsys) -> None:
    code, out, _ = run("summary", *map(str, sample_files()), "--json", capsys=capsys)
    assert code == 0
    records = json.loads(out)
    assert len(records) == 5
    for record in records:
        assert list(record) == SUMMARY_KEYS
        assert record["status"] in {"ahead", "on_track", "behind", "insufficient_data"}
        for alert in record["alerts"]:
            assert {"code", "severity", "date", "message", "evidence", "active"} <= set(alert)
    by_patient = {r["patient"]: r for r in records}
    assert by_patient["Anna (demo)"]["trajectory"] == "rapid_recovery"
    assert by_patient["Eva (demo)"]["trajectory"] == "persistent_high"
    assert by_patient["Eva (demo)"]["status"] == "behind"


def test_summary_as_of_and_curve(tmp_path, capsys) -> None:
    db = str(tmp_path / "d.db")
    run("import", *map(str, sample_files()), "--db", db, capsys=capsys)
    code, out, _ = run("summary", "--db", db, "--as-of", "2026-08-20", "--curve", "wallwork2024", "--json",
                       capsys=capsys)
    assert code == 0
    records = json.loads(out)
    assert {r["as_of"] for r in records} == {"2026-08-20"}
    assert {r["curve"] for r in records} == {"wallwork2024"}
    assert all(r["last_entry_date"] <= "2026-08-20" for r in records)


@pytest.mark.parametrize(("args", "message"), [
    (["summary", "--as-of", "20/08/2026"], "--as-of: '20/08/2026' is not a date of the form YYYY-MM-DD."),
    (["import", "x.csv", "--map", "Pain"], "--map: 'Pain' is not of the form source=target."),
])
def test_usage_errors_exit_2(tmp_path, capsys, args, message) -> None:
    code, _, err = run(*args, "--db", str(tmp_path / "d.db"), capsys=capsys)
    assert code == 2 and message in err


def test_summary_table_is_readable(capsys) -> None:
    code, out, _ = run("summary", str(sample_files()[0]), capsys=capsys)
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["Patient", "Day", "Start"]
    assert "rapid_recovery" in out


def test_check_reports_every_problem_and_exit_codes(tmp_path, capsys) -> None:
    good, bad = tmp_path / "good.csv", tmp_path / "knee.csv"
    good.write_text("date,pain\n2026-11-01,7\n")
    bad.write_text("date,pain,activity_minutes\n2026-11-01,3,20\n2026-11-02,11,-5\n")
    assert run("check", str(good), capsys=capsys)[:2] == (0, "good.csv: valid, 1 diary day.\n")
    code, out, _ = run("check", str(good), str(bad), capsys=capsys)
    assert code == 1
    assert "knee.csv row 3, pain: 11 is above the maximum 10." in out
    assert "knee.csv row 3, activity_minutes: -5 is below the minimum 0." in out


def test_backup_then_restore(tmp_path, capsys) -> None:
    db, copy = str(tmp_path / "d.db"), str(tmp_path / "backup.db")
    run("import", str(sample_files()[0]), "--db", db, capsys=capsys)
    assert run("backup", "--db", db, "-o", copy, capsys=capsys)[0] == 0
    other = str(tmp_path / "new.db")
    assert run("restore", copy, "--db", other, capsys=capsys)[0] == 0
    assert Diary(other).entries().equals(Diary(db).entries())


def test_google_fit_activity_merges_into_an_existing_patient(tmp_path, capsys) -> None:
    db = str(tmp_path / "d.db")
    diary_file = tmp_path / "sam.csv"
    diary_file.write_text("date,pain,activity_minutes\n2026-11-01,7,5\n2026-11-02,6,\n")
    run("import", str(diary_file), "--db", db, capsys=capsys)
    fit = tmp_path / "fit.csv"
    fit.write_text("Date,Move Minutes count,Calories (kcal),Walking duration (ms)\n"
                   "2026-11-01,31,1800,1500000\n2026-11-02,44,1900,2100000\n2026-11-03,50,2000,2400000\n")
    code, out, _ = run("import", str(fit), "--db", db, "--patient", "sam", capsys=capsys)
    assert code == 0
    assert ("fit.csv: activity minutes added to 1 diary day; 1 day kept the minutes typed in the diary "
            "(the tracker said otherwise); 1 date had no diary entry yet.") in out
    assert Diary(db).entries()["activity_minutes"].tolist() == [5.0, 44.0]  # typed minutes are never overwritten
    code, out, _ = run("import", str(fit), "--db", db, "--patient", "sam", capsys=capsys)
    assert "added to 0 diary days; 1 already the same; 1 day kept" in out
    code, out, _ = run("import", str(diary_file), "--db", db, capsys=capsys)  # the diary again, no minutes on 11-02
    assert "2 already up to date" in out and Diary(db).entries()["activity_minutes"].tolist() == [5.0, 44.0]


def test_fhir_export_of_a_patient(tmp_path, capsys) -> None:
    db, out = str(tmp_path / "d.db"), tmp_path / "anna.json"
    run("import", *map(str, sample_files()), "--db", db, capsys=capsys)
    code, _, _ = run("export", "--db", db, "--patient", "Anna (demo)", "--format", "fhir", "-o", str(out),
                     capsys=capsys)
    assert code == 0
    bundle = json.loads(out.read_text())
    observations = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"]
    assert len(observations) == len(Diary(db).entries([1]))
    assert observations[0]["code"]["coding"][0]["code"] == "72514-3"


def test_report_needs_a_patient_when_there_are_several(tmp_path, capsys) -> None:
    db = str(tmp_path / "d.db")
    run("import", *map(str, sample_files()), "--db", db, capsys=capsys)
    code, _, err = run("report", "--db", db, "-o", str(tmp_path / "r.pdf"), capsys=capsys)
    assert code == 2 and "say which with --patient" in err


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="the report's charts need Debian's chromium")
def test_report_pdf_for_a_patient(tmp_path, capsys) -> None:
    db, pdf = str(tmp_path / "d.db"), tmp_path / "ben.pdf"
    run("import", *map(str, sample_files()), "--db", db, capsys=capsys)
    code, out, _ = run("report", "--db", db, "--patient", "Ben (demo)", "-o", str(pdf), capsys=capsys)
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")


def test_refusing_every_file_creates_no_database(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,pain\n2026-11-01,11\n")
    db = tmp_path / "new.db"
    code, _, err = run("import", str(bad), "--db", str(db), capsys=capsys)
    assert code == 1 and "bad.csv row 2, pain: 11 is above the maximum 10" in err
    assert not db.exists()


def test_export_counts_days_not_lines(tmp_path, capsys) -> None:
    diary_file = tmp_path / "sam.csv"
    diary_file.write_text('date,pain,notes\n2026-11-01,7,"two\nlines"\n2026-11-02,6,\n')
    db = str(tmp_path / "d.db")
    run("import", str(diary_file), "--db", db, capsys=capsys)
    code, out, _ = run("export", "--db", db, "-o", str(tmp_path / "out.csv"), capsys=capsys)
    assert code == 0 and "Wrote 2 diary days" in out


def test_triage_json_keys_are_the_public_contract(tmp_path, capsys) -> None:
    from analysis.review.triage import TRIAGE_KEYS

    db = tmp_path / "demo.db"
    assert run("demo", "--db", str(db), capsys=capsys)[0] == 0
    code, out, _ = run("triage", "--db", str(db), "--as-of", "2026-10-28", "--json", capsys=capsys)
    records = json.loads(out)
    assert code == 0 and len(records) == 5
    assert TRIAGE_KEYS == ["patient", "episode_id", "priority", "reason", "status", "days_since_onset",
                           "current_pain", "active_alerts", "last_entry_date", "screening",
                           "status_beside_alerts"]  # extended (review 34), never renamed
    assert all(list(r) == TRIAGE_KEYS for r in records)
    assert [r["priority"] for r in records] == sorted(r["priority"] for r in records)
    assert min(r["priority"] for r in records) >= 1
    anna = next(r for r in records if r["patient"] == "Anna (demo)")
    assert anna["last_entry_date"] == "2026-10-03" and anna["active_alerts"] == []
    code, out, _ = run("triage", "--db", str(db), "--as-of", "2026-10-28", capsys=capsys)
    assert code == 0 and out.splitlines()[0].split()[:3] == ["#", "Patient", "Why"]
