"""The checks every analysis makes of its input once, at the top: a frame with its columns and usable keys,
numbers that are numbers, dates as day numbers, and rows in episode and date order.

Why one module: each analysis (the grid, the dose log, the associations, the alert engine) checks what it is
given and says the first problem as one sentence; these helpers lived in course/activity.py, so reading the
alert engine meant importing the activity analysis for its input checks (review 13).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.model import columns as c
from analysis.model.dates import day_numbers_of
from analysis.model.errors import ValidationError


def check_frame(frame: object, required: list[str], what: str) -> pd.DataFrame:
    """Check that `frame` is a DataFrame with the `required` columns and usable keys.

    Why: every analysis checks its input once, at the top, and reports the first
    problem as one sentence. EPISODE_ID must have no missing values; DATE (when
    required) must be datetime64 with no missing values. An empty frame passes
    whatever its dtypes: an empty diary is a state, not an error.
    """
    if not isinstance(frame, pd.DataFrame):
        raise ValidationError(f"The {what} must be a pandas DataFrame, not {type(frame).__name__}.")
    missing = [name for name in required if name not in frame.columns]
    if missing:
        raise ValidationError(f"The {what} are missing the column(s): {', '.join(missing)}.")
    # an integer column cannot hold a missing id, nor a datetime64 one a missing date but as NaT: the checks
    # read the numpy values, not a Series of a million booleans (every analysis checks its input, issue 12)
    ids = frame[c.EPISODE_ID] if c.EPISODE_ID in required else None
    if ids is not None and not (isinstance(ids.dtype, np.dtype) and ids.dtype.kind in "iu") and ids.isna().any():
        raise ValidationError(f"The {what} have rows without an {c.EPISODE_ID}.")
    if c.DATE in required and len(frame):
        dates = frame[c.DATE]
        if not pd.api.types.is_datetime64_any_dtype(dates):
            raise ValidationError(f"The column {c.DATE} of the {what} must hold dates "
                                  f"(datetime64), not {dates.dtype}.")
        if np.isnat(dates.to_numpy()).any() if isinstance(dates.dtype, np.dtype) else dates.isna().any():
            raise ValidationError(f"The {what} have rows without a {c.DATE}.")
    return frame


def day_numbers(dates: pd.Series) -> np.ndarray:
    """Whole days since 1970-01-01 (int64) for a datetime64 series without NaT."""
    return day_numbers_of(dates.to_numpy())


def float_values(column: pd.Series) -> np.ndarray | None:
    """A column as float64, NaN for missing; None when it holds text. A float64 column is read as it is
    (its missing values are NaN already): no copy and no scan for missing values (issue 12)."""
    if column.dtype == np.float64:
        return column.to_numpy()
    try:
        return column.to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError):
        return None


def numbers(frame: pd.DataFrame, column: str, what: str) -> np.ndarray:
    """A column as float64 (NaN for missing); refuse text and negative values."""
    values = float_values(frame[column])
    if values is None:
        raise ValidationError(f"The column {column} of the {what} must hold numbers.")
    if (values < 0).any():
        raise ValidationError(f"The column {column} of the {what} has a negative value "
                              f"({values[values < 0][0]:g}).")
    return values


def as_day_number(as_of: object) -> int:
    """Validate `as_of` (a date, Timestamp or ISO string) and return its day number."""
    try:
        stamp = pd.NaT if isinstance(as_of, int | float) else pd.Timestamp(as_of)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        stamp = pd.NaT
    if pd.isna(stamp):
        raise ValidationError(f"as_of must be a date such as 2026-03-01, not {as_of!r}.")
    return int(np.datetime64(stamp.tz_localize(None) if stamp.tz else stamp, "D").astype(np.int64))


def as_day_numbers(dates: pd.Series) -> np.ndarray:
    """as_day_number of each value; one conversion for a naive datetime64 Series without NaT (the summary's
    as_of dates), value by value otherwise (so anything else is checked, and refused, the same way)."""
    if pd.api.types.is_datetime64_dtype(dates.dtype) and not dates.isna().any():
        return dates.to_numpy().astype("datetime64[D]").astype(np.int64)
    return np.array([as_day_number(value) for value in dates], dtype=np.int64)


def sort_by_episode(frame: pd.DataFrame, what: str) -> tuple[np.ndarray, ...]:
    """Sort rows by episode, then date; refuse two rows for the same episode and date.

    Returns (order, code, dnum, episodes): the row order; per sorted row the
    episode number 0..n-1 and the day number of DATE; and the EPISODE_ID of
    each episode number (sorted).
    """
    codes, uniques = pd.factorize(frame[c.EPISODE_ID], sort=True)
    dnum = day_numbers(frame[c.DATE])
    # one argsort of packed (episode << 32 | day offset) keys: 5x faster than np.lexsort
    order = np.argsort((codes.astype(np.int64) << 32) | (dnum - dnum.min(initial=0)))
    code, dnum = codes[order].astype(np.int64), dnum[order]
    same = (code[1:] == code[:-1]) & (dnum[1:] == dnum[:-1])
    if same.any():
        i = int(np.flatnonzero(same)[0])
        raise ValidationError(f"The {what} have more than one row for episode "
                              f"{frame[c.EPISODE_ID].to_numpy()[order[i]]} on "
                              f"{np.datetime64(int(dnum[i]), 'D')}.")
    return order, code, dnum, np.asarray(uniques)
