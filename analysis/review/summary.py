"""One row per patient episode: where they stand, in the shape the CLI's JSON promises.

This is the table behind `python -m analysis summary`, the Progress headline and
the Clinic triage list. It only combines the analyses (recovery, activity,
alerts); every rule lives in those modules.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.alerts import engine as alerts
from analysis.alerts.carried import carried_days
from analysis.course import activity, medication_use, outlook, recovery
from analysis.course.curve import CURVES, DEFAULT_CURVE
from analysis.course.grid import daily_grid
from analysis.course.pain_rows import PainRows, load_diary
from analysis.model import columns as c
from analysis.model import screening
from analysis.model.dates import day_values
from analysis.model.errors import ValidationError
from analysis.model.frames import check_frame
from analysis.model.runs import ascending, run_heads, run_lengths
from analysis.review import episode_chunks, record
from analysis.review.collector import collector_paused
from analysis.review.projection_words import with_notes_read_on

# The public JSON keys, in order (python -m analysis summary --json): the fields of SummaryRecord
# (analysis.review.record), which also writes the JSON. Extend, never rename.
SUMMARY_KEYS = record.SUMMARY_KEYS
SUMMARY_ORDER = [c.PATIENT, c.ONSET_DATE]  # the table's rows: by patient, then episode onset
DATE_KEYS = record.DATE_KEYS


def as_of_dates(entries: pd.DataFrame, as_of: object = None) -> pd.Series:
    """The date each episode is judged at: `as_of` if given, else its last diary date. Index: episode_id."""
    last = _last_dates(entries)
    if as_of is None:
        return last.rename("as_of")
    return pd.Series(pd.Timestamp(as_of), index=last.index, name="as_of")


def _last_dates(entries: pd.DataFrame) -> pd.Series:
    """Each episode's last diary date (Index: episode_id, sorted). Rows sorted by an integer episode id (the
    diary's and a parsed file's order) are read in runs, without grouping a million rows."""
    ids, dates = entries[c.EPISODE_ID].to_numpy(), entries[c.DATE].to_numpy()
    runs = len(ids) and ids.dtype.kind in "iu" and dates.dtype.kind == "M" and ascending(ids)
    if not runs or np.isnat(dates).any():
        return entries.groupby(c.EPISODE_ID)[c.DATE].max()
    heads = run_heads(ids)
    last = np.maximum.reduceat(dates.view(np.int64), heads).view(dates.dtype)
    return pd.Series(last, index=pd.Index(ids[heads], name=c.EPISODE_ID), name=c.DATE)


def summarise(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame, episodes: pd.DataFrame,
              as_of: object = None, curve: str = DEFAULT_CURVE, seen: pd.DataFrame | None = None,
              screening_answers: pd.DataFrame | None = None,
              answers: pd.DataFrame | None = None, alerts_on: object = None) -> pd.DataFrame:
    """Everything the summary reports, one row per episode with at least one entry (_summarise_episodes
    says what each argument and column is; `alerts_on`: analyse's, the day the alerts are judged on when not
    `as_of`). Thousands of episodes are summarised in whole-episode chunks on every core
    (analysis.review.episode_chunks): the same rows, sooner."""
    # a person's earlier episode's days that count in the next one's rules, read before the episodes are cut
    # into chunks (a person's two episodes may fall in two chunks)
    frames = {"entries": entries, "doses": doses, "symptoms": symptoms, "episodes": episodes, "seen": seen,
              "screening_answers": screening_answers, "answers": answers,
              "carried": carried_days(entries, doses, symptoms)}
    with collector_paused:
        return episode_chunks.in_chunks(_summarise_episodes, frames,
                                        {"as_of": as_of, "curve": curve, "alerts_on": alerts_on}, order=SUMMARY_ORDER)


def _summarise_episodes(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame,
                        episodes: pd.DataFrame, as_of: object = None, curve: str = DEFAULT_CURVE,
                        seen: pd.DataFrame | None = None, screening_answers: pd.DataFrame | None = None,
                        answers: pd.DataFrame | None = None, ordered: bool = True,
                        carried: pd.DataFrame | None = None, alerts_on: object = None) -> pd.DataFrame:
    """The summary table of `analyse` (one piece of `summarise`); the empty table when nothing is up to `as_of`.
    `ordered=False`: in episode order, for episode_chunks, which sorts the joined pieces once."""
    found = analyse(entries, doses, symptoms, episodes, as_of, curve, seen, screening_answers, answers, alerts_on,
                    ordered=ordered, carried=carried)
    return pd.DataFrame(columns=SUMMARY_KEYS) if found is None else found.table


@dataclass(frozen=True)
class Analysis:
    """The summary of some episodes with what it was read from, for a caller that shows more of the same
    episodes (the Progress view: its course, activity, medicines and alert list read the same grid and the same
    alerts as its headline, analysis.review.progress). Read them, never change them in place."""

    table: pd.DataFrame  # the summary: SUMMARY_KEYS, one row per episode
    history: pd.DataFrame  # every alert up to as_of (analysis.alerts.engine.alerts), the table's alerts column
    grid: pd.DataFrame  # the daily grid up to as_of (analysis.course.grid.daily_grid)
    doses_read: medication_use.DoseDays | None  # the doses up to as_of, read once (None: no doses)
    diary: PainRows  # the pain rows up to as_of, read from the grid (analysis.course.pain_rows)


def analyse(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame, episodes: pd.DataFrame,
            as_of: object = None, curve: str = DEFAULT_CURVE, seen: pd.DataFrame | None = None,
            screening_answers: pd.DataFrame | None = None, answers: pd.DataFrame | None = None,
            alerts_on: object = None, ordered: bool = True, carried: pd.DataFrame | None = None) -> Analysis | None:
    """Everything the summary reports, one row per episode with at least one entry up to `as_of` (None when
    there is none), with the one daily grid, doses and pain rows every part of it read (issue 12).

    `seen`: the "a clinician has seen me about this" actions (analysis.alerts.engine.SEEN_COLUMNS);
    red flags are held active at `as_of` until seen (analysis.alerts.engine).
    `screening_answers`: the set-up screening answers (analysis.model.screening.SCREENING_COLUMNS, from
    Diary.screening()); without them every answer reads as not answered. `answers`: questionnaire
    answers (Diary.answers()): a recent weekly check-in decides the six-week activity rule.
    `alerts_on`: the day the alerts are judged on, when not `as_of` (analysis.alerts.judging.judging_day: today
    on the pages that show them now); on or after every episode's last diary day up to `as_of`. Where each
    episode stands (status, pain, projection) is still judged at `as_of`. `ordered`: the table sorted by
    SUMMARY_ORDER (False: in episode order, for a caller that sorts pieces once they are joined). `carried`: the
    days of each person's earlier episode that count in the next one's day-counting rules
    (analysis.alerts.carried.carried_days of every episode of the people); None: read from these frames.

    Table columns: SUMMARY_KEYS (alerts holds a record.AlertList of AlertRecords: code, severity, date,
    last_date, active, message, evidence, detail, seen_date; active ones first, urgent first; screening
    holds a dict: answers, flags, see_gp_first, see analysis.model.screening.screening_record).
    """
    if curve not in CURVES:
        raise ValidationError(f"Unknown curve {curve!r}; choose one of {', '.join(CURVES)}.")
    if entries.empty:
        return None
    dates = as_of_dates(entries, as_of)
    if as_of is not None:  # else each episode is judged at its own last entry: no entry lies after it
        entries = _up_to(entries, dates)
    doses, symptoms = _up_to(doses, dates), _up_to(symptoms, dates)
    if entries.empty:
        return None
    # the one daily grid, built and checked once; every analysis below reads it (issue 12)
    check_frame(entries, [c.EPISODE_ID, c.ONSET_DATE, c.NORMAL_ACTIVITY, c.DATE, c.ACTIVITY],
                         "diary entries")
    doses_read = medication_use.dose_days(doses) if len(doses) else None  # read once: grid and medicine rules
    grid = daily_grid(entries, doses, symptoms, as_of=dates, doses_read=doses_read)
    # the pain rows (and their 7-day mean, kept on them) read once from the grid for the five analyses below
    diary = load_diary(entries, dates, grid)
    columns = _side_by_side(recovery.status_at(entries, dates, curve=curve, grid=grid, diary=diary), [
        recovery.recovered_dates(entries, dates, grid, diary), recovery.recurrence_dates(entries, dates, grid, diary),
        outlook.projections(entries, dates, curve=curve, grid=grid, diary=diary),
        outlook.trajectories(entries, dates, grid=grid, diary=diary, reasons=False), _activity(entries, dates, grid)])
    ids = pd.Series(columns[c.EPISODE_ID])
    columns |= _episode_info(ids, episodes)
    # judged at its last entry unless as_of is given: then the last entry is that of the rows kept
    last = dates if as_of is None else _last_dates(entries)
    last_entry, judged = ids.map(last), ids.map(dates)
    columns |= {"last_entry_date": last_entry.array, "as_of": judged.array,
                "days_without_entries": (judged - last_entry).dt.days.array,
                "curve": np.full(len(ids), curve, dtype=object)}
    history = alerts.alerts(entries, doses, symptoms, as_of if alerts_on is None else alerts_on, curve, seen,
                            answers, grid, doses_read, diary, carried)
    columns["alerts"] = _alert_lists(history, ids)
    columns["screening"] = screening.screening_records(screening.answers_by_episode(screening_answers), ids.tolist())
    # the table made once, from its columns (each change of a wide frame costs milliseconds, issue 12)
    table = pd.DataFrame(columns, columns=SUMMARY_KEYS)
    if ordered:
        table = table.sort_values(SUMMARY_ORDER).reset_index(drop=True)
    return Analysis(table, history, grid, doses_read, diary)


def _episode_info(ids: pd.Series, episodes: pd.DataFrame) -> dict[str, object]:
    """Each episode's patient, label and onset date from `episodes`, in the order of `ids` (what a left merge
    on episode_id gives; missing where an episode is not in `episodes`). Columns: patient, episode,
    onset_date."""
    names = [c.PATIENT, c.EPISODE_LABEL, c.ONSET_DATE]
    given = pd.Index(episodes[c.EPISODE_ID])
    if not given.is_unique:  # the diary's ids are distinct: a frame built by hand may not be
        found = pd.DataFrame({c.EPISODE_ID: ids}).merge(episodes[[c.EPISODE_ID, *names]], on=c.EPISODE_ID, how="left")
        return {name: found[name].array for name in names}
    at = given.get_indexer(ids.to_numpy())
    missing = bool((at < 0).any())  # an episode not in `episodes`: missing, as a left merge leaves it
    return {name: episodes[name].array.take(at, allow_fill=missing) for name in names}


def _up_to(frame: pd.DataFrame, dates: pd.Series) -> pd.DataFrame:
    """The rows of `frame` on or before their episode's date in `dates` (none for an episode not in it); the
    frame itself when every row is (no copy of a million rows to keep them all)."""
    index, ids = dates.index.to_numpy(), frame[c.EPISODE_ID].to_numpy()
    if not len(frame) or not len(index):
        return frame.iloc[:0] if len(frame) else frame
    if ids.dtype.kind in "iu" and index.dtype.kind in "iu" and bool((index[1:] > index[:-1]).all()):
        # integer ids against the sorted judging dates: each run of one id (a diary's rows come grouped) found by
        # a binary search, not a hash map, nor a search per row (a million rows, ten thousand runs)
        heads = run_heads(ids) if ascending(ids) else np.arange(len(ids))
        at = np.minimum(np.searchsorted(index, ids[heads]), len(index) - 1)
        limit = dates.to_numpy()[at]
        limit[index[at] != ids[heads]] = np.datetime64("NaT")  # no judging date: no row kept (NaT compares False)
        keep = frame[c.DATE].to_numpy() <= np.repeat(limit, run_lengths(heads, len(ids)))
    else:
        keep = (frame[c.DATE] <= frame[c.EPISODE_ID].map(dates)).to_numpy(dtype=bool)
    return frame if keep.all() else frame[keep]


def _side_by_side(table: pd.DataFrame, parts: list[pd.DataFrame]) -> dict[str, object]:
    """The columns of `table` and of every part, matched on episode_id (a left merge of each part), by name.

    Why not merge: every analysis gives one row per episode in the order of the diary's episodes, so the
    columns are laid side by side as they come; five merges were a fifth of a small summary (issue 12).
    A part in another order, or sharing a column name, is merged as before.
    """
    ids = table[c.EPISODE_ID].to_numpy()
    columns = {name: table[name].array for name in table.columns}
    for at, part in enumerate(parts):
        same = len(part) == len(ids) and np.array_equal(part[c.EPISODE_ID].to_numpy(), ids)
        if not same or any(name in columns for name in part.columns if name != c.EPISODE_ID):
            return _side_by_side(table.merge(part, on=c.EPISODE_ID, how="left"), parts[at + 1:])
        columns |= {name: part[name].array for name in part.columns if name != c.EPISODE_ID}
    return columns


def _activity(entries: pd.DataFrame, dates: pd.Series, grid: pd.DataFrame) -> pd.DataFrame:
    """activity_summary's columns under the summary's names: episode_id, activity_minutes_7d,
    share_of_normal_activity, activity_trend."""
    found = activity.activity_summary(entries, dates, grid)
    names = {c.EPISODE_ID: c.EPISODE_ID, "activity_minutes_7d": "activity_minutes_7d",
             "share_of_normal_activity": "share_of_normal_7d", "activity_trend": "trend_label"}
    return pd.DataFrame({name: found[given].array for name, given in names.items()}, copy=False)


def _alert_lists(history: pd.DataFrame, episode_ids: pd.Series) -> np.ndarray:
    """Each episode's alerts, in alert_history's order (active, urgent first), as an object array of
    record.AlertList: views of one set of columns, an AlertRecord built only when an alert is read."""
    found = np.empty(len(episode_ids), dtype=object)
    if history.empty:
        columns: tuple[list, ...] = tuple([] for _ in record.ALERT_KEYS)
        left = right = np.zeros(len(episode_ids), dtype=np.int64)
    else:
        # each distinct day made once, the first and last dates in one pass, the seen dates (mostly none) apart
        size = len(history)
        days = day_values(np.r_[history[c.DATE].to_numpy(), history["last_date"].to_numpy()]).tolist()
        seen_days = pd.to_datetime(history["seen_date"]).to_numpy().astype("datetime64[D]")
        seen = [None] * size if np.isnat(seen_days).all() else day_values(seen_days).tolist()
        columns = (history["code"].tolist(), history["severity"].tolist(), days[:size], days[size:],
                   history["active"].to_numpy(dtype=bool).tolist(), history["message"].tolist(),
                   history["evidence"].tolist(), history["detail"].tolist(), seen)
        # alert_history sorts by episode: each episode's alerts are one run of rows
        episodes = history[c.EPISODE_ID].to_numpy().astype(np.int64)
        wanted = np.asarray(episode_ids, dtype=np.int64)
        left, right = np.searchsorted(episodes, wanted, "left"), np.searchsorted(episodes, wanted, "right")
    # one by one: numpy would read each view as a nested sequence if the array were built from the list
    for at, (a, b) in enumerate(zip(left.tolist(), right.tolist(), strict=True)):
        found[at] = record.AlertList(columns, a, b)
    return found


def as_read_on(table: pd.DataFrame, read_on: object) -> pd.DataFrame:
    """The summary table as read on `read_on` (`summary`'s day, on either engine: --as-of, else today): its
    projection notes (projection_words.with_notes_read_on) and days_without_entries counted to that day.

    Why: without --as-of each episode is judged at its own last entry, so the days since it were always 0 while
    the same record's note said "The diary stopped on ..." (review 25); with --as-of nothing changes (the day it
    is read is the day it is judged). Same columns."""
    table = with_notes_read_on(table, read_on)
    if read_on is None or table.empty:
        return table
    since = pd.Timestamp(str(read_on)).normalize() - pd.to_datetime(table["last_entry_date"])
    return table.assign(days_without_entries=since.dt.days.array)


def to_records(table: pd.DataFrame) -> list[dict]:
    """The summary as JSON-ready dicts (SummaryRecord.to_json): ISO dates, None for missing, plain Python
    numbers, keys in SUMMARY_KEYS order."""
    return [summary.to_json() for summary in record.summary_records(table)]
