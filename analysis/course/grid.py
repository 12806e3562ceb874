"""A calendar grid of diary days, and fast rolling windows over it.

Rules such as "more than two bed-rest days within a week" are about calendar
days, not diary rows, and diaries have gaps. The grid has one row per episode
and calendar day from its first to its last entry (missing days NaN), sorted
by episode and date, so a window of N rows is N calendar days. Rolling sums use
cumulative sums with the episode boundaries masked: one numpy pass for all
episodes instead of a groupby per patient.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.model import columns as c

LOGGED = "logged"
POSITION = "position"  # row number within the episode's grid (0 = first diary day)


def daily_grid(entries: pd.DataFrame) -> pd.DataFrame:
    """One row per episode and calendar day between its first and last entry.

    Columns: episode_id, date, day (days since onset), position, logged (bool),
    and every column of `entries` (NaN on days without an entry).
    """
    if entries.empty:
        return entries.assign(**{c.DAY: pd.Series(dtype=int), POSITION: pd.Series(dtype=int),
                                 LOGGED: pd.Series(dtype=bool)})
    span = entries.groupby(c.EPISODE_ID)[c.DATE].agg(["min", "max"])
    lengths = ((span["max"] - span["min"]).dt.days + 1).to_numpy()
    episode_ids = np.repeat(span.index.to_numpy(), lengths)
    position = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    dates = np.repeat(span["min"].to_numpy(), lengths) + position.astype("timedelta64[D]")
    grid = pd.DataFrame({c.EPISODE_ID: episode_ids, c.DATE: pd.to_datetime(dates).as_unit("us"), POSITION: position})
    extra = entries.drop_duplicates([c.EPISODE_ID, c.DATE]).assign(**{LOGGED: True})
    extra[c.DATE] = extra[c.DATE].astype("datetime64[us]")
    grid = grid.merge(extra, on=[c.EPISODE_ID, c.DATE], how="left")
    grid[LOGGED] = grid[LOGGED].fillna(False).astype(bool)
    onset = grid.groupby(c.EPISODE_ID)[c.ONSET_DATE].transform("first") if c.ONSET_DATE in grid else grid[c.DATE]
    grid[c.DAY] = (grid[c.DATE] - onset).dt.days
    return grid


def _window_sum(grid: pd.DataFrame, values: np.ndarray, window: int) -> np.ndarray:
    """Sum of `values` over the `window` grid rows ending at each row, within the same episode."""
    total = np.concatenate([[0.0], np.cumsum(values, dtype=float)])
    end = np.arange(1, len(values) + 1)
    start = end - np.minimum(grid[POSITION].to_numpy() + 1, window)
    return total[end] - total[start]


def rolling_mean(grid: pd.DataFrame, values: pd.Series, window: int, min_count: int = 1) -> pd.Series:
    """Mean of the non-missing `values` in the last `window` calendar days; NaN with fewer than `min_count`."""
    present = values.notna().to_numpy()
    sums = _window_sum(grid, np.where(present, values.to_numpy(dtype=float, na_value=np.nan), 0.0), window)
    counts = _window_sum(grid, present.astype(float), window)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(counts >= min_count, sums / counts, np.nan)
    return pd.Series(mean, index=grid.index)


def rolling_count(grid: pd.DataFrame, flags: pd.Series, window: int) -> pd.Series:
    """How many of the last `window` calendar days have `flags` True (missing counts as False)."""
    values = flags.fillna(False).to_numpy(dtype=float)
    return pd.Series(_window_sum(grid, values, window), index=grid.index)
