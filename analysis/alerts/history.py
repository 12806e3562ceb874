"""The history of each alert: the diary days a rule applied, grouped into alerts (runs).

Split from analysis.alerts.engine (issue 12: no module over 400 lines). A rule's days form one
alert until it misses more than BRIDGE_DIARY_DAYS diary days; red flags are held active
until a clinician has seen the person (urgent ones with no end date; alert_rules). Vectorised over episodes:
the days are ordered, placed among their episode's diary days and cut into runs in compiled passes
(analysis.alerts.history_kernels), the runs' columns taken from arrays and the frame built once, in its
final order; plain-word details are built from the few distinct dates and symptom codes, never a
Python loop per alert.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.alerts import rules as r
from analysis.alerts.details import run_details
from analysis.alerts.dose_details import with_dose_details
from analysis.alerts.hits import CODES, EVIDENCES, MESSAGES, Hits, sort_order
from analysis.alerts.red_flags import SEVERITY_ORDER
from analysis.alerts.seen_after import marks_in_force, overtaken
from analysis.course.grid import DIARY_DAY, POSITION
from analysis.model import columns as c
from analysis.model.errors import ValidationError
from analysis.model.frames import as_day_number

CODE, SEVERITY, MESSAGE, EVIDENCE = "code", "severity", "message", "evidence"
_UNTIL_SEEN = np.iinfo(np.int64).max // 2  # an urgent run's hold in days: no end but a seen mark (alert_rules)
ACTIVE, LAST_DATE, FINGERPRINT = "active", "last_date", "fingerprint"
SEEN_DATE, DETAIL = "seen_date", "detail"
HISTORY_COLUMNS = [c.EPISODE_ID, CODE, SEVERITY, c.DATE, LAST_DATE, ACTIVE, MESSAGE, EVIDENCE, FINGERPRINT,
                   SEEN_DATE, DETAIL]
SEEN_COLUMNS = [c.EPISODE_ID, CODE, SEEN_DATE]
_DAY_US = 86_400_000_000  # microseconds in a day
_NO_DAY = np.iinfo(np.int64).max  # no as-of day: every diary day counts
_SEVERITY_WORDS = np.array(list(SEVERITY_ORDER), dtype=object)  # position = rank


@dataclass(frozen=True)
class _DayRows:
    """The days an alert applied, as arrays with one entry per day row.

    episode: episode id; date: datetime64[us]; rule: position in `names`; severity: SEVERITY_ORDER rank;
    rank: what decides which of a rule's rows of one day is kept (lowest); texts: the severity, message
    and evidence columns, each as (per-row position, table of texts).
    Why: the engine hands its hits over as integer codes, and a frame of four hundred thousand text cells
    built only to be read back cost a tenth of a second (issue 12); a frame of days is read into the same shape.
    """

    episode: np.ndarray
    date: np.ndarray
    rule: np.ndarray
    names: np.ndarray
    severity: np.ndarray
    rank: np.ndarray
    texts: dict[str, tuple[np.ndarray, np.ndarray]]


def as_of_stamp(as_of: object) -> pd.Timestamp | None:
    """`as_of` as a midnight Timestamp (None stays None); ValidationError for anything else."""
    return None if as_of is None else pd.Timestamp(as_day_number(as_of), unit="D")


def alert_history(days: pd.DataFrame, entries: pd.DataFrame, as_of: object = None,
                  doses: pd.DataFrame | None = None, symptoms: pd.DataFrame | None = None,
                  seen: pd.DataFrame | None = None, grid: pd.DataFrame | None = None,
                  signs_before: pd.DataFrame | None = None) -> pd.DataFrame:
    """Group the days an alert applied into alerts, one row per run (see the module docstring).

    Diary days are the dates of entries, doses, symptoms and `days` up to `as_of`; `grid`, the daily
    grid of those frames (analysis.course.grid) when the caller has it, gives them at once. Columns:
    episode_id, code, severity (the run's most severe), date (first day), last_date, active,
    message, evidence (of the run's first most severe day), fingerprint (code and first date:
    an acknowledgement of this run stops applying when a new run starts), seen_date (when a
    clinician saw the person about it, on or after its last report, from `seen`: SEEN_COLUMNS;
    else NaT), detail (what was reported and when, in words; `signs_before`: as hit_history's). Sorted by
    episode, active first, then urgent first, then newest first.
    """
    stamp = as_of_stamp(as_of)
    in_time = None if stamp is None else (pd.to_datetime(days[c.DATE]) <= stamp).to_numpy()
    hits = days if in_time is None else days[in_time]
    if hits.empty:
        return _empty()
    rule, names = pd.factorize(hits[CODE])
    rank = _ranks(hits[SEVERITY])
    every = np.arange(len(hits))
    rows = _DayRows(hits[c.EPISODE_ID].to_numpy(), pd.to_datetime(hits[c.DATE]).to_numpy().astype("datetime64[us]"),
                 rule, np.asarray(names, dtype=object), rank, rank,
                 {col: (every, hits[col].to_numpy(dtype=object)) for col in (SEVERITY, MESSAGE, EVIDENCE)})
    return _history(rows, False, stamp, entries, doses, symptoms, seen, grid, signs_before)


def hit_history(found: Hits, entries: pd.DataFrame, as_of: object = None, doses: pd.DataFrame | None = None,
                symptoms: pd.DataFrame | None = None, seen: pd.DataFrame | None = None,
                grid: pd.DataFrame | None = None, signs_before: pd.DataFrame | None = None) -> pd.DataFrame:
    """alert_history of the engine's hits (analysis.alerts.hits), as they come: several on one day of a rule
    count once, the lowest rank (engine.alert_days' row of that day). The same rows as alert_history of
    engine.alert_days, without building that frame. `signs_before`: numbness or weakness of the person's earlier
    episode carried into these (episode_id, date), which the details name (details.run_details)."""
    stamp = as_of_stamp(as_of)
    date = found.date.astype("datetime64[us]")
    keep = None if stamp is None else date <= np.datetime64(stamp.date(), "us")
    if keep is not None and not keep.all():
        found = Hits(*(part[keep] for part in (found.episode, found.date, found.rule, found.rank, found.message)))
        date = date[keep]
    if not len(found):
        return _empty()
    severity = found.rank // 10
    rows = _DayRows(found.episode, date, found.rule, np.array(CODES, dtype=object), severity, found.rank,
                 {SEVERITY: (severity, _SEVERITY_WORDS), MESSAGE: (found.message, np.array(MESSAGES, dtype=object)),
                  EVIDENCE: (found.rule, np.array(EVIDENCES, dtype=object))})
    return _history(rows, True, stamp, entries, doses, symptoms, seen, grid, signs_before)


def _empty() -> pd.DataFrame:
    dtypes = {c.EPISODE_ID: "int64", c.DATE: "datetime64[us]", LAST_DATE: "datetime64[us]", ACTIVE: bool,
              SEEN_DATE: "datetime64[us]"}
    return pd.DataFrame({col: pd.Series(dtype=dtypes.get(col, object)) for col in HISTORY_COLUMNS})


def _history(rows: _DayRows, deduplicate: bool, stamp: pd.Timestamp | None, entries: pd.DataFrame,
             doses: pd.DataFrame | None, symptoms: pd.DataFrame | None, seen: pd.DataFrame | None,
             grid: pd.DataFrame | None, signs_before: pd.DataFrame | None = None) -> pd.DataFrame:
    """The runs of `rows` (deduplicate: keep one row per episode, rule and day, see hit_history)."""
    from analysis.alerts import history_kernels as kernels  # numba: loaded when alerts are first grouped

    seen = marks_in_force(seen)  # an emergency's mark closes the same signs' warnings; none a sign filled in after it
    day = rows.date.astype("datetime64[D]").astype(np.int64)
    stamp_day = _NO_DAY if stamp is None else int(np.datetime64(stamp.date(), "D").astype(np.int64))
    ids, episode, place, last_place, last_day = _places(rows, day, stamp_day, entries, doses, symptoms, grid)
    if deduplicate:
        order = kernels.day_order(episode, rows.rule, day, rows.rank, len(ids), len(rows.names))
    else:
        order = sort_order(episode, rows.rule, place)
    cut_place = _cut_at_marks(place, day, episode, rows.rule, ids, rows.names, seen)
    first, last, pick, worst, _ = kernels.cut_runs(order, episode, rows.rule, cut_place, rows.severity,
                                                   r.BRIDGE_DIARY_DAYS, last_place)
    active = place[last] == last_place[episode[last]]  # on the episode's last diary day (the places as they are)
    run_episode, rule = episode[first], rows.rule[first]
    run_ids = np.asarray(ids)[run_episode]
    start, end = rows.date[first], rows.date[last]
    judged = last_day[run_episode] if stamp is None else np.full(len(first), stamp_day)
    see_doctor = np.array([name in r.HELD_WARNING_CODES for name in rows.names], dtype=bool)[rule]
    active, seen_day = _hold(active, worst, see_doctor, rows.names[rule], run_ids, end, judged, seen)
    # episode, active first, urgent first, newest first; the code breaks ties, so the order never depends on
    # the order rows arrived in (pooled datasets). One stable sort of packed integers (sort_order); every
    # column below is then made in that order (no frame sorted and copied after).
    names = [str(name) for name in rows.names]
    code_order = np.argsort(np.argsort(np.array(names, dtype=object), kind="stable"), kind="stable")
    when = start.view(np.int64)
    when = when // _DAY_US if not (when % _DAY_US).any() else when  # whole days pack into fewer bits
    by_episode = run_episode if pd.Index(ids).is_monotonic_increasing else pd.factorize(run_ids, sort=True)[0]
    final = sort_order(by_episode, ~active, worst, -when, code_order[rule])
    rule, run_ids, start, end, pick = rule[final], run_ids[final], start[final], end[final], pick[final]
    text = {col: table[index[pick]] for col, (index, table) in rows.texts.items()}
    columns = {c.EPISODE_ID: run_ids, CODE: rows.names[rule], SEVERITY: text[SEVERITY], c.DATE: start,
               LAST_DATE: end, ACTIVE: active[final], MESSAGE: text[MESSAGE], EVIDENCE: text[EVIDENCE],
               FINGERPRINT: _fingerprints(rule, names, start), SEEN_DATE: seen_day[final],
               DETAIL: with_dose_details(run_details(rule, rows.names, text[SEVERITY], start, end, run_ids, symptoms,
                                                     signs_before),
                                         rows.names[rule], text[SEVERITY], start, end, run_ids, doses)}
    return pd.DataFrame({col: pd.Series(values, dtype=object, copy=False) if values.dtype == object else values
                         for col, values in columns.items()}, columns=HISTORY_COLUMNS, copy=False)


def _ids(values: object) -> np.ndarray:
    """Episode ids as int64 when they are whole numbers (the diary's, a parsed file's), else as they are: a caller's
    text ids ("ep-a") failed here on a cast to integers (review 34)."""
    array = np.asarray(values)
    return array.astype(np.int64) if array.dtype.kind in "iuf" else array.astype(object)


def _cut_at_marks(place: np.ndarray, day: np.ndarray, episode: np.ndarray, rule: np.ndarray, ids: object,
                  names: np.ndarray, seen: pd.DataFrame | None) -> np.ndarray:
    """`place` with a gap wider than any bridge after each "I have been seen" mark of the row's own alert: a run
    ends at a mark, and a report after it starts a new run.

    Why: reports a day or two apart are one run (BRIDGE_DIARY_DAYS), so a sign reported again two days after a
    visit reopened the run from before the visit: "Fever first reported on 2 December, last reported 4 December",
    the 2 December report the visit had closed named again (review 32's browser walk). A mark's own day's report
    saved after it (seen_after.overtaken) falls after the mark; one saved before it, before."""
    if seen is None or not len(seen) or not len(place):
        return place
    codes = {str(name): at for at, name in enumerate(names)}
    marks = pd.DataFrame({"e": _ids(seen[c.EPISODE_ID]),
                          "k": seen[CODE].astype(str).map(codes).to_numpy(),
                          "at": pd.to_datetime(seen[SEEN_DATE]).to_numpy().astype("datetime64[D]").astype(np.int64)
                          * 2 + ~overtaken(seen)}).dropna()  # a report on the mark's day: 2 d + 1, after it
    if marks.empty:
        return place
    row_ids = _ids(ids)[episode]
    shifted = place.astype(np.int64, copy=True)
    gap = r.BRIDGE_DIARY_DAYS + 2
    for (episode_id, code), group in marks.groupby(["e", "k"]):
        rows = np.flatnonzero((row_ids == episode_id) & (rule == int(code)))
        if len(rows):
            before = np.searchsorted(np.sort(group["at"].to_numpy()), day[rows] * 2 + 1, side="left")
            shifted[rows] += before * gap * (1 + len(place))  # wider than any run of this alert could bridge
    return shifted


def _places(rows: _DayRows, day: np.ndarray, stamp_day: int, entries: pd.DataFrame, doses: pd.DataFrame | None,
            symptoms: pd.DataFrame | None, grid: pd.DataFrame | None) -> tuple:
    """The episodes (ids), each row's episode (position in ids) and place among its episode's diary days up to
    `stamp_day` (on a day without a diary entry: the next diary day's), and per episode the last diary day's
    place and day number.

    Diary days: the grid's when given (analysis.course.grid: read off its rows by arithmetic), else the dates
    of entries, doses, symptoms and the rows themselves.
    """
    if grid is not None:
        position = grid[POSITION].to_numpy()
        starts = position == 0
        ids = pd.Index(grid[c.EPISODE_ID].to_numpy()[starts])
        episode = _episode_of(ids, rows.episode)
        if (episode < 0).any():
            raise ValidationError("Alert days of an episode that is not on the daily grid.")
        first_day = grid[c.DATE].to_numpy()[starts].astype("datetime64[D]").astype(np.int64)
        from analysis.alerts import history_kernels as kernels

        place, last_place, last_day, ok = kernels.grid_positions(
            position.astype(np.int64, copy=False), grid[DIARY_DAY].to_numpy(dtype=bool), first_day, stamp_day,
            episode, day)
        if ok:
            return ids, episode, place, last_place, last_day
        mine = grid[DIARY_DAY].to_numpy()  # a day off the grid: search its diary days as they are
        logged_episode = (np.cumsum(starts) - 1)[mine]
        logged_day = grid[c.DATE].to_numpy()[mine].astype("datetime64[D]").astype(np.int64)
    else:
        frames = [f[[c.EPISODE_ID, c.DATE]] for f in (entries, doses, symptoms) if f is not None and len(f)]
        logged = pd.concat(frames + [pd.DataFrame({c.EPISODE_ID: rows.episode, c.DATE: rows.date})],
                           ignore_index=True)
        logged_day = pd.to_datetime(logged[c.DATE]).to_numpy().astype("datetime64[D]").astype(np.int64)
        logged_episode, ids = pd.factorize(logged[c.EPISODE_ID], sort=True)
        episode = ids.get_indexer(rows.episode)
    return (ids, episode) + _searched(logged_episode, logged_day, stamp_day, len(ids), episode, day)


def _episode_of(ids: pd.Index, episode: np.ndarray) -> np.ndarray:
    """Each id's position in `ids` (-1: not there); a binary search when they are sorted (the grid's are)."""
    if not ids.is_monotonic_increasing or ids.dtype != np.int64 or episode.dtype != np.int64:
        return ids.get_indexer(episode)
    from analysis.alerts import history_kernels as kernels

    return kernels.places_in(ids.to_numpy(), episode)


def _searched(logged_episode: np.ndarray, logged_day: np.ndarray, stamp_day: int, count: int,
              episode: np.ndarray, day: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """_places from a list of (episode, diary day) pairs, in any order and repeated: sorted keys, searchsorted."""
    keep = logged_day <= stamp_day
    logged_day, logged_episode = logged_day[keep], logged_episode[keep]
    first_day = int(logged_day.min())
    span = int(logged_day.max()) - first_day + 1
    diary = logged_episode.astype(np.int64) * span + (logged_day - first_day)  # (episode, day) keys
    if not (diary[1:] > diary[:-1]).all():  # the grid's come sorted and distinct; the frames' do not
        diary = np.sort(diary)
        diary = diary[np.r_[True, diary[1:] != diary[:-1]]]  # sort + diff: np.unique hashes, 10x slower here
    diary_episode = diary // span
    starts = np.searchsorted(diary_episode, np.arange(count))
    position = np.arange(len(diary)) - starts[diary_episode]
    last_place = np.searchsorted(diary_episode, np.arange(count), side="right") - 1 - starts
    place = position[np.searchsorted(diary, episode * span + (day - first_day))]
    return place, last_place, diary[last_place + starts] % span + first_day


def _fingerprints(rule: np.ndarray, names: list[str], dates: np.ndarray) -> np.ndarray:
    """Per run: "code:YYYY-MM-DD" of its code (`rule`: position in `names`) and first date (datetime64).

    Why: a hundred thousand runs share a few thousand (code, first day) pairs; each text is built once.
    """
    day = dates.astype("datetime64[D]").astype(np.int64)
    first = int(day.min()) if len(day) else 0
    span = int(day.max()) - first + 1 if len(day) else 1
    which, pairs = pd.factorize(rule.astype(np.int64) * span + (day - first))  # hashed, not sorted
    iso = np.datetime_as_string((pairs % span + first).astype("datetime64[D]")).tolist()
    text = [f"{names[k]}:{d}" for k, d in zip((pairs // span).tolist(), iso, strict=True)]
    return np.array(text, dtype=object)[which]


def _ranks(severity: pd.Series) -> np.ndarray:
    """SEVERITY_ORDER of each severity: looked up once per distinct word (a million hits, four words)."""
    codes, words = pd.factorize(severity)
    if (codes < 0).any() or not all(word in SEVERITY_ORDER for word in words):
        unknown = sorted({str(word) for word in severity if word not in SEVERITY_ORDER})
        raise ValidationError(f"Unknown alert severity: {', '.join(unknown)}.")
    return np.array([SEVERITY_ORDER[word] for word in words], dtype=np.int64)[codes]


def _hold(active: np.ndarray, rank: np.ndarray, see_doctor: np.ndarray, code: np.ndarray, episode: np.ndarray,
          last_date: np.ndarray, judged_day: np.ndarray, seen: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    """Keep red flags active after an ordinary day until seen: urgent ones with no end, those that need a doctor
    soon alert_rules.SEE_DOCTOR_HOLD_DAYS after their last report.

    Per run: `active` (on the episode's last diary day), `rank` (SEVERITY_ORDER), `see_doctor` (a
    HELD_WARNING_CODES code), `code`, `episode` id, `last_date` (datetime64), `judged_day`: the day
    number of `as_of` (else its episode's last diary day). Returns whether each run is active and its
    SEEN_DATE: the first seen date on or after the run's last report and not after `as_of` (the mark that closed
    it; a later one closes nothing: analysis.review.seen_marks); a held run
    with one is no longer active.
    """
    urgent = rank == SEVERITY_ORDER[r.URGENT]
    hold = np.where(urgent, _UNTIL_SEEN, np.where(see_doctor, r.SEE_DOCTOR_HOLD_DAYS, -1))
    last = last_date.astype("datetime64[D]").astype(np.int64)
    seen_day = np.full(len(active), np.iinfo(np.int64).min)
    if seen is not None and len(seen):
        when = pd.to_datetime(seen[SEEN_DATE]).to_numpy().astype("datetime64[D]").astype(np.int64)
        table = pd.DataFrame({"e": _ids(seen[c.EPISODE_ID]),
                              "k": seen[CODE].astype(str).to_numpy(), "d": when, "over": overtaken(seen)})
        mine = np.flatnonzero(np.isin(_ids(episode), table["e"].to_numpy()))  # few runs were seen
        runs_key = pd.DataFrame({"e": _ids(episode)[mine], "k": code[mine].astype(str),
                                 "last": last[mine], "judged": judged_day[mine], "row": mine})
        both = runs_key.merge(table, on=["e", "k"])
        # a mark closes what was reported on or before its date, but not its own day's sign saved after it
        both = both[((both["d"] > both["last"]) | ((both["d"] == both["last"]) & ~both["over"]))
                    & (both["d"] <= both["judged"])]
        if len(both):
            best = both.groupby("row")["d"].min()  # the mark that closed the run (a later one closes nothing)
            seen_day[best.index.to_numpy()] = best.to_numpy()
    was_seen = (seen_day >= last) & (hold >= 0)  # seen_day: only marks that close the run
    held = (hold >= 0) & (judged_day - last <= hold)
    seen_date = np.where(was_seen, np.where(was_seen, seen_day, 0) * _DAY_US, np.iinfo(np.int64).min)
    return (active | held) & ~was_seen, seen_date.view("datetime64[us]")
