"""What goes with better days: links in a patient's own diary between a day and the next day's pain.

For each episode this compares what happened on a diary day with the pain
logged on the following calendar day:

* activity_same_day: active minutes on day t against pain on day t+1;
* activity_day_before: active minutes on day t-1 against pain on day t+1,
  using only days t-1, t and t+1 that are all in the diary (a delayed effect);
* medicine:<name>: mean pain on day t+1 after days t with the medicine minus
  after days t without it.

Pain falls over an episode for everyone, and medicines are taken and
activity is lower on the early, bad days, so raw comparisons mix the recovery
trend with the factor. Next-day pain is therefore first detrended within each
episode (a quadratic in time since onset, fitted by least squares), and the
comparisons use the residuals: "lower than usual for this point of the
recovery". Each row carries its size and a 95% interval; a direction is only
given when the interval excludes no effect. A first-line medicine (an NSAID or
paracetamol) that goes with more pain is worded neutrally, as taken on days
with more pain, never as "worse".

Only pairs of consecutive calendar days present in the diary are used; a
factor with fewer than `min_days` usable pairs gets no row at all, so nothing
is said from too few days. These are associations, not causes: on worse days
people move less and take more medicine, and every row carries that caveat.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.course.medication_use import DoseLog, read_doses
from analysis.model import columns as c
from analysis.model.errors import ValidationError
from analysis.model.frames import check_frame, numbers, sort_by_episode
from analysis.model.vocabulary import NSAID, PARACETAMOL

# Derived column names returned by this module.
FACTOR = "factor"
LABEL = "label"
N_DAYS = "n_days"
CORRELATION = "correlation"
PAIN_DIFFERENCE = "pain_difference"
DIRECTION = "direction"
CAVEAT = "caveat"
CI_LOW = "ci_low"
CI_HIGH = "ci_high"
STATEMENT = "statement"
IN_WORDS = "in_words"  # the statement without its figures, for the person's own page

ACTIVITY_SAME_DAY = "activity_same_day"
ACTIVITY_DAY_BEFORE = "activity_day_before"
MEDICINE_PREFIX = "medicine:"
LABELS = {
    ACTIVITY_SAME_DAY: "More active minutes on a day, and pain the next day",
    ACTIVITY_DAY_BEFORE: "More active minutes on a day, and pain two days later",
}
BETTER = "better"
WORSE = "worse"
NO_CLEAR_LINK = "no clear link"
TAKEN_ON_BAD_DAYS = "taken on days with more pain"  # first-line medicine with more pain: neutral words
FIRST_LINE_CLASSES = (NSAID, PARACETAMOL)  # GUIDANCE section 5 / NICE NG59: first-line medicines
Z_95 = 1.96  # 95% intervals
SPEARMAN_SE = 1.06  # Fieller 1957: se of atanh(Spearman rho) is about 1.06 / sqrt(n - 3)
CAVEAT_TEXT = ("This is an association in your own diary, not proof of cause and effect: "
               "on worse days people often move less and take more medicine.")

DEFAULT_MIN_DAYS = 14  # project choice: two weeks of day pairs before saying anything
MIN_ALLOWED_DAYS = 3  # a rank correlation needs at least 3 pairs
MIN_CORRELATION = 0.3  # Cohen 1988: |rho| 0.3 is a "medium" correlation; below it: no clear link
MIN_PAIN_DIFFERENCE = 1.0  # points of 0-10: half the clinically important 2 points (Ostelo 2008, GUIDANCE §3)
MIN_DAYS_EACH_SIDE = 5  # project choice: each mean (with / without the medicine) rests on 5+ days

_RESULT_COLUMNS = [c.EPISODE_ID, FACTOR, LABEL, N_DAYS, CORRELATION, PAIN_DIFFERENCE, DIRECTION, CAVEAT,
                   CI_LOW, CI_HIGH, STATEMENT, IN_WORDS]


def _check_min_days(min_days: object) -> int:
    if isinstance(min_days, bool) or not isinstance(min_days, int | np.integer) \
            or min_days < MIN_ALLOWED_DAYS:
        raise ValidationError(f"min_days must be a whole number of at least {MIN_ALLOWED_DAYS}, "
                              f"not {min_days!r}.")
    return int(min_days)


def _diary_pairs(entries: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """One row per diary day t with the neighbouring days' values when they are in the diary.

    Returns (days, episodes): days has columns code, dnum, pain_next (day
    t+1 detrended within the episode, NaN unless t+1 is in the diary) and, for the rank correlations, the
    order codes of activity (day t), activity_before (day t-1, NaN unless t-1
    is in the diary) and pain_next; episodes maps code -> EPISODE_ID.
    """
    what = "diary entries"
    check_frame(entries, [c.EPISODE_ID, c.DATE, c.PAIN, c.ACTIVITY], what)
    order, code, dnum, episodes = sort_by_episode(entries, what)
    pain = numbers(entries, c.PAIN, what)[order]
    activity = _order_codes(numbers(entries, c.ACTIVITY, what)[order])
    follows = np.zeros(len(code), dtype=bool)  # row i is the calendar day after row i-1
    follows[1:] = (code[1:] == code[:-1]) & (np.diff(dnum) == 1)
    activity_before = np.full(len(code), np.nan)
    activity_before[1:] = np.where(follows[1:], activity[:-1], np.nan)
    pain_next = np.full(len(code), np.nan)
    pain_next[:-1] = np.where(follows[1:], pain[1:], np.nan)
    pain_next = detrend(code, dnum.astype(float), pain_next)
    days = pd.DataFrame({"code": code, "dnum": dnum, "pain_next": pain_next, "activity": activity,
                         "activity_before": activity_before, "pain_next_order": _order_codes(pain_next)})
    return days, episodes


def detrend(code: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Residuals of ``y`` from a quadratic in ``x`` fitted within each code (NaN kept).

    Why: the recovery trend (pain falling with time since onset) would
    otherwise make anything done on early days look "worse". Fitted for all
    episodes at once from per-code sums (batched 3x3 normal equations, x
    centred and scaled per code); a code with under 4 known values, or too few
    distinct days, is only centred on its mean.
    """
    known = ~np.isnan(y)
    n_codes = int(code.max(initial=-1)) + 1
    out = np.full(len(y), np.nan)
    if not known.any():
        return out
    k_code, kx, ky = code[known], x[known], y[known]
    count = np.bincount(k_code, minlength=n_codes).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = np.bincount(k_code, kx, minlength=n_codes) / count
        spread = np.sqrt(np.bincount(k_code, (kx - centre[k_code]) ** 2, minlength=n_codes) / count)
        t = (kx - centre[k_code]) / np.where(spread > 0, spread, 1.0)[k_code]
    powers = np.stack([np.ones_like(t), t, t * t], axis=1)
    gram = np.zeros((n_codes, 3, 3))
    rhs = np.zeros((n_codes, 3))
    for i in range(3):
        rhs[:, i] = np.bincount(k_code, powers[:, i] * ky, minlength=n_codes)
        for j in range(3):
            gram[:, i, j] = np.bincount(k_code, powers[:, i] * powers[:, j], minlength=n_codes)
    full = (count >= 4) & (np.abs(np.linalg.det(gram)) > 1e-9 * np.maximum(count, 1) ** 3)
    coef = np.zeros((n_codes, 3))
    if full.any():
        coef[full] = np.linalg.solve(gram[full], rhs[full][..., None])[..., 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        coef[~full, 0] = rhs[~full, 0] / count[~full]
    fitted = (powers * coef[k_code]).sum(axis=1)
    out[known] = ky - fitted
    return out


def _order_codes(values: np.ndarray) -> np.ndarray:
    """Dense ranks 0, 1, 2... over all episodes (ties equal, NaN kept): rank correlations
    only need the order, and coding once here saves a sort per correlation."""
    codes = np.unique(values, return_inverse=True)[1]
    return np.where(np.isnan(values), np.nan, codes)


def _ranks_within(code: np.ndarray, order_codes: np.ndarray) -> np.ndarray:
    """Rank values within each code, ties averaged (1 = smallest), like scipy.stats.rankdata.

    Vectorised: the values' order codes are packed with the episode code into
    one integer key and sorted once; the rank of a value is its position in
    its episode's sorted block plus half its tie count.
    """
    dense = order_codes.astype(np.int64)
    width = int(dense.max(initial=0)) + 1
    unique, inverse, ties = np.unique(code * width + dense, return_inverse=True, return_counts=True)
    first = np.cumsum(ties) - ties  # sorted position of each distinct (code, value)
    block = unique // width
    rank = first - first[np.searchsorted(block, block)] + (ties + 1) / 2.0
    return rank[inverse]


def _spearman(code: np.ndarray, x: np.ndarray, y: np.ndarray) -> pd.DataFrame:
    """Spearman rank correlation of x and y (order codes) within each code, where both are known.

    Ranks within each code (ties averaged), then the Pearson correlation of
    the centred ranks from per-code sums. Returns columns code, n_days,
    correlation (NaN when either side is constant).
    """
    keep = ~np.isnan(x) & ~np.isnan(y)
    group = code[keep]
    size = np.bincount(group) if len(group) else np.zeros(0, dtype=np.int64)
    centre = (size[group] + 1) / 2.0  # average ranks always have mean (n + 1) / 2
    rx = _ranks_within(group, x[keep]) - centre
    ry = _ranks_within(group, y[keep]) - centre
    sxy, sxx, syy = (np.bincount(group, weights=w, minlength=len(size)) for w in (rx * ry, rx * rx, ry * ry))
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = sxy / np.sqrt(sxx * syy)
    present = np.flatnonzero(size)
    return pd.DataFrame({"code": present, N_DAYS: size[present], CORRELATION: rho[present]})


def _activity_rows(days: pd.DataFrame, min_days: int) -> pd.DataFrame:
    """Rows for activity_same_day and activity_day_before with at least min_days pairs."""
    code = days["code"].to_numpy()
    pain_next = days["pain_next_order"].to_numpy()
    parts = []
    for factor, column in ((ACTIVITY_SAME_DAY, "activity"), (ACTIVITY_DAY_BEFORE, "activity_before")):
        result = _spearman(code, days[column].to_numpy(), pain_next)
        result = result[result[N_DAYS] >= min_days]
        rho = result[CORRELATION].to_numpy()
        n = result[N_DAYS].to_numpy().astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            z = np.arctanh(np.clip(rho, -0.999999, 0.999999))
            half = Z_95 * SPEARMAN_SE / np.sqrt(np.maximum(n - 3, 1))
            low, high = np.tanh(z - half), np.tanh(z + half)
        parts.append(result.assign(**{
            FACTOR: factor, LABEL: LABELS[factor], PAIN_DIFFERENCE: np.nan, CI_LOW: low, CI_HIGH: high,
            DIRECTION: _direction(-rho, MIN_CORRELATION, -high, -low)}))  # more activity, less pain: better
    return pd.concat(parts, ignore_index=True)


def _pain_after_medicine(log: DoseLog, episodes: np.ndarray, pairs: pd.DataFrame) -> tuple[np.ndarray, ...]:
    """For each distinct (episode, day t, medicine) taken on a usable day t: code, medicine, pain on t+1.

    Doses of episodes or on days not in the diary's usable pairs are dropped.
    Vectorised: (episode, day) pairs are packed into sorted integer keys and
    each distinct dose key is found among them by one searchsorted.
    """
    code = pd.Index(episodes).get_indexer(log.episodes)[log.code] if len(log.code) else log.code
    pair_code, pair_day = pairs["code"].to_numpy(), pairs["dnum"].to_numpy()
    day0 = min(int(log.dnum.min(initial=0)), int(pair_day.min(initial=0)))
    span = max(int(log.dnum.max(initial=0)), int(pair_day.max(initial=0))) - day0 + 1
    n_med = max(len(log.medicines), 1)
    pair_key = pair_code * span + pair_day - day0  # sorted: days come in episode, date order
    dose_key = np.sort(((code * span + log.dnum - day0) * n_med + log.med)[code >= 0])
    dose_key = dose_key[np.r_[True, dose_key[1:] != dose_key[:-1]]] if len(dose_key) else dose_key
    at = np.minimum(np.searchsorted(pair_key, dose_key // n_med), max(len(pair_key) - 1, 0))
    hit = pair_key[at] == dose_key // n_med if len(pair_key) else np.zeros(len(dose_key), dtype=bool)
    return dose_key[hit] // n_med // span, dose_key[hit] % n_med, pairs["pain_next"].to_numpy()[at[hit]]


def _medicine_rows(days: pd.DataFrame, doses: pd.DataFrame, episodes: np.ndarray,
                   min_days: int) -> pd.DataFrame:
    """Rows medicine:<name> where both days with and without it have enough pairs."""
    log = read_doses(doses)
    pairs = days[~np.isnan(days["pain_next"].to_numpy())]
    n_total = np.bincount(pairs["code"].to_numpy(), minlength=len(episodes))
    sum_total = np.bincount(pairs["code"].to_numpy(), weights=pairs["pain_next"].to_numpy(),
                            minlength=len(episodes))
    code, med, pain_next = _pain_after_medicine(log, episodes, pairs)
    n_med = max(len(log.medicines), 1)
    group, inverse = np.unique(code * n_med + med, return_inverse=True)
    n_with = np.bincount(inverse, minlength=len(group))
    sum_with = np.bincount(inverse, weights=pain_next, minlength=len(group))
    code, med = group // n_med, group % n_med
    n_without = n_total[code] - n_with
    square_total = np.bincount(pairs["code"].to_numpy(), weights=pairs["pain_next"].to_numpy() ** 2,
                               minlength=len(episodes))
    square_with = np.bincount(inverse, weights=pain_next ** 2, minlength=len(group))
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_with = sum_with / n_with
        mean_without = (sum_total[code] - sum_with) / n_without
        difference = mean_with - mean_without
        var_with = np.maximum(square_with - n_with * mean_with ** 2, 0) / (n_with - 1)
        var_without = np.maximum(square_total[code] - square_with - n_without * mean_without ** 2, 0) \
            / (n_without - 1)
        half = Z_95 * np.sqrt(var_with / n_with + var_without / n_without)  # Welch standard error
    names = np.array([str(name) for name in log.medicines], dtype=object)[med]
    med_class = np.full(max(len(log.medicines), 1), "", dtype=object)
    if len(log.med):
        med_class[log.med] = np.asarray(log.classes, dtype=object)[log.cls]
    direction = _direction(-difference, MIN_PAIN_DIFFERENCE, -(difference + half), -(difference - half))
    first_line = np.isin(med_class[med], FIRST_LINE_CLASSES)
    direction = np.where(first_line & (direction == WORSE), TAKEN_ON_BAD_DAYS, direction).astype(object)
    rows = pd.DataFrame({
        "code": code, N_DAYS: n_total[code], CORRELATION: np.nan, PAIN_DIFFERENCE: difference,
        FACTOR: MEDICINE_PREFIX + names, LABEL: "Taking " + names + " on a day, and pain the next day",
        CI_LOW: difference - half, CI_HIGH: difference + half,
        DIRECTION: direction})  # lower pain after it: better
    enough = (n_total[code] >= min_days) & (n_with >= MIN_DAYS_EACH_SIDE) & (n_without >= MIN_DAYS_EACH_SIDE)
    return rows[enough]


def _direction(benefit: np.ndarray, threshold: float, benefit_low: np.ndarray,
               benefit_high: np.ndarray) -> np.ndarray:
    """'better' when benefit >= threshold and its 95% interval is above 0, 'worse' when benefit <=
    -threshold and the interval is below 0, else 'no clear link' (too small or too uncertain)."""
    with np.errstate(invalid="ignore"):
        better = (benefit >= threshold) & (benefit_low > 0)
        worse = (benefit <= -threshold) & (benefit_high < 0)
    return np.where(better, BETTER, np.where(worse, WORSE, NO_CLEAR_LINK)).astype(object)


def _statement(label: str, direction: str, n: int, rho: float, difference: float, low: float,
               high: float) -> str:
    """One plain sentence with the size, its 95% interval and the number of day pairs."""
    if np.isfinite(difference):
        size = (f"next-day pain {abs(difference):.1f} points {'lower' if difference < 0 else 'higher'} than "
                f"usual for that point of your recovery (95% range {low:+.1f} to {high:+.1f})")
    else:
        size = f"rank correlation {rho:+.2f} (95% range {low:+.2f} to {high:+.2f})" if np.isfinite(rho) \
            else "no variation to compare"
    return f"{label}: {_WORDS.get(direction, direction)}; {size}, from {n} pairs of days."


_WORDS = {BETTER: "goes with less pain", WORSE: "goes with more pain", NO_CLEAR_LINK: "no clear link",
          TAKEN_ON_BAD_DAYS: "taken on days with more pain, as expected when it is used for the bad days"}


def _in_words(label: str, direction: str, n: int, factor: str) -> str:
    """The statement for the person: the finding in words, never a correlation or an interval (review 12: the
    patient page read 'rank correlation +0.03 (95% range -0.51 to +0.56)'). More activity that goes with more
    pain is said with what to do about it (seeds: keep moving, build up step by step), never as 'move less'."""
    said = f"{label}: {_WORDS.get(direction, direction)} in your diary so far ({n} pairs of days)."
    if direction == WORSE and not factor.startswith(MEDICINE_PREFIX):
        said += (" Some extra soreness after doing more is normal while you build up: keep moving, and add "
                 "minutes more gradually if it lasts.")
    return said


def next_day_associations(entries: pd.DataFrame, doses: pd.DataFrame,
                          min_days: int = DEFAULT_MIN_DAYS) -> pd.DataFrame:
    """Per episode and factor: does it go with lower pain the next day in this diary?

    Next-day pain is first detrended within the episode (see ``detrend``), so
    every size is "compared with what is usual for that point of the recovery".
    For activity, correlation is Spearman's rho between active minutes and
    detrended next-day pain, with a 95% interval from Fisher's z; direction is
    "better" when rho <= -0.3 and the interval is below 0 (more activity, less
    pain next day), "worse" when rho >= 0.3 and the interval is above 0, else
    "no clear link" (also when rho is undefined because one side never
    varies). For a medicine, pain_difference is the mean detrended next-day
    pain after days with it minus after days without it, with a Welch 95%
    interval; "better" when <= -1 point and the interval is below 0, "worse"
    when >= +1 and above 0, but for a first-line medicine (NSAID, paracetamol)
    "taken on days with more pain" instead of "worse". A medicine needs
    MIN_DAYS_EACH_SIDE pairs with and without it. n_days counts the usable
    pairs of consecutive calendar days; factors with fewer than min_days get
    no row. Rows are sorted by episode, then activity_same_day,
    activity_day_before, then medicines by name.

    Returns columns: episode_id, factor, label, n_days, correlation,
    pain_difference, direction, caveat, ci_low, ci_high (the 95% interval of
    correlation or pain_difference), statement (one sentence with the size and its interval, for the GP report),
    in_words (the finding alone, for the person's page).
    """
    min_days = _check_min_days(min_days)
    days, episodes = _diary_pairs(entries)
    rows = pd.concat([_activity_rows(days, min_days),
                      _medicine_rows(days, doses, episodes, min_days)], ignore_index=True)
    factor = rows[FACTOR].to_numpy(dtype=object)
    rank = np.select([factor == ACTIVITY_SAME_DAY, factor == ACTIVITY_DAY_BEFORE], [0, 1], 2)
    order = np.lexsort((factor.astype(str), rank, rows["code"].to_numpy()))
    rows = rows.iloc[order]
    result = pd.DataFrame({
        c.EPISODE_ID: episodes[rows["code"].to_numpy(dtype=np.int64)],
        FACTOR: rows[FACTOR].to_numpy(), LABEL: rows[LABEL].to_numpy(),
        N_DAYS: rows[N_DAYS].to_numpy(dtype=np.int64),
        CORRELATION: rows[CORRELATION].to_numpy(dtype=np.float64),
        PAIN_DIFFERENCE: rows[PAIN_DIFFERENCE].to_numpy(dtype=np.float64),
        DIRECTION: rows[DIRECTION].to_numpy(), CAVEAT: CAVEAT_TEXT,
        CI_LOW: rows[CI_LOW].to_numpy(dtype=np.float64), CI_HIGH: rows[CI_HIGH].to_numpy(dtype=np.float64),
    }, columns=_RESULT_COLUMNS)
    result[STATEMENT] = [_statement(*args) for args in zip(
        result[LABEL], result[DIRECTION], result[N_DAYS], result[CORRELATION], result[PAIN_DIFFERENCE],
        result[CI_LOW], result[CI_HIGH], strict=True)]
    result[IN_WORDS] = [_in_words(*args) for args in zip(
        result[LABEL], result[DIRECTION], result[N_DAYS], result[FACTOR], strict=True)]
    return result.astype({FACTOR: "str", LABEL: "str", DIRECTION: "str", CAVEAT: "str", STATEMENT: "str",
                          IN_WORDS: "str"})
