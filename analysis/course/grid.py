"""The daily grid: every episode's diary as one row per calendar day, built once.

Rules such as "more than two bed-rest days within a week" are about calendar days, not diary
rows, and diaries have gaps. The grid turns the three long frames storage and the importer give
(entries, doses, symptoms; analysis.model.columns) into ONE frame with a row per episode and
calendar day, from the episode's first diary day (an entry, a dose or a symptom) to its last one
up to `as_of`, episodes end to end in calendar order. Days without a record are rows too, with
NaN numbers and False flags, so a window of N rows is N calendar days (analysis.course.windows).

The rows are validated and sorted here, once: nothing that reads the grid re-checks or re-sorts them (the
frames themselves still get analysis.model.frames.check_frame's few-microsecond column and type check at each
public function they are handed to, such as the alert engine, which may be called without a grid). Decisions that
hold for every analysis:

* Two entries for one episode and date are refused (ValidationError naming the episode and date):
  storage keeps one entry a day (saving a date again updates it), so a second row is a data
  error, and averaging it would invent a pain score nobody logged. Several dose rows for one
  medicine and date are summed (a morning and an evening dose); a symptom logged twice is one flag.
* An entry before its episode's onset date is refused; an unknown onset is the first entry's date.
* `day` counts days since onset (onset day = 0).

Built grids are kept in a small cache keyed on the frames' contents and `as_of`, so a page rerun
or a second analysis of the same diary does not build it again.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
import pandas as pd

from analysis.course import medication_use
from analysis.course.medication_use import DoseDays, _counts_as_nsaid, dose_days
from analysis.model import columns as c
from analysis.model.dates import day_numbers_of
from analysis.model.errors import ValidationError
from analysis.model.frames import as_day_number, check_frame, float_values, numbers
from analysis.model.runs import ascending, run_heads
from analysis.model.vocabulary import NSAID, OPIOID, PARACETAMOL, STEROID, SYMPTOM_CODES

LOGGED = "logged"  # an entry (pain etc.) was logged that day
POSITION = "position"  # days since the episode's first grid day (0 = first row)
DIARY_DAY = "diary_day"  # an entry, a dose or a symptom that day
DOSED = "dosed"  # any dose that day
NSAID_COUNT = medication_use.NSAID_COUNT  # how many different NSAIDs that day (low-dose aspirin not counted)
NORMAL = c.NORMAL_ACTIVITY
ENTRY_VALUES = (c.PAIN, c.WORST_PAIN, c.ACTIVITY, c.BED_REST)
CLASSES = {OPIOID: "takes_opioid", NSAID: "takes_nsaid", STEROID: "takes_steroid", PARACETAMOL: "takes_paracetamol"}
MG_PREFIX = "mg_"  # per-ingredient daily total: mg_ibuprofen
SYMPTOM_PREFIX = "symptom_"  # one bool per symptom code: symptom_leg_pain
_ONSET = "_onset"  # _entry_columns' onset day per episode code (not a grid column)
_CACHE: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
_CACHE_SIZE = 4
_CACHE_LOCK = threading.Lock()


def symptom_column(code: str) -> str:
    """The grid column flagging symptom `code`."""
    return SYMPTOM_PREFIX + code


def mg_column(medicine: str) -> str:
    """The grid column holding `medicine`'s daily total in mg."""
    return MG_PREFIX + medicine


def daily_grid(entries: pd.DataFrame, doses: pd.DataFrame | None = None, symptoms: pd.DataFrame | None = None,
               as_of: object = None, doses_read: DoseDays | None = None) -> pd.DataFrame:
    """One row per episode and calendar day between its first and last diary day (up to `as_of`).

    `as_of`: None (every day), one date, or a Series of dates indexed by episode_id; records after it
    are left out. Rows sorted by episode and date.

    Returns columns: episode_id, date, day (days since onset), position (days since the episode's first
    grid day), logged (an entry that day), diary_day (an entry, dose or symptom), onset_date,
    normal_activity_minutes (the episode's), pain, worst_pain, activity_minutes, bed_rest_hours (NaN
    without a value), dosed, nsaid_count, takes_opioid, takes_nsaid (low-dose aspirin not counted), takes_steroid,
    takes_paracetamol, mg_<medicine> (daily total per ingredient present, 0 on days without it),
    symptom_<code> (one bool per symptom code of analysis.model.vocabulary).
    `doses_read`: medication_use.dose_days(doses), when the caller has it (used when `as_of` keeps every dose).
    """
    from analysis.course import grid_kernels as kernels  # numba: loaded when the first grid is built

    entries = _checked_entries(entries)
    doses = _empty_doses() if doses is None else check_frame(doses, c.DOSE_COLUMNS[:3] + [c.COUNT, c.TOTAL_MG],
                                                             "doses")
    symptoms = pd.DataFrame({k: [] for k in c.SYMPTOM_COLUMNS}) if symptoms is None else check_frame(
        symptoms, c.SYMPTOM_COLUMNS, "symptoms")
    ids, codes = _episodes([entries, doses, symptoms])
    days = [_day_numbers(f) for f in (entries, doses, symptoms)]
    if as_of is not None:
        limit = _limits(as_of, ids)
        keep = [d <= limit[k] for d, k in zip(days, codes, strict=True)]
        if not all(m.all() for m in keep):  # the summary's frames are cut at as_of already: no copies then
            entries, doses, symptoms = (f[m] for f, m in zip((entries, doses, symptoms), keep, strict=True))
            days = [d[m] for d, m in zip(days, keep, strict=True)]
            doses_read = doses_read if keep[1].all() else None
            codes = [k[m] for k, m in zip(codes, keep, strict=True)]
    n = len(ids)
    first = np.full(n, np.iinfo(np.int64).max)
    last = np.full(n, np.iinfo(np.int64).min)
    for code, day in zip(codes, days, strict=True):
        kernels.extent(code, day, first, last)
    present = last >= first  # episodes with a record up to as_of
    length = np.where(present, last - first + 1, 0)
    start = np.cumsum(length) - length
    total = int(length.sum())
    diary_day = np.zeros(total, dtype=bool)
    row = [kernels.rows(code, day, start, first, diary_day) for code, day in zip(codes, days, strict=True)]
    columns = _entry_columns(entries, codes[0], row[0], n, days[0], total)
    onset = columns.pop(_ONSET)
    onset = np.where(onset == np.iinfo(np.int64).max, np.where(present, first, 0), onset)
    if (days[0] < onset[codes[0]]).any():
        i = int(np.flatnonzero(days[0] < onset[codes[0]])[0])
        raise ValidationError(f"Episode {ids[codes[0][i]]} has a diary entry on {np.datetime64(int(days[0][i]), 'D')}, "
                              f"before its onset date {np.datetime64(int(onset[codes[0][i]]), 'D')}.")
    # integer ids written straight onto their rows; any other kind looked up from the rows' episode codes
    given = np.asarray(ids)
    direct = given.dtype == np.int64
    episode, position, since, date, onset_date = (np.empty(total, dtype=np.int64) for _ in range(5))
    normal = np.empty(total)
    kernels.calendar(first, length, start, onset, given if direct else np.arange(n, dtype=np.int64),
                     columns.pop(NORMAL), episode, position, since, date, onset_date, normal)
    grid: dict[str, np.ndarray] = {
        c.EPISODE_ID: episode if direct else given[episode], c.DATE: date.view("datetime64[us]"),
        POSITION: position, **columns, NORMAL: normal, c.DAY: since, c.ONSET_DATE: onset_date.view("datetime64[us]")}
    _dose_columns(grid, doses, row[1], total, ids, start, first, doses_read)
    _symptom_columns(grid, symptoms, row[2], total)
    grid[DIARY_DAY] = diary_day
    return pd.DataFrame(grid, copy=False)  # no block consolidation: 30 columns of a million rows copied cost a second


def cached_grid(entries: pd.DataFrame, doses: pd.DataFrame | None = None, symptoms: pd.DataFrame | None = None,
                as_of: object = None) -> pd.DataFrame:
    """daily_grid, kept for the same frames' contents and `as_of` (a rerun does not build it again).

    The key hashes the frames' values (pandas.util.hash_pandas_object), so a changed diary never
    reads a stale grid. The grid returned is shared: read it, never change it in place.
    """
    key = (_fingerprint(entries), _fingerprint(doses), _fingerprint(symptoms), _as_of_key(as_of))
    with _CACHE_LOCK:  # the app runs pages on threads: another may evict the key between a test and a read
        found = _CACHE.get(key)
        if found is not None:
            _CACHE.move_to_end(key)
            return found
    grid = daily_grid(entries, doses, symptoms, as_of)  # outside the lock: two threads may both build it
    with _CACHE_LOCK:
        _CACHE[key] = grid
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return grid


def _fingerprint(frame: pd.DataFrame | None) -> tuple:
    if frame is None:
        return ()
    if not isinstance(frame, pd.DataFrame):
        return (id(frame),)
    values = pd.util.hash_pandas_object(frame, index=False).to_numpy() if len(frame) else np.zeros(0, np.uint64)
    return (tuple(frame.columns), len(frame), int(values.sum()), int((values * np.uint64(31)).sum() % (1 << 61)))


def _as_of_key(as_of: object) -> object:
    if isinstance(as_of, pd.Series):
        return ("series", tuple(as_of.index), tuple(pd.to_datetime(as_of).astype("int64")))
    return as_of if as_of is None else as_day_number(as_of)


def _checked_entries(entries: pd.DataFrame) -> pd.DataFrame:
    check_frame(entries, [c.EPISODE_ID, c.DATE], "diary entries")
    return entries


def _empty_doses() -> pd.DataFrame:
    return pd.DataFrame({c.EPISODE_ID: pd.Series(dtype="int64"), c.DATE: pd.Series(dtype="datetime64[us]"),
                         c.MEDICINE: pd.Series(dtype=object), c.DRUG_CLASS: pd.Series(dtype=object),
                         c.COUNT: pd.Series(dtype=float), c.TOTAL_MG: pd.Series(dtype=float)})


def _episodes(frames: list[pd.DataFrame]) -> tuple[pd.Index, list[np.ndarray]]:
    """The sorted distinct episode ids of all frames, and each frame's rows as codes into them."""
    filled = [f[c.EPISODE_ID].to_numpy() for f in frames if len(f)]  # an empty frame's dtype must not spread
    if filled and len({a.dtype for a in filled}) == 1 and filled[0].dtype.kind in "iu" \
            and all((a[1:] >= a[:-1]).all() for a in filled):
        return _sorted_episodes(frames, filled)
    both = np.concatenate(filled) if filled else np.zeros(0, dtype=np.int64)
    code, ids = pd.factorize(both, sort=True)
    cuts = np.cumsum([len(f) for f in frames])[:-1]
    return pd.Index(ids), [part.astype(np.int64) for part in np.split(code, cuts)]


def _sorted_episodes(frames: list[pd.DataFrame], filled: list[np.ndarray]) -> tuple[pd.Index, list[np.ndarray]]:
    """_episodes for integer ids that come sorted in each frame (storage reads them so): each run of one id
    looked up once, no hashing of two million ids (issue 12). Same result as the factorize in _episodes."""
    heads = [run_heads(a) for a in filled]
    ids = np.unique(np.concatenate([a[h] for a, h in zip(filled, heads, strict=True)]))
    found = iter(zip(filled, heads, strict=True))
    codes = []
    for frame in frames:
        if not len(frame):
            codes.append(np.zeros(0, dtype=np.int64))
            continue
        a, h = next(found)
        codes.append(np.repeat(np.searchsorted(ids, a[h]).astype(np.int64), np.diff(np.r_[h, len(a)])))
    return pd.Index(ids), codes


def _day_numbers(frame: pd.DataFrame) -> np.ndarray:
    if not len(frame):
        return np.zeros(0, dtype=np.int64)
    dates = frame[c.DATE]
    return day_numbers_of((dates if dates.dtype.kind == "M" else pd.to_datetime(dates)).to_numpy())


def _limits(as_of: object, ids: pd.Index) -> np.ndarray:
    """Per episode code: the day number of its `as_of` (one date, or a Series indexed by episode_id)."""
    if isinstance(as_of, pd.Series):
        dates = pd.to_datetime(as_of.reindex(ids), errors="coerce")
        if dates.isna().any():
            lacking = ", ".join(str(i) for i in ids[dates.isna().to_numpy()][:5])
            raise ValidationError(f"as_of has no valid date for episode(s) {lacking}.")
        return dates.to_numpy().astype("datetime64[D]").astype(np.int64)
    return np.full(len(ids), as_day_number(as_of), dtype=np.int64)


def _entry_columns(entries: pd.DataFrame, code: np.ndarray, row: np.ndarray, n: int, days: np.ndarray,
                   total: int) -> dict[str, np.ndarray]:
    """The entries' columns on the grid (logged, the ENTRY_VALUES; a second entry for a day refused), in grid
    order, and per episode code of the `n`: the normal activity (NORMAL, the largest given) and the onset
    day (_ONSET: the onset date given, else the first entry's day; int64 max for an episode without entries).

    `row`: each entry's grid row; `days`: the entries' day numbers. One compiled walk lays every column.
    """
    from analysis.course import grid_kernels  # numba: loaded when the first grid is built

    none = np.zeros(0)
    try:
        values = tuple((numbers(entries, column, "diary entries") if column == c.ACTIVITY
                        else _floats(entries, column)) if column in entries.columns and len(row) else none
                       for column in ENTRY_VALUES)
        normal = numbers(entries, NORMAL, "diary entries") if NORMAL in entries.columns and len(row) else none
    except ValidationError:
        _refuse_second_entries(entries, row, total)  # a second entry for a day is named first
        raise
    logged = np.zeros(total, dtype=bool)
    columns = {LOGGED: logged, **{column: np.full(total, np.nan) for column in ENTRY_VALUES}}
    normal_max = np.full(n, np.nan)
    first_entry = np.full(n, np.iinfo(np.int64).max)
    if not grid_kernels.entries(code, row, days, normal, logged, normal_max, first_entry):
        _refuse_second_entries(entries, row, total)
    for name, given in zip(ENTRY_VALUES, values, strict=True):
        if len(given):
            grid_kernels.scatter(row, given, columns[name])
    onset = np.full(n, np.iinfo(np.int64).max)
    if c.ONSET_DATE in entries.columns and len(row) and entries[c.ONSET_DATE].notna().any():
        if not pd.api.types.is_datetime64_any_dtype(entries[c.ONSET_DATE]):
            raise ValidationError(f"The column {c.ONSET_DATE} of the diary entries must hold dates "
                                  f"(datetime64), not {entries[c.ONSET_DATE].dtype}.")
        _earliest_days(onset, code, entries[c.ONSET_DATE].to_numpy())
    columns[NORMAL] = normal_max
    columns[_ONSET] = np.where(onset == np.iinfo(np.int64).max, first_entry, onset)
    return columns


def _refuse_second_entries(entries: pd.DataFrame, row: np.ndarray, total: int) -> None:
    """Refuse two entries on one grid row, naming the episode and date of the first entry that has a twin."""
    seen = np.bincount(row, minlength=total)
    if (seen > 1).any():
        where = int(np.flatnonzero(seen[row] > 1)[0])
        day = np.datetime64(pd.Timestamp(entries[c.DATE].to_numpy()[where]).date(), "D")
        raise ValidationError(f"The diary entries have more than one row for episode "
                              f"{entries[c.EPISODE_ID].to_numpy()[where]} on {day}.")


def _earliest_days(out: np.ndarray, code: np.ndarray, stamps: np.ndarray) -> None:
    """Lower `out` (day numbers per episode code) to the earliest of each code's `stamps` (NaT left out).

    Why: the earliest of the raw stamps, turned into a day number per episode, is the earliest day number
    (whole days are monotone in time), without converting every row's stamp (issue 12).
    """
    if stamps.dtype.kind != "M" or np.isnat(stamps).any():  # tz-aware or with gaps: row by row as before
        days = stamps.astype("datetime64[D]")
        known = ~np.isnat(days)
        reduce_at(np.minimum, out, code[known], days[known].astype(np.int64))
        return
    raw = np.full(len(out), np.iinfo(np.int64).max)
    reduce_at(np.minimum, raw, code, stamps.view(np.int64))
    found = raw != np.iinfo(np.int64).max
    day = raw[found].view(stamps.dtype).astype("datetime64[D]").astype(np.int64)
    out[found] = np.minimum(out[found], day)


def _floats(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A column as float64 (NaN for missing); text is refused. Pain is checked for range on import and save."""
    values = float_values(frame[column])
    if values is None:
        raise ValidationError(f"The column {column} of the diary entries must hold numbers.")
    return values


def reduce_at(ufunc: np.ufunc, out: np.ndarray, code: np.ndarray, values: np.ndarray) -> None:
    """`ufunc.at(out, code, values)` for a ufunc whose reduce is a left fold (minimum, maximum, fmin, fmax: the
    same result), as one reduceat per run of equal codes when the codes come sorted (a diary's rows do):
    ten times faster than ufunc.at on a million rows."""
    if not ascending(code):
        ufunc.at(out, code, values)
        return
    starts = run_heads(code)
    if len(starts):
        at = code[starts]
        out[at] = ufunc(out[at], ufunc.reduceat(values, starts))


def _dose_columns(grid: dict, doses: pd.DataFrame, row: np.ndarray, total: int, ids: pd.Index, start: np.ndarray,
                  first: np.ndarray, doses_read: DoseDays | None = None) -> None:
    """Per day: any dose, a flag per drug class, and each ingredient's total in mg (one compiled walk over
    the daily sums: a medicine's total is set once per day, as daily rows are one per medicine and day)."""
    from analysis.course import grid_kernels  # numba: loaded when the first grid is built

    dosed = np.zeros(total, dtype=bool)
    grid[DOSED] = dosed
    names = list(CLASSES.values())
    flags = np.zeros((len(names), total), dtype=bool)
    grid.update(zip(names, flags, strict=True))
    grid[NSAID_COUNT] = np.zeros(total, dtype=np.int64)
    if not len(row):
        return
    if doses_read is None or doses_read.rows != len(doses):
        doses_read = dose_days(doses)
    log, daily = doses_read.log, doses_read.daily
    # per class code: the grid column it flags (NSAID: only where it counts as one, _counts_as_nsaid)
    column = np.full(len(log.classes), -1, dtype=np.int64)
    for k, klass in enumerate(CLASSES):
        column[log.in_class((klass,))] = k
    mg = np.zeros((len(log.medicines), total))
    grid_kernels.doses(daily.code, daily.dnum, daily.med, daily.cls, _counts_as_nsaid(log, daily), daily.total,
                       ids.get_indexer(log.episodes).astype(np.int64), start, first, column,
                       list(CLASSES).index(NSAID), dosed, flags, grid[NSAID_COUNT], mg)
    for med, medicine in enumerate(log.medicines):
        grid[mg_column(str(medicine))] = mg[med]


def _symptom_columns(grid: dict, symptoms: pd.DataFrame, row: np.ndarray, total: int) -> None:
    """Per day: one bool per symptom code (each distinct text read once, not each row)."""
    from analysis.course import grid_kernels  # numba: loaded when the first grid is built

    flags = np.zeros((len(SYMPTOM_CODES), total), dtype=bool)
    if len(row):
        text, names = pd.factorize(symptoms[c.SYMPTOM], use_na_sentinel=True)
        known = {code: k for k, code in enumerate(SYMPTOM_CODES)}
        sign = np.array([known.get(str(name), -1) for name in names] + [-1], dtype=np.int64)[text]
        grid_kernels.symptoms(row, sign, flags)
    grid.update((symptom_column(code), flags[k]) for k, code in enumerate(SYMPTOM_CODES))
