"""Issue 12, "one daily grid built once per request": the data walked from `report` (and the Progress page, which
reads the same view) builds the grid, reads the doses and runs the alert rules once, not once per analysis.

Counted with a profile hook on the functions' code objects, so a call through any import path counts.
"""
from __future__ import annotations

import collections
import sys
from collections.abc import Callable
from pathlib import Path

from analysis.alerts import engine
from analysis.cli import main
from analysis.course import grid, medication_use
from analysis.review.progress import progress_view
from analysis.storage import Diary

WATCHED = {grid.daily_grid.__code__: "daily_grid", medication_use.dose_days.__code__: "dose_days",
           engine._coded_days.__code__: "alert rules"}


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
