"""Page benchmarks: diaries of a given length, and the app driven headless by AppTest (tests/apptest.py).

The app reads the clock (dashboard.ui.today), so these diaries end yesterday: the
person is logging today, as they would be.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.ingest.importer import read_diary_file
from analysis.storage import Diary
from benchmarks.timing import ROOT

APP = str(ROOT / "dashboard" / "app.py")
PATIENT = "Bench patient"
EPISODE_DAYS = 180  # back pain often comes back: a long diary holds several episodes, one every six months


def diary_days(days: int, end: dt.date, seed: int = 7) -> pd.DataFrame:
    """`days` canonical diary rows ending on `end`: one patient, a new episode every EPISODE_DAYS days,
    each a falling pain course with noise, activity building up, ibuprofen in the first weeks."""
    rng = np.random.default_rng(seed)
    index = np.arange(days)
    dates = pd.Timestamp(end) - pd.to_timedelta(days - 1 - index, unit="D")
    day = index % EPISODE_DAYS
    onset = dates - pd.to_timedelta(day, unit="D")
    pain = np.clip(np.rint(1 + 6 * np.exp(-day / 20) + rng.normal(0, 0.8, days)), 0, 10)
    return pd.DataFrame({
        "date": dates.strftime("%Y-%m-%d"), "pain": pain.astype(int),
        "worst_pain": np.minimum(10, pain + rng.integers(0, 3, days)).astype(int),
        "activity_minutes": np.clip(np.rint(10 + 2 * day + rng.normal(0, 5, days)), 0, 60).astype(int),
        "bed_rest_hours": 0, "medications": np.where(day < 14, "ibuprofen 400 mg x3", ""), "symptoms": "",
        "notes": "", "patient": PATIENT, "onset_date": onset.strftime("%Y-%m-%d"),
        "normal_activity_minutes": 60, "episode": "",
    })


def make_diary(path: Path, days: int, end: dt.date | None = None) -> Path:
    """A diary file at `path` (replaced) holding `days` days of one patient, up to yesterday by default."""
    end = end or dt.date.today() - dt.timedelta(days=1)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    csv = path.with_suffix(".csv")
    diary_days(days, end).to_csv(csv, index=False)
    parsed = read_diary_file(csv, today=end)
    diary = Diary(path)
    diary.write_diary(parsed.entries, parsed.doses, parsed.symptoms)
    diary.close()
    csv.unlink()
    return path


def _fresh_app(db: str):  # -> AppTest (imported late: only the page benchmark loads Streamlit)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["BACKTRACK_DB"] = db
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(APP, default_timeout=300)


def _run(at, page: str | None = None):  # noqa: ANN001, ANN202
    at = at.switch_page(page).run() if page else at.run()
    if at.exception:
        raise RuntimeError(f"The app failed on {page or 'its first page'}: {at.exception[0].message}")
    return at


def progress_page(db: str) -> float:
    """Seconds for the Progress page of the newest episode, its analyses not cached.

    The Today page runs first (untimed, as a person opens the app there), then the
    analysis caches are cleared so Progress computes everything it shows.
    """
    import streamlit as st

    at = _run(_fresh_app(db))
    st.cache_data.clear()
    start = time.perf_counter()
    _run(at, "screens/progress.py")
    return time.perf_counter() - start
