"""Helpers to run the real app (`streamlit run`) on a free loopback port and drive Debian's Chromium."""
from __future__ import annotations

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


@contextmanager
def running_app(db_path: Path) -> Iterator[str]:
    """Start `streamlit run dashboard/app.py` from the repo root on 127.0.0.1; yield its URL."""
    port = free_port()
    env = {**os.environ, "BACKTRACK_DB": str(db_path)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
                             f"--server.port={port}"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    output = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                    raise RuntimeError(f"streamlit did not start:\n{output}") from None
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def browser_page(width: int = 1280, height: int = 1000) -> Iterator[object]:
    """A Playwright page in headless Debian Chromium (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.set_default_timeout(30_000)
            yield page
        finally:
            browser.close()


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
    named HOSTILE_NAME, reported bladder or bowel changes on its last day (the one urgent patient)."""
    import datetime as dt

    import pandas as pd

    from analysis.ingest.synthetic import SHAPES, DiarySpec, generate
    from analysis.model import columns as c
    from analysis.output.export import diary_csv
    from analysis.storage import Diary
    from analysis.workflows.diary_io import import_bytes

    diary = Diary(db_path)
    today = dt.date.today()
    for number in range(1, patients + 1):
        days = 20 + (number * 7) % 60
        onset = today - dt.timedelta(days=days + number % 3)
        name = HOSTILE_NAME if number == 1 else f"Patient {number:02d}"
        spec = DiarySpec(name, "persistent_high" if number == 1 else SHAPES[number % len(SHAPES)],
                         onset=onset.isoformat(), days=days, seed=number,
                         extra_symptoms={days - 1: ["bladder_bowel"]} if number == 1 else {})
        entries, doses, symptoms = generate(spec, episode_id=number)
        episodes = pd.DataFrame({c.EPISODE_ID: [number], c.EPISODE_LABEL: [""]})
        import_bytes(diary, diary_csv(entries, doses, symptoms, episodes).encode(), f"p{number}.csv")
    diary.close()
