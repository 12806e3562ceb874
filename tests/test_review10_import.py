"""Review 10: imports that are not checked completely before they are written (README: "Each file is checked
completely before anything is written: a file with errors is refused whole, the others are imported")."""
from __future__ import annotations

from pathlib import Path

from tests.cli_run import cli


def test_a_dose_count_beyond_any_day_is_kept_in_the_notes_and_the_batch_goes_on(tmp_path: Path) -> None:
    first, odd, last = tmp_path / "anna.csv", tmp_path / "ben.csv", tmp_path / "cleo.csv"
    first.write_text("date,pain\n2026-11-01,5\n")
    odd.write_text("date,pain,medications\n2026-11-01,5,ibuprofen 400 mg x99999999999999999999\n")
    last.write_text("date,pain\n2026-11-01,4\n")
    db = tmp_path / "clinic.db"
    checked = cli("check", str(odd))
    result = cli("import", str(first), str(odd), str(last), "--db", str(db))
    summary = cli("summary", "--db", str(db))
    assert "RuntimeWarning" not in result.stderr and "could not be read or written" not in result.stderr
    assert ("anna" in summary.stdout, "cleo" in summary.stdout) == (True, True)  # the others still go in
    # read as any text that is not a medicine, dose and count: kept in the notes, with a warning naming the cell
    assert result.returncode == 0 and "ben.csv row 2, medications" in result.stdout, result.stderr
    assert checked.returncode == 0 and "ben.csv row 2, medications" in checked.stdout
    assert "x99999999999999999999" in cli("export", "--db", str(db), "--patient", "ben", "-o", "-").stdout


def test_two_files_named_alike_on_the_command_line_keep_both_diaries(tmp_path: Path) -> None:
    for folder, pain in (("phone1", 5), ("phone2", 8)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "export.csv").write_text(f"date,pain\n2026-11-01,{pain}\n2026-11-02,{pain}\n")
    db = tmp_path / "clinic.db"
    result = cli("import", str(tmp_path / "phone1" / "export.csv"), str(tmp_path / "phone2" / "export.csv"),
                 "--db", str(db))
    assert result.returncode == 0, result.stderr
    exported = cli("export", "--db", str(db), "-o", "-").stdout.splitlines()[1:]
    pains = sorted(line.split(",")[1] for line in exported)
    assert pains == ["5", "5", "8", "8"]  # the first phone's days are still there
