"""Days of a person's earlier episode that count in the next one's day-counting rules (review 11).

Why: the rules that count days (an opioid on more than 3 of the last 7 days, an NSAID on more than 10 of 14,
an oral steroid on 7 of 14, numbness or weakness on two days running) read each episode's own days, and a new
episode started from the sidebar (back pain often comes back) restarted every count: co-codamol on five days
running, two before the new onset and three after, never warned, and numbness on the day before the new
onset and again on its first day was never the "two days running" emergency. A body does not know which
episode a tablet was logged in: these days are carried into the next episode's counts, the alert itself
stays the later episode's (where it is now).

Only the days before the later episode's first day are carried (its own days are its own), and only as far
back as the longest window a rule reads reaches from that first day (CARRY_DAYS, today counted).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.alerts.medicine_days import NSAID_WINDOW_DAYS, OPIOID_WINDOW_DAYS, STEROID_WINDOW_DAYS
from analysis.alerts.red_flags import PROGRESSIVE_SYMPTOMS
from analysis.model import columns as c
from analysis.model.runs import ascending, run_heads
from analysis.model.vocabulary import NSAID, OPIOID, STEROID, drug_class

# The longest window a carried rule reads back (days before the later episode's first day that can count).
CARRY_DAYS = max(OPIOID_WINDOW_DAYS, NSAID_WINDOW_DAYS, STEROID_WINDOW_DAYS)
# The drug classes whose days are carried (their rules count days: analysis.alerts.finders._medicine_hits).
CARRIED_CLASSES = (OPIOID, NSAID, STEROID)
WHAT = "what"  # a drug class of CARRIED_CLASSES, or a sign of PROGRESSIVE_SYMPTOMS
CARRIED_COLUMNS = [c.EPISODE_ID, c.DATE, WHAT]


def no_carried_days() -> pd.DataFrame:
    """The empty carried_days frame (nobody has an earlier episode)."""
    return pd.DataFrame({c.EPISODE_ID: pd.Series(dtype="int64"), c.DATE: pd.Series(dtype="datetime64[us]"),
                         WHAT: pd.Series(dtype=object)})


def carried_days(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame) -> pd.DataFrame:
    """Per episode of a person (entries' PATIENT) with an earlier episode (one whose first day, its onset or its
    first diary day if earlier, comes before): the days from the CARRY_DAYS before its first day on which an
    earlier episode of the person logged a drug of CARRIED_CLASSES or a sign of PROGRESSIVE_SYMPTOMS, once per
    day and kind, including days after its first day when the earlier episode went on being logged (review 19:
    an onset set two days back, numbness yesterday in the earlier episode and today in the new one).

    Returns CARRIED_COLUMNS: episode_id (the LATER episode, whose counts they join), date (the day it was
    logged), what (the drug class or the sign); sorted by episode_id and date (the summary cuts frames in
    whole-episode slices). Empty when no person has two episodes (no frame is read further).
    """
    if entries.empty or c.PATIENT not in entries:
        return no_carried_days()
    people = _episode_people(entries)
    people = people[people[c.PATIENT].duplicated(keep=False)]
    if people.empty:
        return no_carried_days()
    starts = _first_days(entries[entries[c.EPISODE_ID].isin(people[c.EPISODE_ID])])
    episodes = people.merge(starts, on=c.EPISODE_ID)
    logged = _logged(doses, symptoms, episodes[c.EPISODE_ID])
    if logged.empty:
        return no_carried_days()
    # each logged day with its own episode's first day, beside every episode of the same person
    pairs = (logged.merge(episodes.rename(columns={"_first": "_own_first"}), on=c.EPISODE_ID)
             .merge(episodes.rename(columns={c.EPISODE_ID: "_later"}), on=c.PATIENT))
    earlier = (pairs["_own_first"] < pairs["_first"]) | (
        (pairs["_own_first"] == pairs["_first"]) & (pairs[c.EPISODE_ID] < pairs["_later"]))
    kept = earlier & (pairs[c.DATE] > pairs["_first"] - pd.Timedelta(days=CARRY_DAYS))  # CARRY_DAYS, today's in it
    found = (pairs.loc[kept, ["_later", c.DATE, WHAT]].rename(columns={"_later": c.EPISODE_ID})
             .drop_duplicates().sort_values([c.EPISODE_ID, c.DATE, WHAT], kind="stable"))
    ids = "int64" if entries[c.EPISODE_ID].dtype.kind in "iuf" else object  # a caller's text ids kept (review 34)
    return found.astype({c.EPISODE_ID: ids, c.DATE: "datetime64[us]"}).reset_index(drop=True)


def _episode_people(entries: pd.DataFrame) -> pd.DataFrame:
    """One row per episode: episode_id, patient. Rows sorted by an integer episode id (the diary's and a parsed
    file's order) are read at the head of each run, not hashed (a summary of a million rows, issue 12)."""
    ids = entries[c.EPISODE_ID].to_numpy()
    if len(ids) and ids.dtype.kind in "iu" and ascending(ids):
        return entries[[c.EPISODE_ID, c.PATIENT]].iloc[run_heads(ids)]
    return entries[[c.EPISODE_ID, c.PATIENT]].drop_duplicates(c.EPISODE_ID)


def _first_days(entries: pd.DataFrame) -> pd.DataFrame:
    """Per episode: its first day, the onset (when given) or the first diary day, whichever is earlier.
    Columns: episode_id, _first."""
    dates = pd.to_datetime(entries[c.DATE]).dt.normalize()
    first = dates.groupby(entries[c.EPISODE_ID]).min()
    if c.ONSET_DATE in entries:
        onset = pd.to_datetime(entries[c.ONSET_DATE]).dt.normalize().groupby(entries[c.EPISODE_ID]).min()
        first = first.where(onset.isna() | (onset > first), onset)
    return first.rename("_first").rename_axis(c.EPISODE_ID).reset_index()


def _logged(doses: pd.DataFrame, symptoms: pd.DataFrame, episode_ids: pd.Series) -> pd.DataFrame:
    """The days the episodes logged a carried drug class or sign. Columns: episode_id, date, what."""
    parts = []
    mine = doses[doses[c.EPISODE_ID].isin(episode_ids)] if len(doses) else doses
    if len(mine):
        given = mine[c.DRUG_CLASS] if c.DRUG_CLASS in mine else pd.Series(np.nan, index=mine.index)
        named = mine[c.MEDICINE].astype(str).map(drug_class)
        classes = given.where(given.notna() & (given.astype(str) != ""), named).astype(str)
        keep = classes.isin(CARRIED_CLASSES)
        parts.append(pd.DataFrame({c.EPISODE_ID: mine.loc[keep, c.EPISODE_ID],
                                   c.DATE: pd.to_datetime(mine.loc[keep, c.DATE]).dt.normalize(),
                                   WHAT: classes[keep]}))
    signs = symptoms[symptoms[c.EPISODE_ID].isin(episode_ids)] if len(symptoms) else symptoms
    if len(signs):
        text = signs[c.SYMPTOM].astype(str).str.strip().str.lower()
        keep = text.isin(PROGRESSIVE_SYMPTOMS)
        parts.append(pd.DataFrame({c.EPISODE_ID: signs.loc[keep, c.EPISODE_ID],
                                   c.DATE: pd.to_datetime(signs.loc[keep, c.DATE]).dt.normalize(),
                                   WHAT: text[keep]}))
    parts = [part for part in parts if len(part)]
    if not parts:
        return no_carried_days()
    return pd.concat(parts, ignore_index=True).astype({WHAT: object})


def prior_counts(grid: pd.DataFrame, carried: pd.DataFrame, kind: str, days: int, own: np.ndarray) -> np.ndarray:
    """Per grid row: how many carried days of `kind` lie in the row's window of the last `days` calendar days
    (today counted), leaving out the days its own episode has `own` set (counted by the episode already): what
    analysis.alerts.day_kernels.held adds to the episode's own count. Empty (length 0) when none does, so the
    kernel reads nothing more."""
    mine = carried[carried[WHAT] == kind] if len(carried) else carried
    if mine.empty or grid.empty:
        return np.zeros(0, dtype=np.int64)
    from analysis.course.grid import POSITION  # the grid's column: 0 on each episode's first row

    ids, position = grid[c.EPISODE_ID].to_numpy(), grid[POSITION].to_numpy()
    starts = np.flatnonzero(position == 0)  # each episode's rows follow one another, from its first day
    ends = np.r_[starts[1:], len(grid)]
    bounds = {episode: (start, end) for episode, start, end in
              zip(ids[starts].tolist(), starts.tolist(), ends.tolist(), strict=True)}
    first_day = grid[c.DATE].to_numpy().astype("datetime64[D]")
    prior = np.zeros(len(grid), dtype=np.int64)
    for episode, date in zip(mine[c.EPISODE_ID].tolist(), mine[c.DATE].to_numpy().astype("datetime64[D]"),
                             strict=True):
        if episode not in bounds:
            continue
        start, end = bounds[episode]
        at = int((date - first_day[start]).astype(np.int64))  # its place on the episode's rows (< 0: before them)
        if 0 <= at < end - start and own[start + at]:
            continue  # the episode logged it that day too: counted once, by the episode
        # the rows whose window of `days` reaches it: from its own day to `days` - 1 after
        prior[start + max(at, 0):min(end, start + max(at + days, 0))] += 1
    return prior if prior.any() else np.zeros(0, dtype=np.int64)


def silent_days_between_signs(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame) -> pd.DataFrame:
    """The days nothing at all was logged (no entry, dose or sign) between two days with numbness or weakness in
    one episode (a day with it, a silent day, a day with it again), as that sign: the second report is then "two
    days running" (red_flag_emergency), as it would be had the silent day been logged (review 17: a missed log day
    says nothing about the numbness having gone; GUIDANCE §4 "new or worsening numbness ... seek care now").

    Why arrays, not sets of (episode, day) pairs: a summary of a million rows has tens of thousands of signs and
    checks each gap against every row of the episodes that have one (issue 12: a fifth of the summary's time).

    Returns CARRIED_COLUMNS (the silent day, the sign); like a carried day, it adds no alert of its own.
    """
    if symptoms.empty:
        return no_carried_days()
    text, names = pd.factorize(symptoms[c.SYMPTOM])  # each distinct text cleaned once (a missing one: -1)
    cleaned = pd.Series(names, dtype=object).astype("str").str.strip().str.lower()
    is_sign = np.append(cleaned.isin(PROGRESSIVE_SYMPTOMS).to_numpy(), False)[text]
    if not is_sign.any():
        return no_carried_days()
    episode, day = _unique_days(symptoms[c.EPISODE_ID].to_numpy()[is_sign], _days(symptoms[is_sign]))
    gap = np.flatnonzero((episode[1:] == episode[:-1]) & (day[1:] - day[:-1] == 2))  # a day with it, one without
    if not gap.size:
        return no_carried_days()
    episode, day = episode[gap], day[gap] + 1
    silent = np.ones(len(gap), dtype=bool)
    wanted = pd.Index(np.unique(episode))
    low, span = int(day.min()), int(day.max() - day.min()) + 1
    wanted_key = wanted.get_indexer(episode).astype(np.int64) * span + (day - low)
    for frame in (entries, doses, symptoms):  # read as arrays: a boolean slice of a million-row frame copies it
        if len(frame):
            ids = frame[c.EPISODE_ID].to_numpy()
            mine = np.flatnonzero(np.isin(ids, wanted.to_numpy()))
            at = wanted.get_indexer(ids[mine])
            offset = _day_numbers(frame[c.DATE].to_numpy()[mine]) - low
            inside = (offset >= 0) & (offset < span)
            silent &= ~np.isin(wanted_key, at[inside].astype(np.int64) * span + offset[inside])
    return pd.DataFrame({c.EPISODE_ID: pd.Series(episode[silent], dtype=symptoms[c.EPISODE_ID].dtype),
                         c.DATE: pd.Series(day[silent].astype("datetime64[D]"), dtype="datetime64[us]"),
                         WHAT: pd.Series([PROGRESSIVE_SYMPTOMS[0]] * int(silent.sum()), dtype=object)})


def _unique_days(episode: np.ndarray, day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (episode, day) pairs, sorted by episode id, then day.

    The ids keep their own type: a frame with text episode ids ("A", from a caller of the pure functions) failed
    here on a cast to integers."""
    codes, ids = pd.factorize(episode, sort=True)
    order = np.lexsort((day, codes))
    codes, day = codes[order], day[order]
    first = np.r_[True, (codes[1:] != codes[:-1]) | (day[1:] != day[:-1])]
    return np.asarray(ids)[codes[first]], day[first]


def _days(frame: pd.DataFrame) -> np.ndarray:
    """The frame's dates as day numbers (days since 1970-01-01)."""
    return _day_numbers(frame[c.DATE].to_numpy())


def _day_numbers(dates: np.ndarray) -> np.ndarray:
    """Dates (datetime64 of any unit, or what pandas reads as dates) as day numbers (days since 1970-01-01)."""
    if dates.dtype.kind != "M":
        dates = pd.to_datetime(pd.Series(dates)).to_numpy()
    return dates.astype("datetime64[D]").astype(np.int64)
