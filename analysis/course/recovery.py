"""Is this person recovering as expected? Baseline, expected band, status, recovery.

Every function takes the long ``entries`` frame (analysis.model.columns; one row per
episode and date, in any order, missing days simply absent) and returns a new
frame; nothing is mutated and no clock is read. The entries are read through the
daily grid (analysis.course.grid), which checks and sorts them once and refuses two
rows for the same episode and date; a caller that has built the grid passes it
(``grid=``) so it is not built again. Rows without a pain score are ignored. Work is
done for all episodes at once with sorted numpy arrays, never a loop per patient-day.

Rules (GUIDANCE.md sections 1-3):

* Baseline (onset pain): the mean pain of the first 3 calendar days of the
  diary, divided by the curve's expected fraction on the first diary day, capped
  at 10. A diary that starts on day 0 gets the plain mean of days 0-2; one that
  starts late (say day 10) is scaled back to what the onset pain must have been,
  instead of treating day 10 as day 0; such a baseline is flagged as
  estimated, and improvement is then measured from the first logged days (a
  diary that starts at 8 on day 20 and stays at 8 has not improved, whatever
  the estimate). Using the fraction of the first diary day
  (not the later days of the window) errs slightly low, and guarantees that the
  expected course never rises faster than the diary's pain: a diary that is
  uniformly worse can never look better.
* Current pain: the mean of the entries in the 7 calendar days ending on the
  day; at least 3 entries are needed, else the status is ``insufficient_data``.
* Expected band, for one person and not the pooled CI: expected = baseline x
  curve fraction. Below, ``expected_low = expected - 2`` points: being a
  clinically important 2 points (Ostelo 2008) better than the average course
  is "ahead"; most people get there, because the average is lifted by the ~30%
  whose pain does not settle (Downie 2016 classes). Above, ``expected_high =
  (baseline + 2) x fraction``: the course expected for someone who started a
  clinically important 2 points worse. That margin shrinks as pain falls,
  because by then the Downie classes have separated: a course that levels off
  at half its onset pain (incomplete recovery) reads as behind by week 10.
  Both edges are clipped to 0-10. Widths are fixed in points rather than 30% of
  pain so that a diary that is uniformly worse can never look better.
* Status: current inside the band is ``on_track``, below it ``ahead``, above
  it ``behind``.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis.course.curve import DEFAULT_CURVE, expected_fraction, get_curve
from analysis.course.pain_rows import (  # noqa: F401  (re-exported: outlook and tests read them here)
    PainRows,
    edge_per_episode,
    load_diary,
    to_dates,
)
from analysis.course.status_words import status_reasons
from analysis.model import columns as c
from analysis.model.errors import ValidationError

MAX_PAIN = 10.0  # numeric rating scale 0-10
BASELINE_WINDOW_DAYS = 3  # days 0-2 since onset, or the first 3 diary days
MCID_POINTS = 2.0  # clinically important change on 0-10: 2 points (Ostelo 2008; Farrar 2001)
MCID_FRACTION = 0.30  # ... or 30% of baseline (Ostelo 2008; Farrar 2001)
WINDOW_DAYS = 7  # current pain is a 7-day mean, as in the PACE diary (Williams 2014)
MIN_ENTRIES_7D = 3  # fewer entries than this in 7 days: no status (design choice)
RECOVERED_MAX_PAIN = 1.0  # recovery = pain 0 or 1 ... (PACE, Williams 2014)
RECOVERED_RUN_DAYS = 7  # ... on 7 consecutive days (PACE, Williams 2014)
RECURRENCE_PAIN = 3.0  # after recovery, a 7-day mean of 3+ is pain coming back (design choice, brief)
EPS = 1e-9  # float tolerance for comparisons; exact ties count as inside the band

STATUSES = ("ahead", "on_track", "behind", "insufficient_data")
STATUS_ORDER = {"ahead": 0, "on_track": 1, "behind": 2}

_DAILY_COLUMNS = [c.EPISODE_ID, c.DATE, c.DAY, c.PAIN, "pain_mean_7d", "entries_7d", "baseline_pain",
                  "expected_pain", "expected_low", "expected_high", "status"]
_STATUS_COLUMNS = [c.EPISODE_ID, "as_of", "days_since_onset", "baseline_pain", "baseline_estimated",
                   "first_logged_pain", "current_pain",
                   "improvement_points", "improvement_pct", "meaningful_improvement", "expected_pain",
                   "expected_low", "expected_high", "status", "status_reason"]


def baselines(diary: PainRows, curve: str = DEFAULT_CURVE) -> np.ndarray:
    """Onset pain per episode (NaN without entries); the rule is in the module docstring.

    Computed once per diary and curve (read-only, in its memo): the summary's status, alerts and
    trajectories read the same one (issue 12).
    """
    get_curve(curve)
    return _memo(diary, f"baselines:{curve}", lambda rows: _baselines(rows, curve))


def _baselines(diary: PainRows, curve: str) -> np.ndarray:
    """baselines' work, done once per diary and curve."""
    first = diary.first_date()
    with np.errstate(invalid="ignore"):
        window = diary.date <= first[diary.code] + (BASELINE_WINDOW_DAYS - 1)
        early = diary.sum(diary.pain, window) / diary.count(window)
        fraction = expected_fraction(first - diary.onset, curve)
        return np.minimum(MAX_PAIN, early / fraction)


def logged_start(diary: PainRows) -> tuple[np.ndarray, np.ndarray]:
    """(mean pain of the first 3 diary days, True where that start was scaled back to an onset estimate).

    A diary whose first entry is after day 0 has a baseline estimated along the
    curve, not logged; improvement must then be measured from what was logged.
    """
    first = diary.first_date()
    with np.errstate(invalid="ignore"):
        window = diary.date <= first[diary.code] + (BASELINE_WINDOW_DAYS - 1)
        early = diary.sum(diary.pain, window) / diary.count(window)
        return early, (first - diary.onset) > 0


def rolling_mean(diary: PainRows) -> tuple[np.ndarray, np.ndarray]:
    """(mean, count) of the entries in the 7 calendar days ending on each row's date.

    Rows are unique per date: each row's window is walked back over its own episode's rows
    (analysis.course.rolling_kernels), the very numbers the one window engine (analysis.course.windows)
    gives on the episode's calendar. Computed once per diary (kept in its memo, read-only): the summary's
    status, recurrence and trajectory read the same one.
    """
    if "rolling_mean" not in diary.memo:
        diary.memo["rolling_mean"] = _rolling_mean(diary)
    return diary.memo["rolling_mean"]


def _rolling_mean(diary: PainRows) -> tuple[np.ndarray, np.ndarray]:
    """rolling_mean's work, done once per diary: each row's window walked back over its own episode
    (analysis.course.rolling_kernels; the numbers the window engine gives on the episode's calendar)."""
    from analysis.course import rolling_kernels  # numba: loaded when a status is first worked out

    if not len(diary.pain):
        return np.zeros(0), np.zeros(0, dtype=np.int64)
    first = np.nan_to_num(diary.first_date(), nan=0.0).astype(np.int64)
    pain = np.asarray(diary.pain, dtype=float)
    total, count = rolling_kernels.window_sums(diary.code, diary.date, pain, first, WINDOW_DAYS)
    mean = total / count
    mean.flags.writeable = count.flags.writeable = False  # shared by every reader of this diary
    return mean, count


def band(baseline: np.ndarray, day: np.ndarray, curve: str = DEFAULT_CURVE
         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(expected, low, high) pain on ``day`` for an onset pain of ``baseline``; see module docstring."""
    fraction = expected_fraction(day, curve)
    expected = baseline * fraction
    low = np.maximum(0.0, expected - MCID_POINTS)  # Ostelo 2008
    high = np.minimum(MAX_PAIN, (baseline + MCID_POINTS) * fraction)  # Ostelo 2008
    return expected, low, high


def classify(current: np.ndarray, count: np.ndarray, low: np.ndarray, high: np.ndarray) -> pd.Categorical:
    """Status per row: insufficient_data, behind (above high), ahead (below low) or on_track."""
    with np.errstate(invalid="ignore"):
        conditions = [_unjudged(current, count, high), current > high + EPS, current < low - EPS]
    codes = np.select(conditions, [STATUSES.index(s) for s in ("insufficient_data", "behind", "ahead")],
                      STATUSES.index("on_track"))
    return pd.Categorical.from_codes(codes, categories=list(STATUSES))


def behind(diary: PainRows, curve: str = DEFAULT_CURVE) -> np.ndarray:
    """Per pain row: is daily_course's status "behind" (above the band, with enough entries)?

    Why: the alert engine reads only this; the whole table (dates, band, status text) for a million
    rows cost most of its time (issue 12). The band and the test are band's and classify's own, so a
    change to either reaches the alert too.
    """
    mean, count = rolling_mean(diary)
    high = band(baselines(diary, curve)[diary.code], diary.day, curve)[2]
    with np.errstate(invalid="ignore"):
        return ~_unjudged(mean, count, high) & (mean > high + EPS)


def _unjudged(current: np.ndarray, count: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Rows too thin to judge (classify's insufficient_data): too few entries in 7 days, or no band."""
    return (count < MIN_ENTRIES_7D) | np.isnan(current) | np.isnan(high)


def daily_course(entries: pd.DataFrame, curve: str = DEFAULT_CURVE,
                 grid: pd.DataFrame | None = None, diary: PainRows | None = None) -> pd.DataFrame:
    """The course of each episode day by day, for the chart and the alert engine.

    One row per episode and diary date (rows without a pain score are left out),
    sorted by episode and date. The baseline comes from the whole diary, so
    every day of an episode is judged against the same expected course.

    Returns columns: episode_id, date, day (days since onset), pain,
    pain_mean_7d (mean of the entries in the 7 calendar days ending on the
    date), entries_7d (how many), baseline_pain, expected_pain, expected_low,
    expected_high, status (a categorical of STATUSES: ahead / on_track /
    behind / insufficient_data).
    """
    get_curve(curve)
    diary = load_diary(entries, grid=grid) if diary is None else diary
    mean, count = rolling_mean(diary)
    baseline = baselines(diary, curve)[diary.code]
    day = diary.day
    expected, low, high = band(baseline, day, curve)
    return pd.DataFrame({
        c.EPISODE_ID: diary.ids[diary.code], c.DATE: to_dates(diary.date), c.DAY: day,
        c.PAIN: diary.pain, "pain_mean_7d": mean, "entries_7d": count, "baseline_pain": baseline,
        "expected_pain": expected, "expected_low": low, "expected_high": high,
        "status": classify(mean, count, low, high),
    }, columns=_DAILY_COLUMNS)


def expected_course(onset_date: object, baseline: float, days: int = 84,
                    curve: str = DEFAULT_CURVE) -> pd.DataFrame:
    """The expected pain and band from day 0 to ``days`` for drawing behind a diary.

    Returns columns: day, date, expected_pain, expected_low, expected_high.
    """
    get_curve(curve)
    if not 0 <= float(baseline) <= MAX_PAIN:
        raise ValidationError(f"The baseline pain must be between 0 and 10; got {baseline}.")
    if int(days) < 0:
        raise ValidationError(f"The number of days must be 0 or more; got {days}.")
    try:
        onset = pd.Timestamp(onset_date).normalize()  # type: ignore[arg-type]
    except (ValueError, TypeError):
        onset = pd.NaT
    if pd.isna(onset):
        raise ValidationError(f"The onset date must be a date such as 2026-03-01; got {onset_date!r}.")
    day = np.arange(int(days) + 1)
    expected, low, high = band(np.full(len(day), float(baseline)), day, curve)
    dates = (onset + pd.to_timedelta(day, unit="D")).as_unit("us")
    return pd.DataFrame({c.DAY: day, c.DATE: dates, "expected_pain": expected,
                         "expected_low": low, "expected_high": high})


def current_pain(diary: PainRows) -> tuple[np.ndarray, np.ndarray]:
    """(mean, count) per episode of the entries in the 7 days ending at ``diary.as_of``."""
    assert diary.as_of is not None
    window = diary.date > diary.as_of[diary.code] - WINDOW_DAYS
    count = diary.count(window)
    with np.errstate(invalid="ignore", divide="ignore"):
        return diary.sum(diary.pain, window) / count, count


def meaningful_fall(baseline: np.ndarray, pain: np.ndarray) -> np.ndarray:
    """True where ``pain`` is >= 2 points or >= 30% below ``baseline`` (Ostelo 2008)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        points = baseline - pain
        pct = np.where(baseline > 0, points / baseline, 0.0)
        return (points >= MCID_POINTS - EPS) | (pct >= MCID_FRACTION - EPS)


def status_at(entries: pd.DataFrame, as_of: object, curve: str = DEFAULT_CURVE,
              grid: pd.DataFrame | None = None,
              diary: PainRows | None = None) -> pd.DataFrame:
    """Where each episode stands on ``as_of``: improvement and status against the band.

    ``as_of`` is a date, or a Series of dates indexed by episode_id; entries
    after it are ignored. One row per episode, sorted by episode_id.

    Returns columns: episode_id, as_of, days_since_onset, baseline_pain,
    baseline_estimated (True when the diary starts after day 0, so the onset
    pain was scaled back along the curve, not logged), first_logged_pain (mean
    of the first 3 diary days), current_pain (7-day mean ending as_of),
    improvement_points (start minus current, where the start is the baseline,
    or the first logged days when the baseline is estimated: a late diary that
    stays at its first level has not improved), improvement_pct (of that start,
    0-100), meaningful_improvement (>= 2 points or >= 30%, Ostelo 2008), expected_pain, expected_low,
    expected_high, status (ahead / on_track / behind / insufficient_data) and
    status_reason (a plain sentence; for insufficient_data it says what is missing).
    """
    get_curve(curve)
    diary = load_diary(entries, as_of, grid) if diary is None else diary
    assert diary.as_of is not None
    baseline = baselines(diary, curve)
    current, count = current_pain(diary)
    day = diary.as_of - diary.onset
    expected, low, high = band(baseline, day, curve)
    status = np.asarray(classify(current, count, low, high), dtype=object)
    enough = status != "insufficient_data"
    current = np.where(enough, current, np.nan)
    early, estimated = logged_start(diary)
    start = np.where(estimated, early, baseline)  # improvement needs logged evidence, not the estimate
    points = start - current
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = np.where(start > 0, 100.0 * points / start, np.nan)
    return pd.DataFrame({
        c.EPISODE_ID: diary.ids, "as_of": to_dates(diary.as_of), "days_since_onset": day,
        "baseline_pain": baseline, "baseline_estimated": estimated, "first_logged_pain": early,
        "current_pain": current, "improvement_points": points,
        "improvement_pct": pct, "meaningful_improvement": enough & meaningful_fall(start, current),
        "expected_pain": expected, "expected_low": low, "expected_high": high, "status": status,
        "status_reason": status_reasons(status, current, count, low, high, day, WINDOW_DAYS, MIN_ENTRIES_7D),
    }, columns=_STATUS_COLUMNS)


def recovered_dates(entries: pd.DataFrame, as_of: object,
                    grid: pd.DataFrame | None = None,
                    diary: PainRows | None = None) -> pd.DataFrame:
    """The day each episode recovered by the PACE diary definition (Williams 2014).

    Recovery is pain 0 or 1 on 7 consecutive calendar days; the recovered date
    is the FIRST of those 7 days, as PACE counts time to recovery. A day
    without an entry breaks the run; entries after ``as_of`` are ignored.

    Returns columns: episode_id, recovered_date (NaT if not recovered), one row
    per episode sorted by episode_id.
    """
    diary = load_diary(entries, as_of, grid) if diary is None else diary
    return pd.DataFrame({c.EPISODE_ID: diary.ids, "recovered_date": to_dates(recovery_days(diary))})


def _memo(diary: PainRows, name: str, work: Callable[[PainRows], np.ndarray]) -> np.ndarray:
    """`work(diary)`, computed once per diary and kept read-only in its memo (PainRows.kept).

    Why: the summary's recovered date, recurrence date and projection all read the same recovery
    and recurrence days; each was worked out up to three times per summary (issue 12).
    """
    return diary.kept(name, lambda: work(diary))


def recovery_days(diary: PainRows) -> np.ndarray:
    """First date (days since 1970) of the first PACE recovery run per episode, NaN if none (read-only)."""
    return _memo(diary, "recovery_days", _recovery_days)


def _recovery_days(diary: PainRows) -> np.ndarray:
    good = diary.pain <= RECOVERED_MAX_PAIN + EPS
    joined = np.zeros(len(good), dtype=bool)
    joined[1:] = good[1:] & good[:-1] & (diary.code[1:] == diary.code[:-1]) & \
        (diary.date[1:] - diary.date[:-1] == 1)
    start = good & ~joined
    run = np.cumsum(start) - 1
    length = np.bincount(run[good], minlength=int(start.sum()))
    starts = np.flatnonzero(start)[length >= RECOVERED_RUN_DAYS]
    return edge_per_episode(diary.code[starts], diary.date[starts], diary.n)


def recurrence_dates(entries: pd.DataFrame, as_of: object,
                     grid: pd.DataFrame | None = None,
                     diary: PainRows | None = None) -> pd.DataFrame:
    """The day pain came back after a PACE recovery, per episode.

    After the first recovery run (7 days at 0 or 1) has finished, the first
    date whose 7-day mean (with at least 3 entries) is 3 or more, or has risen
    by 2 points and 30% above its lowest value since the recovery (a
    clinically important rise, Ostelo 2008; GUIDANCE section 3). Low back pain
    often comes back (73% within a year, Pengel 2003), and then "recovered"
    would be false reassurance. Entries after ``as_of`` are ignored.

    Returns columns: episode_id, recurrence_date (NaT if none), one row per
    episode sorted by episode_id.
    """
    diary = load_diary(entries, as_of, grid) if diary is None else diary
    return pd.DataFrame({c.EPISODE_ID: diary.ids, "recurrence_date": to_dates(recurrence_days(diary))})


def recurrence_days(diary: PainRows) -> np.ndarray:
    """First date (days since 1970) pain came back after the first recovery, NaN if none (read-only)."""
    return _memo(diary, "recurrence_days", _recurrence_days)


def _recurrence_days(diary: PainRows) -> np.ndarray:
    recovered = recovery_days(diary)
    mean, count = rolling_mean(diary)
    with np.errstate(invalid="ignore"):
        after = (diary.date >= recovered[diary.code] + RECOVERED_RUN_DAYS) & (count >= MIN_ENTRIES_7D)
    # only the watched rows (the running minimum skips the others anyway): a sixth of the rows (issue 12)
    watched = np.flatnonzero(after)
    code, mean = diary.code[watched], mean[watched]
    from analysis.course import rolling_kernels  # numba: loaded when a status is first worked out

    lowest = rolling_kernels.running_min(code, mean, diary.n)  # groupby(code).cummin(), compiled
    rise = mean - lowest
    with np.errstate(invalid="ignore"):
        flare = (rise >= MCID_POINTS - EPS) & (rise >= MCID_FRACTION * lowest - EPS)  # Ostelo 2008
        back = watched[(mean >= RECURRENCE_PAIN - EPS) | flare]
    return edge_per_episode(diary.code[back], diary.date[back], diary.n)
