"""Is this person recovering as expected? Baseline, expected band, status, recovery.

Every function takes the long ``entries`` frame (analysis.columns; one row per
episode and date, in any order, missing days simply absent) and returns a new
frame; nothing is mutated and no clock is read. Rows without a pain score are
ignored; two rows for the same episode and date are averaged. Work is done for
all episodes at once with sorted numpy arrays, never a loop per patient-day.

Rules (GUIDANCE.md sections 1-3):

* Baseline (onset pain): the mean pain of the first 3 calendar days of the
  diary, divided by the curve's expected fraction on the first diary day, capped
  at 10. A diary that starts on day 0 gets the plain mean of days 0-2; one that
  starts late (say day 10) is scaled back to what the onset pain must have been,
  instead of treating day 10 as day 0. Using the fraction of the first diary day
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

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import columns as c
from analysis.curve import DEFAULT_CURVE, expected_fraction, get_curve
from analysis.errors import ValidationError

MAX_PAIN = 10.0  # numeric rating scale 0-10
BASELINE_WINDOW_DAYS = 3  # days 0-2 since onset, or the first 3 diary days
MCID_POINTS = 2.0  # clinically important change on 0-10: 2 points (Ostelo 2008; Farrar 2001)
MCID_FRACTION = 0.30  # ... or 30% of baseline (Ostelo 2008; Farrar 2001)
WINDOW_DAYS = 7  # current pain is a 7-day mean, as in the PACE diary (Williams 2014)
MIN_ENTRIES_7D = 3  # fewer entries than this in 7 days: no status (design choice)
RECOVERED_MAX_PAIN = 1.0  # recovery = pain 0 or 1 ... (PACE, Williams 2014)
RECOVERED_RUN_DAYS = 7  # ... on 7 consecutive days (PACE, Williams 2014)
EPS = 1e-9  # float tolerance for comparisons; exact ties count as inside the band

STATUSES = ("ahead", "on_track", "behind", "insufficient_data")
STATUS_ORDER = {"ahead": 0, "on_track": 1, "behind": 2}

_DAILY_COLUMNS = [c.EPISODE_ID, c.DATE, c.DAY, c.PAIN, "pain_mean_7d", "entries_7d", "baseline_pain",
                  "expected_pain", "expected_low", "expected_high", "status"]
_STATUS_COLUMNS = [c.EPISODE_ID, "as_of", "days_since_onset", "baseline_pain", "current_pain",
                   "improvement_points", "improvement_pct", "meaningful_improvement", "expected_pain",
                   "expected_low", "expected_high", "status", "status_reason"]
_REQUIRED = (c.EPISODE_ID, c.ONSET_DATE, c.DATE, c.PAIN)


@dataclass(frozen=True)
class Diary:
    """Entries as sorted arrays: rows ordered by (episode, date), one per date.

    ``code`` is the position of each row's episode in ``ids``; dates are whole
    days since 1970-01-01; ``onset`` and ``as_of`` hold one value per episode.
    """

    ids: pd.Index
    code: np.ndarray
    date: np.ndarray
    pain: np.ndarray
    onset: np.ndarray
    as_of: np.ndarray | None

    @property
    def n(self) -> int:
        """Number of episodes."""
        return len(self.ids)

    @property
    def day(self) -> np.ndarray:
        """Days since onset of each row."""
        return self.date - self.onset[self.code]

    def count(self, mask: np.ndarray | None = None) -> np.ndarray:
        """Rows per episode (optionally only where ``mask``)."""
        code = self.code if mask is None else self.code[mask]
        return np.bincount(code, minlength=self.n)

    def sum(self, values: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """Sum of ``values`` per episode (optionally only where ``mask``)."""
        if mask is None:
            return np.bincount(self.code, values, minlength=self.n)
        return np.bincount(self.code[mask], values[mask], minlength=self.n)

    def first_date(self) -> np.ndarray:
        """First diary date per episode (NaN for an episode without entries)."""
        return edge_per_episode(self.code, self.date, self.n)

    def last_date(self) -> np.ndarray:
        """Last diary date per episode (NaN for an episode without entries)."""
        return edge_per_episode(self.code, self.date, self.n, last=True)


def edge_per_episode(code: np.ndarray, values: np.ndarray, n: int, last: bool = False) -> np.ndarray:
    """The first (or last) of ``values`` per episode; ``code`` must be sorted. NaN where none."""
    episodes = np.arange(n)
    left, right = np.searchsorted(code, episodes, "left"), np.searchsorted(code, episodes, "right")
    found = right > left
    picked = np.asarray(values, dtype=float)[np.where(found, right - 1 if last else left, 0)] \
        if len(code) else np.zeros(n)
    return np.where(found, picked, np.nan)


def load_diary(entries: pd.DataFrame, as_of: object = None) -> Diary:
    """Check ``entries`` once and turn it into a sorted :class:`Diary`.

    ``as_of`` (a date, or a Series of dates indexed by episode_id) drops the
    entries after it. An onset date that is missing falls back to the first
    diary date. Raises ValidationError for missing columns or unreadable dates.
    """
    missing = [col for col in _REQUIRED if col not in entries.columns]
    if missing:
        raise ValidationError(f"The entries frame is missing the column(s): {', '.join(missing)}.")
    codes, ids = pd.factorize(entries[c.EPISODE_ID], sort=True)
    date = _epoch_days(entries[c.DATE], c.DATE)
    onset_rows = _epoch_days(entries[c.ONSET_DATE], c.ONSET_DATE)
    pain = pd.to_numeric(entries[c.PAIN], errors="coerce").to_numpy(dtype=float)
    keep = (codes >= 0) & ~np.isnan(date) & ~np.isnan(pain)
    onset, first = np.full(len(ids), np.nan), np.full(len(ids), np.nan)
    np.fmin.at(onset, codes[codes >= 0], onset_rows[codes >= 0])
    np.fmin.at(first, codes[keep], date[keep])
    onset = np.where(np.isnan(onset), np.nan_to_num(first), onset).astype(np.int64)
    limit = None if as_of is None else _as_of_days(as_of, ids)
    if limit is not None:
        keep &= date <= limit[np.maximum(codes, 0)]
    code, date, pain = codes[keep].astype(np.int64), date[keep].astype(np.int64), pain[keep]
    order = _sort_order(code, date - first[code].astype(np.int64), len(ids))
    code, date, pain = code[order], date[order], pain[order]
    new = np.ones(len(code), dtype=bool)
    new[1:] = (code[1:] != code[:-1]) | (date[1:] != date[:-1])
    if not new.all():  # two rows for one episode and date: average them
        group = np.cumsum(new) - 1
        pain = np.bincount(group, pain) / np.bincount(group)
        code, date = code[new], date[new]
    return Diary(ids, code, date, pain, onset, limit)


def _sort_order(code: np.ndarray, offset: np.ndarray, n: int) -> np.ndarray:
    """Row order by (episode, day): a counting sort when keys are unique and dense, else argsort."""
    if not len(code):
        return np.arange(0)
    span = int(offset.max()) + 1
    key = code * span + offset
    if n * span <= 4 * len(code) + 1_000_000:
        counts = np.bincount(key, minlength=n * span)
        if counts.max() <= 1:
            order = np.empty(len(key), dtype=np.int64)
            order[np.cumsum(counts)[key] - 1] = np.arange(len(key))
            return order
    return np.argsort(key, kind="stable")


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


def baselines(diary: Diary, curve: str = DEFAULT_CURVE) -> np.ndarray:
    """Onset pain per episode (NaN without entries); the rule is in the module docstring."""
    first = diary.first_date()
    with np.errstate(invalid="ignore"):
        window = diary.date <= first[diary.code] + (BASELINE_WINDOW_DAYS - 1)
        early = diary.sum(diary.pain, window) / diary.count(window)
        fraction = expected_fraction(first - diary.onset, curve)
        return np.minimum(MAX_PAIN, early / fraction)


def rolling_mean(diary: Diary) -> tuple[np.ndarray, np.ndarray]:
    """(mean, count) of the entries in the 7 calendar days ending on each row's date.

    Rows are unique per date, so a window holds at most the 7 rows before and
    including the row: 7 shifted comparisons, exact and loop-free over rows.
    """
    total = diary.pain.copy()
    count = np.ones(len(diary.pain))
    for lag in range(1, WINDOW_DAYS):
        same = np.zeros(len(total), dtype=bool)
        same[lag:] = (diary.code[lag:] == diary.code[:-lag]) & \
            (diary.date[lag:] - diary.date[:-lag] < WINDOW_DAYS)
        total[lag:] += np.where(same[lag:], diary.pain[:-lag], 0.0)
        count += same
    return total / count, count.astype(np.int64)


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
        conditions = [(count < MIN_ENTRIES_7D) | np.isnan(current) | np.isnan(high),
                      current > high + EPS, current < low - EPS]
    codes = np.select(conditions, [STATUSES.index(s) for s in ("insufficient_data", "behind", "ahead")],
                      STATUSES.index("on_track"))
    return pd.Categorical.from_codes(codes, categories=list(STATUSES))


def daily_course(entries: pd.DataFrame, curve: str = DEFAULT_CURVE) -> pd.DataFrame:
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
    diary = load_diary(entries)
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


def current_pain(diary: Diary) -> tuple[np.ndarray, np.ndarray]:
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


def status_at(entries: pd.DataFrame, as_of: object, curve: str = DEFAULT_CURVE) -> pd.DataFrame:
    """Where each episode stands on ``as_of``: improvement and status against the band.

    ``as_of`` is a date, or a Series of dates indexed by episode_id; entries
    after it are ignored. One row per episode, sorted by episode_id.

    Returns columns: episode_id, as_of, days_since_onset, baseline_pain,
    current_pain (7-day mean ending as_of), improvement_points (baseline minus
    current), improvement_pct (of baseline, 0-100), meaningful_improvement
    (>= 2 points or >= 30%, Ostelo 2008), expected_pain, expected_low,
    expected_high, status (ahead / on_track / behind / insufficient_data) and
    status_reason (a plain sentence; for insufficient_data it says what is missing).
    """
    get_curve(curve)
    diary = load_diary(entries, as_of)
    assert diary.as_of is not None
    baseline = baselines(diary, curve)
    current, count = current_pain(diary)
    day = diary.as_of - diary.onset
    expected, low, high = band(baseline, day, curve)
    status = np.asarray(classify(current, count, low, high), dtype=object)
    enough = status != "insufficient_data"
    current = np.where(enough, current, np.nan)
    points = baseline - current
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = np.where(baseline > 0, 100.0 * points / baseline, np.nan)
    return pd.DataFrame({
        c.EPISODE_ID: diary.ids, "as_of": to_dates(diary.as_of), "days_since_onset": day,
        "baseline_pain": baseline, "current_pain": current, "improvement_points": points,
        "improvement_pct": pct, "meaningful_improvement": enough & meaningful_fall(baseline, current),
        "expected_pain": expected, "expected_low": low, "expected_high": high, "status": status,
        "status_reason": _status_reasons(status, current, count, low, high, day),
    }, columns=_STATUS_COLUMNS)


def _status_reasons(status: np.ndarray, current: np.ndarray, count: np.ndarray, low: np.ndarray,
                    high: np.ndarray, day: np.ndarray) -> list[str]:
    where = {"ahead": "below", "on_track": "within", "behind": "above"}
    reasons = []
    for s, cur, n, lo, hi, d in zip(status, current, count, low, high, day, strict=True):
        if s == "insufficient_data":
            have = "No entries" if n == 0 else f"Only {n} {'entry' if n == 1 else 'entries'}"
            reasons.append(f"{have} in the last {WINDOW_DAYS} days; at least {MIN_ENTRIES_7D} are needed.")
        else:
            reasons.append(f"Average pain {cur:.1f} over the last {WINDOW_DAYS} days is {where[s]} "
                           f"the expected range of {lo:.1f} to {hi:.1f} for day {d}.")
    return reasons


def recovered_dates(entries: pd.DataFrame, as_of: object) -> pd.DataFrame:
    """The day each episode recovered by the PACE diary definition (Williams 2014).

    Recovery is pain 0 or 1 on 7 consecutive calendar days; the recovered date
    is the FIRST of those 7 days, as PACE counts time to recovery. A day
    without an entry breaks the run; entries after ``as_of`` are ignored.

    Returns columns: episode_id, recovered_date (NaT if not recovered), one row
    per episode sorted by episode_id.
    """
    diary = load_diary(entries, as_of)
    return pd.DataFrame({c.EPISODE_ID: diary.ids, "recovered_date": to_dates(recovery_days(diary))})


def recovery_days(diary: Diary) -> np.ndarray:
    """First date (days since 1970) of the first PACE recovery run per episode, NaN if none."""
    good = diary.pain <= RECOVERED_MAX_PAIN + EPS
    joined = np.zeros(len(good), dtype=bool)
    joined[1:] = good[1:] & good[:-1] & (diary.code[1:] == diary.code[:-1]) & \
        (diary.date[1:] - diary.date[:-1] == 1)
    start = good & ~joined
    run = np.cumsum(start) - 1
    length = np.bincount(run[good], minlength=int(start.sum()))
    starts = np.flatnonzero(start)[length >= RECOVERED_RUN_DAYS]
    return edge_per_episode(diary.code[starts], diary.date[starts], diary.n)


# Projection: a log-linear trend of the person's own recent pain.
PROJECTION_WINDOW_DAYS = 28  # fit the last 4 weeks: the current rate, not the onset fall
PROJECTION_SKIP_DAYS = 3  # leave out days 0-2, the onset level
MIN_FIT_ENTRIES = 10  # fewer entries than this in the window: no projection (design choice)
MIN_DIARY_DAYS = 14  # ... nor with under two weeks of diary (design choice)
HORIZON_DAYS = 365  # never project beyond a year after onset (Menezes Costa 2012 follow-up)
Z_95 = 1.96  # the range is the slope's 95% confidence interval

_PROJECTION_COLUMNS = [c.EPISODE_ID, "projected_recovery_date", "projected_earliest",
                       "projected_latest", "projection_note"]


def fit_trend(diary: Diary, mask: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    """Least-squares line of ``y`` on day per episode over rows in ``mask``.

    Returns (count, slope per day, slope standard error, mean day, mean y), one
    value per episode; NaN where fewer than 3 rows or a single day.
    """
    x = diary.day.astype(float)
    count = diary.count(mask).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        x_mean, y_mean = diary.sum(x, mask) / count, diary.sum(y, mask) / count
        dx, dy = x - x_mean[diary.code], y - y_mean[diary.code]
        sxx, sxy, syy = diary.sum(dx * dx, mask), diary.sum(dx * dy, mask), diary.sum(dy * dy, mask)
        slope = np.where((count >= 3) & (sxx > 0), sxy / sxx, np.nan)
        residual = np.maximum(syy - slope * sxy, 0.0) / (count - 2)
        return count, slope, np.sqrt(residual / sxx), x_mean, y_mean


def projections(entries: pd.DataFrame, as_of: object, curve: str = DEFAULT_CURVE) -> pd.DataFrame:
    """When pain is likely to reach 1 or less, from the person's own trend.

    Fits log(pain + 1) against day over the last 4 weeks up to ``as_of``
    (leaving out days 0-2), i.e. an exponential fall, and projects the date the
    fitted pain reaches 1. The earliest/latest dates use the slope's 95%
    confidence interval. No date (NaT) and a note saying why when: the episode
    has already recovered (PACE) or its 7-day mean is already 1 or less; there
    are fewer than 10 entries in those 4 weeks or under 14 days of diary; pain
    is not falling (slope >= 0); or the date would be more than a year after
    onset. ``curve`` is accepted for symmetry and checked, the fit is the person's own.

    Returns columns: episode_id, projected_recovery_date, projected_earliest,
    projected_latest (NaT when the slow end of the range is beyond a year),
    projection_note.
    """
    get_curve(curve)
    diary = load_diary(entries, as_of)
    assert diary.as_of is not None
    recovered = recovery_days(diary)
    current, recent = current_pain(diary)
    span = diary.last_date() - diary.first_date() + 1
    window = (diary.date > diary.as_of[diary.code] - PROJECTION_WINDOW_DAYS) & \
        (diary.day >= PROJECTION_SKIP_DAYS)
    count, slope, se, x_mean, y_mean = fit_trend(diary, window, np.log1p(diary.pain))
    target = np.log1p(RECOVERED_MAX_PAIN)
    now = diary.as_of - diary.onset
    gap = target - (y_mean + slope * (now - x_mean))  # >= 0 once the trend line is at 1 or less
    with np.errstate(invalid="ignore", divide="ignore"):
        steep, shallow = slope - Z_95 * se, slope + Z_95 * se
        ahead = [np.ceil(np.maximum(np.minimum(gap, 0.0) / s, 1.0)) for s in (slope, steep, shallow)]
        horizon = diary.onset + HORIZON_DAYS - diary.as_of
        is_low = (recent >= MIN_ENTRIES_7D) & (current <= RECOVERED_MAX_PAIN + EPS)
        kinds = np.select(
            [~np.isnan(recovered) & (is_low | (recent < MIN_ENTRIES_7D)), is_low,
             (count < MIN_FIT_ENTRIES) | ~(span >= MIN_DIARY_DAYS) | np.isnan(slope),
             slope >= 0, ahead[0] > horizon],
            ["recovered", "low", "data", "flat", "far"], "ok")
    ok = kinds == "ok"
    central = np.where(ok, diary.as_of + ahead[0], np.nan)
    earliest = np.where(ok, diary.as_of + ahead[1], np.nan)
    latest = np.where(ok & (shallow < 0) & (ahead[2] <= horizon), diary.as_of + ahead[2], np.nan)
    notes = [_projection_note(*args) for args in zip(kinds, recovered, count, span, central, earliest,
                                                     latest, strict=True)]
    return pd.DataFrame({c.EPISODE_ID: diary.ids, "projected_recovery_date": to_dates(central),
                         "projected_earliest": to_dates(earliest), "projected_latest": to_dates(latest),
                         "projection_note": notes}, columns=_PROJECTION_COLUMNS)


def _iso(day: float) -> str:
    return str(np.datetime64(int(day), "D"))


def _count(n: float, word: str) -> str:
    """'1 entry', '3 entries', '0 days': a whole count with its noun (NaN counts as 0)."""
    n = 0 if np.isnan(n) else int(n)
    plural = {"entry": "entries", "day": "days"}[word]
    return f"{n} {word if n == 1 else plural}"


def _projection_note(kind: str, recovered: float, count: float, span: float, central: float,
                     earliest: float, latest: float) -> str:
    if kind == "recovered":
        return f"Already recovered: pain was 0 or 1 on 7 days in a row from {_iso(recovered)}."
    if kind == "low":
        return ("Pain is already 1 or less on average; recovery counts once it stays at 0 or 1 "
                "for 7 days in a row.")
    if kind == "data":
        return (f"Not enough data to project: {_count(count, 'entry')} in the last 4 weeks over "
                f"{_count(span, 'day')} of diary; at least {MIN_FIT_ENTRIES} entries and {MIN_DIARY_DAYS} "
                "days are needed.")
    if kind == "flat":
        return "Not improving: pain has not fallen over the last 4 weeks, so no recovery date is projected."
    if kind == "far":
        return "At the current rate pain would not reach 1 or less within a year of onset."
    until = f"and {_iso(latest)}" if np.isfinite(latest) else "a year after onset or later"
    return (f"At the current rate pain reaches 1 or less around {_iso(central)} "
            f"(likely between {_iso(earliest)} {until}).")


# Trajectory classes of Downie 2016 (acute LBP, daily diary, 12 weeks).
TRAJECTORIES = ("rapid_recovery", "recovery_by_week_12", "incomplete_recovery", "fluctuating",
                "persistent_high", "undetermined")
MIN_TRAJECTORY_ENTRIES = 10  # too few entries to judge a shape (design choice)
RAPID_BY_DAY = 21  # rapid recovery: recovered by week 2 (Downie 2016), +1 week for the 7-day mean
WEEK_12_DAY = 84  # recovery by week 12 (Downie 2016)
FLAT_WINDOW_DAYS = 21  # "levelled off": the last 3 weeks
FLAT_SLOPE = 0.05  # points/day: ~1 point over 3 weeks, half a clinically important change
HIGH_PAIN = 5.0  # persistent high "stays high" (Downie 2016); 5 of 10 is a design choice
INCOMPLETE_ABOVE = 2.0  # incomplete "levels off above recovered" (Downie 2016); 2 is a design choice

_TRAJECTORY_COLUMNS = [c.EPISODE_ID, "trajectory", "trajectory_confidence", "trajectory_reason"]


def trajectories(entries: pd.DataFrame, as_of: object, curve: str = DEFAULT_CURVE) -> pd.DataFrame:
    """Which Downie 2016 course each episode follows, judged on its shape.

    Uses the 7-day mean (with >= 3 entries) up to ``as_of``; "current" is its
    latest value and "the day" the last diary day. Rules, first match wins:

    1. undetermined: under 14 days of diary or fewer than 10 entries.
    2. fluctuating: fell a clinically important amount from baseline (2 points
       or 30%) to its lowest 7-day mean, then rose again by >= 2 points.
    3. rapid_recovery: the 7-day mean was <= 1 by day 21.
    4. recovery_by_week_12: the 7-day mean reached <= 1 later (after day 84:
       lower confidence).
    5. persistent_high: current >= 5 without a clinically important fall.
    6. recovery_by_week_12: still falling and, at the last 3 weeks' rate, <= 1
       by day 84 (not yet decided: lower confidence).
    7. incomplete_recovery: fell a clinically important amount but is flat
       (|slope| <= 0.05 points a day over the last 3 weeks) above 2.
    8. otherwise the most plausible, low confidence: persistent_high if current
       >= 5, else incomplete_recovery (falling too slowly to recover by week 12).

    Confidence is 0.9 for a shape already seen (rapid, recovered by week 12),
    0.8 for fluctuating, 0.6 for recovery after week 12, 0.4-0.9 growing with
    the day up to week 12 for levels that can still change (persistent,
    incomplete), 0.3-0.7 for heading to recovery, 0.3 for rule 8, 0 for undetermined.

    Returns columns: episode_id, trajectory, trajectory_confidence (0-1),
    trajectory_reason (a plain sentence).
    """
    get_curve(curve)
    diary = load_diary(entries, as_of)
    baseline = baselines(diary, curve)
    mean, count = rolling_mean(diary)
    ok = count >= MIN_ENTRIES_7D
    day = diary.day
    lowest, first_low = np.full(diary.n, np.nan), np.full(diary.n, np.nan)
    np.fmin.at(lowest, diary.code[ok], mean[ok])
    low_mean = ok & (mean <= RECOVERED_MAX_PAIN + EPS)
    np.fmin.at(first_low, diary.code[low_mean], day[low_mean].astype(float))
    current = edge_per_episode(diary.code[ok], mean[ok], diary.n, last=True)
    now = diary.last_date() - diary.onset
    span = diary.last_date() - diary.first_date() + 1
    recent = diary.date > diary.last_date()[diary.code] - FLAT_WINDOW_DAYS
    slope = fit_trend(diary, recent, diary.pain)[1]
    progress = np.clip(now / WEEK_12_DAY, 0.0, 1.0)  # confidence grows to week 12 (Downie 2016)
    growing, tentative = 0.4 + 0.5 * progress, 0.3 + 0.4 * progress
    with np.errstate(invalid="ignore"):
        heading = (slope < 0) & (now < WEEK_12_DAY) & \
            (current + slope * (WEEK_12_DAY - now) <= RECOVERED_MAX_PAIN)
        fell = meaningful_fall(baseline, current)
        rules = [
            ("undetermined", (span < MIN_DIARY_DAYS) | (diary.count() < MIN_TRAJECTORY_ENTRIES)
             | np.isnan(current) | np.isnan(baseline), 0.0),
            ("fluctuating", meaningful_fall(baseline, lowest) & (current - lowest >= MCID_POINTS - EPS), 0.8),
            ("rapid_recovery", first_low <= RAPID_BY_DAY, 0.9),
            ("recovery_by_week_12", first_low <= WEEK_12_DAY, 0.9),
            ("recovery_by_week_12", first_low > WEEK_12_DAY, 0.6),
            ("persistent_high", (current >= HIGH_PAIN) & ~fell, growing),
            ("heading", heading, tentative),
            ("incomplete_recovery", fell & (np.abs(slope) <= FLAT_SLOPE) & (current > INCOMPLETE_ABOVE),
             growing),
            ("guess_high", current >= HIGH_PAIN, 0.3),
            ("guess_incomplete", np.ones(diary.n, dtype=bool), 0.3),
        ]
    which = np.select([r[1] for r in rules], np.arange(len(rules)), len(rules) - 1)
    confidence = np.select([which == i for i in range(len(rules))],
                           [np.broadcast_to(np.asarray(r[2], dtype=float), (diary.n,)) for r in rules])
    names = np.array([r[0] for r in rules])[which]
    reasons = [_trajectory_reason(*args) for args in zip(names, span, diary.count(), baseline, lowest,
                                                         current, first_low, now, slope, strict=True)]
    labels = {"heading": "recovery_by_week_12", "guess_high": "persistent_high",
              "guess_incomplete": "incomplete_recovery"}
    return pd.DataFrame({c.EPISODE_ID: diary.ids, "trajectory": [labels.get(n, n) for n in names],
                         "trajectory_confidence": np.round(confidence, 2), "trajectory_reason": reasons},
                        columns=_TRAJECTORY_COLUMNS)


def _trajectory_reason(name: str, span: float, n: int, baseline: float, lowest: float, current: float,
                       first_low: float, now: float, slope: float) -> str:
    if name == "undetermined":
        return (f"Too early to judge the course: {_count(span, 'day')} of diary with {_count(n, 'entry')}; "
                f"at least {MIN_DIARY_DAYS} days and {MIN_TRAJECTORY_ENTRIES} entries are needed.")
    if name == "fluctuating":
        return f"Pain fell from {baseline:.1f} to {lowest:.1f}, then rose again to {current:.1f}."
    if name == "rapid_recovery":
        return f"The 7-day average pain was 1 or less by day {int(first_low)}."
    if name == "recovery_by_week_12":
        return f"Pain fell from {baseline:.1f} to a 7-day average of 1 or less by day {int(first_low)}."
    if name == "persistent_high":
        return (f"Pain is still {current:.1f} on day {int(now)}, without a clinically important fall "
                f"from {baseline:.1f}.")
    if name == "heading":
        return (f"Pain is {current:.1f} on day {int(now)} and falling by {-slope:.2f} points a day; "
                "at this rate it reaches 1 or less by week 12.")
    if name == "incomplete_recovery":
        return f"Pain fell from {baseline:.1f} but has levelled off at {current:.1f} over the last 3 weeks."
    if name == "guess_high":
        return f"Pain is still {current:.1f} on day {int(now)}; not yet a clear pattern."
    return (f"Pain is {current:.1f} on day {int(now)} and not falling fast enough to reach 1 or less "
            "by week 12; not yet a clear pattern.")
