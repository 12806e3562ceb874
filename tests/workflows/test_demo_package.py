"""The demo diaries ship with the package (pyproject.toml's package-data) and are read from it wherever it is
installed; a copy without them says so (review 27: a wheel held only analysis/ and dashboard/, and `demo` loaded
nothing, printed nothing and exited 0, after which `summary` said "No diary entries")."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from analysis.model.errors import NotFound
from analysis.workflows import demo_files as diary_io
from tests.cli_run import cli

ROOT = Path(__file__).resolve().parents[2]


def test_the_five_demo_diaries_are_read_from_the_package() -> None:
    files = diary_io.sample_files()
    assert [path.name for path in files] == sorted(path.name for path in (ROOT / "sample_data").glob("*.csv"))
    assert len(files) == 5 and all(path.is_file() for path in files)


def test_the_package_ships_the_demo_diaries() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert diary_io.SAMPLE_PACKAGE in setuptools["packages"]["find"]["include"]
    assert setuptools["package-data"][diary_io.SAMPLE_PACKAGE] == ["*.csv"]


def test_a_copy_without_the_demo_diaries_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(diary_io, "SAMPLE_PACKAGE", "no_such_demo_package")
    with pytest.raises(NotFound, match="demo diaries"):
        diary_io.sample_files()
    done = cli("demo", "--db", tmp_path / "d.db")
    assert done.returncode != 0 and "demo diaries (sample_data/*.csv) are not installed" in done.stderr
    assert "Traceback" not in done.stderr
