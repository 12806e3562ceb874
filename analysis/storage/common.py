"""Small helpers shared by the storage modules."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import pandas as pd

# SQL for "now" to the millisecond (UTC), for recorded_at: a sign saved after its day's "I have been seen about
# this" mark is told apart from one saved before it, even within a second (analysis.storage.entries).
NOW_MS = "strftime('%Y-%m-%d %H:%M:%f', 'now')"


def iso(day: dt.date | pd.Timestamp | str) -> str:
    """A date as 'YYYY-MM-DD', the only form stored."""
    return pd.Timestamp(day).strftime("%Y-%m-%d")


def episode_filter(column: str, episode_ids: Iterable[int] | None) -> tuple[str, list[str]]:
    """A WHERE clause limiting `column` to `episode_ids` (None: no limit) and its one parameter.

    The ids travel as one JSON array, so any number of them fits (one `?` per id
    stops at SQLite's 32,766 parameters).
    """
    if episode_ids is None:
        return "", []
    ids = [int(i) for i in episode_ids]
    return f"WHERE {column} IN (SELECT value FROM json_each(?))", [json.dumps(ids)]
