"""Small helpers shared by the storage modules."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd


def iso(day: dt.date | pd.Timestamp | str) -> str:
    """A date as 'YYYY-MM-DD', the only form stored."""
    return pd.Timestamp(day).strftime("%Y-%m-%d")


def episode_filter(column: str, episode_ids: Iterable[int] | None) -> tuple[str, list[int]]:
    """A WHERE clause limiting `column` to `episode_ids` (None: no limit) and its parameters."""
    if episode_ids is None:
        return "", []
    ids = [int(i) for i in episode_ids]
    return f"WHERE {column} IN ({', '.join('?' * len(ids)) or 'NULL'})", ids
