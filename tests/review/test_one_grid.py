"""Issue 12, "one daily grid built once per request": the data walked from `report` (and the Progress page, which
reads the same view) builds the grid, reads the doses and runs the alert rules once, not once per analysis.

Counted with a profile hook on the functions' code objects, so a call through any import path counts.
"""
from __future__ import annotations

import collections
import sys
from collections.abc import Callable
from pathlib import Path

from analysis.alerts import finders
from analysis.cli import main
from analysis.course import grid, medication_use
from analysis.review.progress import progress_view
from analysis.storage import Diary

WATCHED = {grid.daily_grid.__code__: "daily_grid", medication_use.dose_days.__code__: "dose_days",
           finders.find.__code__: "alert rules"}  # every declared rule's finder, run once per engine run


def calls_during(work: Callable[[], object]) -> collections.Counter:
    """How often each WATCHED function ran during `work()`."""
    seen: collections.Counter = collections.Counter()

    def hook(frame, event, _arg) -> None:
        if event == "call" and frame.f_code in WATCHED:
            seen[WATCHED[frame.f_code]] += 1

    sys.setprofile(hook)
    try:
        work()
    finally:
        sys.setprofile(None)
    return seen


def demo_diary(tmp_path: Path) -> Path:
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db)]) == 0
    return db


def test_the_report_builds_one_grid(tmp_path, capsys) -> None:
    db = demo_diary(tmp_path)
    capsys.readouterr()
    found = calls_during(lambda: main(["report", "--db", str(db), "--patient", "Ben (demo)",
                                       "-o", str(tmp_path / "ben.pdf")]))
    assert (tmp_path / "ben.pdf").read_bytes().startswith(b"%PDF")
    assert found == {"daily_grid": 1, "dose_days": 1, "alert rules": 1}


def test_the_progress_view_builds_one_grid(tmp_path) -> None:
    diary = Diary(demo_diary(tmp_path))
    episode = int(diary.episodes()["episode_id"].iloc[0])
    ids = [episode]
    found = calls_during(lambda: progress_view(
        diary.entries(), diary.doses(ids), diary.symptoms(ids), diary.episodes(), episode, seen=diary.seen(ids),
        answers=diary.answers(ids)))
    assert found == {"daily_grid": 1, "dose_days": 1, "alert rules": 1}


def test_the_urgent_signs_of_a_person_read_one_grid_for_all_their_episodes(tmp_path) -> None:
    """The banner and the plan's pause read every episode of the person (analysis.review.urgent_now): one engine
    call over all of them, not one grid per episode (a 3-year diary of seven episodes made the Progress page 1.9x
    the 1-week one with one call per episode; `make bench`)."""
    import datetime as dt

    from analysis.review import urgent_now
    from analysis.storage import DayEntry

    diary = Diary(tmp_path / "d.db")
    for start in ("2026-01-01", "2026-04-01", "2026-07-01"):
        episode = diary.add_episode("Robin", start, normal_activity_minutes=45)
        for n in range(20):
            diary.save_entry(episode, DayEntry(dt.date.fromisoformat(start) + dt.timedelta(days=n), 3, 4, 30))
    found = calls_during(lambda: urgent_now.urgent_messages(diary, episode, dt.date(2026, 7, 25)))
    assert found["daily_grid"] == 1 and found["alert rules"] == 1


def test_the_triage_list_builds_one_grid(tmp_path, capsys) -> None:
    """One summary judges where each person stands (their last diary day) and their alerts (the clinic's day):
    before, a second summary of every patient was made for its alerts column alone (review 27)."""
    db = demo_diary(tmp_path)
    capsys.readouterr()
    found = calls_during(lambda: main(["triage", "--db", str(db), "--as-of", "2026-09-10"]))
    assert "Eva (demo)" in capsys.readouterr().out
    assert found == {"daily_grid": 1, "dose_days": 1, "alert rules": 1}
