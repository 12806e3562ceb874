"""Review 27: Today's week line (analysis.review.today_plan.week_line) says the exercise/next-day-pain link only once
Progress says it too (adherence.link_when_long_enough, ADHERENCE_MIN_WEEKS whole weeks), and never writes "None"
before the link in a week with nothing done yet (the page joined the two parts itself, with no gate)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from analysis.plan.adherence import ADHERENCE_MIN_WEEKS, enough_weeks, link_when_long_enough
from analysis.review.progress_for import progress_for
from analysis.review.today_plan import week_line
from analysis.storage import DayEntry, Diary

TODAY = dt.date(2026, 3, 30)


def _diary(tmp_path: Path, days: int, quiet_last: int = 0) -> tuple[Diary, int]:
    """`days` days from onset to TODAY, pain falling and lower after exercise days (even days ticked), no exercise
    and no walk in the last `quiet_last` days."""
    diary = Diary(tmp_path / "d.db")
    onset = TODAY - dt.timedelta(days=days - 1)
    episode = diary.add_episode("Robin", onset, normal_activity_minutes=60)
    for n in range(days):
        day = onset + dt.timedelta(days=n)
        quiet = n >= days - quiet_last
        pain = 7 - 0.15 * n - (2.0 if n % 2 == 1 else 0.0) + (0.2 if n % 4 == 0 else -0.2)
        diary.save_entry(episode, DayEntry(day, round(max(pain, 0.0), 1), None, 0 if quiet else 15, 0, ""))
        if n % 2 == 0 and not quiet:
            diary.set_exercises_done(episode, day, ["knee_rolls"])
    return diary, episode


def test_the_gate_counts_whole_weeks() -> None:
    weeks = pd.DataFrame({"days": [7] * (ADHERENCE_MIN_WEEKS - 1) + [3]})
    assert not enough_weeks(weeks) and not enough_weeks(pd.DataFrame({"days": []}))
    assert link_when_long_enough(weeks, pd.DataFrame({"date": [], "pain": []}), pd.DataFrame()) is None
    assert enough_weeks(pd.DataFrame({"days": [7] * ADHERENCE_MIN_WEEKS}))


def test_today_says_the_link_when_progress_does(tmp_path: Path) -> None:
    diary, episode = _diary(tmp_path, 28)
    link = progress_for(diary, episode, TODAY).exercise_link
    assert link is not None
    line = week_line(diary, episode, TODAY)
    assert line.startswith("Week 4 so far:") and line.endswith(f"{link.statement} {link.caveat}")


def test_a_week_with_nothing_done_yet_gives_the_link_alone(tmp_path: Path) -> None:
    diary, episode = _diary(tmp_path, 29, quiet_last=1)  # day 28 opens week 5 with no walk and no exercise
    line = week_line(diary, episode, TODAY)
    assert line is not None and not line.startswith("None") and line.startswith("Doing your exercises")


def test_nothing_is_said_before_the_first_day_done(tmp_path: Path) -> None:
    diary, episode = _diary(tmp_path, 3, quiet_last=3)
    assert week_line(diary, episode, TODAY) is None
