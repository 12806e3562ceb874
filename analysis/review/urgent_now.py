"""The alerts that apply to a person now: the banner on their pages, Today's plan pause, `python -m analysis plan`.

Why here, once: the pages, the plan and the Clinic must agree on an urgent sign. Each episode's alerts are judged
on analysis.alerts.judging.judging_day (today, as the Clinic judges them), and an urgent sign of any of the
person's episodes applies: starting a new episode the day after logging loss of bladder control must not take
"act now" off their pages while the Clinic still lists them urgent.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.alerts import engine
from analysis.alerts.judging import judging_day, last_day_kept
from analysis.alerts.red_flags import URGENT
from analysis.model import columns as c
from analysis.review.alert_runs import merge_runs
from analysis.storage.read_once import DiaryReader


def alerts_now(diary: DiaryReader, episode_ids: int | list[int], today: object, live: bool = True) -> pd.DataFrame:
    """Every alert of the episodes, judged on the judging day of their latest diary day for `today`, with the diary
    days up to the day after `today` (a diary kept in a time zone ahead). One engine call for all of them (a person
    with seven episodes costs one daily grid, not seven). `live` False: `today` is a day gone by (`plan --date` of
    a past day), so the day after it is a real later day and is left out (review 18: a plan was paused the day
    before the sign that paused it was logged). Columns: analysis.alerts.engine.alert_history's."""
    ids = [int(episode_ids)] if isinstance(episode_ids, int | np.integer) else [int(e) for e in episode_ids]
    kept = last_day_kept(today) if live else pd.Timestamp(today).normalize()
    entries, doses, symptoms = (frame[frame[c.DATE] <= kept] for frame in
                                (diary.entries(ids), diary.doses(ids), diary.symptoms(ids)))
    on = judging_day(entries[c.DATE].max() if len(entries) else None, today)
    return engine.alerts(entries, doses, symptoms, on, seen=diary.seen(ids), answers=diary.answers(ids))


def person_episode_ids(episodes: pd.DataFrame, episode_id: int) -> list[int]:
    """`episode_id` first, then every other episode of the same person (Diary.episodes() order)."""
    episode_id = int(episode_id)
    mine = episodes.loc[episodes[c.EPISODE_ID] == episode_id, c.PATIENT]
    if mine.empty:
        return [episode_id]
    others = episodes.loc[(episodes[c.PATIENT] == mine.iloc[0]) & (episodes[c.EPISODE_ID] != episode_id),
                          c.EPISODE_ID]
    return [episode_id, *map(int, others)]


def urgent_rows(history: pd.DataFrame, episode_ids: list[int]) -> pd.DataFrame:
    """The active urgent alerts of `history` (the person's episodes'), those of `episode_ids` in that order
    (urgent alerts can never be put aside, so every one shows)."""
    urgent = history[history[engine.ACTIVE].astype(bool) & (history[engine.SEVERITY] == URGENT)]
    rank = {episode: at for at, episode in enumerate(episode_ids)}
    order = urgent[c.EPISODE_ID].map(rank)
    ranked = urgent[order.notna()].assign(_rank=order).sort_values("_rank", kind="stable").drop(columns="_rank")
    return merge_runs(ranked)  # one line per alert, every report of it named (alert_runs: the banner said it thrice)


def urgent_elsewhere(rows: pd.DataFrame, episode_id: int) -> pd.DataFrame:
    """The urgent_rows of the person's other episodes than `episode_id`, one per episode and code: each needs its
    own "I have been seen about this" (the Progress page of a new episode offers it for an earlier one's)."""
    return rows[rows[c.EPISODE_ID] != int(episode_id)].drop_duplicates([c.EPISODE_ID, engine.CODE])


def person_alerts(diary: DiaryReader, episode_id: int, today: object,
                  live: bool = True) -> tuple[list[int], pd.DataFrame]:
    """The person's episode ids (person_episode_ids: `episode_id` first) and every alert of them (alerts_now):
    one engine call that the plan's pause, its urgent messages and its walking course all read."""
    ids = person_episode_ids(diary.episodes(), episode_id)
    return ids, alerts_now(diary, ids, today, live)


def urgent_of_other_episodes(diary: DiaryReader, episode_id: int, today: object,
                             history: pd.DataFrame | None = None) -> pd.DataFrame:
    """The urgent alerts active on `today` in the person's other episodes than `episode_id` (urgent_elsewhere),
    with ONSET_DATE, their episode's onset: what Progress and the GP report of this episode must not leave out
    while the banner, the plan's pause and the Clinic show it (review 8: Progress said "No warnings right now"
    under the banner, and the report "No alerts apply now"). No engine call for a person with one episode, nor when
    `history` (alerts_now of the person's episodes on `today`) is given."""
    episodes = diary.episodes()
    ids = person_episode_ids(episodes, episode_id)
    if len(ids) == 1:
        return pd.DataFrame(columns=[*engine.HISTORY_COLUMNS, c.ONSET_DATE])
    history = alerts_now(diary, ids, today) if history is None else history
    rows = urgent_elsewhere(urgent_rows(history, ids), episode_id)
    return rows.assign(**{c.ONSET_DATE: rows[c.EPISODE_ID].map(episodes.set_index(c.EPISODE_ID)[c.ONSET_DATE])})


def urgent_messages(diary: DiaryReader, episode_id: int, today: object, live: bool = True) -> list[str]:
    """What to do now, once each, for the urgent alerts active for the person on `today` (the plan pauses);
    `live`: as alerts_now."""
    return messages_and_codes(*person_alerts(diary, episode_id, today, live))[0]


def messages_and_codes(ids: list[int], history: pd.DataFrame) -> tuple[list[str], set[str]]:
    """urgent_messages, and the codes of every alert active for the person, from person_alerts' ids and history:
    what the day's plan reads (analysis.review.today_plan.plan_for)."""
    rows = urgent_rows(history, ids)
    return (list(dict.fromkeys(rows[engine.MESSAGE].tolist())),
            set(history.loc[history[engine.ACTIVE].astype(bool), engine.CODE]))


def episodes_holding(diary: DiaryReader, episode_ids: list[int], code: str, today: object) -> list[int]:
    """Every one of `episode_ids` whose alert `code` is active on `today`, in that order.

    Why: a clinician recording "seen" for a person means the alert they were shown, which may belong to an
    earlier episode than the latest (the banner reads every episode of the person); when the same sign is open
    in two of the person's episodes, the person was seen about it once, and each episode's warning (and the
    walking target it holds: analysis.plan.doctor_hold.held_elsewhere) must close (review 7)."""
    history = alerts_now(diary, episode_ids, today)
    holding = set(history.loc[history[engine.ACTIVE].astype(bool) & (history[engine.CODE] == code), c.EPISODE_ID])
    return [int(e) for e in episode_ids if e in holding]


def episode_holding(diary: DiaryReader, episode_ids: list[int], code: str, today: object) -> int | None:
    """The first of `episode_ids` whose alert `code` is active on `today`, or None (episodes_holding)."""
    return next(iter(episodes_holding(diary, episode_ids, code, today)), None)


def signs_before(diary: DiaryReader, episode_id: int, day: object) -> list[str]:
    """The warning signs logged on the person's diary day before `day` (in any of their episodes), or on the day
    before that when nothing at all was logged in between: what makes numbness or weakness on `day` "two days
    running", as the engine reads it (analysis.alerts.carried), so the advice under Save is never milder than the
    banner above it (review 19: a silent day, or yesterday in the earlier episode, gave amber under "Act now")."""
    ids = person_episode_ids(diary.episodes(), episode_id)
    signs, day = diary.symptoms(ids), pd.Timestamp(day).normalize()

    def on(date: pd.Timestamp) -> list[str]:
        return [str(code) for code in signs.loc[signs[c.DATE] == date, c.SYMPTOM]]

    yesterday = day - pd.Timedelta(days=1)
    found = on(yesterday)
    if found or any((frame[c.DATE] == yesterday).any() for frame in (diary.entries(ids), diary.doses(ids))):
        return found
    return on(day - pd.Timedelta(days=2))
