"""Date helpers shared by storage, export and the summary."""
from __future__ import annotations

import numpy as np
import pandas as pd


def iso_day_values(dates: pd.Series | np.ndarray) -> np.ndarray:
    """Dates as an object array of 'YYYY-MM-DD' str ('NaT' where missing), ready to bind in SQL.

    Why not strftime: a diary has a few hundred distinct dates in a million rows,
    so each distinct date is formatted once (numpy's formatter) and shared; the
    rows then hold references to the same str objects, which is also what the
    sqlite3 module binds fastest.
    """
    days = np.asarray(dates).astype("datetime64[D]")
    codes, uniques = pd.factorize(days, use_na_sentinel=False)
    text = np.datetime_as_string(np.asarray(uniques, dtype="datetime64[D]"), unit="D").astype(object)
    return text[codes]


def day_values(dates: pd.Series | np.ndarray) -> np.ndarray:
    """Dates as an object array of datetime.date (None where missing), each distinct day built once and
    shared by its rows (as iso_day_values does for text)."""
    days = np.asarray(dates).astype("datetime64[D]")
    codes, uniques = pd.factorize(days, use_na_sentinel=False)
    return np.asarray(uniques, dtype="datetime64[D]").astype(object)[codes]


def iso_days(dates: pd.Series) -> pd.Series:
    """Dates as 'YYYY-MM-DD' text ('NaT' where missing), on the index of `dates`."""
    return pd.Series(iso_day_values(dates), index=dates.index, dtype="str")


def plain_date(value: object, pattern: str = "%-d %b %Y") -> str:
    """A date in words, e.g. "7 Mar 2026", with the day number unpadded on every platform.

    Why: `%-d` is a glibc extension to strftime (Windows and some libcs reject it),
    so the day number is put in by hand and the rest left to strftime.
    """
    day = pd.Timestamp(value)
    return day.strftime(pattern.replace("%-d", str(day.day)))
