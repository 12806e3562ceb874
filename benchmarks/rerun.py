"""A rerun after logging one entry vs the first run, in a fresh process: `python -m benchmarks.rerun JSON`.

JSON: {"db": PATH}. The first run is what opening the app costs: Today, then Progress, in a
process that has not loaded the app yet (so nothing the app imports is loaded before the
clock starts: this module imports only the standard library and Streamlit's AppTest).
Then one day is saved to the newest episode from another connection, as the Today form's
Save would, and the same two pages run again in the same session: the rerun. Last, a new
session in the same (now warm) process with Streamlit's caches cleared: a visitor's first
run on a server that is already up. Prints one JSON line: first_s, rerun_s, first_warm_s, peak_mb.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


def _pages(at: AppTest) -> AppTest:
    """Today (the first page) then Progress; raises when either shows an exception."""
    for page in (None, "screens/progress.py"):
        at = at.switch_page(page).run() if page else at.run()
        if at.exception:
            raise RuntimeError(f"The app failed on {page or 'Today'}: {at.exception[0].message}")
    return at


def measure(db: str) -> dict:
    """Seconds of the first run, the rerun after saving one day, and a warm process's first run."""
    with tempfile.TemporaryDirectory() as folder:
        copy = str(Path(folder) / "diary.db")
        shutil.copy(db, copy)
        os.environ["BACKTRACK_DB"] = copy
        start = time.perf_counter()
        at = _pages(AppTest.from_file(APP, default_timeout=300))
        first = time.perf_counter() - start

        from analysis.storage import DayEntry, Diary  # after the clock: the app has loaded it by now

        writer = Diary(copy)
        episode = int(writer.episodes()["episode_id"].max())
        writer.save_entry(episode, DayEntry(dt.date.today(), 3.0, worst_pain=4.0, activity_minutes=30.0))
        writer.close()
        start = time.perf_counter()
        at.switch_page("screens/today.py")
        _pages(at)
        rerun = time.perf_counter() - start

        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()
        start = time.perf_counter()
        _pages(AppTest.from_file(APP, default_timeout=300))
        first_warm = time.perf_counter() - start
    return {"first_s": first, "rerun_s": rerun, "first_warm_s": first_warm,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


if __name__ == "__main__":
    print(json.dumps(measure(**json.loads(sys.argv[1]))))
