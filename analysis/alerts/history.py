"""The history of each alert: the diary days a rule applied, grouped into alerts (runs).

Split from analysis.alerts.engine (issue 12: no module over 400 lines). A rule's days form one
alert until it misses more than BRIDGE_DIARY_DAYS diary days; red flags are held active
(alert_rules.URGENT_HOLD_DAYS) until a clinician has seen the person. Vectorised over episodes:
sorted integer keys and reduceat, and plain-word details built from the few distinct dates and
symptom codes, never a Python loop per alert.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.alerts import rules as r
from analysis.alerts.details import run_details
from analysis.alerts.hits import sort_order
from analysis.alerts.red_flags import SEVERITY_ORDER
from analysis.course.activity import as_day_number
from analysis.course.grid import DIARY_DAY, POSITION
from analysis.model import columns as c

CODE, SEVERITY, MESSAGE, EVIDENCE = "code", "severity", "message", "evidence"
ACTIVE, LAST_DATE, FINGERPRINT = "active", "last_date", "fingerprint"
SEEN_DATE, DETAIL = "seen_date", "detail"
HISTORY_COLUMNS = [c.EPISODE_ID, CODE, SEVERITY, c.DATE, LAST_DATE, ACTIVE, MESSAGE, EVIDENCE, FINGERPRINT,
                   SEEN_DATE, DETAIL]
SEEN_COLUMNS = [c.EPISODE_ID, CODE, SEEN_DATE]
_DAY_US = 86_400_000_000  # microseconds in a day
_TEXT = {CODE: object, SEVERITY: object, MESSAGE: object, EVIDENCE: object, FINGERPRINT: object,
         DETAIL: object}  # empty or not


def as_of_stamp(as_of: object) -> pd.Timestamp | None:
    """`as_of` as a midnight Timestamp (None stays None); ValidationError for anything else."""
    return None if as_of is None else pd.Timestamp(as_day_number(as_of), unit="D")


def alert_history(days: pd.DataFrame, entries: pd.DataFrame, as_of: object = None,
                  doses: pd.DataFrame | None = None, symptoms: pd.DataFrame | None = None,
                  seen: pd.DataFrame | None = None, grid: pd.DataFrame | None = None,
                  codes: tuple[np.ndarray, list[str], np.ndarray] | None = None) -> pd.DataFrame:
    """Group the days an alert applied into alerts, one row per run (see the module docstring).

    Diary days are the dates of entries, doses, symptoms and `days` up to `as_of`; `grid`, the daily
    grid of those frames (analysis.course.grid) when the caller has it, gives them at once. Columns:
    episode_id, code, severity (the run's most severe), date (first day), last_date, active,
    message, evidence (of the run's first most severe day), fingerprint (code and first date:
    an acknowledgement of this run stops applying when a new run starts), seen_date (when a
    clinician saw the person about it, on or after its last report, from `seen`: SEEN_COLUMNS;
    else NaT), detail (what was reported and when, in words). Sorted by
    episode, active first, then urgent first, then newest first. `codes`: per row of `days`, its code's
    position in a list of codes, that list, and its severity's SEVERITY_ORDER rank, when the caller has
    them as integers (the engine): then the code and severity columns are not read back.
    """
    stamp = as_of_stamp(as_of)
    in_time = None if stamp is None else (pd.to_datetime(days[c.DATE]) <= stamp).to_numpy()
    hits = days if in_time is None else days[in_time]
    if hits.empty:
        dtypes = {c.EPISODE_ID: "int64", c.DATE: "datetime64[us]", LAST_DATE: "datetime64[us]", ACTIVE: bool,
                  SEEN_DATE: "datetime64[us]"}
        return pd.DataFrame({col: pd.Series(dtype=dtypes.get(col, object)) for col in HISTORY_COLUMNS})
    if grid is not None:  # the grid's diary days, already one per episode and date, in order
        grid_episode = np.cumsum(grid[POSITION].to_numpy() == 0) - 1
        ids = pd.Index(grid[c.EPISODE_ID].to_numpy()[grid[POSITION].to_numpy() == 0])
        mine = grid[DIARY_DAY].to_numpy()
        episode = grid_episode[mine]
        logged_day = grid[c.DATE].to_numpy()[mine].astype("datetime64[D]").astype(np.int64)
    else:
        frames = [f[[c.EPISODE_ID, c.DATE]] for f in (entries, doses, symptoms, hits) if f is not None and len(f)]
        logged = pd.concat(frames, ignore_index=True)
        logged_day = pd.to_datetime(logged[c.DATE]).to_numpy().astype("datetime64[D]").astype(np.int64)
        episode, ids = pd.factorize(logged[c.EPISODE_ID], sort=True)
    if stamp is not None:
        keep = logged_day <= np.datetime64(stamp.date(), "D").astype(np.int64)
        logged_day, episode = logged_day[keep], episode[keep]
    first_day = int(logged_day.min())
    span = int(logged_day.max()) - first_day + 1
    diary = episode.astype(np.int64) * span + (logged_day - first_day)  # (episode, day) keys
    if not (diary[1:] > diary[:-1]).all():  # the grid's come sorted and distinct; the frames' do not
        diary = np.sort(diary)
        diary = diary[np.r_[True, diary[1:] != diary[:-1]]]  # sort + diff: np.unique hashes, 10x slower here
    diary_episode = diary // span
    starts = np.searchsorted(diary_episode, np.arange(len(ids)))
    position = np.arange(len(diary)) - starts[diary_episode]
    last_position = np.searchsorted(diary_episode, np.arange(len(ids)), side="right") - 1 - starts
    hit_episode = ids.get_indexer(hits[c.EPISODE_ID])
    hit_day = pd.to_datetime(hits[c.DATE]).to_numpy().astype("datetime64[D]").astype(np.int64)
    hit_position = position[np.searchsorted(diary, hit_episode * span + (hit_day - first_day))]
    if codes is None:
        rule, rule_names = pd.factorize(hits[CODE])
        rank = _ranks(hits[SEVERITY])
    else:  # the runs' order below does not depend on how the codes are numbered (the final sort decides)
        rule, rank, rule_names = codes[0], codes[2], np.asarray(codes[1], dtype=object)
        rule, rank = (rule, rank) if in_time is None else (rule[in_time], rank[in_time])
    order = sort_order(hit_episode, rule, hit_position)
    hit_episode, rule, hit_position = hit_episode[order], rule[order], hit_position[order]
    rank = rank[order]
    new_run = np.r_[True, (np.diff(hit_episode) != 0) | (np.diff(rule) != 0)
                    | (np.diff(hit_position) > 1 + r.BRIDGE_DIARY_DAYS)]
    run_start = np.flatnonzero(new_run)
    run_end = np.r_[run_start[1:], len(order)] - 1
    run_rank = np.minimum.reduceat(rank, run_start)
    run_id = np.cumsum(new_run) - 1
    chosen = np.minimum.reduceat(np.where(rank == run_rank[run_id], np.arange(len(order)), len(order)), run_start)
    dates = pd.to_datetime(hits[c.DATE]).to_numpy().astype("datetime64[us]")[order]
    pick = order[chosen]
    # text columns built as object (the dtype returned): no round trip through arrow strings (issue 12)
    code_text = np.asarray(rule_names, dtype=object)[rule[run_start]]
    runs = pd.DataFrame({
        c.EPISODE_ID: ids[hit_episode[run_start]], CODE: pd.Series(code_text, dtype=object),
        SEVERITY: pd.Series(hits[SEVERITY].to_numpy(dtype=object)[pick], dtype=object),
        c.DATE: dates[run_start], LAST_DATE: dates[run_end],
        ACTIVE: hit_position[run_end] == last_position[hit_episode[run_end]],
        MESSAGE: pd.Series(hits[MESSAGE].to_numpy(dtype=object)[pick], dtype=object),
        EVIDENCE: pd.Series(hits[EVIDENCE].to_numpy(dtype=object)[pick], dtype=object)})
    names = [str(name) for name in rule_names]
    runs[FINGERPRINT] = pd.Series(_fingerprints(rule[run_start], names, dates[run_start]), dtype=object)
    last_diary_day = diary[last_position + starts] % span + first_day  # per episode
    if stamp is not None:
        last_diary_day = np.full(len(ids), np.datetime64(stamp.date(), "D").astype(np.int64))
    runs = _hold(runs, run_rank, last_diary_day[hit_episode[run_start]], seen)
    runs[DETAIL] = pd.Series(run_details(runs, symptoms), dtype=object)
    # episode, active first, urgent first, newest first; the code breaks ties, so the order never depends on
    # the order rows arrived in (pooled datasets). One stable sort of packed integers (sort_order), not sort_values.
    code_order = np.argsort(np.argsort(np.array(names, dtype=object), kind="stable"), kind="stable")
    when = runs[c.DATE].to_numpy().view(np.int64)
    when = when // _DAY_US if not (when % _DAY_US).any() else when  # whole days pack into fewer bits
    runs = runs.take(sort_order(pd.factorize(runs[c.EPISODE_ID], sort=True)[0], ~runs[ACTIVE].to_numpy(dtype=bool),
                                run_rank, -when, code_order[rule[run_start]]))
    return runs[HISTORY_COLUMNS].reset_index(drop=True).astype(_TEXT)


def _fingerprints(rule: np.ndarray, names: list[str], dates: np.ndarray) -> np.ndarray:
    """Per run: "code:YYYY-MM-DD" of its code (`rule`: position in `names`) and first date (datetime64).

    Why: a hundred thousand runs share a few thousand (code, first day) pairs; each text is built once.
    """
    day = dates.astype("datetime64[D]").astype(np.int64)
    first = int(day.min()) if len(day) else 0
    span = int(day.max()) - first + 1 if len(day) else 1
    pairs, which = np.unique(rule.astype(np.int64) * span + (day - first), return_inverse=True)
    iso = np.datetime_as_string((pairs % span + first).astype("datetime64[D]")).tolist()
    text = [f"{names[k]}:{d}" for k, d in zip((pairs // span).tolist(), iso, strict=True)]
    return np.array(text, dtype=object)[which.reshape(-1)]


def _ranks(severity: pd.Series) -> np.ndarray:
    """SEVERITY_ORDER of each severity: looked up once per distinct word (a million hits, four words)."""
    codes, words = pd.factorize(severity)
    if (codes < 0).any() or not all(word in SEVERITY_ORDER for word in words):
        return severity.map(SEVERITY_ORDER).to_numpy()  # anything unexpected: as the plain lookup has it
    return np.array([SEVERITY_ORDER[word] for word in words], dtype=np.int64)[codes]


def _hold(runs: pd.DataFrame, rank: np.ndarray, judged_day: np.ndarray, seen: pd.DataFrame | None) -> pd.DataFrame:
    """Keep red flags active after an ordinary day (alert_rules.URGENT_HOLD_DAYS), until seen.

    `judged_day` is each run's day number of `as_of` (else its episode's last diary day).
    Adds SEEN_DATE: the latest seen date on or after the run's last report and not after
    `as_of`; a held run with one is no longer active.
    """
    urgent = rank == SEVERITY_ORDER[r.URGENT]
    hold = np.where(urgent, r.URGENT_HOLD_DAYS,
                    np.where(runs[CODE].isin(r.SEE_DOCTOR_HOLD_CODES).to_numpy(), r.SEE_DOCTOR_HOLD_DAYS, -1))
    last = runs[LAST_DATE].to_numpy().astype("datetime64[D]").astype(np.int64)
    seen_day = np.full(len(runs), np.iinfo(np.int64).min)
    if seen is not None and len(seen):
        when = pd.to_datetime(seen[SEEN_DATE]).to_numpy().astype("datetime64[D]").astype(np.int64)
        table = pd.DataFrame({"e": seen[c.EPISODE_ID].astype("int64").to_numpy(),
                              "k": seen[CODE].astype(str).to_numpy(), "d": when})
        runs_key = pd.DataFrame({"e": runs[c.EPISODE_ID].astype("int64").to_numpy(),
                                 "k": runs[CODE].astype(str).to_numpy(),
                                 "last": last, "judged": judged_day, "row": np.arange(len(runs))})
        both = runs_key.merge(table, on=["e", "k"])
        both = both[(both["d"] >= both["last"]) & (both["d"] <= both["judged"])]
        if len(both):
            best = both.groupby("row")["d"].max()
            seen_day[best.index.to_numpy()] = best.to_numpy()
    was_seen = (seen_day >= last) & (hold >= 0)
    held = (hold >= 0) & (judged_day - last <= hold)
    runs[ACTIVE] = (runs[ACTIVE].to_numpy() | held) & ~was_seen
    runs[SEEN_DATE] = pd.to_datetime(np.where(was_seen, seen_day, 0), unit="D").where(was_seen)\
        .astype("datetime64[us]")
    return runs
