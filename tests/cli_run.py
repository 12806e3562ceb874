"""`python -m analysis ARGS` as another tool sees it (exit code, stdout, stderr), run in this process.

A separate `python -m analysis` spends 1-2 s starting (pandas, the compiled kernels) before it does anything,
and the reviews' CLI tests started ~100 of them: a fifth of the suite's time. Click's `CliRunner` runs the same
command object with its own stdin, stdout and stderr, and the exit code the program would exit with. What only a
real process shows stays a real process in its own test: tests/test_cli.py (`--help`, the imports a summary
must not load) and tests/test_review4_cli.py (the Dask summary's stdout holds JSON and nothing else).
"""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
from pathlib import Path

from click.testing import CliRunner

from analysis.cli import cli as command
from analysis.cli.core import PROG


def cli(*args: str | Path, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI on `args` (from the folder `cwd`, for relative paths as typed) and return what a
    `subprocess.run(..., capture_output=True, text=True)` of `python -m analysis ARGS` returns. An exception the
    CLI did not turn into a message is raised here: a real process would have printed its traceback, which no
    test accepts."""
    argv = [os.fspath(arg) for arg in args]
    with contextlib.chdir(cwd) if cwd else contextlib.nullcontext():
        result = CliRunner().invoke(command, argv, input=stdin, prog_name=PROG)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess([*PROG.split(), *argv], result.exit_code, result.stdout, result.stderr)


def cli_json(*args: str | Path) -> object:
    """The parsed JSON of `python -m analysis ARGS --json`, which must exit 0."""
    done = cli(*args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def write_rows(path: Path, columns: list[str], rows: list[dict]) -> Path:
    """A diary CSV at `path` with `columns` as its header and one line per row (a missing cell left empty)."""
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)
    return path
