"""The day's plan for one stored episode: reads the diary once and hands plain frames to daily_plan.

Why apart from daily.py: the rules stay pure (frames in, a plan out); this is the one place
that knows which diary reads feed them, shared by the CLI and the Today page.
"""
from __future__ import annotations

import pandas as pd

from analysis.alerts import red_flags
from analysis.model import columns as c
from analysis.plan.checkin import PSFS
from analysis.plan.daily import DailyPlan, daily_plan
from analysis.review.summary import summarise
from analysis.storage import Diary

URGENT = red_flags.URGENT  # the severity that pauses the plan, read from the rules (stated once)


def urgent_messages(diary: Diary, episode_id: int, as_of: object) -> list[str]:
    """The messages of the episode's active urgent alerts on `as_of` (the summary's, so CLI and summary agree)."""
    ids = [episode_id]
    entries = diary.entries(ids)
    entries = entries[entries[c.DATE] <= pd.Timestamp(as_of)]
    if entries.empty:
        return []
    table = summarise(entries, diary.doses(ids), diary.symptoms(ids), diary.episodes(), as_of, seen=diary.seen(ids),
                      answers=diary.answers(ids))
    alerts = table["alerts"].iloc[0] if len(table) else []
    messages = [a["message"] for a in alerts if a["active"] and a["severity"] == URGENT]
    return list(dict.fromkeys(messages))


def plan_for(diary: Diary, episode_id: int, as_of: object, urgent: list[str] | None = None) -> DailyPlan:
    """The plan of episode `episode_id` on `as_of`; `urgent` overrides the urgent messages (the page's own)."""
    episode_id = int(episode_id)
    episodes = diary.episodes()
    row = episodes[episodes[c.EPISODE_ID] == episode_id].iloc[0]
    entries = diary.entries([episode_id])
    days = entries.rename(columns={c.DATE: "date"})[["date", c.ACTIVITY, c.PAIN]].rename(
        columns={c.ACTIVITY: "activity_minutes", c.PAIN: "pain"})
    ticks = diary.exercise_ticks([episode_id])
    ticked = set(ticks.loc[ticks["date"] == pd.Timestamp(as_of).normalize(), "exercise_id"])
    checkins = diary.answers([episode_id], PSFS)["date"]
    if urgent is None:
        urgent = urgent_messages(diary, episode_id, as_of)
    normal = row[c.NORMAL_ACTIVITY]
    return daily_plan(as_of, row[c.ONSET_DATE], None if pd.isna(normal) else float(normal), days, ticked,
                      diary.work_hours([episode_id]), checkins, urgent)
