"""The Progress view of one episode read from a diary: the one way the Progress page, the GP report and the
Clinic's patient section put it together (analysis.review.progress.progress_view).

Why one: each surface once assembled the view from its own reads (review 13). The Clinic passed no screening
and no urgent signs of the person's other episodes, so its "compared with the usual course" could read "On
track" for a person whose earlier episode held an emergency the banner and the report showed; the report read
no exercise ticks and no other episodes. Now every surface reads the same frames and differs only in what it
asks: a date (`as_of`), a curve, and for a report of a diary that stopped, alerts judged on its last entry.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.course.curve import DEFAULT_CURVE
from analysis.model import columns as c
from analysis.review.progress import ProgressView, progress_view
from analysis.review.today_plan import doctor_held_elsewhere
from analysis.review.triage import quiet_by
from analysis.review.urgent_now import alerts_now, person_episode_ids, urgent_of_other_episodes
from analysis.storage.read_once import DiaryReader, read_once


def progress_for(diary: DiaryReader, episode_id: int, today: dt.date, as_of: object = None,
                 curve: str = DEFAULT_CURVE, alerts_on_last_entry_if_quiet: bool = False) -> ProgressView:
    """The view of episode `episode_id` read now (`today`), or up to `as_of` (then without the other episodes'
    urgent signs of today). The person's entries are read (their earlier episodes are laid beside this one:
    progress.side_by_side), not the whole clinic's (review 27: a one-patient report read every patient's days);
    everything else is this episode's. Each frame is read from the file once (analysis.storage.read_once: pass a
    ReadOnce to share the reads with the caller's own). `alerts_on_last_entry_if_quiet` (the GP report): without
    `as_of`, a diary that has gone quiet by `today` (analysis.review.triage.quiet_by, the Clinic's cut) has its
    alerts judged on its last entry. Raises NotFound without diary days."""
    diary = read_once(diary)
    ids = [int(episode_id)]
    person = person_episode_ids(diary.episodes(), ids[0])  # their doses and signs before this episode count in it
    # the person's other episodes' alerts (one engine call, none for one episode): their urgent ones now, as the
    # banner shows them, and every urgent one that paused Today's walking target, as the course shows it
    others = None if len(person) == 1 else alerts_now(diary, person, today if as_of is None else as_of, as_of is None)
    elsewhere = None if others is None else others[others[c.EPISODE_ID] != ids[0]]
    entries = diary.entries(person)
    last = entries.loc[entries[c.EPISODE_ID] == ids[0], c.DATE].max()
    quiet = alerts_on_last_entry_if_quiet and as_of is None and pd.notna(last) and quiet_by(last, today)
    return progress_view(entries, diary.doses(person), diary.symptoms(person), diary.episodes(), ids[0],
                         as_of, curve, seen=diary.seen(ids), screening=diary.screening(ids), answers=diary.answers(ids),
                         ticks=diary.exercise_ticks(ids), today=today, alerts_on_last_entry=bool(quiet),
                         held_elsewhere=doctor_held_elsewhere(diary, ids[0]),  # the walking target Today held
                         urgent_elsewhere=urgent_of_other_episodes(diary, ids[0], today, others)
                         if as_of is None else None, alerts_elsewhere=elsewhere)
