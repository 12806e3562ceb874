"""Review 4: the CLI as other tools and people run it: on an empty diary, a missing file, and a diary another
program is writing (sqlite3 BEGIN IMMEDIATE in a second process), with exit codes, one sentence, no traceback."""
from __future__ import annotations

import json
import math
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.storage import Diary
from analysis.workflows.diary_io import sample_files

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m analysis ARGS` as a separate program, stopped (and failed) if it runs past `timeout`."""
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture
def two_patients(tmp_path: Path) -> Path:
    """A diary with two demo patients (enough for every command, small enough to be quick)."""
    db = tmp_path / "diary.db"
    assert cli("import", *map(str, sample_files()[:2]), "--db", str(db)).returncode == 0
    return db


def test_restore_while_another_program_writes_says_busy_instead_of_hanging(two_patients: Path,
                                                                            tmp_path: Path) -> None:
    """FIXED (analysis/storage/backups.py): sqlite3's backup retried a locked destination forever, so `restore`
    (and the Diary page's restore button) hung with no word while another program held the write lock."""
    backup = tmp_path / "copy.db"
    assert cli("backup", "--db", str(two_patients), "-o", str(backup)).returncode == 0
    before = Diary(two_patients).entries()
    holder = sqlite3.connect(two_patients, timeout=0, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        started = time.monotonic()
        result = cli("restore", str(backup), "--db", str(two_patients), timeout=90)
        took = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert result.stderr.startswith("error: The diary is busy") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert took < 60
    assert Diary(two_patients).entries().equals(before)
    assert cli("restore", str(backup), "--db", str(two_patients)).returncode == 0  # and works once it is free
