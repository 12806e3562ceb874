"""The exercises wait while pain spreading into a leg is open, the walk does not (review 17).

Why: every exercise's caution says to stop and call the doctor if pain spreads down a leg (GUIDANCE.md §4: "see
a doctor if pain radiates to the leg"), so listing them on the day it was logged contradicts them; walking helps
leg pain, so the walking target keeps building. The warning is held a week unless seen
(analysis.alerts.rules.HELD_WARNING_CODES), and the exercises come back when it closes, whichever way.
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from analysis.plan.daily import EXERCISES_HELD_LEG, REST_POSITION
from analysis.plan.exercises import EXERCISES
from tests.cli_run import cli, cli_json

ONSET = dt.date(2026, 10, 1)
COLUMNS = ["patient", "onset_date", "date", "pain", "activity_minutes", "bed_rest_hours", "normal_activity_minutes",
           "symptoms"]


def _all_listed(plan: dict) -> bool:
    """Every exercise is on the day's plan (the rest position only while the pain is strong: daily._bad_spell)."""
    return {e["id"] for e in plan["exercises"]} >= {e.id for e in EXERCISES} - {REST_POSITION}


def _day(n: int) -> str:
    return (ONSET + dt.timedelta(days=n)).isoformat()


def _diary(tmp_path: Path, leg_days: set[int], last_day: int = 20) -> Path:
    """A steady recovery (pain 6 down to 3, walks up by 2 minutes a day) with leg pain on `leg_days`."""
    rows = [{"patient": "Lee", "onset_date": ONSET.isoformat(), "date": _day(n),
             "pain": round(6 - 3 * min(n, 14) / 14, 1),
             "activity_minutes": 20 + 2 * n, "bed_rest_hours": 0, "normal_activity_minutes": 60,
             "symptoms": "leg_pain" if n in leg_days else ""} for n in range(last_day + 1)]
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "lee.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    db = tmp_path / "diary.db"
    done = cli("import", path, "--db", db)
    assert done.returncode == 0, done.stderr
    return db


def _plan(db: Path, n: int) -> dict:
    return cli_json("plan", "--db", db, "--patient", "Lee", "--date", _day(n))


def _plan_text(db: Path, n: int) -> str:
    done = cli("plan", "--db", db, "--patient", "Lee", "--date", _day(n))
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_exercises_wait_from_the_day_leg_pain_is_logged_for_a_week_and_the_walk_goes_on(tmp_path: Path) -> None:
    db = _diary(tmp_path, {5})
    assert _all_listed(_plan(db, 4))  # before it
    for n in (5, 6, 12):  # the day, the next day, the seventh day after it
        plan = _plan(db, n)
        assert plan["exercises"] == [], n
        assert plan["walking_target_minutes"] is not None and plan["walking_target_minutes"] > 0, n
        assert not plan["paused"], n
    assert EXERCISES_HELD_LEG in " ".join(_plan_text(db, 6).split())
    assert _all_listed(_plan(db, 13))  # a week gone by without it


def test_leg_pain_does_not_hold_the_walking_target(tmp_path: Path) -> None:
    with_leg, without = _diary(tmp_path / "a", {5, 6, 7}), _diary(tmp_path / "b", set())
    for n in (6, 8, 10):
        assert _plan(with_leg, n)["walking_target_minutes"] == _plan(without, n)["walking_target_minutes"], n


def test_the_exercises_come_back_the_day_someone_has_seen_the_leg(tmp_path: Path) -> None:
    db = _diary(tmp_path, {5})
    done = cli("seen", "--db", db, "--patient", "Lee", "--code", "radiating_leg_pain", "--date", _day(7))
    assert done.returncode == 0, done.stderr
    assert _plan(db, 6)["exercises"] == []
    assert _all_listed(_plan(db, 7))
    assert _all_listed(_plan(db, 8))


def test_leg_pain_logged_again_after_it_was_seen_holds_them_again(tmp_path: Path) -> None:
    db = _diary(tmp_path, {5, 9})
    done = cli("seen", "--db", db, "--patient", "Lee", "--code", "radiating_leg_pain", "--date", _day(7))
    assert done.returncode == 0, done.stderr
    assert _all_listed(_plan(db, 8))
    assert _plan(db, 9)["exercises"] == [] and _plan(db, 15)["exercises"] == []
    assert _all_listed(_plan(db, 17))
