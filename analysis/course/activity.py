"""Active minutes: per day, per week and as of a date.

The seeds (GUIDANCE §4) tell patients to keep moving, start with 5-10 minute
walks 3-4 times a day and build up by about 5 minutes a day until they are back
to their normal level. The walking target itself lives in one place only,
analysis.plan.walking (it adapts to missed days and flares); this module
measures what was done. The alert engine fires on "less and less active",
"no progress building up after three weeks" and "after six weeks still not as
active as before"; this module supplies the numbers those rules read.

Each episode's diary is laid on one flat daily grid (NaN on days without a
value), and one compiled walk per episode reads every 7- or 14-day window from
it (analysis.course.activity_kernels, issue 12), so 10,000 episodes cost one
pass, not 10,000 Python loops.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.model import columns as c
from analysis.model.frames import as_day_number, as_day_numbers, check_frame

# Derived column names returned by this module.
PLANNED = "planned_minutes"  # filled by review.progress from plan.walking (the one plan)
MEAN_7D = "activity_mean_7d"
SHARE_OF_NORMAL_7D = "share_of_normal_7d"
TREND_14D = "trend_14d"
FIRST_WEEK_MEAN = "first_week_mean"
WEEK = "week"
WEEK_START = "week_start"
ACTIVE_MINUTES = "active_minutes"
DAYS_LOGGED = "days_logged"
MEAN_PER_DAY = "mean_minutes_per_day"
MINUTES_7D = "activity_minutes_7d"
TREND_LABEL = "trend_label"

# Windows and the trend.
MEAN_WINDOW_DAYS = 7  # "recent activity" = the last calendar week
TREND_WINDOW_DAYS = 14  # project choice: two weeks of days for the trend of GUIDANCE §4's "less and less active"
TREND_MIN_VALUES = 7  # project choice: a slope needs at least half the window logged
TREND_STEADY_BAND = 1.0  # min/day; project choice: a fifth of the walking plan's +5 min/day step (GUIDANCE §4)
FIRST_WEEK_DAYS = 7  # days 0-6 since onset: the starting level for "no progress after 3 weeks"

BUILDING_UP = "building up"
STEADY = "steady"
DECLINING = "declining"
NOT_ENOUGH_DATA = "not enough data"



def kernel_windows() -> tuple[int, int, int, int]:
    """The windows the compiled passes read (analysis.course.activity_kernels), passed in at each call:
    (MEAN_WINDOW_DAYS, TREND_WINDOW_DAYS, TREND_MIN_VALUES, FIRST_WEEK_DAYS). Why a call: a constant
    changed here (or by a test) is never one frozen into numba's on-disk cache."""
    return MEAN_WINDOW_DAYS, TREND_WINDOW_DAYS, TREND_MIN_VALUES, FIRST_WEEK_DAYS


def theil_sen_slopes(windows: np.ndarray) -> np.ndarray:
    """Theil-Sen slope (value per day) of each column of a (14, n) window matrix.

    The slope is the median of (x_j - x_i) / (j - i) over all pairs i < j of
    logged days in the window, as scipy.stats.theilslopes computes it; NaN with
    fewer than TREND_MIN_VALUES logged days (activity_kernels.median_slope, compiled: one
    selection of the middle slopes per window instead of a sort of all of them).
    """
    from analysis.course import activity_kernels  # numba: loaded when a trend is first read

    windows = np.asarray(windows, dtype=np.float64)
    buffer = activity_kernels.slope_buffer(len(windows))
    return np.array([activity_kernels.median_slope(np.ascontiguousarray(windows[:, j]), TREND_MIN_VALUES, buffer)
                     for j in range(windows.shape[1])])


def _grid(entries: pd.DataFrame, as_of: object = None) -> pd.DataFrame:
    """Check the entries for what this module reads, and lay them on the daily grid (analysis.course.grid)."""
    from analysis.course.grid import daily_grid  # grid builds on this module's checks

    check_frame(entries, [c.EPISODE_ID, c.ONSET_DATE, c.NORMAL_ACTIVITY, c.DATE, c.ACTIVITY], "diary entries")
    return daily_grid(entries, as_of=as_of)


def grid_activity(grid: pd.DataFrame) -> pd.DataFrame:
    """daily_activity read from a built daily grid: one row per grid row with an entry, in grid order.

    One compiled walk per episode gives every number (analysis.course.activity_kernels.daily_values).
    """
    from analysis.course import activity_kernels  # numba: loaded when the numbers are first read
    from analysis.course.grid import LOGGED, POSITION

    logged = grid[LOGGED].to_numpy(dtype=bool)
    at = np.flatnonzero(logged)
    day = grid[c.DAY].to_numpy(dtype=np.int64)
    values = grid[c.ACTIVITY].to_numpy(dtype=np.float64)
    mean_7d, share, trend, first_mean = activity_kernels.daily_values(
        grid[POSITION].to_numpy(dtype=np.int64), values, day, grid[c.NORMAL_ACTIVITY].to_numpy(dtype=np.float64),
        logged, kernel_windows())
    return pd.DataFrame({
        c.EPISODE_ID: grid[c.EPISODE_ID].to_numpy()[at], c.DATE: grid[c.DATE].to_numpy()[at], c.DAY: day[at],
        c.ACTIVITY: values[at], MEAN_7D: mean_7d, SHARE_OF_NORMAL_7D: share, TREND_14D: trend,
        FIRST_WEEK_MEAN: first_mean,
    })


def daily_activity(entries: pd.DataFrame) -> pd.DataFrame:
    """Per diary day: minutes, 7-day mean, share of normal, 14-day trend, first-week level.

    activity_mean_7d is the mean of logged values over the 7 calendar days
    ending on the date; share_of_normal_7d divides it by the episode's normal
    minutes (NaN if unknown); trend_14d is the Theil-Sen slope in minutes per
    day over the 14 calendar days ending on the date (NaN with fewer than 7
    logged values); first_week_mean is the mean on days 0-6 since onset.
    Rows are sorted by episode and date. Two entries for one date are refused (analysis.course.grid).

    Returns columns: episode_id, date, day, activity_minutes, activity_mean_7d,
    share_of_normal_7d, trend_14d, first_week_mean.
    """
    return grid_activity(_grid(entries))


def weekly_activity(entries: pd.DataFrame, grid: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per episode and week since onset (week 0 = days 0-6), for weeks with logged minutes.

    The target per week is analysis.plan.adherence's (walking_days_met), not made here.

    Returns columns: episode_id, week, week_start, active_minutes, days_logged,
    mean_minutes_per_day. `grid`: the entries' daily grid when the caller has built it (analysis.review.progress).
    """
    grid = _grid(entries) if grid is None else grid
    minutes = grid[c.ACTIVITY].to_numpy(dtype=np.float64)
    keep = ~np.isnan(minutes)
    week = grid[c.DAY].to_numpy()[keep] // 7
    frame = pd.DataFrame({c.EPISODE_ID: grid[c.EPISODE_ID].to_numpy()[keep], WEEK: week,
                          ACTIVE_MINUTES: minutes[keep], DAYS_LOGGED: 1,
                          "_onset": grid[c.ONSET_DATE].to_numpy()[keep]})
    weeks = frame.groupby([c.EPISODE_ID, WEEK], sort=True).agg(
        {ACTIVE_MINUTES: "sum", DAYS_LOGGED: "sum", "_onset": "first"}).reset_index()
    return pd.DataFrame({
        c.EPISODE_ID: weeks[c.EPISODE_ID].to_numpy(), WEEK: weeks[WEEK].to_numpy(),
        WEEK_START: weeks["_onset"].to_numpy() + (7 * weeks[WEEK].to_numpy()).astype("timedelta64[D]"),
        ACTIVE_MINUTES: weeks[ACTIVE_MINUTES].to_numpy(dtype=np.float64),
        DAYS_LOGGED: weeks[DAYS_LOGGED].to_numpy(dtype=np.int64),
        MEAN_PER_DAY: weeks[ACTIVE_MINUTES].to_numpy() / weeks[DAYS_LOGGED].to_numpy(),
    })


def trend_labels(trend: np.ndarray) -> np.ndarray:
    """Plain words for a trend in minutes per day, using TREND_STEADY_BAND (+-1 min/day).

    Above +1: "building up"; below -1: "declining"; otherwise "steady";
    NaN: "not enough data".
    """
    code = np.where(trend > TREND_STEADY_BAND, 1, np.where(trend < -TREND_STEADY_BAND, 2, 0))
    code[np.isnan(trend)] = 3
    return np.array([STEADY, BUILDING_UP, DECLINING, NOT_ENOUGH_DATA], dtype=object)[code]


def activity_summary(entries: pd.DataFrame, as_of: object,
                     grid: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per episode describing activity in the days up to and including `as_of`.

    activity_minutes_7d is the mean logged minutes per day over the 7 calendar
    days ending on as_of (NaN if none); trend_14d is the
    Theil-Sen slope over the 14 days ending on as_of, labelled by trend_labels.
    Entries after as_of are ignored. `as_of` is one date for all episodes, or a
    Series of dates indexed by episode_id (each episode judged at its own date).

    Returns columns: episode_id, activity_minutes_7d, share_of_normal_7d, trend_14d,
    trend_label.
    """
    if grid is None:
        grid = _grid(entries)
    from analysis.course import activity_kernels  # numba: loaded when the numbers are first read
    from analysis.course.grid import POSITION

    position = grid[POSITION].to_numpy()
    starts = np.flatnonzero(position == 0)
    episodes = grid[c.EPISODE_ID].to_numpy()[starts]
    first = grid[c.DATE].to_numpy()[starts].astype("datetime64[D]").astype(np.int64)
    length = np.diff(np.r_[starts, len(position)])
    if isinstance(as_of, pd.Series):
        target = as_day_numbers(as_of.reindex(episodes))
    else:
        target = np.full(len(episodes), as_day_number(as_of), dtype=np.int64)
    mean_7d, share, trend = activity_kernels.judged_at(
        grid[c.ACTIVITY].to_numpy(dtype=np.float64), starts.astype(np.int64), length.astype(np.int64),
        target - first, grid[c.NORMAL_ACTIVITY].to_numpy(dtype=np.float64)[starts], kernel_windows())
    return pd.DataFrame({
        c.EPISODE_ID: episodes, MINUTES_7D: mean_7d, SHARE_OF_NORMAL_7D: share,
        TREND_14D: trend, TREND_LABEL: pd.array(trend_labels(trend), dtype="str"),
    })
