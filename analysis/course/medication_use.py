"""Medicine use from the dose log: daily totals, runs of days and per-medicine summaries.

The numbers behind the medicine alerts of GUIDANCE §5: daily totals against
the adult maxima in analysis.model.vocabulary, runs of consecutive days (codeine for
more than 3 days, NSAIDs beyond 10 days, an opioid run across two opioids), two
different NSAIDs on one day, and paracetamol taken alone. The limits are used
to warn, never to advise a dose.

The dose log may hold several rows for the same medicine on one date (a dose
in the morning, another at night); they are summed. Everything works over all
episodes at once: the daily sums and runs of consecutive days are one compiled
walk over the rows in episode and day order (analysis.course.dose_kernels).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis.model import columns as c
from analysis.model.errors import ValidationError
from analysis.model.frames import as_day_number, check_frame, day_numbers, numbers
from analysis.model.runs import ascending, run_heads
from analysis.model.vocabulary import LOW_DOSE_ASPIRIN_MAX_MG, MEDICINES, NSAID, OPIOID, PARACETAMOL, drug_class

# Derived column names returned by this module.
DOSES = "doses"
MAX_DAILY_MG = "max_daily_mg"
OVER_LIMIT = "over_limit"
RUN_DAYS = "run_days"
CLASS_RUN_DAYS = "class_run_days"
FIRST_DATE = "first_date"
LAST_DATE = "last_date"
DAYS_USED = "days_used"
LONGEST_RUN_DAYS = "longest_run_days"
CURRENT_RUN_DAYS = "current_run_days"
USUAL_DAILY_MG = "usual_daily_mg"
LIMIT_MG = "limit_mg"
NSAID_COUNT = "nsaid_count"
PARACETAMOL_ONLY = "paracetamol_only"
PRESCRIBED_MAX_MG = "prescribed_max_mg"
OVER_PRESCRIBED_MAX = "over_prescribed_max"
PRESCRIBED_LIMIT_MG = "prescribed_limit_mg"
TAKEN = "taken"

# Daily maxima per generic medicine (vocabulary.MEDICINES; NHS, TGA, BNF, DailyMed, MHRA 2009 via
# GUIDANCE §5); medicines without a checked limit are absent. DAILY_LIMITS_MG is the first limit
# checked: the over-the-counter maximum where a label gives one (ibuprofen 1,200 mg, naproxen
# 660 mg), else the adult maximum. PRESCRIBED_LIMITS_MG is the adult (prescribed) maximum.
DAILY_LIMITS_MG: dict[str, float] = {
    name: float(medicine.first_limit_mg) for name, medicine in MEDICINES.items()
    if medicine.first_limit_mg is not None
}
PRESCRIBED_LIMITS_MG: dict[str, float] = {
    name: float(medicine.max_daily_mg) for name, medicine in MEDICINES.items()
    if medicine.max_daily_mg is not None
}
# NICE NG59 / GUIDANCE §5: "paracetamol alone is not recommended"; the other
# painkillers it names are NSAIDs (first) and weak opioids (short-term).
OTHER_PAINKILLER_CLASSES = (NSAID, OPIOID)

_DOSE_COLUMNS = [c.EPISODE_ID, c.DATE, c.MEDICINE, c.DRUG_CLASS, c.COUNT, c.TOTAL_MG]
_DAY_BITS = 32  # run keys: (group << 32) | day offset


@dataclass(frozen=True)
class DoseLog:
    """The dose log as integer-coded numpy arrays, one entry per input row.

    Why: grouping on integer codes with numpy is several times faster than
    grouping on text columns, and names are only looked up for the output.
    """

    episodes: np.ndarray  # sorted distinct EPISODE_ID values
    code: np.ndarray  # per row: index into episodes
    dnum: np.ndarray  # per row: day number of DATE
    medicines: pd.Index  # sorted distinct medicine names
    med: np.ndarray  # per row: index into medicines
    classes: pd.Index  # distinct drug classes
    cls: np.ndarray  # per row: index into classes
    count: np.ndarray  # per row: number of doses
    total: np.ndarray  # per row: total mg, NaN if unknown
    date_dtype: np.dtype

    def dates(self, dnum: np.ndarray) -> np.ndarray:
        """Day numbers back to the DATE column's datetime64 unit."""
        return dnum.astype("datetime64[D]").astype(self.date_dtype)

    def in_class(self, names: tuple[str, ...]) -> np.ndarray:
        """Per class code: is the class one of `names`?"""
        return np.array([name in names for name in self.classes.tolist()], dtype=bool)  # a handful of classes


def read_doses(doses: pd.DataFrame) -> DoseLog:
    """Validate the dose log and code it as integers (the input is not changed).

    Why: each analysis checks its input once, here. TOTAL_MG falls back to
    DOSE_MG x COUNT where missing; a missing DRUG_CLASS falls back to the
    vocabulary's class for the medicine.
    """
    what = "doses"
    check_frame(doses, _DOSE_COLUMNS, what)
    med, medicines = pd.factorize(doses[c.MEDICINE], sort=True)
    if (med < 0).any():
        raise ValidationError("The doses have rows without a medicine name.")
    count = numbers(doses, c.COUNT, what)
    total = numbers(doses, c.TOTAL_MG, what)
    if c.DOSE_MG in doses.columns:
        total = np.where(np.isnan(total), numbers(doses, c.DOSE_MG, what) * count, total)
    given, given_names = pd.factorize(doses[c.DRUG_CLASS])
    names = [str(name) for name in given_names] + [drug_class(str(name)) for name in medicines]
    classes, remap = np.unique(np.array(names, dtype=object), return_inverse=True)
    cls = remap[np.where(given >= 0, given, len(given_names) + med)]
    code, episodes = _episode_codes(doses[c.EPISODE_ID])
    return DoseLog(episodes, code, day_numbers(doses[c.DATE]),
                   pd.Index(medicines), med.astype(np.int64), pd.Index(classes, dtype="str"),
                   cls.astype(np.int64), count, total, doses[c.DATE].dtype)


def _episode_codes(ids: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """pd.factorize(ids, sort=True) as (codes, sorted distinct ids); integer ids that come sorted (storage
    reads them so) are coded from their runs, without hashing a million ids (issue 12)."""
    values = ids.to_numpy()
    if values.dtype.kind in "iu" and len(values) and ascending(values):
        return np.cumsum(np.r_[0, values[1:] != values[:-1]]), values[run_heads(values)]  # run number per row
    code, episodes = pd.factorize(ids, sort=True)
    return code.astype(np.int64), np.asarray(episodes)


def run_days(group: np.ndarray, dnum: np.ndarray) -> np.ndarray:
    """Length of the run of consecutive calendar days ending on each row's day, counting it.

    `group` is an integer key (for example episode x medicine), `dnum` a day
    number; rows may come in any order and may repeat a (group, day). One compiled walk in
    (group, day) order (dose_kernels.runs; a stable sort first when they do not come so).
    """
    from analysis.course import dose_kernels  # numba: loaded when the doses are first read

    group, dnum = np.asarray(group, dtype=np.int64), np.asarray(dnum, dtype=np.int64)
    key = (group << _DAY_BITS) | (dnum - dnum.min(initial=0))
    order = np.arange(len(key)) if bool((key[1:] >= key[:-1]).all()) else np.argsort(key, kind="stable")
    found = np.empty(len(dnum), dtype=np.int64)
    found[order] = dose_kernels.runs(group[order], np.zeros(len(dnum), dtype=np.int64), dnum[order], 1)
    return found


def _sub_runs(daily: _Daily, sub: np.ndarray, n_sub: int) -> np.ndarray:
    """run_days(daily.code * n_sub + sub, daily.dnum) for the daily rows (episode, day and medicine order:
    each episode's rows together, each sub's days in order), in one walk without a sort."""
    from analysis.course import dose_kernels  # numba: loaded when the doses are first read

    return dose_kernels.runs(daily.code, sub, daily.dnum, max(n_sub, 1))


@dataclass(frozen=True)
class _Daily:
    """Per episode, date and medicine (sorted that way): summed totals and counts."""

    code: np.ndarray
    dnum: np.ndarray
    med: np.ndarray
    cls: np.ndarray
    total: np.ndarray
    doses: np.ndarray


def _daily(log: DoseLog) -> _Daily:
    """Sum the dose rows of each episode, date and medicine (total NaN only if all unknown).

    One walk over the rows in episode and day order (dose_kernels.daily_sums; a stable sort puts them so
    when they do not come so): each group's rows added in their own order, from 0.0, as bincount did.
    """
    from analysis.course import dose_kernels  # numba: loaded when the doses are first read

    day0 = int(log.dnum.min(initial=0))
    span = int(log.dnum.max(initial=0)) - day0 + 1
    key = log.code * span + (log.dnum - day0)
    in_order = not len(key) or bool((key[1:] >= key[:-1]).all())
    order = np.arange(len(key), dtype=np.int64) if in_order else np.argsort(key, kind="stable").astype(np.int64)
    code, dnum, med, cls, total, doses = dose_kernels.daily_sums(
        log.code, log.dnum, log.med, log.cls, np.asarray(log.total, dtype=np.float64),
        np.asarray(log.count, dtype=np.float64), order, max(len(log.medicines), 1))
    return _Daily(code, dnum, med, cls, total, doses)


@dataclass(frozen=True)
class DoseDays:
    """The dose log read (read_doses) and summed per episode, date and medicine (_daily), once.

    Why: the daily grid and the medicine rules of one summary read the same doses; reading and summing
    them twice cost a tenth of the summary (issue 12). `log` keeps the names and codes only (its per-row
    arrays are empty: only the daily sums are read again). `rows`: how many dose rows it was read from, so
    a caller handed one can tell it still matches its own (filtered) frame.
    """

    log: DoseLog
    daily: _Daily
    rows: int


def dose_days(doses: pd.DataFrame) -> DoseDays:
    """The dose log read and summed per day once, for daily_totals and the daily grid to share."""
    log = read_doses(doses)
    daily = _daily(log)
    # the per-row arrays are not kept (only their daily sums are read again): a summary holds this throughout
    none = np.zeros(0, dtype=np.int64)
    slim = replace(log, code=none, dnum=none, med=none, cls=none, count=none.astype(float), total=none.astype(float))
    return DoseDays(slim, daily, len(doses))

def _limits(log: DoseLog, limits: dict[str, float] = DAILY_LIMITS_MG) -> np.ndarray:
    """Per medicine code: the vocabulary's daily maximum in mg (`limits`), NaN if none."""
    return np.array([limits.get(str(name), np.nan) for name in log.medicines], dtype=np.float64)


def _counts_as_nsaid(log: DoseLog, daily: _Daily) -> np.ndarray:
    """Per daily row: an NSAID that works as one, i.e. not low-dose aspirin.

    Aspirin up to LOW_DOSE_ASPIRIN_MAX_MG a day protects the heart (BNF: antiplatelet 75 mg daily)
    and is no anti-inflammatory painkiller; an unknown total counts as an NSAID.
    """
    nsaid = log.in_class((NSAID,))[daily.cls]
    aspirin = np.asarray(log.medicines == "aspirin", dtype=bool)[daily.med] if len(log.medicines) else nsaid
    return nsaid & ~(aspirin & (daily.total <= LOW_DOSE_ASPIRIN_MAX_MG))


def daily_totals(doses: pd.DataFrame, days: DoseDays | None = None) -> pd.DataFrame:
    """Per episode, date and medicine: the day's total, its limit and how long it has been taken.

    Rows for the same medicine on one date are summed. over_limit is True when
    total_mg is strictly above the first daily maximum (4,000 mg paracetamol is not
    over; 4,001 is; for ibuprofen and naproxen the over-the-counter one);
    over_prescribed_max likewise for the adult (prescribed) maximum. run_days counts consecutive calendar days with the
    medicine ending on this date; class_run_days does the same for its drug
    class, so codeine then tramadol on consecutive days is a 2-day opioid run.
    doses is the sum of COUNT (float: half tablets happen). Rows are sorted by
    episode, date and medicine.

    Returns columns: episode_id, date, medicine, drug_class, total_mg, doses,
    max_daily_mg (the first vocabulary limit, NaN if none), over_limit, run_days,
    class_run_days, prescribed_max_mg (the adult maximum, NaN if none), over_prescribed_max.
    `days`: dose_days(doses), when the caller has read them already.
    """
    days = _read(doses, days)
    log, daily = days.log, days.daily
    rules = _rule_columns(days)
    return pd.DataFrame({
        c.EPISODE_ID: rules[c.EPISODE_ID], c.DATE: rules[c.DATE],
        c.MEDICINE: log.medicines.take(daily.med).array,
        c.DRUG_CLASS: log.classes.take(daily.cls).array,
        c.TOTAL_MG: daily.total, DOSES: daily.doses, MAX_DAILY_MG: _limits(log)[daily.med],
        OVER_LIMIT: rules[OVER_LIMIT],
        RUN_DAYS: _sub_runs(daily, daily.med, len(log.medicines)),
        CLASS_RUN_DAYS: rules[CLASS_RUN_DAYS],
        PRESCRIBED_MAX_MG: _limits(log, PRESCRIBED_LIMITS_MG)[daily.med],
        OVER_PRESCRIBED_MAX: rules[OVER_PRESCRIBED_MAX],
    })


def rule_totals(doses: pd.DataFrame, days: DoseDays | None = None) -> pd.DataFrame:
    """daily_totals' rows (same order) with only what the alert engine's medicine rules read: episode_id,
    date, opioid and paracetamol (the row's class and medicine), class_run_days, over_limit, over_prescribed_max.

    Why: the names as text, the per-medicine runs and the limits as columns cost a tenth of the medicine
    rules and are never read there (issue 12); every value here is worked out as daily_totals does.
    """
    days = _read(doses, days)
    log, daily = days.log, days.daily
    rules = _rule_columns(days)
    return pd.DataFrame({
        c.EPISODE_ID: rules[c.EPISODE_ID], c.DATE: rules[c.DATE],
        OPIOID: np.asarray(log.classes == OPIOID, dtype=bool)[daily.cls],
        PARACETAMOL: np.asarray(log.medicines == PARACETAMOL, dtype=bool)[daily.med],
        CLASS_RUN_DAYS: rules[CLASS_RUN_DAYS], OVER_LIMIT: rules[OVER_LIMIT],
        OVER_PRESCRIBED_MAX: rules[OVER_PRESCRIBED_MAX],
    }, copy=False)  # fresh arrays, read once: not copied into blocks


def _read(doses: pd.DataFrame, days: DoseDays | None) -> DoseDays:
    """`days` when they were read from these doses, else the doses read now."""
    return days if days is not None and days.rows == len(doses) else dose_days(doses)


def _rule_columns(days: DoseDays) -> dict[str, np.ndarray]:
    """The columns daily_totals and rule_totals share, worked out in one place: episode_id, date,
    class_run_days, over_limit, over_prescribed_max."""
    log, daily = days.log, days.daily
    return {c.EPISODE_ID: log.episodes[daily.code], c.DATE: log.dates(daily.dnum),
            CLASS_RUN_DAYS: _sub_runs(daily, daily.cls, len(log.classes)),
            OVER_LIMIT: daily.total > _limits(log)[daily.med],
            OVER_PRESCRIBED_MAX: daily.total > _limits(log, PRESCRIBED_LIMITS_MG)[daily.med]}


def medicine_use(doses: pd.DataFrame, as_of: object, days: DoseDays | None = None) -> pd.DataFrame:
    """Per episode and medicine: how it has been used on the dates up to and including `as_of`.

    current_run_days is the run of consecutive days that includes as_of itself,
    0 if the medicine was not taken on as_of. Pass the last diary date as
    as_of when today has not been logged yet, or a run would read 0.
    max_daily_mg here is the highest daily total actually taken; limit_mg is
    the first vocabulary limit (the over-the-counter one where there is one, NaN
    if none); prescribed_limit_mg the adult maximum; usual_daily_mg is the median daily total.

    Returns columns: episode_id, medicine, drug_class, first_date, last_date,
    days_used, longest_run_days, current_run_days, max_daily_mg,
    usual_daily_mg, limit_mg, prescribed_limit_mg. `days`: dose_days(doses), when the caller has read them.
    """
    target = as_day_number(as_of)
    days = _read(doses, days)
    log, daily = days.log, days.daily
    keep = daily.dnum <= target
    group = daily.code[keep] * len(log.medicines) + daily.med[keep]
    order = np.argsort((group << _DAY_BITS) | (daily.dnum[keep] - daily.dnum.min(initial=0)))
    group, dnum, total = group[order], daily.dnum[keep][order], daily.total[keep][order]
    runs = run_days(group, dnum)
    starts = run_heads(group)
    ends = np.r_[starts[1:], len(group)][:len(starts)] - 1
    med = daily.med[keep][order][starts]
    usual = pd.Series(total).groupby(group).median().to_numpy() if len(group) else np.zeros(0)
    return pd.DataFrame({
        c.EPISODE_ID: log.episodes[daily.code[keep][order][starts]],
        c.MEDICINE: log.medicines.take(med).array,
        c.DRUG_CLASS: log.classes.take(daily.cls[keep][order][starts]).array,
        FIRST_DATE: log.dates(dnum[starts]), LAST_DATE: log.dates(dnum[ends]),
        DAYS_USED: ends - starts + 1, LONGEST_RUN_DAYS: _reduce(np.maximum, runs, starts),
        CURRENT_RUN_DAYS: np.where(dnum[ends] == target, runs[ends], 0),
        MAX_DAILY_MG: _reduce(np.fmax, total, starts), USUAL_DAILY_MG: usual,
        LIMIT_MG: _limits(log)[med], PRESCRIBED_LIMIT_MG: _limits(log, PRESCRIBED_LIMITS_MG)[med],
    })


def _reduce(ufunc: np.ufunc, values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Per-group reduction of sorted values (groups start at `starts`)."""
    return ufunc.reduceat(values, starts) if len(starts) else values[:0]


def _day_counts(code: np.ndarray, dnum: np.ndarray, weights: list[np.ndarray]) -> tuple[np.ndarray, ...]:
    """Group rows by (code, day): return the distinct codes, day numbers and summed weights."""
    day0 = int(dnum.min(initial=0))
    key = (code.astype(np.int64) << _DAY_BITS) | (dnum - day0)
    unique, inverse = np.unique(key, return_inverse=True)
    sums = [np.bincount(inverse, weights=w, minlength=len(unique)) for w in weights]
    return (unique >> _DAY_BITS, (unique & ((1 << _DAY_BITS) - 1)) + day0, *sums)


def nsaids_per_day(doses: pd.DataFrame) -> pd.DataFrame:
    """Per episode and dose date: how many different NSAIDs were taken (0 if none).

    Feeds the rule "two different NSAIDs on one day is a warning" (GUIDANCE §5).
    Low-dose aspirin (up to 150 mg that day) is not counted. Every date with any dose row appears.
    Read from the daily grid (analysis.course.grid), which counts them once for every analysis.

    Returns columns: episode_id, date, nsaid_count.
    """
    from analysis.course.grid import DOSED, NSAID_COUNT, daily_grid  # the grid builds on this module

    read_doses(doses)  # the dose log's own checks, in its own words
    grid = daily_grid(_no_entries(), doses)
    days = grid[grid[DOSED].to_numpy()]
    return pd.DataFrame({c.EPISODE_ID: days[c.EPISODE_ID].to_numpy(), c.DATE: days[c.DATE].to_numpy(),
                         NSAID_COUNT: days[NSAID_COUNT].to_numpy(dtype=np.int64)})


def _no_entries() -> pd.DataFrame:
    return pd.DataFrame({c.EPISODE_ID: pd.Series(dtype="int64"), c.DATE: pd.Series(dtype="datetime64[us]")})


def painkiller_days(doses: pd.DataFrame, entries: pd.DataFrame) -> pd.DataFrame:
    """Per episode and date (diary dates and dose dates): was paracetamol the only painkiller?

    paracetamol_only is True when paracetamol was taken and no NSAID or opioid
    that date (NICE NG59: paracetamol alone is not recommended). Muscle
    relaxants, low-dose aspirin (up to 150 mg that day) and unknown medicines do
    not count as painkillers here. Read from the daily grid (analysis.course.grid).

    Returns columns: episode_id, date, paracetamol_only.
    """
    from analysis.course.grid import CLASSES, DOSED, LOGGED, daily_grid  # the grid builds on this module

    read_doses(doses)
    check_frame(entries, [c.EPISODE_ID, c.DATE], "diary entries")
    grid = daily_grid(entries[[c.EPISODE_ID, c.DATE]].drop_duplicates(), doses)
    days = grid[(grid[LOGGED] | grid[DOSED]).to_numpy()]
    other = days[CLASSES[NSAID]].to_numpy() | days[CLASSES[OPIOID]].to_numpy()
    return pd.DataFrame({c.EPISODE_ID: days[c.EPISODE_ID].to_numpy(), c.DATE: days[c.DATE].to_numpy(),
                         PARACETAMOL_ONLY: days[CLASSES[PARACETAMOL]].to_numpy() & ~other})


def class_days(doses: pd.DataFrame, classes: tuple[str, ...]) -> pd.DataFrame:
    """Per episode and dose date: was a medicine of one of `classes` taken?

    Feeds day-counting rules such as oral steroids on 7 or more days (alert_rules).
    Every date with any dose row appears.

    Returns columns: episode_id, date, taken.
    """
    log = read_doses(doses)
    flag = log.in_class(classes)[log.cls].astype(np.float64)
    code, dnum, count = _day_counts(log.code, log.dnum, [flag])
    return pd.DataFrame({c.EPISODE_ID: log.episodes[code], c.DATE: log.dates(dnum), TAKEN: count > 0})
