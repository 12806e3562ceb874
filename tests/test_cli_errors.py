"""Every command says an error the same way: "error: " and one sentence on stderr, a refused file's problems on the
lines below (analysis.cli.core.say_error, say_refusal). Review 27: the same bad CSV read "bad.csv was not
imported..." from `import` and "error: bad.csv was not imported..." from `summary`; `check` prints its report."""
from __future__ import annotations

from pathlib import Path

from tests.cli_run import cli

BAD = "date,pain\n2026-11-01,4\n2026-11-02,eleven\n"


def test_a_refused_file_reads_the_same_from_import_and_summary(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    imported = cli("import", bad, "--db", tmp_path / "d.db", "--patient", "Ann")
    summary = cli("summary", bad, "--patient", "Ann")
    assert imported.returncode != 0 and summary.returncode != 0
    first = imported.stderr.splitlines()[0]
    assert first.startswith("error: bad.csv was not imported") and first == summary.stderr.splitlines()[0]
    assert "row 3" in imported.stderr and "pain" in imported.stderr  # the problem, named, on the line below
    assert imported.stderr.splitlines()[1:] == summary.stderr.splitlines()[1:]


def test_check_prints_its_report_on_stdout_without_the_error_prefix(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    checked = cli("check", bad, "--patient", "Ann")
    assert checked.stdout.startswith("bad.csv was not imported") and "row 3" in checked.stdout
