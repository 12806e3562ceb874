"""Starting a new episode of a person's back pain: when it may start, and which logged days it took over
(Diary.take_days_from_earlier), in one sentence each."""
from __future__ import annotations

import pandas as pd

from analysis.model import columns as c
from analysis.model.dates import plain_date
from analysis.model.names import patient_name


def moved_days_sentence(days: list[str]) -> str | None:
    """E.g. "Already logged, now part of this new episode: 4 Dec 2026." (one day), "... 2 Dec 2026 to 4 Dec 2026
    (3 days)." (several); None when no day moved. Why said: the person had logged the day in the old episode and
    would otherwise look for it there (review 36)."""
    if not days:
        return None
    when = plain_date(days[0]) if len(days) == 1 else \
        f"{plain_date(days[0])} to {plain_date(days[-1])} ({len(days)} days)"
    return f"Already logged, now part of this new episode: {when}."


def onset_problem(name: str, onset: object, episodes: pd.DataFrame) -> str | None:
    """Why a new episode of `name` cannot start on `onset`, or None: it must start after the person's latest episode
    began. `episodes`: Diary.episodes() (patient, onset_date).

    Why: started before the current one, a new episode took no day over (they are the current one's), and the person
    then logged a second pain for a day already logged, which the pages never read (review 36's second explorer).
    A pain that began earlier than the diary says is a correction of its start (the Diary page), not a new episode."""
    mine = episodes[episodes[c.PATIENT] == patient_name(name or "")]
    if mine.empty:
        return None
    latest = pd.to_datetime(mine[c.ONSET_DATE]).max()
    if pd.Timestamp(onset).normalize() > latest.normalize():
        return None
    return (f"A new episode starts after {patient_name(name)}'s latest one began ({plain_date(latest)}); "
            f"{plain_date(onset)} is not after it. If that back pain began earlier, correct its start on the Diary "
            "page.")
