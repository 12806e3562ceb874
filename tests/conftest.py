"""Tiny shared fixtures. Diaries are seeded (analysis.ingest.synthetic), so every run sees the same data."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from analysis.storage import DayEntry, Diary, DoseEntry

if TYPE_CHECKING:
    from tests.browser import SharedApp

# No deadline per example: the suite shares 2 cores with the browser tests' Chromium and Streamlit, and a property
# test of date columns failed once on its 200 ms deadline alone (a test that gives its own settings keeps them)
settings.register_profile("shared_cores", deadline=None)
settings.load_profile("shared_cores")

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)


# The files that take longest (seconds of test time each: setup, call and teardown summed from --durations=0 of
# `pytest -n 2 --dist loadfile` on 2 cores, 2 Dec 2026 13:06 UTC, with two review helpers working: load average
# ~3-4), longest first. `make test` hands whole files to its workers (--dist loadfile) in collection order; xdist
# would otherwise start the files with most tests first, so these few-but-slow files came last and one of
# them ran on alone at the end while the other core had nothing left to do.
SLOW_FILES = [
    "tests/browser/test_browser_walk.py",  # ~85 s: two whole user journeys in Chromium
    "tests/browser/test_browser.py",  # ~70 s, Chromium
    "tests/app/test_plan_app.py",  # ~35 s, four tests in Chromium
    "tests/ingest/test_hostile.py",  # ~30 s: a real process refusing every hostile file
    "tests/browser/test_browser_review3.py",  # ~28 s, Chromium
    "tests/browser/test_browser_past_day.py",  # ~28 s, Chromium
    "tests/alerts/test_scenarios.py",  # ~28 s: imports and summarises the 223-scenario corpus
    "tests/browser/test_browser_redflag.py",  # ~27 s, Chromium
    "tests/browser/test_browser_diary_edits.py",  # ~26 s, Chromium
    "tests/storage/test_datasafe.py",  # ~26 s: real processes writing at once
    "tests/app/test_app.py",  # ~25 s
    "tests/browser/test_browser_review4.py",  # ~25 s, Chromium
    "tests/browser/test_browser_resave.py",  # ~24 s, Chromium
    "tests/output/test_report_counts.py",  # ~18 s
    "tests/workflows/test_pooled.py",  # ~16 s: a two-worker Dask cluster
    "tests/test_benchmarks.py",  # ~16 s: the tiny `make bench` run
    "tests/test_cli.py",  # ~16 s
]


def pytest_configure(config: pytest.Config) -> None:
    """Hand files to xdist's workers in collection order (see SLOW_FILES), not largest-number-of-tests first."""
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


# The one failure a browser test is run again for (pytest-rerunfailures): tests.browser.settle's "the page did not
# settle", when an interaction's Streamlit rerun never came. Seen in 2 of 6 fresh-clone CI runs on 2 Dec 2026, each
# time on the first interaction after a page load on a loaded machine, never locally (3 of 3 repeats passed);
# the test is started again from an emptied diary, and any wrong value or text still fails at once.
BROWSER_RERUN_ON = "the page did not settle"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The SLOW_FILES first, longest first; every other file after them in its usual order (a stable sort:
    the order of tests within a file never changes). Browser tests are run once more on BROWSER_RERUN_ON only."""
    rank = {path: position for position, path in enumerate(SLOW_FILES)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.flaky(reruns=1, only_rerun=[BROWSER_RERUN_ON]))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test marked `browser` needs Debian's Chromium: skipped with a reason without it (a failure in CI)."""
    if item.get_closest_marker("browser"):
        from tests.browser import require_chromium

        require_chromium()


@pytest.fixture(scope="session")
def shared_app(tmp_path_factory: pytest.TempPathFactory) -> SharedApp:
    """One `streamlit run` for every browser test of this process (tests/browser.py), and one Chromium."""
    from tests.browser import SharedApp, close_browser, require_chromium

    require_chromium()
    app = SharedApp(tmp_path_factory.mktemp("shared-app"))
    yield app
    app.stop()
    close_browser()


@pytest.fixture
def app_diary(shared_app: SharedApp) -> tuple[str, Path]:
    """The shared app's URL and its diary file, emptied for this test: seed it, then open the URL."""
    return shared_app.fresh()


@pytest.fixture
def diary(tmp_path: Path) -> Diary:
    """An empty diary in a temporary file."""
    d = Diary(tmp_path / "diary.db")
    yield d
    d.close()


@pytest.fixture
def episode(diary: Diary) -> int:
    """One episode of 'Sam' starting 1 Nov 2026, normally active 60 minutes a day."""
    return diary.add_episode("Sam", "2026-11-01", "Lifting injury", 60)


@pytest.fixture
def fresh_diary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty diary file for the app (AppTest): BACKTRACK_DB points at it and Streamlit's caches are
    cleared, so no connection or result of an earlier test is reused. Helpers: tests/apptest.py."""
    import streamlit as st  # here, not at the top: most tests never load Streamlit

    path = tmp_path / "app.db"
    monkeypatch.setenv("BACKTRACK_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    return path


def day(date: str, pain: float, **fields: object) -> DayEntry:
    """A diary day with sensible defaults, for short tests."""
    return DayEntry(dt.date.fromisoformat(date), pain, **fields)  # type: ignore[arg-type]


__all__ = ["ROOT", "TODAY", "DayEntry", "DoseEntry", "day"]


@pytest.fixture
def quick_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A busy diary answers in a tenth of a second per attempt instead of 5 s, for the tests about what a command
    says when another program holds the write lock (not about how long it waits: tests/storage/test_datasafe.py
    keeps the real wait, with real processes)."""
    from analysis.storage import backups, connection, guard

    for module in (guard, connection, backups):
        monkeypatch.setattr(module, "BUSY_TIMEOUT_MS", 100)
