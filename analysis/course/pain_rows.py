"""The diary days with a pain score, as sorted arrays read from the daily grid.

Split from analysis.course.recovery (issue 12: no module over 400 lines). Recovery and the
outlook read pain per episode and date; the grid (analysis.course.grid) has checked and sorted
the entries once, so this only keeps the rows with a pain score, in (episode, date) order.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.course.grid import POSITION, daily_grid
from analysis.model import columns as c
from analysis.model.errors import ValidationError
from analysis.model.runs import run_heads

_REQUIRED = (c.EPISODE_ID, c.ONSET_DATE, c.DATE, c.PAIN)


@dataclass(frozen=True)
class PainRows:
    """The diary days with a pain score as sorted arrays: rows ordered by (episode, date), one per date.

    ``code`` is the position of each row's episode in ``ids``; dates are whole
    days since 1970-01-01; ``onset`` and ``as_of`` hold one value per episode.
    """

    ids: pd.Index
    code: np.ndarray
    date: np.ndarray
    pain: np.ndarray
    onset: np.ndarray
    as_of: np.ndarray | None
    # per-diary results computed once and shared by every analysis of this diary (the 7-day mean, issue 12)
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def n(self) -> int:
        """Number of episodes."""
        return len(self.ids)

    @property
    def day(self) -> np.ndarray:
        """Days since onset of each row (read-only)."""
        return self.kept("day", lambda: self.date - self.onset[self.code])

    def count(self, mask: np.ndarray | None = None) -> np.ndarray:
        """Rows per episode (optionally only where ``mask``; without one, read-only)."""
        if mask is None:
            return self.kept("count", lambda: np.bincount(self.code, minlength=self.n))
        return np.bincount(self.code[mask], minlength=self.n)

    def sum(self, values: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """Sum of ``values`` per episode (optionally only where ``mask``)."""
        if mask is None:
            return np.bincount(self.code, values, minlength=self.n)
        return np.bincount(self.code[mask], values[mask], minlength=self.n)

    def first_date(self) -> np.ndarray:
        """First diary date per episode (NaN for an episode without entries; read-only)."""
        return self.kept("first_date", lambda: edge_per_episode(self.code, self.date, self.n))

    def last_date(self) -> np.ndarray:
        """Last diary date per episode (NaN for an episode without entries; read-only)."""
        return self.kept("last_date", lambda: edge_per_episode(self.code, self.date, self.n, last=True))

    def at_last_entry(self) -> PainRows:
        """These rows judged on each episode's last entry on or before its ``as_of`` (itself when none is later).

        Why: a projection made on a day weeks after the diary stopped fitted the four weeks before that day,
        which hold no entry, and said "Not enough data to project" of a diary that `summary` (judged on its
        last entry) projects (review 7). The trend of a diary is the trend of its last entries, whatever the
        day it is read; the reading day only changes how the projection is worded (projection_words).
        """
        if self.as_of is None:
            return self
        last = self.last_date()
        later = ~np.isnan(last) & (self.as_of > last)
        if not later.any():
            return self
        as_of = np.where(later, last, self.as_of).astype(self.as_of.dtype)
        return PainRows(self.ids, self.code, self.date, self.pain, self.onset, as_of)

    def kept(self, name: str, work: Callable[[], np.ndarray]) -> np.ndarray:
        """`work()`, computed once per diary and kept read-only in its memo.

        Why: the status, baseline, 7-day mean, projection and trajectory each read the same first and
        last dates, day numbers and counts; each was worked out again per reader (issue 12). Also the memo of
        analysis.course.recovery's baselines, recovery and recurrence days (one way to keep a result).
        """
        if name not in self.memo:
            found = work()
            found.setflags(write=False)
            self.memo[name] = found
        return self.memo[name]


def edge_per_episode(code: np.ndarray, values: np.ndarray, n: int, last: bool = False) -> np.ndarray:
    """The first (or last) of ``values`` per episode; ``code`` must be sorted. NaN where none.

    Why one pass for the runs' heads, not two binary searches per episode: with ten thousand episodes in a
    million rows the searches were four times the pass (issue 12), and this is read five times a summary.
    """
    found = np.full(n, np.nan)
    if not len(code):
        return found
    heads = run_heads(code)
    at = np.r_[heads[1:], len(code)] - 1 if last else heads
    # picked, then made float: not a float copy of every row per call (dates are read this way often)
    found[code[heads]] = np.asarray(values)[at].astype(float)
    return found


def load_diary(entries: pd.DataFrame, as_of: object = None, grid: pd.DataFrame | None = None) -> PainRows:
    """Check ``entries`` once (through the daily grid) and turn its pain scores into sorted :class:`PainRows`.

    ``as_of`` (a date, or a Series of dates indexed by episode_id) drops the
    entries after it. An onset date that is missing falls back to the first
    diary date. ``grid``: the daily grid of these entries, if already built (it may
    hold more days and episodes: doses and symptoms). Raises ValidationError for
    missing columns, unreadable dates or two entries on one date.
    """
    missing = [col for col in _REQUIRED if col not in entries.columns]
    if missing:
        raise ValidationError(f"The entries frame is missing the column(s): {', '.join(missing)}.")
    for column in (c.DATE, c.ONSET_DATE):
        if not pd.api.types.is_datetime64_any_dtype(entries[column]) and len(entries):
            entries = entries.assign(**{column: _checked_dates(entries[column], column)})
    ids = pd.Index(pd.unique(entries[c.EPISODE_ID].dropna())).sort_values()
    limit = None if as_of is None else _as_of_days(as_of, ids)
    if grid is None:
        grid = daily_grid(entries.dropna(subset=[c.EPISODE_ID, c.DATE]), as_of=as_of)
    pain = grid[c.PAIN].to_numpy(dtype=float)
    position = grid[POSITION].to_numpy()
    starts = np.flatnonzero(position == 0)
    grid_code = ids.get_indexer(grid[c.EPISODE_ID].to_numpy()[starts])  # per grid episode: its code here, or -1
    onset = np.zeros(len(ids), dtype=np.int64)
    known = grid_code >= 0
    onset[grid_code[known]] = grid[c.ONSET_DATE].to_numpy()[starts[known]].astype("datetime64[D]").astype(np.int64)
    row_code = np.repeat(grid_code, np.diff(np.r_[starts, len(position)]))
    date = grid[c.DATE].to_numpy().astype("datetime64[D]").astype(np.int64)
    keep = (row_code >= 0) & ~np.isnan(pain)
    if limit is not None:
        keep &= date <= limit[np.maximum(row_code, 0)]
    return PainRows(ids, row_code[keep].astype(np.int64), date[keep], pain[keep], onset, limit)


def _checked_dates(values: pd.Series, name: str) -> pd.Series:
    """Dates given as text, read once; a value that is not a date is refused in one sentence."""
    try:
        return pd.to_datetime(values)
    except (ValueError, TypeError) as err:
        raise ValidationError(f"The column {name} holds a value that is not a date ({err}).") from None


def _epoch_days(values: pd.Series, name: str) -> np.ndarray:
    """Whole days since 1970-01-01 as floats (NaN for a missing date)."""
    try:
        stamps = pd.to_datetime(values)
    except (ValueError, TypeError) as err:
        raise ValidationError(f"The column {name} holds a value that is not a date ({err}).") from None
    days = stamps.to_numpy().astype("datetime64[D]").astype(np.int64).astype(float)
    days[stamps.isna().to_numpy()] = np.nan
    return days


def _as_of_days(as_of: object, ids: pd.Index) -> np.ndarray:
    if isinstance(as_of, pd.Series):
        dates = pd.to_datetime(as_of.reindex(ids), errors="coerce")
        if dates.isna().any():
            lacking = ", ".join(str(i) for i in ids[dates.isna().to_numpy()][:5])
            raise ValidationError(f"as_of has no valid date for episode(s) {lacking}.")
        return _epoch_days(dates, "as_of").astype(np.int64)
    try:
        stamp = pd.Timestamp(as_of)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        stamp = pd.NaT
    if pd.isna(stamp):
        raise ValidationError(f"as_of must be a date such as 2026-03-01; got {as_of!r}.")
    day = np.datetime64(stamp.date(), "D").astype(np.int64)
    return np.full(len(ids), day, dtype=np.int64)


def to_dates(days: np.ndarray) -> np.ndarray:
    """Whole days since 1970-01-01 (float, NaN allowed) -> datetime64[us] with NaT."""
    days = np.asarray(days, dtype=float)
    out = np.full(days.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    ok = np.isfinite(days)
    out[ok] = days[ok].astype(np.int64).astype("datetime64[D]")
    return out.astype("datetime64[us]")
