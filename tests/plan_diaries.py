"""Diaries the plan and medicine review tests build (tests/test_review8_plan.py, tests/test_review9_plan.py)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.storage import DayEntry, Diary, DoseEntry

TODAY = dt.date.today()


def walking_diary(db: Path, name: str, days: int, normal: float, pain_on: Callable[[int], float]) -> tuple[Diary, int]:
    """`name`'s episode from `days` days ago, every day logged up to yesterday: pain `pain_on(i)` on day i (worst one
    more), walking 15 + 5 x i minutes (always at or above the target). Returns the open diary and the episode."""
    diary = Diary(db)
    episode = diary.add_episode(name, TODAY - dt.timedelta(days=days), normal_activity_minutes=normal)
    for i in range(days):
        pain = pain_on(i)
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=days - i), pain, pain + 1, 15 + 5 * i, 0, ""))
    return diary, episode


def one_odd_dose_day(db: Path, name: str, odd: DoseEntry, pain: float, minutes: float) -> None:
    """`name`'s 25 days to yesterday, ibuprofen 400 mg four times a day (above the over-the-counter maximum only)
    on every day but one, 22 days ago, which holds `odd` instead."""
    diary = Diary(db)
    episode = diary.add_episode(name, TODAY - dt.timedelta(days=25), normal_activity_minutes=60)
    for ago in range(25, 0, -1):
        doses = [odd] if ago == 22 else [DoseEntry("ibuprofen", 400, 4)]
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), pain, pain + 1, minutes, 0, "",
                                           doses=doses))
    diary.close()


def bea_in_bed(db: Path, minutes_in_bed: float | None) -> tuple[Diary, int]:
    """Bea's 12 days to yesterday: building up (15 + 5 a day), then the last three in bed, 12 hours a day, with
    `minutes_in_bed` active (0 typed, or None: the box left empty). Returns the open diary and the episode."""
    diary = Diary(db)
    episode = diary.add_episode("Bea", TODAY - dt.timedelta(days=12), normal_activity_minutes=120)
    for ago in range(12, 0, -1):
        in_bed = ago <= 3
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 5 if in_bed else 4, 6 if in_bed else 5,
                                           minutes_in_bed if in_bed else 15 + 5 * (12 - ago), 12 if in_bed else 0,
                                           ""))
    return diary, episode


def symptom_rows(onset: object, *signs: tuple[int, str]) -> pd.DataFrame:
    """Diary.symptoms()-shaped rows of episode 1: each (day after `onset`, symptom code)."""
    return pd.DataFrame({"episode_id": 1, "date": [pd.Timestamp(onset) + pd.Timedelta(days=d) for d, _ in signs],
                         "symptom": [s for _, s in signs]})


def seen_rows(onset: object, *marks: tuple[int, str]) -> pd.DataFrame:
    """Diary.seen()-shaped rows of episode 1: each (day after `onset`, alert code) a clinician saw the person about."""
    return pd.DataFrame({"episode_id": 1, "code": [code for _, code in marks],
                         "seen_date": [pd.Timestamp(onset) + pd.Timedelta(days=d) for d, _ in marks]})
