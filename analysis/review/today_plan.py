"""The day's plan for one stored episode: reads the diary once and hands plain frames to daily_plan.

Why apart from daily.py: the rules stay pure (frames in, a plan out); this is the one place
that knows which diary reads feed them, shared by the CLI and the Today page. "Once": each function reads through
analysis.storage.read_once, so the person's alerts, the walking days and the plan share one read of each frame.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from analysis.alerts.red_flags import RADIATING_LEG_PAIN
from analysis.model import columns as c
from analysis.model.screening import answers_by_episode, see_gp_first
from analysis.plan import adherence, walking
from analysis.plan.checkin import PSFS
from analysis.plan.daily import BED_REST_ALERT, DailyPlan, daily_plan
from analysis.plan.doctor_hold import held_elsewhere, with_doctor_days
from analysis.review import urgent_now
from analysis.storage.read_once import DiaryReader, read_once


def plan_for(diary: DiaryReader, episode_id: int, as_of: object, urgent: list[str] | None = None,
             live: bool = True) -> DailyPlan:
    """The plan of episode `episode_id` on `as_of`: its pause, what to do now and "see the GP first" are what Today
    shows (the page decides none of them itself). `urgent` replaces the person's urgent messages: tests use [] to read
    the course under a pause.
    `live` False: `as_of` is a day gone by, and nothing logged after it counts (urgent_now.alerts_now)."""
    episode_id, diary = int(episode_id), read_once(diary)
    episodes = diary.episodes()
    row = episodes[episodes[c.EPISODE_ID] == episode_id].iloc[0]
    ids, history = urgent_now.person_alerts(diary, episode_id, as_of, live)  # one engine call: pause and course
    days = plan_days_for(diary, episode_id, history)
    ticks = diary.exercise_ticks([episode_id])
    ticked = set(ticks.loc[ticks["date"] == pd.Timestamp(as_of).normalize(), "exercise_id"])
    checkins = diary.answers([episode_id], PSFS)["date"]
    messages, active = urgent_now.messages_and_codes(ids, history)  # the person's, as the banner and Today's
    urgent = messages if urgent is None else urgent  # boxes show them
    normal = row[c.NORMAL_ACTIVITY]
    usual = diary.usual_work_days([episode_id])["hours"]  # the person's own full day at work (None: not said)
    plan = daily_plan(as_of, row[c.ONSET_DATE], None if pd.isna(normal) else float(normal), days, ticked,
                      diary.work_hours([episode_id]), checkins, urgent, leg_pain=RADIATING_LEG_PAIN in active,
                      bed_rest=BED_REST_ALERT in active, usual_work_day=float(usual.iloc[0]) if len(usual) else None)
    # a "yes" at set-up: see the GP first, the line Today shows above the plan (not over a paused plan)
    gp_first = see_gp_first(answers_by_episode(diary.screening([episode_id])).get(episode_id, {}))
    return plan if plan.paused or not gp_first else replace(plan, see_gp_first=gp_first)


def plan_days_for(diary: DiaryReader, episode_id: int, history: pd.DataFrame) -> pd.DataFrame:
    """The episode's diary days the walking target is built from (analysis.plan.walking.plan_days), with every day
    a sign holds it or an urgent alert pauses it (analysis.plan.doctor_hold.with_doctor_days): the episode's own
    signs that need a doctor, those of the person's other episodes (doctor_held_elsewhere), and the urgent alerts
    of `history` (urgent_now.person_alerts: every alert of the person's episodes). Why one function: Today's
    target and the week line under it read the same days (Progress reads its own summary's alerts, the same engine).
    """
    days = walking.plan_days(diary.entries([episode_id]))
    return with_doctor_days(days, diary.symptoms([episode_id]), diary.seen([episode_id]),
                            doctor_held_elsewhere(diary, episode_id), history)


def course_until(diary: DiaryReader, episode_id: int, today: object) -> pd.DataFrame:
    """The walking target of every day from onset to `today` beside what was done (analysis.plan.walking.
    walking_course), held and paused on the days Today's plan held and paused it: the week line's course."""
    diary = read_once(diary)
    row = diary.episodes().set_index(c.EPISODE_ID).loc[int(episode_id)]
    normal = row[c.NORMAL_ACTIVITY]
    days = plan_days_for(diary, episode_id, urgent_now.person_alerts(diary, episode_id, today)[1])
    return walking.walking_course(row[c.ONSET_DATE], today, None if pd.isna(normal) else float(normal), days)


def week_line(diary: DiaryReader, episode_id: int, today: object) -> str | None:
    """The line under Today's exercises: this week's counts (adherence.week_sentence over course_until), then the
    exercise/next-day-pain link with its caveat once Progress would show it too (adherence.link_when_long_enough,
    the same whole-weeks gate). None when there is nothing to say.

    Why here and not on the page: the page added the link with no gate, so Today could state a link that Progress
    still held back, and wrote "None" before it in a week with nothing done yet (review 27)."""
    diary = read_once(diary)
    course = course_until(diary, episode_id, today)
    ticks = diary.exercise_ticks([episode_id])
    ticks = ticks[pd.to_datetime(ticks["date"]) <= pd.Timestamp(today)]  # as Progress reads them
    weeks = adherence.weekly_adherence(course, ticks)
    link = adherence.link_when_long_enough(weeks, walking.plan_days(diary.entries([episode_id])), ticks)
    parts = [adherence.week_sentence(weeks), *([link.statement, link.caveat] if link else [])]
    return " ".join(part for part in parts if part) or None


def doctor_held_elsewhere(diary: DiaryReader, episode_id: int) -> pd.DataFrame:
    """The days a sign that needs a doctor, logged in another episode of the same person, holds this episode's
    walking target (analysis.plan.doctor_hold.held_elsewhere). Why here: the one place that reads which episodes
    are the person's for the plan, so Today, Progress and the routine's week line hold the same days as Today's
    box shows the person's signs (dashboard/alerts_view.py doctor_box)."""
    others = urgent_now.person_episode_ids(diary.episodes(), episode_id)[1:]
    if not others:
        return held_elsewhere(None, None)
    return held_elsewhere(diary.symptoms(others), diary.seen(others))
