"""Small helpers shared by the storage modules."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import pandas as pd


def now_stamp() -> str:
    """Now (UTC) to the microsecond as 'YYYY-MM-DD HH:MM:SS.ffffff', for recorded_at: a sign saved after its day's
    "I have been seen about this" mark is told apart from one saved before it (analysis.alerts.seen_after), even
    when a test does both within a millisecond. It sorts after SQLite's datetime('now') of the same second,
    which older rows hold."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


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
