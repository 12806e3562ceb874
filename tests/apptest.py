"""Helpers for the headless app tests (streamlit.testing.v1.AppTest), shared by tests/app/test_*.py.

The `fresh_diary` fixture (tests/conftest.py) points the app at an empty diary file; these helpers
start the app, switch pages and read what a person would see.
"""
from __future__ import annotations

import atexit
import functools
import re
import shutil
import tempfile
from pathlib import Path

from streamlit.components.v2 import manifest_scanner
from streamlit.testing.v1 import AppTest

from analysis.storage import Diary
from analysis.workflows.diary_io import load_demo

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard" / "app.py")
# Every page, discovered from dashboard/screens/, so a new page is covered automatically.
PAGES = sorted(p.relative_to(ROOT / "dashboard").as_posix() for p in (ROOT / "dashboard" / "screens").glob("*.py"))

# Every new AppTest scans the metadata of every installed package for Streamlit components (a tenth of the
# app tests' time, measured with py-spy); the packages do not change during a test run, so scan once per process.
if not hasattr(manifest_scanner.scan_component_manifests, "cache_info"):
    manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


def app() -> AppTest:
    """The app, not yet run (a generous timeout: 2 cores are shared)."""
    return AppTest.from_file(APP, default_timeout=60)


def run(page: str) -> AppTest:
    """The app opened on `page` ("screens/today.py"), as a link to that page opens it; fails on an exception.

    Switched before its first run, so the run draws `page` alone (a first run of Today, never checked, took a
    second of every test: issue 12's duplicate renders)."""
    at = app().switch_page(page).run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    """Everything written on the page as one string, as read: markdown escapes removed."""
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [t.value for t in at.title] + [s.value for s in at.success]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))


_DEMO_TEMPLATES: dict[str, Path] = {}  # file name -> a demo diary of that name built in this test process


def with_demo(path: Path) -> None:
    """Load the five demo diaries into the (new) diary file at `path`.

    Built once per test process and file name, then copied with its automatic backups (renamed alike):
    the same files load_demo writes, without importing the five diaries again for every test."""
    template = _DEMO_TEMPLATES.get(path.name)
    if template is None:
        template = Path(tempfile.mkdtemp(prefix="backtrack-demo-")) / path.name
        atexit.register(shutil.rmtree, template.parent, True)  # health data, even demo, is not left in /tmp
        diary = Diary(template)
        load_demo(diary)
        diary.close()
        _DEMO_TEMPLATES[path.name] = template
    if path.exists():  # a diary already there: import into it, as load_demo would
        diary = Diary(path)
        load_demo(diary)
        diary.close()
        return
    for source in template.parent.glob(f"{template.stem}*"):
        shutil.copyfile(source, path.parent / source.name)


def robin_on_today(db: Path, *days: object) -> tuple[int, AppTest]:
    """Robin's episode (onset ten days ago, 60 normal minutes) with `days` (DayEntry) saved, and the Today page
    run on it. Returns (episode id, the app)."""
    import datetime as dt

    diary = Diary(db)
    episode = diary.add_episode("Robin", dt.date.today() - dt.timedelta(days=10), normal_activity_minutes=60)
    for day in days:
        diary.save_entry(episode, day)
    diary.close()
    at = app().switch_page("screens/today.py").run()
    assert not at.exception, at.exception
    return episode, at


def stored_day(db: Path, episode: int, day: object) -> object:
    """The DayEntry stored for `episode` on `day` in the diary file `db` (None when that day is not logged), read
    through a connection of its own, as another program would see it."""
    diary = Diary(db)
    try:
        return diary.entry(episode, day)
    finally:
        diary.close()
