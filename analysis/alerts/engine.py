"""The alert engine: on which diary days each rule applies, and the history of each alert.

Pure and vectorised over episodes: the long frames in, frames out; `as_of` is
passed in and later entries are ignored. Rules, thresholds and wording live in
analysis.alerts.rules; the activity, recovery and medicine numbers come from
their analyses, so each is computed in one place. Windows over pain are summed
lag by lag on one calendar array (_Calendar), one numpy pass per lag for all
episodes, never a loop per patient or day.

An alert "applies" on a diary day when its rule holds on that day. The days it
applies form one alert (its `date` is the first of them) until it misses more
than BRIDGE_DIARY_DAYS diary days; it is `active` when it applies on the
episode's last diary day up to `as_of`. Red flags are held (alert_rules,
URGENT_HOLD_DAYS): an urgent alert stays active until `as_of` is more than 14
days after its last report, a see-doctor sign 7 days, unless a clinician has
seen the person about it on or after the last report (Diary.mark_seen). Diary days are the dates with an entry,
a dose or a symptom, so a red flag logged without a pain score is never lost.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.alerts import rules as r
from analysis.alerts.history import (  # noqa: F401  (re-exported: pages, CLI and tests read them here)
    ACTIVE,
    CODE,
    DETAIL,
    EVIDENCE,
    FINGERPRINT,
    HISTORY_COLUMNS,
    LAST_DATE,
    MESSAGE,
    SEEN_COLUMNS,
    SEEN_DATE,
    SEVERITY,
    alert_history,
    as_of_stamp,
    long_date,
)
from analysis.alerts.red_flags import PROGRESSIVE_MESSAGE, SEVERITY_ORDER, flagged_days
from analysis.course import activity, medication_use, recovery
from analysis.course.curve import DEFAULT_CURVE, expected_fraction
from analysis.model import columns as c
from analysis.model.vocabulary import OPIOID, PARACETAMOL, STEROID

DAY_COLUMNS = [c.EPISODE_ID, c.DATE, CODE, SEVERITY, MESSAGE, EVIDENCE]
EPS = 1e-9  # float tolerance: a value exactly at a threshold counts as at it
_OPTIONAL = {c.ONSET_DATE: "datetime64[us]", c.NORMAL_ACTIVITY: float, c.WORST_PAIN: float,
             c.ACTIVITY: float, c.BED_REST: float}


def alert_days(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame, as_of: object = None,
               curve: str = DEFAULT_CURVE, answers: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every (episode, diary day, alert) where a rule applies, up to `as_of` (None: all days).

    `answers`: questionnaire answers (episode_id, instrument, date, value; Diary.answers()): a recent
    weekly check-in decides the six-week "as active as before" rule instead of minutes.

    One row per episode, date and code (the most severe reading when a rule
    applies twice on a day), sorted by episode, date and code.
    Columns: episode_id, date, code, severity, message, evidence.
    """
    entries, doses, symptoms = _prepare(entries, doses, symptoms, as_of)
    hits = []
    if len(entries):
        cal = _Calendar(entries[c.EPISODE_ID], entries[c.DATE])
        hits += [_pain_hits(entries, cal, curve), _bed_rest_hits(entries, cal), _activity_hits(entries, cal, answers),
                 _behind_hits(entries, curve)]
    if len(symptoms):
        hits.append(_symptom_hits(symptoms))
    if len(doses):
        hits.append(_medicine_hits(doses))
    none = _hits(entries, np.zeros(len(entries), dtype=bool), _CODES[0])
    found = pd.concat([h for h in hits if len(h)] or [none], ignore_index=True)
    episode = pd.factorize(found[c.EPISODE_ID], sort=True)[0]
    day = found[c.DATE].to_numpy().astype("datetime64[D]").astype(np.int64)
    rule, rank, message = (found[col].to_numpy() for col in ("_rule", "_rank", "_message"))
    order = np.lexsort((rank, rule, day, episode))  # per episode, date and rule: most severe first
    first = (np.diff(episode[order]) != 0) | (np.diff(day[order]) != 0) | (np.diff(rule[order]) != 0)
    order = order[np.r_[True, first]] if len(order) else order
    return pd.DataFrame({
        c.EPISODE_ID: found[c.EPISODE_ID].to_numpy()[order],
        c.DATE: found[c.DATE].to_numpy().astype("datetime64[us]")[order],
        CODE: pd.Series(np.array(_CODES, dtype=object)[rule[order]], dtype=object),
        SEVERITY: pd.Series(np.array(list(SEVERITY_ORDER), dtype=object)[rank[order] // 10], dtype=object),
        MESSAGE: pd.Series(np.array(_MESSAGES, dtype=object)[message[order]], dtype=object),
        EVIDENCE: pd.Series(np.array([x.evidence for x in r.RULES.values()], dtype=object)[rule[order]], dtype=object),
    }, columns=DAY_COLUMNS)


# Hits carry integer codes (sorting text columns of 300,000 rows costs seconds): the rule's position
# in RULES, 10 x severity rank + pick, and the message's position in _MESSAGES.
_CODES = list(r.RULES)
_MESSAGES = [each.message for each in r.RULES.values()] + [PROGRESSIVE_MESSAGE, r.PARACETAMOL_OVERDOSE_MESSAGE,
                                                           r.OVER_COUNTER_MESSAGE]


def _prepare(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame,
             as_of: object) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Check the three frames once, fill optional entry columns, and drop rows after `as_of`."""
    stamp = as_of_stamp(as_of)
    frames = []
    for frame, required, what in ((entries, [c.EPISODE_ID, c.DATE, c.PAIN], "diary entries"),
                                  (doses, c.DOSE_COLUMNS[:3] + [c.DRUG_CLASS, c.COUNT, c.TOTAL_MG], "doses"),
                                  (symptoms, c.SYMPTOM_COLUMNS, "symptoms")):
        activity.check_frame(frame, required, what)  # a DataFrame, the columns, episode ids, datetime64 dates
        frame = frame.assign(**{c.DATE: pd.to_datetime(frame[c.DATE]).dt.normalize().astype("datetime64[us]")})
        frames.append(frame if stamp is None else frame[frame[c.DATE] <= stamp])
    entries, doses, symptoms = frames
    fill = {col: pd.Series(np.nan, index=entries.index, dtype=dtype) for col, dtype in _OPTIONAL.items()
            if col not in entries}
    return entries.assign(**fill), doses, symptoms


def _hits(frame: pd.DataFrame, mask: np.ndarray, code: str, severity: str | None = None,
          message: str | None = None, pick: int = 0) -> pd.DataFrame:
    """One rule's hits: the rows of `frame` where `mask` holds; severity/message None: the rule's own.

    When one rule applies twice on a day (two readings), the lower 10 x severity rank + pick wins.
    """
    rule = _CODES.index(code)
    rank = SEVERITY_ORDER[severity or r.RULES[code].severity]
    return pd.DataFrame({c.EPISODE_ID: frame[c.EPISODE_ID].to_numpy()[mask], c.DATE: frame[c.DATE].to_numpy()[mask],
                         "_rule": rule, "_rank": 10 * rank + pick,
                         "_message": rule if message is None else _MESSAGES.index(message)})


class _Calendar:
    """Each episode's calendar days end to end in one array, PAD empty days before each.

    Why: "k days earlier" is then k slots back for every episode at once, and
    the pads keep windows inside their episode. Sums run lag by lag over small
    numbers, so a mean of 7, 7 and 7 is exactly 7 (no long cumulative sums).
    """

    # longer than any look-back: the recent level's window, a 14-day mean taken 5 days back (a flare)
    PAD = max(r.LEVEL_DAYS, r.FLARE_RECENT_DAYS + r.FLARE_BASELINE_DAYS, r.WORST_FLAT_DAYS, r.WORST_NOISE_DAYS + 1)

    def __init__(self, episode_ids: pd.Series, dates: pd.Series) -> None:
        self.code, self.ids = pd.factorize(episode_ids, sort=True)
        self.day = dates.to_numpy().astype("datetime64[D]").astype(np.int64)
        n = len(self.ids)
        frame = pd.DataFrame({"code": self.code, "day": self.day}).groupby("code")["day"]
        self.first = frame.min().reindex(range(n)).to_numpy(dtype=np.int64)
        length = frame.max().reindex(range(n)).to_numpy(dtype=np.int64) - self.first + 1
        self.start = self.PAD * np.arange(1, n + 1) + np.cumsum(length) - length
        self.size = int(self.PAD * (n + 1) + length.sum())
        self.slot = self.start[self.code] + self.day - self.first[self.code]

    def spread(self, values: np.ndarray) -> np.ndarray:
        """Per-row values laid on the calendar, NaN on days without one."""
        out = np.full(self.size, np.nan)
        out[self.slot] = values
        return out

    def _sums(self, values: np.ndarray, days: int) -> tuple[np.ndarray, np.ndarray]:
        """(sum, count) of the values in the last `days` slots, for every slot."""
        present = (~np.isnan(values)).astype(float)
        filled = np.where(present > 0, values, 0.0)
        total, count = np.zeros(self.size), np.zeros(self.size)
        for k in range(days):
            total[self.PAD:] += filled[self.PAD - k:self.size - k]
            count[self.PAD:] += present[self.PAD - k:self.size - k]
        return total, count

    def mean(self, values: np.ndarray, days: int, min_count: int) -> np.ndarray:
        """Per slot: mean of the values in the last `days` calendar days; NaN with fewer than `min_count`."""
        total, count = self._sums(values, days)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(count >= min_count, total / count, np.nan)

    def slope(self, values: np.ndarray, days: int, min_count: int, at: np.ndarray) -> np.ndarray:
        """Least-squares slope per day of the values in the `days` calendar days ending at slots `at`."""
        present = ~np.isnan(values)
        n, sx, sy, sxy, sxx = (np.zeros(len(at)) for _ in range(5))
        for k in range(days):  # x = -k: the day k days before
            p = present[at - k]
            y = np.where(p, values[at - k], 0.0)
            n += p
            sy += y
            sx -= k * p
            sxy -= k * y
            sxx += (k * k) * p
        with np.errstate(invalid="ignore", divide="ignore"):
            spread = n * sxx - sx * sx
            return np.where((n >= min_count) & (spread > 0), (n * sxy - sx * sy) / spread, np.nan)

    def line(self, values: np.ndarray, days: int, at: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per slot `at`: the least-squares line through the values of the last `days` calendar days.

        Returns (count, slope per day, residual variance around the line (NaN below 3 values), the days'
        centred sum of squares: the slope's variance is the residual variance over it).
        """
        present = ~np.isnan(values)
        n, sx, sy, sxy, sxx, syy = (np.zeros(len(at)) for _ in range(6))
        for k in range(days):  # x = -k: the day k days before
            p = present[at - k]
            y = np.where(p, values[at - k], 0.0)
            n += p
            sy += y
            syy += y * y
            sx -= k * p
            sxy -= k * y
            sxx += (k * k) * p
        with np.errstate(invalid="ignore", divide="ignore"):
            spread = n * sxx - sx * sx
            slope = np.where(spread > 0, (n * sxy - sx * sy) / spread, np.nan)
            # residual sum of squares: S_yy - slope^2 S_xx, both centred
            centred = sxx - sx * sx / n
            rss = (syy - sy * sy / n) - slope * slope * centred
            variance = np.where(n >= 3, np.maximum(rss, 0.0) / np.maximum(n - 2, 1.0), np.nan)
        return n, slope, variance, centred

    def count(self, flags: np.ndarray, days: int) -> np.ndarray:
        """Per row: on how many of the last `days` calendar days the per-row `flags` were set."""
        return self._sums(self.spread(np.where(flags, 1.0, np.nan)), days)[1][self.slot]

    def hold(self, on: np.ndarray, keep: np.ndarray) -> np.ndarray:
        """Per row: `on`, or on earlier in its episode with `keep` every diary day since (hysteresis)."""
        order = np.argsort(self.slot, kind="stable")  # rows in calendar order: by episode, then date
        row = np.arange(len(order))
        first = np.searchsorted(self.code[order], self.code[order])  # first row of each row's episode
        last_on = np.maximum.accumulate(np.where(on[order], row, -1))
        last_off = np.maximum.accumulate(np.where(keep[order] | on[order], -1, row))
        held = np.empty(len(order), dtype=bool)
        held[order] = (last_on >= first) & (last_on > last_off)
        return held

    def lag(self, values: np.ndarray, k: int) -> np.ndarray:
        """Per slot: the value k calendar days earlier (NaN before the episode starts)."""
        out = np.full(self.size, np.nan)
        out[self.PAD:] = values[self.PAD - k:self.size - k]
        return out


# ---- the rules -----------------------------------------------------------------------------------

def _pain_hits(entries: pd.DataFrame, cal: _Calendar, curve: str = DEFAULT_CURVE) -> pd.DataFrame:
    """Worst pain persisting after a week, and a flare (seeds; Ostelo 2008; Menezes Costa 2012)."""
    pain = cal.spread(entries[c.PAIN].to_numpy(dtype=float, na_value=np.nan))
    worst = cal.spread(entries[c.WORST_PAIN].to_numpy(dtype=float, na_value=np.nan))
    worst = np.where(np.isnan(worst), pain, worst)
    after_week = _persisting(pain, worst, cal, _days_since_onset(entries, cal), curve)
    return pd.concat([_hits(entries, after_week, "worst_pain_after_week"),
                      _hits(entries, _flare(pain, cal)[cal.slot], "pain_worsening")], ignore_index=True)


def _persisting(pain: np.ndarray, worst: np.ndarray, cal: _Calendar, since_onset: np.ndarray,
                curve: str) -> np.ndarray:
    """Per row: the worst pain persists (alert_rules, "worst pain after a week"): a flat course fits better.

    Running sums per episode in calendar order give, on every diary day, the least-squares fit of
    the expected course (through the origin, y = L x fraction) and of the flat course (two levels).
    """
    y = ((pain + worst) / 2)[cal.slot]
    fraction = np.where(np.isnan(y), np.nan, expected_fraction(since_onset, curve))
    first = cal.day - cal.first[cal.code] < r.FIRST_DAYS
    present = ~np.isnan(y)
    yz, fz = np.where(present, y, 0.0), np.where(present, fraction, 0.0)
    order = np.argsort(cal.slot, kind="stable")  # rows by episode, then date
    start = np.searchsorted(cal.code[order], cal.code[order])  # each row's episode's first position

    def running(values: np.ndarray) -> np.ndarray:
        total = np.cumsum(values[order])
        out = np.empty(len(values))
        out[order] = total - np.r_[0.0, total][start]
        return out

    sf2, sfy, n = running(fz * fz), running(fz * yz), running(present.astype(float))
    parts = []
    for part in (first & present, ~first & present):
        k, s1, s2 = running(part.astype(float)), running(np.where(part, yz, 0.0)), running(np.where(part, yz * yz, 0.0))
        with np.errstate(invalid="ignore", divide="ignore"):
            parts.append(np.where(k > 0, s2 - s1 * s1 / np.maximum(k, 1.0), 0.0))
    sy2, sy, sf = running(yz * yz), running(yz), running(fz)
    gap = ((worst - pain) / 2)[cal.slot]  # y's share of the worst pain's lead over the pain
    with np.errstate(invalid="ignore", divide="ignore"):
        # the expected course is fitted to y minus the mean lead so far: the worst pain a steady step above the
        # pain is no reason for the course not to go through zero
        lead = running(np.where(present, gap, 0.0)) / n
        sfy_own = sfy - lead * sf
        level = sfy_own / sf2  # L: the person's onset pain on the published course
        rss_expected = np.maximum(sy2 - 2 * lead * sy + n * lead * lead - sfy_own * level, 0.0)
        rss_flat = np.maximum(parts[0] + parts[1], 0.0)
        # the noise leaves out the flat course's largest residual, so one odd day (a dip, a bad day) does not
        # swamp the evidence of a diary that is otherwise steady
        late = ~first & present
        level_late = running(np.where(late, yz, 0.0)) / running(late.astype(float))
        # running highest and lowest y since the first days, per episode: a running maximum over episodes laid
        # 100 apart (y is 0-10, -50 stands for "none yet"), so one accumulate serves them all
        episode = cal.code[order].astype(float) * 100.0
        high, low = np.empty(len(y)), np.empty(len(y))
        high[order] = np.maximum.accumulate(np.where(late, y, -50.0)[order] + episode) - episode
        low[order] = -(np.maximum.accumulate(np.where(late, -y, -50.0)[order] + episode) - episode)
        largest = np.maximum((high - level_late) ** 2, (level_late - low) ** 2)
        largest = np.where((high > -50.0) & ~np.isnan(level_late), largest, 0.0)
        noise = np.maximum((rss_flat - largest) / np.maximum(n - 3.0, 1.0), r.NOISE_FLOOR_POINTS ** 2)
        evidence = (rss_expected - rss_flat) / noise
    recent_y = cal.mean(cal.spread(y), r.LEVEL_DAYS, r.LEVEL_MIN_ENTRIES)[cal.slot]
    recent_f = cal.mean(cal.spread(fraction), r.LEVEL_DAYS, r.LEVEL_MIN_ENTRIES)[cal.slot]
    above = recent_y - lead > level * recent_f + EPS  # the last days lie above the expected course
    worst_7d = cal.mean(worst, r.LEVEL_DAYS, r.LEVEL_MIN_ENTRIES)[cal.slot]
    early = first & ~np.isnan(worst[cal.slot])
    count = len(cal.ids)
    with np.errstate(invalid="ignore", divide="ignore"):
        early = (np.bincount(cal.code[early], worst[cal.slot][early], minlength=count)
                 / np.bincount(cal.code[early], minlength=count))[cal.code]
    fall = early - worst_7d
    high = ((worst_7d >= r.MODERATE_WORST_PAIN - EPS) & (fall < r.IMPORTANT_FALL_POINTS - EPS)
            & (fall < r.IMPORTANT_FALL_SHARE * early - EPS))  # NaN: False
    still = high & above
    on = still & (since_onset >= r.WEEK_1_DAY) & (evidence >= r.PERSISTING_EVIDENCE - EPS)
    # the worst pain's own plateau (alert_rules, WORST_FLAT_*), held while the worst pain stays 5+ without an
    # important fall; once on, a noisy day that weakens the evidence ends neither
    flat = high & _worst_flat(worst, level, cal, since_onset)
    return cal.hold(on, still) | cal.hold(flat, high)


def _worst_flat(worst: np.ndarray, level: np.ndarray, cal: _Calendar, since_onset: np.ndarray) -> np.ndarray:
    """Per row: the worst pain's own course is flat while the average course would be falling (seeds: "if the
    worst pain persists after a week"): the worst pain can stay high while the average pain eases.

    Over the last WORST_FLAT_DAYS calendar days the worst pain's least-squares slope lies at least
    WORST_FLAT_Z standard errors above the slope the average course (Menezes Costa 2012, scaled to the
    person: `level`) has over the same days. The standard error comes from the worst pain's own noise
    (its scatter around the line, or its day-to-day changes over WORST_NOISE_DAYS if larger, at least
    WORST_FLAT_NOISE_FLOOR), so a noisy diary needs more to pass the bar, never less.
    """
    at = cal.slot
    n, slope, variance, spread = cal.line(worst, r.WORST_FLAT_DAYS, at)
    # the average course's slope over the same logged days, at the person's level
    logged = ~np.isnan(worst[at])
    course = cal.spread(np.where(logged, expected_fraction(since_onset), np.nan))
    _, course_slope, _, _ = cal.line(course, r.WORST_FLAT_DAYS, at)
    with np.errstate(invalid="ignore", divide="ignore"):
        # the noise: the larger of the scatter around the line and half the mean squared day-to-day change over
        # a longer stretch (more values: a chance quiet run of a few days does not make a noisy diary look sure)
        step = worst - cal.lag(worst, 1)
        changes = cal.mean(step * step, r.WORST_NOISE_DAYS, r.WORST_FLAT_MIN_ENTRIES)[at] / 2
        noise = np.fmax(np.fmax(variance, changes), r.WORST_FLAT_NOISE_FLOOR ** 2)
        error = np.sqrt(noise / spread)
        z = (slope - level * course_slope) / error
    return (since_onset >= r.WORST_FLAT_FROM_DAY) & (n >= r.WORST_FLAT_MIN_ENTRIES) & (z >= r.WORST_FLAT_Z - EPS)



def _days_since_onset(entries: pd.DataFrame, cal: _Calendar) -> np.ndarray:
    """Per row: days since the episode's onset (its first diary day when the onset is unknown)."""
    onset = pd.Series(entries[c.ONSET_DATE].to_numpy().astype("datetime64[D]")).groupby(cal.code).min()
    onset = onset.reindex(range(len(cal.ids))).to_numpy().astype("datetime64[D]").astype(np.int64)
    return cal.day - np.where(onset == np.datetime64("NaT").astype(np.int64), cal.first, onset)[cal.code]


def _flare(pain: np.ndarray, cal: _Calendar) -> np.ndarray:
    """Pain on at least FLARE_HIGH_DAYS of the last FLARE_RECENT_DAYS days 3+, and 2 points and 30% above
    the mean of the 2 weeks before (Ostelo 2008)."""
    recent_days = np.stack([cal.lag(pain, k) for k in range(r.FLARE_RECENT_DAYS)])
    logged = (~np.isnan(recent_days)).sum(axis=0)
    # the FLARE_HIGH_DAYS-th highest logged value: it is reached on at least that many days
    ranked = -np.sort(-np.where(np.isnan(recent_days), -np.inf, recent_days), axis=0)
    recent = np.where(logged >= r.FLARE_HIGH_DAYS, ranked[r.FLARE_HIGH_DAYS - 1], np.nan)
    best = cal.mean(pain, r.FLARE_BASELINE_DAYS, r.FLARE_BASELINE_MIN_ENTRIES)
    best = cal.lag(best, r.FLARE_RECENT_DAYS)  # the 14 days before the recent days
    with np.errstate(invalid="ignore"):
        return ((recent >= best + r.FLARE_POINTS - EPS) & (recent >= best * (1 + r.FLARE_SHARE) - EPS)
                & (recent >= r.FLARE_MIN_PAIN - EPS))


def _bed_rest_hits(entries: pd.DataFrame, cal: _Calendar) -> pd.DataFrame:
    """A bed-rest day (BED_REST_HOURS, 8 h, or more) with more than two of them in the last 7 days
    (NHS; Cochrane 2010)."""
    with np.errstate(invalid="ignore"):
        bed_day = entries[c.BED_REST].to_numpy(dtype=float, na_value=np.nan) >= r.BED_REST_HOURS - EPS
    return _hits(entries, bed_day & (cal.count(bed_day, r.BED_REST_WINDOW_DAYS) > r.BED_REST_MAX_DAYS),
                 "bed_rest_over_2_days")


def _recent_check_in(daily: pd.DataFrame, answers: pd.DataFrame | None) -> np.ndarray:
    """Per row of `daily`: the mean of the latest weekly check-in (PSFS) on or before its date, within
    PSFS_RECENT_DAYS; NaN without one."""
    none = np.full(len(daily), np.nan)
    if answers is None or answers.empty:
        return none
    mine = answers[answers["instrument"] == r.PSFS_INSTRUMENT]
    if mine.empty:
        return none
    checks = (mine.assign(date=pd.to_datetime(mine[c.DATE]).astype("datetime64[ns]"))
              .groupby([c.EPISODE_ID, c.DATE])["value"].mean().rename("psfs").reset_index()
              .astype({c.EPISODE_ID: "int64"}).sort_values(c.DATE))
    rows = pd.DataFrame({c.EPISODE_ID: daily[c.EPISODE_ID].astype("int64").to_numpy(),
                         c.DATE: daily[c.DATE].to_numpy().astype("datetime64[ns]"), "_row": np.arange(len(daily))})
    found = pd.merge_asof(rows.sort_values(c.DATE), checks, on=c.DATE, by=c.EPISODE_ID, direction="backward",
                          tolerance=pd.Timedelta(days=r.PSFS_RECENT_DAYS))
    none[found["_row"].to_numpy()] = found["psfs"].to_numpy(dtype=float)
    return none


def _activity_hits(entries: pd.DataFrame, cal: _Calendar, answers: pd.DataFrame | None = None) -> pd.DataFrame:
    """Activity falling, not built up by week 3, not as active as before by week 6 (by a recent weekly check-in
    when there is one, else by minutes); pain persisting at week 6 (info)."""
    daily = activity.daily_activity(entries)
    check_in = _recent_check_in(daily, answers)
    pain = cal.spread(entries[c.PAIN].to_numpy(dtype=float, na_value=np.nan))
    pain_7d = cal.mean(pain, r.PAIN_WEEK_DAYS, r.PAIN_WEEK_MIN_ENTRIES)
    code = cal.ids.get_indexer(daily[c.EPISODE_ID])
    pain_7d = pain_7d[cal.start[code] - cal.first[code]
                      + daily[c.DATE].to_numpy().astype("datetime64[D]").astype(np.int64)]
    day = daily[c.DAY].to_numpy()
    share = daily[activity.SHARE_OF_NORMAL_7D].to_numpy()
    mean_7d = daily[activity.MEAN_7D].to_numpy()
    with np.errstate(invalid="ignore"):
        below_normal = ~(share >= 1.0)  # unknown normal counts as below
        not_as_active = share < r.NORMAL_ACTIVITY_SHARE - EPS
        declining = ((day >= r.DECLINE_FROM_DAY) & below_normal
                     & (daily[activity.TREND_14D].to_numpy() <= r.ACTIVITY_DECLINE_PER_DAY + EPS))
        stuck = ((day >= r.WEEK_3_DAY) & ~(share >= r.NORMAL_ACTIVITY_SHARE - EPS)
                 & (mean_7d < daily[activity.FIRST_WEEK_MEAN].to_numpy() + r.PROGRESS_MARGIN_MINUTES - EPS))
        # seeds: "still not as active as before"; the person's own check-in says it best when there is one
        not_recovered = (day >= r.WEEK_6_DAY) & np.where(np.isnan(check_in), not_as_active,
                                                          check_in < r.PSFS_AS_BEFORE_MEAN - EPS)
        pain_persisting = (day >= r.WEEK_6_DAY) & (pain_7d >= r.NOT_RECOVERED_PAIN - EPS)
    return pd.concat([_hits(daily, mask, name) for mask, name in (
        (declining, "activity_declining"), (stuck, "no_activity_progress_3w"),
        (not_recovered, "not_recovered_6w"), (pain_persisting, "pain_persisting_6w"))], ignore_index=True)


def _behind_hits(entries: pd.DataFrame, curve: str) -> pd.DataFrame:
    """The recovery analysis says 'behind' the expected course (Menezes Costa 2012)."""
    course = recovery.daily_course(entries, curve=curve)
    return _hits(course, (course["status"] == "behind").to_numpy(), "behind_expected_curve")


def _symptom_hits(symptoms: pd.DataFrame) -> pd.DataFrame:
    """Red flags from the warning symptoms (GUIDANCE.md §4; analysis.alerts.red_flags)."""
    flagged = flagged_days(symptoms)
    code, own = flagged["code"].to_numpy(), flagged["message"].isna().to_numpy()
    return pd.concat([_hits(flagged, (code == name) & (own == mine), name, message=None if mine else
                            PROGRESSIVE_MESSAGE, pick=int(not mine))  # the rule's own words win a tie
                      for name in set(code) for mine in (True, False)] or [_hits(flagged, own, _CODES[0])],
                     ignore_index=True)


def _medicine_hits(doses: pd.DataFrame) -> pd.DataFrame:
    """Opioids too long, daily maximum exceeded, two NSAIDs, paracetamol alone, oral steroids
    (GUIDANCE.md §5). Above the over-the-counter maximum only is information, above the adult
    maximum a warning, paracetamol above 4,000 mg urgent."""
    totals = medication_use.daily_totals(doses)
    opioid = (totals[c.DRUG_CLASS] == OPIOID).to_numpy() & (totals[medication_use.CLASS_RUN_DAYS].to_numpy()
                                                            > r.OPIOID_MAX_DAYS)
    over_counter = totals[medication_use.OVER_LIMIT].to_numpy()
    over = totals[medication_use.OVER_PRESCRIBED_MAX].to_numpy()
    paracetamol = over & (totals[c.MEDICINE] == PARACETAMOL).to_numpy()
    nsaids = medication_use.nsaids_per_day(doses)
    two = (nsaids[medication_use.NSAID_COUNT] >= 2).to_numpy()
    # only dose dates can be paracetamol-only days, so the diary dates are not needed here
    days = medication_use.painkiller_days(doses, pd.DataFrame({c.EPISODE_ID: [], c.DATE: doses[c.DATE].iloc[:0]}))
    only = days[medication_use.PARACETAMOL_ONLY].to_numpy(dtype=bool)
    cal = _Calendar(days[c.EPISODE_ID], days[c.DATE])
    alone = only & (cal.count(only, r.PARACETAMOL_WINDOW_DAYS) >= r.PARACETAMOL_ALONE_DAYS)
    return pd.concat([
        _hits(totals, opioid, "codeine_over_3_days"),
        _hits(totals, paracetamol, "daily_dose_exceeded", r.URGENT, r.PARACETAMOL_OVERDOSE_MESSAGE),
        _hits(totals, over & ~paracetamol, "daily_dose_exceeded"),
        _hits(totals, over_counter & ~over, "daily_dose_exceeded", r.INFO, r.OVER_COUNTER_MESSAGE),
        _hits(nsaids, two, "two_nsaids_same_day"),
        _hits(days, alone, "paracetamol_alone"),
        _steroid_hits(doses),
    ], ignore_index=True)


def _steroid_hits(doses: pd.DataFrame) -> pd.DataFrame:
    """Oral steroids on STEROID_MIN_DAYS+ of the last STEROID_WINDOW_DAYS calendar days (issue 9)."""
    days = medication_use.class_days(doses, (STEROID,))
    taken = days[medication_use.TAKEN].to_numpy(dtype=bool)
    cal = _Calendar(days[c.EPISODE_ID], days[c.DATE])
    return _hits(days, taken & (cal.count(taken, r.STEROID_WINDOW_DAYS) >= r.STEROID_MIN_DAYS),
                 "oral_steroid_7_days")


def alerts(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame, as_of: object = None,
           curve: str = DEFAULT_CURVE, seen: pd.DataFrame | None = None,
           answers: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every alert that fired up to `as_of`, with whether it is still active (see alert_history).

    `seen`: the dated "a clinician has seen me about this" actions (SEEN_COLUMNS; Diary.seen()).
    `answers`: questionnaire answers (Diary.answers()): the weekly check-in feeds the six-week rule.
    """
    days = alert_days(entries, doses, symptoms, as_of, curve, answers)
    return alert_history(days, entries, as_of, doses, symptoms, seen)


def visible(history: pd.DataFrame, acknowledged: set[tuple[int, str]]) -> pd.DataFrame:
    """Active alerts to show: urgent always, others unless this run's (episode_id, fingerprint) is acknowledged.

    Same columns as alert_history.
    """
    active = history[history[ACTIVE].astype(bool)]
    keys = pd.MultiIndex.from_arrays([active[c.EPISODE_ID].astype("int64"), active[FINGERPRINT].astype(str)])
    seen = keys.isin(list(acknowledged)) if acknowledged else np.zeros(len(active), dtype=bool)
    return active[(active[SEVERITY] == r.URGENT).to_numpy() | ~seen]
