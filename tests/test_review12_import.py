"""Review 12: Mia's spreadsheet doses, as people type them, through `python -m analysis import` (in-process)."""
from __future__ import annotations

from pathlib import Path

from tests.cli_run import cli


def test_two_tablets_four_times_written_with_two_xs_is_read(tmp_path: Path) -> None:
    sheet = tmp_path / "mia.csv"
    sheet.write_text("date,pain,medications\n2026-11-23,8,2 x co-codamol 30/500 x4\n"
                     "2026-11-24,8,2 co-codamol 30/500 4 times a day\n")
    db, out = tmp_path / "diary.db", tmp_path / "out.csv"
    done = cli("import", sheet, "--db", db, "--patient", "Mia")
    assert done.returncode == 0, done.stderr
    assert cli("export", "--db", db, "-o", out).returncode == 0
    rows = {line.split(",")[0]: line for line in out.read_text().splitlines()[1:]}
    assert "codeine 30 mg x8; paracetamol 500 mg x8" in rows["2026-11-24"]  # the same doses, written in words
    assert "codeine 30 mg x8; paracetamol 500 mg x8" in rows["2026-11-23"], (rows["2026-11-23"], done.stdout)
