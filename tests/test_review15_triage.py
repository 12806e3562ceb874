"""Review 15: the urgent hold with no end (analysis.alerts.history._hold) seen in the Clinic's triage order."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.storage import DayEntry, Diary
from tests.cli_run import cli_json

TODAY = dt.date.today()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_an_emergency_logged_today_comes_before_one_of_a_diary_silent_for_months(tmp_path: Path) -> None:
    db = tmp_path / "clinic.db"
    diary = Diary(db)
    ana = diary.add_episode("Ana", _ago(200), normal_activity_minutes=60)
    for ago in range(200, 170, -1):  # stopped in June; bladder control once, 175 days ago, never assessed
        diary.save_entry(ana, DayEntry(_ago(ago), 8, None, 20, 0, "", [], ["bladder_bowel"] if ago == 175 else []))
    bo = diary.add_episode("Bo", _ago(10), normal_activity_minutes=60)
    for ago in range(10, -1, -1):  # saddle numbness this morning
        diary.save_entry(bo, DayEntry(_ago(ago), 3, None, 40, 0, "", [], ["saddle_numbness"] if ago == 0 else []))
    diary.close()
    rows = cli_json("triage", "--db", db)
    assert [r["priority"] for r in rows] == [1, 1]
    assert [r["patient"] for r in rows] == ["Bo", "Ana"], rows


def test_a_paracetamol_excess_two_months_ago_is_not_told_as_today(tmp_path: Path) -> None:
    from analysis.storage import Dose

    db = tmp_path / "tom.db"
    diary = Diary(db)
    episode = diary.add_episode("Tom", _ago(70), normal_activity_minutes=60)
    for ago in range(70, -1, -1):
        doses = [Dose("paracetamol", 1000, 6)] if ago == 60 else []
        diary.save_entry(episode, DayEntry(_ago(ago), max(0.0, 6 - (70 - ago) * 0.2), None, 60, 0, "", doses))
    diary.close()
    plan = cli_json("plan", "--db", db)
    reason = str(plan.get("pause_reason") or "")
    assert "Take no more paracetamol today" not in reason, plan
