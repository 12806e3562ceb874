"""Tiny shared fixtures. Diaries are seeded (analysis.ingest.synthetic), so every run sees the same data."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from analysis.storage import DayEntry, Diary, DoseEntry

if TYPE_CHECKING:
    from tests.browser import SharedApp

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)


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
