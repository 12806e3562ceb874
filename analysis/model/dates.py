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
    codes, uniques = _distinct_days(dates)
    return np.datetime_as_string(uniques, unit="D").astype(object)[codes]


_PER_DAY = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}


def day_numbers_of(dates: np.ndarray) -> np.ndarray:
    """Whole days since 1970-01-01 (int64, floored) of datetime64 values without NaT.

    Why not astype("datetime64[D]"): numpy converts units value by value; for the units pandas stores (s, ms,
    us, ns) the same days are one integer floor division, a tenth of the time at a million rows (issue 12).
    """
    values = np.asarray(dates)
    unit = np.datetime_data(values.dtype)[0] if values.dtype.kind == "M" else None
    if unit in _PER_DAY and np.datetime_data(values.dtype)[1] == 1:
        return values.view(np.int64) // _PER_DAY[unit]
    return values.astype("datetime64[D]").astype(np.int64)


def day_values(dates: pd.Series | np.ndarray) -> np.ndarray:
    """Dates as an object array of datetime.date (None where missing), each distinct day built once and
    shared by its rows (as iso_day_values does for text)."""
    codes, uniques = _distinct_days(dates)
    return uniques.astype(object)[codes]


def _distinct_days(dates: pd.Series | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(codes, days): each row's position in `days` (datetime64[D], NaT among them where a row has none).

    Why not pd.factorize: a diary's dates lie within a few hundred days, so a row is coded by its offset from
    the first day, without hashing a million dates (days then holds every day of that span, a few hundred).
    Dates spread far wider than there are rows are factorized as before.
    """
    days = np.asarray(dates).astype("datetime64[D]")
    missing = np.isnat(days)
    numbers = days.view(np.int64)
    present = numbers[~missing]
    if not len(present) or int(present.max()) - int(present.min()) > max(4 * len(days), 10_000):
        codes, uniques = pd.factorize(days, use_na_sentinel=False)
        return codes, np.asarray(uniques, dtype="datetime64[D]")
    first, span = int(present.min()), int(present.max()) - int(present.min()) + 1
    every = np.r_[np.arange(first, first + span), np.datetime64("NaT", "D").view(np.int64)].view("datetime64[D]")
    return np.where(missing, span, numbers - first), every


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


def day_in_words(value: object, today: object = None, pattern: str = "%-d %B") -> str:
    """A date as a sentence says it: "11 August" (`pattern`), with its year when that is not the year of `today`
    (default: the real today), "11 August 2024". Why one rule: a recovery of two years ago read "recovered since
    11 August" in a report written now, as if it were this summer (review 21); Today's questions about a past day
    name its year the same way."""
    day = pd.Timestamp(value)
    year = (pd.Timestamp(today) if today is not None else pd.Timestamp.today()).year
    return plain_date(day, pattern if day.year == year else f"{pattern} %Y")


def day_since_onset(onset: object, day: object) -> int:
    """The day number of `day` in an episode whose pain started on `onset` (day 0; never below 0).

    Why one function: Today's plan, Progress read now and the Clinic's triage each said a day number, and
    Progress gave yesterday's on a day not yet logged (tests/app/test_day_number_app.py).
    """
    return max(0, (pd.Timestamp(day).normalize() - pd.Timestamp(onset).normalize()).days)


def days_ago(days: int) -> str:
    """How long ago a day was, in words: "today", "yesterday", "3 days ago" (a day ahead, as a diary kept in a time
    zone ahead may hold: "today"). Why: the Clinic said "Last entry 4 Dec 2026 (0 days ago)" (review 33)."""
    return "today" if days <= 0 else "yesterday" if days == 1 else f"{days} days ago"
