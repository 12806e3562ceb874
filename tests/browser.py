"""Helpers to run the real app (`streamlit run`) on a free loopback port and drive Debian's Chromium."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def require_chromium() -> None:
    """Skip with a reason when there is no Chromium, except in CI where it must be there."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (.ci/run does) so the browser tests run.")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); browser tests skipped.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(proc: subprocess.Popen, url: str, timeout: float = 60) -> None:
    """Return once `url` answers Streamlit's health check; raise with the server's output if it died."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                output = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                raise RuntimeError(f"streamlit did not start:\n{output}") from None
            time.sleep(0.3)


def _start_app(db_path: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run dashboard/app.py` from the repo root on a free 127.0.0.1 port, on the diary `db_path`."""
    port = free_port()
    env = {**os.environ, "BACKTRACK_DB": str(db_path)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
                             f"--server.port={port}"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(proc, url)
    except BaseException:
        _stop(proc)
        raise
    return proc, url


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextmanager
def running_app(db_path: Path) -> Iterator[str]:
    """Start `streamlit run dashboard/app.py` from the repo root on 127.0.0.1; yield its URL.

    A server of its own, for a test that needs one (the browser tests share one: `SharedApp`)."""
    proc, url = _start_app(db_path)
    try:
        yield url
    finally:
        _stop(proc)


def empty_diary(db_path: Path) -> None:
    """Empty the diary file at `db_path` in place (schema and migrations kept) and delete its automatic backups.

    In place, because a running server keeps its connection to the file: it sees the change (SQLite's
    data_version moves, so every cache keyed by the diary's revision is missed) as it would see another
    program's writes."""
    import sqlite3

    for backup in db_path.parent.glob(f"{db_path.stem}.backup-*.db"):
        backup.unlink()
    connection = sqlite3.connect(db_path, timeout=30)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != '_sqlite_migrations'")]
        with connection:
            for table in tables:
                connection.execute(f'DELETE FROM "{table}"')
            if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
                connection.execute("DELETE FROM sqlite_sequence")
    finally:
        connection.close()


class SharedApp:
    """One `streamlit run` per test process, shared by the browser tests (issue 12: starting a server and
    importing pandas and plotly in it took about ten seconds a test). Each test gets the diary file emptied
    (`fresh`) and a new browser context, hence a new Streamlit session with its own state."""

    def __init__(self, folder: Path) -> None:
        from analysis.storage import Diary

        self.db = folder / "browser.db"
        Diary(self.db).close()  # the schema exists before the server first opens the file
        self.proc, self.url = _start_app(self.db)

    def fresh(self) -> tuple[str, Path]:
        """The server's URL and its diary file, emptied; a server that died is started again."""
        if self.proc.poll() is not None:
            self.proc, self.url = _start_app(self.db)
        empty_diary(self.db)
        return self.url, self.db

    def stop(self) -> None:
        _stop(self.proc)


_BROWSER: list[object] = []  # [playwright, browser] once started in this process


def shared_browser() -> object:
    """Debian's Chromium driven by Playwright, started once per test process (closed by `close_browser`)."""
    if not _BROWSER or not _BROWSER[1].is_connected():  # type: ignore[attr-defined]
        from playwright.sync_api import sync_playwright

        close_browser()
        playwright = sync_playwright().start()
        _BROWSER[:] = [playwright, playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                              args=CHROMIUM_ARGS)]
    return _BROWSER[1]


def close_browser() -> None:
    """Close the shared browser and Playwright, if started."""
    if _BROWSER:
        playwright, browser = _BROWSER
        _BROWSER.clear()
        try:
            browser.close()  # type: ignore[attr-defined]
        finally:
            playwright.stop()  # type: ignore[attr-defined]


@contextmanager
def browser_page(width: int = 1280, height: int = 1000) -> Iterator[object]:
    """A Playwright page in headless Debian Chromium (no browser download), in a context of its own
    (cookies, storage, downloads): a new Streamlit session on the shared browser."""
    context = shared_browser().new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    context.add_init_script(_RUN_WATCH)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        yield page
    finally:
        context.close()


# Counts Streamlit's finished script runs (stApp's data-test-script-state turning to notRunning) and notes when
# the page last changed, from the page's first moment: what `settle` waits on instead of a fixed sleep.
_RUN_WATCH = """(() => {
  const watch = {finished: 0, changed: Date.now()};
  window.__backtrackRuns = watch;
  new MutationObserver(records => {
    for (const r of records) {
      if (r.type === 'attributes' && r.attributeName === 'data-test-script-state' && r.oldValue !== 'notRunning'
          && r.target.getAttribute('data-test-script-state') === 'notRunning') watch.finished++;
    }
    watch.changed = Date.now();
  }).observe(document, {attributes: true, attributeOldValue: true, childList: true, subtree: true,
                        characterData: true});
})()"""

_SETTLED = """([after, quiet]) => {
  const watch = window.__backtrackRuns, app = document.querySelector('[data-testid="stApp"]');
  if (!watch || !app || app.getAttribute('data-test-script-state') !== 'notRunning' || watch.finished <= after) {
    return false;
  }
  if (document.querySelector('[data-stale="true"]')) return false;
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (chart.offsetParent !== null && !chart.querySelector('.main-svg')) return false;  // shown, not drawn yet
  }
  return Date.now() - watch.changed >= quiet;
}"""


def app_runs(page: object) -> int:
    """How many script runs Streamlit has finished on this page so far (pass it to `settle` before an action
    that reruns the script, to wait for that rerun)."""
    return int(page.evaluate("window.__backtrackRuns ? window.__backtrackRuns.finished : 0"))  # type: ignore[attr-defined]


def settle(page: object, after: int = -1, quiet_ms: int = 300, timeout: float = 30_000) -> None:
    """Wait until the page is at rest: more than `after` script runs finished, none running, no element stale
    (greyed while a rerun replaces it), every plotly chart on show drawn, and nothing on the page changed for
    `quiet_ms`. Why: a fixed sleep was either too short on a loaded machine or wasted time on an idle one."""
    try:
        page.wait_for_function(_SETTLED, arg=[after, quiet_ms], timeout=timeout, polling=100)  # type: ignore[attr-defined]
    except Exception as error:  # a timeout: say which condition held the page, so a flaky run can be diagnosed
        state = page.evaluate(_UNSETTLED, after)  # type: ignore[attr-defined]
        raise AssertionError(f"the page did not settle in {timeout / 1000:g} s: {state}") from error


# What keeps the page from settling (the conditions of _SETTLED, in words), for settle's error.
_UNSETTLED = """(after) => {
  const watch = window.__backtrackRuns, app = document.querySelector('[data-testid="stApp"]');
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .filter(chart => chart.offsetParent !== null && !chart.querySelector('.main-svg')).length;
  return `script state ${app ? app.getAttribute('data-test-script-state') : 'no app'}; ` +
    `runs finished ${watch ? watch.finished : 'not watched'} (waiting for more than ${after}); ` +
    `stale elements ${document.querySelectorAll('[data-stale="true"]').length}; charts not drawn ${charts}; ` +
    `last change ${watch ? Date.now() - watch.changed : '?'} ms ago`;
}"""


class RequestLog:
    """Every request a page makes (`urls`), and a wait until none has started for a while.

    Why: a test that checks no request leaves this computer must also see the requests a page makes after
    it looks drawn (a late font or script); Playwright's "networkidle" is reached once per document load,
    and Streamlit's pages change without one.
    """

    def __init__(self, page: object) -> None:
        self.urls: list[str] = []
        self._last = time.monotonic()
        page.on("request", self._seen)  # type: ignore[attr-defined]

    def _seen(self, request: object) -> None:
        self.urls.append(request.url)  # type: ignore[attr-defined]
        self._last = time.monotonic()

    def wait_quiet(self, page: object, quiet_s: float = 1.0, timeout_s: float = 30.0) -> None:
        """Return once no request has started for `quiet_s` (polling lets Playwright deliver the events)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() - self._last < quiet_s:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the page kept making requests for {timeout_s:g} s")
            page.wait_for_timeout(100)  # type: ignore[attr-defined]


def tom_after_an_import(db_path: Path) -> int:
    """Tom's diary: days 10 to 3 ago, an automatic backup taken before an import that went ahead (as an import keeps
    it), then yesterday typed after it ("first full day back at work"). Returns his episode."""
    from analysis.storage import DayEntry, Diary

    today = dt.date.today()
    diary = Diary(db_path)
    try:
        episode = diary.add_episode("Tom", today - dt.timedelta(days=10), "", 60)
        for ago in range(10, 2, -1):
            diary.save_entry(episode, DayEntry(today - dt.timedelta(days=ago), 4, 5, 40, 0, ""))
        taken = diary.backup_before_import()
        assert taken is not None
        diary.kept_import_backup(taken, changed=True)
        diary.save_entry(episode, DayEntry(today - dt.timedelta(days=1), 3, 4, 50, 0, "first full day back at work"))
    finally:
        diary.close()
    return episode


def diary_with_episode(db_path: Path, days_since_onset: int = 5, normal_minutes: float = 45) -> int:
    """A new diary file at `db_path` with one episode of "Robin" that started `days_since_onset` days ago;
    returns the episode id (for days a test writes straight into the diary)."""
    import datetime as dt

    from analysis.storage import Diary

    diary = Diary(db_path)
    try:
        return diary.add_episode("Robin", dt.date.today() - dt.timedelta(days=days_since_onset), "", normal_minutes)
    finally:
        diary.close()


def wait_for_heading(page: object, name: str, exact: bool = False) -> None:
    """Wait until the page shows the heading `name`: up to 30 s, as a first run imports pandas and plotly."""
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", name=name, exact=exact)).to_be_visible(timeout=30_000)  # type: ignore[attr-defined]


def scroll_to(locator: object, attempts: int = 10) -> None:
    """Scroll `locator` into view, again if Streamlit re-renders it mid-way (a rerun replaces the element,
    and a loaded machine makes that window long)."""
    from playwright.sync_api import Error

    for attempt in range(attempts):
        try:
            locator.scroll_into_view_if_needed(timeout=10_000)  # type: ignore[attr-defined]
            return
        except Error:
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)


def screenshot(page: object, name: str) -> Path:
    """Save a full-page screenshot to artifacts/NAME.png and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


HOSTILE_NAME = '<a href="http://x">x</a> <b>B</b>'


def clinic_diary(db_path: Path, patients: int = 40) -> None:
    """A practice of `patients` seeded synthetic diaries ending a day or two before today: the first one,
    named HOSTILE_NAME, reported bladder or bowel changes on its last day (the one urgent patient).

    Imported as one file (a second, not forty imports of half a second each): the diary is the same as
    forty files one after the other would give (its export is byte-identical)."""
    import datetime as dt

    import pandas as pd

    from analysis.ingest.synthetic import SHAPES, DiarySpec, generate
    from analysis.model import columns as c
    from analysis.output.export import diary_csv
    from analysis.storage import Diary
    from analysis.workflows.diary_io import import_bytes

    today = dt.date.today()
    parts: list[tuple[pd.DataFrame, ...]] = []
    for number in range(1, patients + 1):
        days = 20 + (number * 7) % 60
        onset = today - dt.timedelta(days=days + number % 3)
        name = HOSTILE_NAME if number == 1 else f"Patient {number:02d}"
        spec = DiarySpec(name, "persistent_high" if number == 1 else SHAPES[number % len(SHAPES)],
                         onset=onset.isoformat(), days=days, seed=number,
                         extra_symptoms={days - 1: ["bladder_bowel"]} if number == 1 else {})
        entries, doses, symptoms = generate(spec, episode_id=number)
        parts.append((entries, doses, symptoms, pd.DataFrame({c.EPISODE_ID: [number], c.EPISODE_LABEL: [""]})))
    frames = [pd.concat([part[i] for part in parts], ignore_index=True) for i in range(4)]
    diary = Diary(db_path)
    try:
        import_bytes(diary, diary_csv(*frames).encode(), "practice.csv")
    finally:
        diary.close()
