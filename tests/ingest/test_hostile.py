"""Hostile files are refused in one short clean sentence each, and leave the diary byte for byte as it was.

The corpus (tests/hostile_corpus.py, 91 files made at test time) goes through
the importer API one file at a time, and through the CLI in one run of
``python -m analysis import`` into a diary that already holds a patient.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.ingest.import_limits import ImportLimits, current_limits
from analysis.ingest.importer import read_diary
from analysis.model.errors import ImportRefused, tidy_all
from analysis.storage import Diary
from analysis.workflows.diary_io import import_path, sample_files
from tests.hostile_corpus import cases

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 1)
CASES = list(cases())
RAW_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\u202a-\u202e]")  # tabs are not in any message either


def test_the_corpus_is_large_and_names_each_file_once():
    assert len(CASES) >= 80
    assert len({name for name, _, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("name", "data", "fragment"), CASES, ids=[f"{i:02d}" for i in range(len(CASES))])
def test_a_hostile_file_is_refused_by_the_importer_in_short_clean_lines(name, data, fragment):
    with pytest.raises(ImportRefused) as refused:
        read_diary(data, name, today=TODAY)
    lines = [str(refused.value), *refused.value.problems]
    assert any(fragment in line for line in lines), lines
    for line in lines:
        assert not RAW_CONTROL.search(line), line
        assert len(line) <= 700, line
    assert len(refused.value.problems) <= 12  # at most a handful alike, then "and N more like it"


def test_the_cli_refuses_every_hostile_file_and_leaves_the_diary_byte_identical(tmp_path):
    db = tmp_path / "diary.db"
    diary = Diary(db)
    import_path(diary, sample_files()[0])
    diary.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    folder = tmp_path / "hostile"
    folder.mkdir()
    paths = []
    for name, data, _ in CASES:
        (folder / name).write_bytes(data)
        paths.append(str(folder / name))
    done = subprocess.run([sys.executable, "-m", "analysis", "import", "--db", str(db), *paths], cwd=ROOT,
                          capture_output=True, text=True, errors="replace", timeout=600)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stdout == ""  # nothing imported
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    lines = done.stderr.splitlines()
    refusals = [line for line in lines if not line.startswith("  ")]
    assert len(refusals) == len(CASES)  # one summary line per file, each problem on one line below it
    for line in lines:
        assert not RAW_CONTROL.search(line), line
        assert len(line) <= 700
    for _, _, fragment in CASES:
        assert fragment in done.stderr


def test_a_limit_named_in_the_refusal_can_be_raised_from_the_cli(tmp_path, capsys):
    """The CLI's `main`, in this process (the entry point as a real process is test_the_cli_refuses_every_...)."""
    from analysis.cli import main

    path = tmp_path / "wide.csv"
    path.write_text(",".join(["date", "pain"] + [f"c{i}" for i in range(199)]) + "\n2026-03-02,5\n")
    assert main(["check", str(path)]) == 1
    refused = capsys.readouterr().out
    assert ("wide.csv row 1 has 201 cells, over the limit of 200 columns (number of columns); split the file, "
            "or raise the limit with --max-columns or BACKTRACK_MAX_COLUMNS.") in refused
    code = main(["check", str(path), "--max-columns", "300"])
    raised = capsys.readouterr().out
    assert code == 0, raised
    assert raised.startswith("wide.csv: valid, 1 diary day")


def test_limits_come_from_the_environment_then_the_options():
    limits = current_limits({"BACKTRACK_MAX_ROWS": "10", "BACKTRACK_MAX_FILE_MB": "2.5"}, max_rows=20)
    assert limits == ImportLimits(max_file_mb=2.5, max_rows=20)
    assert current_limits({}) == ImportLimits()


@pytest.mark.parametrize("value", ["0", "-3", "many", "nan", "inf"])
def test_a_limit_that_is_not_a_positive_number_is_a_usage_error(value):
    from analysis.model.errors import UsageError
    with pytest.raises(UsageError, match="BACKTRACK_MAX_ROWS must be a positive number"):
        current_limits({"BACKTRACK_MAX_ROWS": value})


def test_the_file_size_cap_counts_bytes_before_reading():
    data = b"date,pain\n" + b"2026-03-02,5\n" * 100
    with pytest.raises(ImportRefused) as refused:
        read_diary(data, "knee.csv", limits=ImportLimits(max_file_mb=0.001))
    assert refused.value.problems == [
        "knee.csv has 0.0 MB, over the limit of 0.001 MB (file size); split the file, or raise the limit with "
        "--max-file-mb or BACKTRACK_MAX_FILE_MB."]


def test_alike_messages_are_kept_to_five_then_counted():
    messages = [f'k.csv row {row}, pain: "x{row}" is not a number.' for row in range(2, 1_000_002)]
    shown = tidy_all(messages)
    assert shown[:5] == messages[:5]
    assert shown[5:] == ["… and 999,995 more like it."]


def test_a_utf32_diary_is_read_like_utf8():
    text = "date,pain,notes\n2026-03-02,6,café\n2026-03-03,5,ok\n"
    for encoding in ("utf-32", "utf-32-le", "utf-16-be"):
        parsed = read_diary(text.encode(encoding), "k.csv", today=TODAY)
        assert parsed.entries["notes"].tolist() == ["café", "ok"]
        assert parsed.entries["pain"].tolist() == [6.0, 5.0]


def test_cr_only_line_endings_keep_every_column():
    parsed = read_diary(b"date,pain,patient\r2026-03-02,6,Ann\r2026-03-03,5,Ann\r", "k.csv", today=TODAY)
    assert parsed.entries["patient"].tolist() == ["Ann", "Ann"]
    assert parsed.entries["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-03-02", "2026-03-03"]
    assert parsed.warnings == []


def test_a_complete_last_row_without_a_line_break_is_imported():
    parsed = read_diary(b"date,pain,patient\n2026-03-02,6,Ann\n2026-03-03,5,Ann", "k.csv", today=TODAY)
    assert parsed.entries["patient"].tolist() == ["Ann", "Ann"]


def test_a_last_row_cut_short_is_refused_with_its_row_not_made_a_patient():
    with pytest.raises(ImportRefused) as refused:
        read_diary(b"date,pain,patient\n2026-03-02,6,Ann\n2026-03-03,5", "k.csv", today=TODAY)
    assert refused.value.problems == [
        "k.csv row 3 has 2 of the header's 3 cells and the file does not end with a line break: it looks cut "
        "short; export it again and import the whole file, or end the row with a line break if it is complete."]


def test_1900_is_the_first_date_a_diary_takes():
    parsed = read_diary(b"date,pain\n1900-01-01,6\n", "k.csv", today=TODAY)
    assert parsed.entries["date"].dt.strftime("%Y-%m-%d").tolist() == ["1900-01-01"]


def test_a_workbook_whose_sizes_lie_is_refused_without_inflating_past_them():
    """The central directory says the sheet is 1,000 bytes; it inflates to 3 MB. Inflating stops at the
    declared size and the check fails (zipfile), so the file is refused before openpyxl sees it."""
    import struct

    from tests.hostile_corpus import sheet, workbook
    data = bytearray(workbook(sheet([["date", "pain"], ["2026-03-02", "5"]], b"<!--" + b" " * 3_000_000 + b"-->")))
    name = b"xl/worksheets/sheet1.xml"
    for signature, size_at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = data.find(signature)
        while at >= 0:
            name_at = at + (46 if signature == b"PK\x01\x02" else 30)
            if data[name_at:name_at + len(name)] == name:
                data[at + size_at:at + size_at + 4] = struct.pack("<I", 1000)
            at = data.find(signature, at + 4)
    with pytest.raises(ImportRefused) as refused:
        read_diary(bytes(data), "liar.xlsx", today=TODAY)
    assert refused.value.problems == [
        "liar.xlsx could not be read as an Excel workbook (a part of it is damaged); open it in Excel and save "
        "it again as .xlsx."]
