"""Where is this course heading? Projected recovery date and the trajectory class.

Split from analysis.course.recovery (which holds the baseline, band and status that
these build on). Same conventions: the long ``entries`` frame in, a new frame
out, `as_of` passed in, all episodes at once.

* Projection: a straight-line fit of pain, or of log(pain + 1) (an exponential
  fall), whichever fits better, over the last 28 days up to `as_of` (skipping
  days 0-2), projected to the day the trend reaches 1 or less; the
  earliest-latest range comes from the slope's 95% interval. When the same fit
  over the last 2 weeks falls more slowly (the course levelling off), its pace
  sets the date and widens the range. No date (with a
  note saying why) when already recovered, with under 10 entries or 14 days of
  diary, when pain is not clearly falling (upper 99.9% bound of the slope not
  below 0), or beyond a year after onset.
* Trajectory (Downie 2016 classes), first matching rule wins, on the 7-day
  mean: undetermined (under 14 days or 10 entries); fluctuating (fell 2 points
  or 30% to its lowest, then rose again by 2); rapid_recovery (<= 1 by day 21);
  recovery_by_week_12 (<= 1 later, or heading there by day 84 at the last 3
  weeks' rate); persistent_high (still >= 5 without a meaningful fall);
  incomplete_recovery (fell meaningfully, now flat above 2); persistent_mild
  (below 5 and never fell meaningfully: Dunn 2006's class, which Downie's lack).
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd
from scipy.special import stdtrit  # Student t's inverse CDF; scipy.stats (its t.ppf) takes ~1 s more to import

from analysis.course.curve import DEFAULT_CURVE, get_curve
from analysis.course.grid import reduce_at
from analysis.course.recovery import (
    EPS,
    MCID_POINTS,
    MIN_ENTRIES_7D,
    RECOVERED_MAX_PAIN,
    RECOVERED_RUN_DAYS,
    PainRows,
    baselines,
    current_pain,
    edge_per_episode,
    load_diary,
    meaningful_fall,
    recovery_days,
    recurrence_days,
    rolling_mean,
    to_dates,
)
from analysis.model import columns as c

# Projection: a log-linear trend of the person's own recent pain.
PROJECTION_WINDOW_DAYS = 28  # fit the last 4 weeks: the current rate, not the onset fall
PROJECTION_SKIP_DAYS = 3  # leave out days 0-2, the onset level
MIN_FIT_ENTRIES = 10  # fewer entries than this in the window: no projection (design choice)
MIN_DIARY_DAYS = 14  # ... nor with under two weeks of diary (design choice)
NOT_ENOUGH_DATA = "Not enough data to project"  # how the note for too short a diary starts (the pages reword it)
HORIZON_DAYS = 365  # never project beyond a year after onset (Menezes Costa 2012 follow-up)
Z_95 = 1.96  # the range is the slope's 95% confidence interval
FALLING_LEVEL = 0.999  # a date only when the slope's upper 99.9% bound (Student t, n-2 df) is below 0,
# so a flat course gets a date in under 1 of 100 noisy diaries (design choice, checked by simulation)
# Is the fall slowing? The same fit over the last 2 weeks of the window: one exponential over 4 weeks follows the
# fast early fall into the slow tail and projects weeks too early (GUIDANCE §1: "a single exponential cannot fit
# the fast early fall and the slow tail together"; review 35). The recent pace sets the date when it is clearly
# slower (its date after the 4 weeks' slow bound), and the later slow bound ends the range (benchmarks/RESULTS.md
# 'Projected recovery dates': simulated average courses at day 28 had the day in their range in 3% before, 82%
# after). At least 7 entries, else the 4 weeks' pace alone.
RECENT_PACE_DAYS = 14
MIN_RECENT_ENTRIES = 7

_PROJECTION_COLUMNS = [c.EPISODE_ID, "projected_recovery_date", "projected_earliest",
                       "projected_latest", "projection_note"]


def fit_trend(diary: PainRows, mask: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    """Least-squares line of ``y`` on day per episode over rows in ``mask``.

    Returns (count, slope per day, slope standard error, mean day, mean y), one
    value per episode; NaN where fewer than 3 rows or a single day.
    """
    code = diary.code[mask]
    return _fit(code, (diary.date[mask] - diary.onset[code]).astype(float), np.asarray(y)[mask], diary.n)


def _fit(code: np.ndarray, x: np.ndarray, y: np.ndarray, n: int) -> tuple[np.ndarray, ...]:
    """fit_trend on the masked rows only (`code`: their episodes, sorted): the same sums in the same order,
    without computing the deviations of every other row (issue 12)."""
    count = np.bincount(code, minlength=n).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        x_mean, y_mean = np.bincount(code, x, minlength=n) / count, np.bincount(code, y, minlength=n) / count
        dx, dy = x - x_mean[code], y - y_mean[code]
        sxx, sxy = np.bincount(code, dx * dx, minlength=n), np.bincount(code, dx * dy, minlength=n)
        syy = np.bincount(code, dy * dy, minlength=n)
        slope = np.where((count >= 3) & (sxx > 0), sxy / sxx, np.nan)
        residual = np.maximum(syy - slope * sxy, 0.0) / (count - 2)
        return count, slope, np.sqrt(residual / sxx), x_mean, y_mean


def _best_trend(diary: PainRows, window: np.ndarray, line: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
    """The straight or exponential trend per episode, whichever fits the pain better.

    A log-linear fit of a course that falls in a straight line projects it weeks
    too late, and a straight line through an exponential fall projects it too
    early; each episode takes the model with the smaller squared error in pain
    points over the window, or the one `line` says (True: straight; the last 2 weeks are read on the 4 weeks'
    model, which their fewer days choose less surely). Returns (count, slope, slope se, mean day, mean y,
    target y, line), the middle three on the chosen model's scale.
    """
    code, pain = diary.code[window], diary.pain[window]  # the window's rows only: the same numbers (issue 12)
    x = (diary.date[window] - diary.onset[code]).astype(float)
    fits = {"log": _fit(code, x, np.log1p(pain), diary.n), "line": _fit(code, x, pain, diary.n)}
    if line is None:  # each model's squared error in pain points (not when the model is given)
        errors = {}
        with np.errstate(invalid="ignore"):
            for name, (_, slope, _, x_mean, y_mean) in fits.items():
                fitted = y_mean[code] + slope[code] * (x - x_mean[code])
                fitted = np.expm1(fitted) if name == "log" else fitted
                errors[name] = np.bincount(code, (pain - fitted) ** 2, minlength=diary.n)
        line = errors["line"] < errors["log"]
    chosen = [np.where(line, a, b) for a, b in zip(fits["line"], fits["log"], strict=True)]
    target = np.where(line, RECOVERED_MAX_PAIN, np.log1p(RECOVERED_MAX_PAIN))
    return (*chosen, target, line)


def projections(entries: pd.DataFrame, as_of: object, curve: str = DEFAULT_CURVE,
                grid: pd.DataFrame | None = None,
                diary: PainRows | None = None) -> pd.DataFrame:
    """When pain is likely to reach 1 or less, from the person's own trend.

    Fits pain, and log(pain + 1) (an exponential fall), against day over the
    last 4 weeks up to the last entry on or before ``as_of`` (leaving out days 0-2; PainRows.at_last_entry: a
    diary read after it stopped is projected from its last weeks, not from empty ones), keeps the better fit,
    and projects the date the fitted pain reaches 1. The earliest/latest dates use the slope's 95%
    confidence interval. The same fit over the last 2 weeks (RECENT_PACE_DAYS, with MIN_RECENT_ENTRIES) is the
    current pace when it is clearly slower (its date after the 4 weeks' slow bound): it sets the date; the later
    of the two slow bounds is always the latest (a course levelling off was told a date weeks too early, in a
    range that missed it). No date (NaT) and a note saying why when: the episode
    has already recovered (PACE) and the pain has not come back since, or its 7-day mean is already 1 or less; there
    are fewer than 10 entries in those 4 weeks or under 14 days of diary; pain
    is not clearly falling (the slope's upper 99.5% bound is not below 0, so a
    flat course with day-to-day noise gets no date); or the date would be more than a year after
    onset, at the 4 weeks' pace or the slower pace of the last 2. ``curve`` is accepted for symmetry and
    checked, the fit is the person's own.

    Returns columns: episode_id, projected_recovery_date, projected_earliest,
    projected_latest (NaT when the slow end of the range is beyond a year),
    projection_note.
    """
    get_curve(curve)
    diary = (load_diary(entries, as_of, grid) if diary is None else diary).at_last_entry()
    assert diary.as_of is not None
    recovered = recovery_days(diary)
    current, recent = current_pain(diary)
    span = diary.last_date() - diary.first_date() + 1
    in_weeks = diary.date > diary.as_of[diary.code] - PROJECTION_WINDOW_DAYS
    window = in_weeks & (diary.day >= PROJECTION_SKIP_DAYS)
    early = diary.count(in_weeks & ~window)  # the onset level's days, left out of the fit: the note says how many
    count, slope, se, x_mean, y_mean, target, line = _best_trend(diary, window)
    now = diary.as_of - diary.onset
    ahead = _days_ahead(now, slope, se, x_mean, y_mean, target)
    lately = window & (diary.date > diary.as_of[diary.code] - RECENT_PACE_DAYS)
    recent_count, *recent_fit, _ = _best_trend(diary, lately, line)
    ahead_lately = _days_ahead(now, *recent_fit)
    with np.errstate(invalid="ignore", divide="ignore"):
        t_falling = stdtrit(np.maximum(count - 2, 1), FALLING_LEVEL)
        horizon = diary.onset + HORIZON_DAYS - diary.as_of
        is_low = (recent >= MIN_ENTRIES_7D) & (current <= RECOVERED_MAX_PAIN + EPS)
        paced = (recent_count >= MIN_RECENT_ENTRIES) & ~np.isnan(recent_fit[0])  # the last 2 weeks' pace is known
        slower = paced & (ahead_lately[0] > ahead[2])  # clearly slower: later than the 4 weeks' slow bound
        kinds = np.select(
            [~np.isnan(recovered) & np.isnan(recurrence_days(diary)) & (is_low | (recent < MIN_ENTRIES_7D)),
             is_low,
             (count < MIN_FIT_ENTRIES) | ~(span >= MIN_DIARY_DAYS) | np.isnan(slope),
             slope >= 0, ~(slope + t_falling * se < 0), ahead[0] > horizon,
             slower & (ahead_lately[0] > horizon), slower],
            ["recovered", "low", "data", "flat", "unclear", "far", "slowed", "slower"], "ok")
    ok = np.isin(kinds, ("ok", "slower"))
    central = np.where(ok, diary.as_of + np.where(slower, ahead_lately[0], ahead[0]), np.nan)
    earliest = np.where(ok, diary.as_of + ahead[1], np.nan)
    slowest = np.where(paced, np.fmax(ahead[2], ahead_lately[2]), ahead[2])
    latest = np.where(ok & (slowest <= horizon), diary.as_of + slowest, np.nan)
    # plain Python values (tolist): formatting ten thousand numpy scalars one by one costs twice as much
    notes = [_projection_note(*args) for args in zip(*(np.asarray(a).tolist() for a in (
        kinds, recovered, count, diary.count(), early, span, central, earliest, latest)), strict=True)]
    return pd.DataFrame({c.EPISODE_ID: diary.ids, "projected_recovery_date": to_dates(central),
                         "projected_earliest": to_dates(earliest), "projected_latest": to_dates(latest),
                         "projection_note": notes}, columns=_PROJECTION_COLUMNS)


def _days_ahead(now: np.ndarray, slope: np.ndarray, se: np.ndarray, x_mean: np.ndarray, y_mean: np.ndarray,
                target: np.ndarray) -> list[np.ndarray]:
    """Days from `now` until a trend (_best_trend's) reaches its target at its slope, its steep (slope - 1.96 se)
    and its shallow (slope + 1.96 se) 95% bound: at least 1; inf where that slope does not fall (or is NaN)."""
    gap = target - (y_mean + slope * (now - x_mean))  # >= 0 once the trend line is at 1 or less
    with np.errstate(invalid="ignore", divide="ignore"):
        return [np.where(s < 0, np.ceil(np.maximum(np.minimum(gap, 0.0) / s, 1.0)), np.inf)
                for s in (slope, slope - Z_95 * se, slope + Z_95 * se)]


@functools.lru_cache(maxsize=4096)
def _iso(day: float) -> str:
    """A day number as ISO text; each day made once (ten thousand notes name a few hundred days)."""
    return str(np.datetime64(int(day), "D"))


# The recovery threshold in words, from its constants (PACE, Williams 2014): never restated as text (review 13).
_LOW = f"{RECOVERED_MAX_PAIN:g} or less"  # "1 or less"
_RECOVERED_RUN = f"0 or {RECOVERED_MAX_PAIN:g} on {RECOVERED_RUN_DAYS} days in a row"


def _count(n: float, word: str) -> str:
    """'1 entry', '3 entries', '0 days': a whole count with its noun (NaN counts as 0)."""
    n = 0 if np.isnan(n) else int(n)
    plural = {"entry": "entries", "day": "days", "logged day": "logged days"}[word]
    return f"{n} {word if n == 1 else plural}"


def _used_days(count: float, logged: float, early: float) -> str:
    """Which logged days the trend is fitted on, in the numbers the GP report's header gives ("9 days logged").

    Why: the note said "7 entries in the last 4 weeks over 9 days of diary" beside "9 days logged": it counted
    only the fitted days (the last 4 weeks, from day 3 after onset) and called them all the recent entries, and
    its "days of diary" is the span from first to last entry (unlogged days too). Now the left-out days are
    counted with the reason each is left out (tests/output/test_report_counts.py)."""
    used, logged, early = (0 if np.isnan(n) else int(n) for n in (count, logged, early))
    if used == logged:
        return f"the trend uses {'the' if logged == 1 else 'all'} {_count(logged, 'logged day')}"
    left_out = [f"{early} before day {PROJECTION_SKIP_DAYS} after onset, the onset level"] if early else []
    if logged - used - early:
        left_out.append(f"{logged - used - early} before the last {PROJECTION_WINDOW_DAYS // 7} weeks")
    return f"the trend uses {used} of the {_count(logged, 'logged day')} (left out: {'; '.join(left_out)})"


def _projection_note(kind: str, recovered: float, count: float, logged: float, early: float, span: float,
                     central: float, earliest: float, latest: float) -> str:
    if kind == "recovered":
        return f"Already recovered: pain was {_RECOVERED_RUN} from {_iso(recovered)}."
    if kind == "low":
        return (f"Pain is already {_LOW} on average; recovery counts once it stays at 0 or {RECOVERED_MAX_PAIN:g} "
                f"for {RECOVERED_RUN_DAYS} days in a row.")
    if kind == "data":
        return (f"{NOT_ENOUGH_DATA}: {_used_days(count, logged, early)} and the diary spans "
                f"{_count(span, 'day')}; at least {MIN_FIT_ENTRIES} used days and a diary spanning "
                f"{MIN_DIARY_DAYS} days are needed.")
    # the weeks fitted, or the whole diary when it is younger (review 31: "over the last 4 weeks" of a 22-day diary)
    over = (f"over the last {PROJECTION_WINDOW_DAYS // 7} weeks" if span >= PROJECTION_WINDOW_DAYS
            else "since the diary began")
    if kind == "flat":
        return f"Not improving: pain has not fallen {over}, so no recovery date is projected."
    if kind == "unclear":
        return (f"Not clearly improving: {over} pain has gone up and down more than it has "
                "fallen, so no recovery date is projected.")
    if kind == "far":
        return f"At the current rate pain would not reach {_LOW} within a year of onset."
    lately = f"over the last {RECENT_PACE_DAYS // 7} weeks"
    if kind == "slowed":
        return (f"Pain has fallen {over}, but more slowly {lately}: at that pace it would not reach {_LOW} within a "
                "year of onset, so no recovery date is projected.")
    if np.isfinite(latest) and _iso(earliest) == _iso(latest):  # a range of no width says nothing more
        return f"At the current rate pain reaches {_LOW} around {_iso(central)}."
    until = f"and {_iso(latest)}" if np.isfinite(latest) else "a year after onset or later"
    rate = f"Pain has been falling more slowly {lately}: at that rate it" if kind == "slower" else \
        "At the current rate pain"
    return f"{rate} reaches {_LOW} around {_iso(central)} (likely between {_iso(earliest)} {until})."


# Trajectory classes of Downie 2016 (acute LBP, daily diary, 12 weeks), and Dunn 2006's "persistent mild" (primary
# care, 12 months; GUIDANCE §2) for a course below HIGH_PAIN that never fell: Downie's classes all fall or stay high,
# and a diary flat at 4/10 was called "incomplete recovery" ("improving, then levelling off": review 25).
TRAJECTORIES = ("rapid_recovery", "recovery_by_week_12", "incomplete_recovery", "fluctuating",
                "persistent_high", "persistent_mild", "undetermined")
MIN_TRAJECTORY_ENTRIES = 10  # too few entries to judge a shape (design choice)
RAPID_BY_DAY = 21  # rapid recovery: recovered by week 2 (Downie 2016), +1 week for the 7-day mean
WEEK_12_DAY = 84  # recovery by week 12 (Downie 2016)
FLAT_WINDOW_DAYS = 21  # "levelled off": the last 3 weeks
FLAT_SLOPE = 0.05  # points/day: ~1 point over 3 weeks, half a clinically important change
HIGH_PAIN = 5.0  # persistent high "stays high" (Downie 2016); 5 of 10 is a design choice
INCOMPLETE_ABOVE = 2.0  # incomplete "levels off above recovered" (Downie 2016); 2 is a design choice

_TRAJECTORY_COLUMNS = [c.EPISODE_ID, "trajectory", "trajectory_confidence", "trajectory_reason"]


def trajectories(entries: pd.DataFrame, as_of: object, curve: str = DEFAULT_CURVE,
                 grid: pd.DataFrame | None = None,
                 diary: PainRows | None = None, reasons: bool = True) -> pd.DataFrame:
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
    8. persistent_mild: below 5 without a clinically important fall (Dunn 2006).
    9. otherwise the most plausible, low confidence: persistent_high if current
       >= 5, else incomplete_recovery (fell, but too slowly to recover by week 12).

    Confidence is 0.9 for a shape already seen (rapid, recovered by week 12),
    0.8 for fluctuating, 0.6 for recovery after week 12, 0.4-0.9 growing with
    the day up to week 12 for levels that can still change (persistent,
    incomplete), 0.3-0.7 for heading to recovery, 0.3 for rule 8, 0 for undetermined.

    Returns columns: episode_id, trajectory, trajectory_confidence (0-1),
    trajectory_reason (a plain sentence; left out with `reasons=False`, for the summary, whose JSON has no
    such key: a sentence per episode is a twentieth of a research summary, issue 12).
    """
    get_curve(curve)
    diary = load_diary(entries, as_of, grid) if diary is None else diary
    baseline = baselines(diary, curve)
    mean, count = rolling_mean(diary)
    ok = count >= MIN_ENTRIES_7D
    day = diary.day
    lowest, first_low = np.full(diary.n, np.nan), np.full(diary.n, np.nan)
    reduce_at(np.fmin, lowest, diary.code[ok], mean[ok])
    low_mean = ok & (mean <= RECOVERED_MAX_PAIN + EPS)
    reduce_at(np.fmin, first_low, diary.code[low_mean], day[low_mean].astype(float))
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
            ("persistent_mild", ~fell & (current < HIGH_PAIN), growing),
            ("guess_high", current >= HIGH_PAIN, 0.3),
            ("guess_incomplete", np.ones(diary.n, dtype=bool), 0.3),
        ]
    which = np.select([r[1] for r in rules], np.arange(len(rules)), len(rules) - 1)
    confidence = np.select([which == i for i in range(len(rules))],
                           [np.broadcast_to(np.asarray(r[2], dtype=float), (diary.n,)) for r in rules])
    names = np.array([r[0] for r in rules])[which]
    labels = {"heading": "recovery_by_week_12", "guess_high": "persistent_high",
              "guess_incomplete": "incomplete_recovery"}
    found = {c.EPISODE_ID: diary.ids, "trajectory": [labels.get(n, n) for n in names.tolist()],
             "trajectory_confidence": np.round(confidence, 2)}
    if not reasons:
        return pd.DataFrame(found, columns=_TRAJECTORY_COLUMNS[:-1])
    found["trajectory_reason"] = [_trajectory_reason(*args) for args in zip(*(np.asarray(a).tolist() for a in (
        names, span, diary.count(), baseline, lowest, current, first_low, now, slope)), strict=True)]
    return pd.DataFrame(found, columns=_TRAJECTORY_COLUMNS)


def _trajectory_reason(name: str, span: float, n: int, baseline: float, lowest: float, current: float,
                       first_low: float, now: float, slope: float) -> str:
    if name == "undetermined":
        return (f"Too early to judge the course: {_count(span, 'day')} of diary with {_count(n, 'entry')}; "
                f"at least {MIN_DIARY_DAYS} days and {MIN_TRAJECTORY_ENTRIES} entries are needed.")
    if name == "fluctuating":
        return f"Pain fell from {baseline:.1f} to {lowest:.1f}, then rose again to {current:.1f}."
    if name == "rapid_recovery":
        return f"The 7-day average pain was {_LOW} by day {int(first_low)}."
    if name == "recovery_by_week_12":
        return f"Pain fell from {baseline:.1f} to a 7-day average of {_LOW} by day {int(first_low)}."
    if name == "persistent_high":
        return (f"Pain is still {current:.1f} on day {int(now)}, without a clinically important fall "
                f"from {baseline:.1f}.")
    if name == "heading":
        return (f"Pain is {current:.1f} on day {int(now)} and falling by {-slope:.2f} points a day; "
                f"at this rate it reaches {_LOW} by week 12.")
    if name == "incomplete_recovery":
        return f"Pain fell from {baseline:.1f} but has levelled off at {current:.1f} over the last 3 weeks."
    if name == "persistent_mild":
        return (f"Pain is {current:.1f} on day {int(now)}, below 5 but without a clinically important fall "
                f"from {baseline:.1f}.")
    if name == "guess_high":
        return f"Pain is still {current:.1f} on day {int(now)}; not yet a clear pattern."
    return (f"Pain is {current:.1f} on day {int(now)} and not falling fast enough to reach {_LOW} "
            "by week 12; not yet a clear pattern.")
