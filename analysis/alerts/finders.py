"""The engine's finders: for each Finder a rule may declare (analysis.alerts.declaration), the function that
finds the days its rules apply, and the registry the engine dispatches on (FINDERS, find).

Why a registry: a rule's declaration (analysis.alerts.rules) names its finder, and the engine runs exactly the
finders the rules name, each once, in the Finder's order; a finder's hits carry only the codes of rules that
declare it (tests/alerts/test_rules_dispatch.py). Each finder reads what it needs from one Context: the three
frames (checked, filled and cut at `as_of` by the engine), the daily grid, and what the caller read once.
Every finder is vectorised over all episodes at once (compiled passes, the *_kernels modules): dispatch is a
handful of calls per engine run, never a loop per rule over rows. The pain rules are in
analysis.alerts.pain_course.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.alerts import rules as r
from analysis.alerts.carried import WHAT, prior_counts, silent_days_between_signs
from analysis.alerts.declaration import Finder
from analysis.alerts.hits import CODES, EPS, MESSAGES, Hits, hits, join
from analysis.alerts.pain_course import pain_hits
from analysis.alerts.red_flags import (
    PROGRESSIVE_MESSAGE,
    PROGRESSIVE_SYMPTOMS,
    SAME_DAY_SYMPTOMS,
    SEVERITY_ORDER,
    flagged_rows,
)
from analysis.course import activity, medication_use, recovery
from analysis.course.grid import CLASSES, DIARY_DAY, LOGGED, NSAID_COUNT, POSITION
from analysis.course.pain_rows import PainRows, load_diary, to_dates
from analysis.model import columns as c
from analysis.model.vocabulary import (
    ACTIVITY_DECLINING,
    BED_REST_OVER_2_DAYS,
    BEHIND_EXPECTED_CURVE,
    CODEINE_OVER_3_DAYS,
    DAILY_DOSE_EXCEEDED,
    NO_ACTIVITY_PROGRESS_3W,
    NOT_RECOVERED_6W,
    NSAID,
    NSAID_OVER_10_DAYS,
    OPIOID,
    ORAL_STEROID_7_DAYS,
    PAIN_PERSISTING_6W,
    PARACETAMOL,
    PARACETAMOL_ALONE,
    STEROID,
    TWO_NSAIDS_SAME_DAY,
)

NONE_CARRIED = np.zeros(0, dtype=np.int64)  # day_kernels.held's `prior` for a rule that carries no days


@dataclass(frozen=True)
class Context:
    """What the finders read, built once per engine run (analysis.alerts.engine.finder_context).

    entries, doses, symptoms: the frames up to `as_of`, checked and filled (engine._prepare); grid: their daily
    grid (analysis.course.grid); curve: the expected course's name; answers: questionnaire answers or None;
    doses_read, diary: the doses and pain rows the caller read once, or None (then read here); carried: the
    days of the person's earlier episode that count in this one's rules (analysis.alerts.carried).
    """

    entries: pd.DataFrame
    doses: pd.DataFrame
    symptoms: pd.DataFrame
    grid: pd.DataFrame
    curve: str
    answers: pd.DataFrame | None
    doses_read: medication_use.DoseDays | None
    diary: PainRows | None
    carried: pd.DataFrame


class Registered(NamedTuple):
    """A finder's function and the Context frame it reads rows of (`needs`): with none, it is not run."""

    needs: str
    run: Callable[[Context], Hits]


def find(context: Context) -> Hits:
    """Every declared rule's hits: each finder some rule in analysis.alerts.rules.RULES names, run once, in the
    Finder's order, on the frames it needs when they have rows; joined as integer codes (analysis.alerts.hits).
    Without any hit, one empty Hits of the entries. A rule naming a finder with no function here is refused:
    its alert would otherwise never fire, silently."""
    named = {rule.predicate for rule in r.RULES.values()}
    if None in named:  # a rule declared without its finder would never fire, silently
        missing = sorted(code for code, rule in r.RULES.items() if rule.predicate is None)
        raise LookupError(f"Alert rules without a finder (Rule.predicate): {', '.join(missing)}.")
    found = []
    for finder in Finder:
        if finder not in named:
            continue
        registered = FINDERS.get(finder)
        if registered is None:
            raise LookupError(f"No function finds {finder.value} (Finder.{finder.name}) in finders.FINDERS.")
        if len(getattr(context, registered.needs)):
            found.append(registered.run(context))
    none = hits(context.entries, np.zeros(len(context.entries), dtype=bool), CODES[0])
    return join([each for each in found if len(each)] or [none])


def _pain_course(context: Context) -> Hits:
    """Worst pain persisting after a week, and a flare (analysis.alerts.pain_course)."""
    return pain_hits(context.grid, context.curve)


def _bed_rest_hits(context: Context) -> Hits:
    """A bed-rest day (BED_REST_HOURS, 8 h, or more) with more than two of them in the last 7 days
    (NHS; Cochrane 2010)."""
    from analysis.alerts import day_kernels  # numba: loaded when the rules first run

    grid = context.grid
    with np.errstate(invalid="ignore"):
        bed_day = grid[c.BED_REST].to_numpy(dtype=float) >= r.BED_REST_HOURS - EPS
    many = day_kernels.held(bed_day, grid[POSITION].to_numpy(), r.BED_REST_WINDOW_DAYS, r.BED_REST_MAX_DAYS, True,
                            NONE_CARRIED)
    return hits(grid, many & grid[LOGGED].to_numpy(), BED_REST_OVER_2_DAYS)


def _recent_check_in(grid: pd.DataFrame, logged: np.ndarray, answers: pd.DataFrame | None) -> np.ndarray:
    """Per grid row with an entry (`logged`), in grid order: the mean of the latest weekly check-in (PSFS) on
    or before its date, within PSFS_RECENT_DAYS; NaN without one. Empty when there is no check-in at all
    (then no entry has one: the six-week rule reads minutes alone)."""
    if answers is None or answers.empty:
        return np.zeros(0)
    mine = answers[answers["instrument"] == r.PSFS_INSTRUMENT]
    if mine.empty:
        return np.zeros(0)
    checks = (mine.assign(date=pd.to_datetime(mine[c.DATE]).astype("datetime64[ns]"))
              .groupby([c.EPISODE_ID, c.DATE])["value"].mean().rename("psfs").reset_index()
              .astype({c.EPISODE_ID: "int64"}).sort_values(c.DATE))
    at = np.flatnonzero(logged)
    found = np.full(len(at), np.nan)
    rows = pd.DataFrame({c.EPISODE_ID: grid[c.EPISODE_ID].to_numpy()[at].astype("int64"),
                         c.DATE: grid[c.DATE].to_numpy()[at].astype("datetime64[ns]"), "_row": np.arange(len(at))})
    recent = pd.merge_asof(rows.sort_values(c.DATE), checks, on=c.DATE, by=c.EPISODE_ID, direction="backward",
                           tolerance=pd.Timedelta(days=r.PSFS_RECENT_DAYS))
    found[recent["_row"].to_numpy()] = recent["psfs"].to_numpy(dtype=float)
    return found


def _activity_hits(context: Context) -> Hits:
    """Activity falling, not built up by week 3, not as active as before by week 6 (by a recent weekly check-in
    when there is one, else by minutes); pain persisting at week 6 (info).

    Per diary entry: activity_declining from DECLINE_FROM_DAY when the 14-day Theil-Sen trend is
    ACTIVITY_DECLINE_PER_DAY or steeper (or falls by RELATIVE_DECLINE_SHARE of its earlier week, at least
    RELATIVE_DECLINE_FLOOR a day), or the last SHORT_TREND_DAYS' is SHORT_DECLINE_PER_DAY or steeper, with a
    Mann-Kendall z of -DECLINE_Z or lower over the same days, while below normal (an unknown normal counts as below);
    no_activity_progress_3w from WEEK_3_DAY when the 7-day mean is below NORMAL_ACTIVITY_SHARE of normal (or normal
    is not known: the seeds' rule is "no progress", the share only spares a person back at their normal) and not
    PROGRESS_MARGIN_MINUTES above the first week's; not_recovered_6w from WEEK_6_DAY when the 7-day mean is
    below NORMAL_ACTIVITY_SHARE of normal or, with a weekly check-in in the last PSFS_RECENT_DAYS days, its mean
    is below PSFS_AS_BEFORE_MEAN (seeds: "still not as active as before"; the person's own check-in says it
    best); pain_persisting_6w from WEEK_6_DAY when the PAIN_WEEK_DAYS mean pain (PAIN_WEEK_MIN_ENTRIES
    entries) is NOT_RECOVERED_PAIN or more.

    Judged on the mark day: a rule that starts on a given day (week 3, week 6) is judged on that day with the
    diary as it stands, not on the next entry, so a diary that skips day 21 is told on day 21 (issue 9: "by
    day 21 in all"): on a mark day without an entry it says what it said on the episode's latest entry, if
    that lies within the last activity.MEAN_WINDOW_DAYS days (the week the rule's 7-day mean reads on the mark
    day); an older entry says nothing about the mark day, and the rule waits for the next entry.

    One compiled walk per episode decides them all (analysis.course.activity_kernels.activity_rules, issue 12);
    every threshold is read here, at the call, and passed in.
    """
    from analysis.course import activity_kernels  # numba: loaded when the rules first run

    grid, answers = context.grid, context.answers
    logged = grid[LOGGED].to_numpy(dtype=bool)
    masks = activity_kernels.activity_rules(
        grid[POSITION].to_numpy(dtype=np.int64), grid[c.ACTIVITY].to_numpy(dtype=np.float64),
        grid[c.DAY].to_numpy(dtype=np.int64), grid[c.NORMAL_ACTIVITY].to_numpy(dtype=np.float64),
        grid[c.PAIN].to_numpy(dtype=np.float64), logged, _recent_check_in(grid, logged, answers),
        activity.kernel_windows(), _activity_rule(), True)
    return join([hits(grid, mask, name) for mask, name in zip(masks, (
        ACTIVITY_DECLINING, NO_ACTIVITY_PROGRESS_3W, NOT_RECOVERED_6W, PAIN_PERSISTING_6W), strict=True)])


def _activity_rule() -> tuple:
    """The activity rules' thresholds as the compiled pass takes them (activity_kernels.activity_rules' order),
    read at each call: a threshold changed in rules.py (or by a test) is never one frozen into numba's cache."""
    return (r.DECLINE_FROM_DAY, r.ACTIVITY_DECLINE_PER_DAY, r.SHORT_TREND_DAYS, r.SHORT_TREND_MIN_VALUES,
            r.SHORT_DECLINE_PER_DAY, r.DECLINE_Z, r.WEEK_3_DAY, r.PROGRESS_MARGIN_MINUTES, r.WEEK_6_DAY,
            r.NORMAL_ACTIVITY_SHARE, r.PSFS_AS_BEFORE_MEAN, r.PAIN_WEEK_DAYS, r.PAIN_WEEK_MIN_ENTRIES,
            r.NOT_RECOVERED_PAIN, EPS, r.RELATIVE_DECLINE_SHARE, r.RELATIVE_DECLINE_FLOOR)


def _behind_hits(context: Context) -> Hits:
    """The recovery analysis says 'behind' the expected course (Menezes Costa 2012)."""
    diary = load_diary(context.entries, grid=context.grid) if context.diary is None else context.diary
    mask = recovery.behind(diary, context.curve)  # daily_course's "behind" rows, without the rest of its table
    rows = np.flatnonzero(mask)
    found = (diary.ids.to_numpy()[diary.code[rows]], to_dates(diary.date[rows]))
    return hits(found, np.ones(len(rows), dtype=bool), BEHIND_EXPECTED_CURVE)


def carried_signs(carried: pd.DataFrame) -> pd.DataFrame | None:
    """The carried numbness or weakness days (analysis.alerts.carried) as symptom rows of the episode they join
    (episode_id, date, symptom; the red flags and the alert details read them); None without any (most summaries:
    nobody's back pain came back, and no empty frame is selected, renamed and joined per chunk, issue 12)."""
    signs = carried[carried[WHAT].isin(PROGRESSIVE_SYMPTOMS)] if len(carried) else carried
    return signs[[c.EPISODE_ID, c.DATE, WHAT]].rename(columns={WHAT: c.SYMPTOM}) if len(signs) else None


def _symptom_hits(context: Context) -> Hits:
    """Red flags from the warning symptoms (GUIDANCE.md §4; analysis.alerts.red_flags): flagged_days' rows as
    hits, each with its rule's severity, and the second day running of numbness or weakness with
    PROGRESSIVE_MESSAGE (pick 1: the rule's own words win a tie). `carried`: numbness or weakness in the
    person's earlier episode the day before this one began is this episode's first day's day before
    (analysis.alerts.carried); `silent`: a day nothing was logged between two days with it counts as one with
    it (carried.silent_days_between_signs); neither adds a hit of its own."""
    symptoms = context.symptoms
    carried = carried_signs(context.carried)  # a silent day between one of them and a sign here counts
    silent = silent_days_between_signs(context.entries, context.doses, symptoms if carried is None
                                       else pd.concat([symptoms[c.SYMPTOM_COLUMNS], carried]))
    added = [] if carried is None else [carried]
    if len(silent):
        added.append(silent.rename(columns={WHAT: c.SYMPTOM}))
    extra = sum(len(frame) for frame in added)  # laid after the episode's own rows: a flag on one is dropped below
    if extra:
        symptoms = pd.concat([symptoms[c.SYMPTOM_COLUMNS], *added], ignore_index=True)
    row, code, again = flagged_rows(symptoms)
    if extra:
        kept = row < len(symptoms) - extra
        row, code, again = row[kept], code[kept], again[kept]
    names = list(SAME_DAY_SYMPTOMS)
    rule = np.array([CODES.index(name) for name in names], dtype=np.int64)[code]
    rank = 10 * np.array([SEVERITY_ORDER[r.RULES[name].severity] for name in names], dtype=np.int64)[code] + again
    return Hits(symptoms[c.EPISODE_ID].to_numpy()[row], symptoms[c.DATE].to_numpy()[row], rule, rank,
                np.where(again, MESSAGES.index(PROGRESSIVE_MESSAGE), rule))


def _medicine_hits(context: Context) -> Hits:
    """Opioids too long, daily maximum exceeded, two NSAIDs, NSAIDs too long, paracetamol alone, oral steroids
    (GUIDANCE.md §5). Above the over-the-counter maximum only is information, above the adult
    maximum a warning, paracetamol above 4,000 mg urgent. `carried`: the person's earlier episode's opioid,
    NSAID and steroid days before this one's first day (analysis.alerts.carried), counted in its windows."""
    from analysis.alerts import day_kernels  # numba: loaded when the rules first run

    grid, carried = context.grid, context.carried
    totals = medication_use.rule_totals(context.doses, context.doses_read)  # daily_totals' rows, the columns read here
    position = grid[POSITION].to_numpy()
    # an opioid on more than OPIOID_MAX_DAYS of the last OPIOID_WINDOW_DAYS calendar days (in a row or not);
    # an NSAID on more than NSAID_MAX_DAYS of the last NSAID_WINDOW_DAYS
    # (the person's earlier episode's days count too: analysis.alerts.carried). Judged on every diary day, not only
    # on a day with the medicine: the day after six days of codeine is still "more than three of the last seven",
    # and a person who logs that day must not lose the warning that one who does not log keeps (review 25)
    diary_day = grid[DIARY_DAY].to_numpy(dtype=bool)

    def counted(kind: str, window: int, bar: int, above: bool) -> np.ndarray:
        flags = grid[CLASSES[kind]].to_numpy()
        prior = prior_counts(grid, carried, kind, window, flags)
        return day_kernels.held(flags, position, window, bar, above, prior, True) & diary_day

    opioid = counted(OPIOID, r.OPIOID_WINDOW_DAYS, r.OPIOID_MAX_DAYS, True)
    nsaid_days = counted(NSAID, r.NSAID_WINDOW_DAYS, r.NSAID_MAX_DAYS, True)
    over_counter = totals[medication_use.OVER_LIMIT].to_numpy()
    over = totals[medication_use.OVER_PRESCRIBED_MAX].to_numpy()
    paracetamol = over & totals[PARACETAMOL].to_numpy()
    two = grid[NSAID_COUNT].to_numpy() >= 2  # two different NSAIDs that day (the grid counts them)
    # NICE NG59: paracetamol the only painkiller (no NSAID, low-dose aspirin aside, and no opioid) that day
    only = (grid[CLASSES[PARACETAMOL]].to_numpy() & ~grid[CLASSES[NSAID]].to_numpy()
            & ~grid[CLASSES[OPIOID]].to_numpy())
    alone = day_kernels.held(only, position, r.PARACETAMOL_WINDOW_DAYS, r.PARACETAMOL_ALONE_DAYS, False,
                             NONE_CARRIED)
    # oral steroids on STEROID_MIN_DAYS+ of the last STEROID_WINDOW_DAYS calendar days (issue 9)
    steroid = counted(STEROID, r.STEROID_WINDOW_DAYS, r.STEROID_MIN_DAYS, False)
    return join([
        hits(grid, opioid, CODEINE_OVER_3_DAYS),
        hits(totals, paracetamol, DAILY_DOSE_EXCEEDED, r.URGENT, r.PARACETAMOL_OVERDOSE_MESSAGE),
        hits(totals, over & ~paracetamol, DAILY_DOSE_EXCEEDED),
        hits(totals, over_counter & ~over, DAILY_DOSE_EXCEEDED, r.INFO, r.OVER_COUNTER_MESSAGE),
        hits(grid, two, TWO_NSAIDS_SAME_DAY),
        hits(grid, nsaid_days, NSAID_OVER_10_DAYS),
        hits(grid, alone, PARACETAMOL_ALONE),
        hits(grid, steroid, ORAL_STEROID_7_DAYS),
    ])


# Each finder's function, in the Finder's order, with the frame it needs rows of (tests/alerts/test_rules_dispatch.py:
# every Finder a rule names is here, every one here is named by a rule, and its hits are its rules' codes).
FINDERS: dict[Finder, Registered] = {
    Finder.PAIN_COURSE: Registered("entries", _pain_course),
    Finder.BED_REST: Registered("entries", _bed_rest_hits),
    Finder.ACTIVITY: Registered("entries", _activity_hits),
    Finder.BEHIND_CURVE: Registered("entries", _behind_hits),
    Finder.SYMPTOMS: Registered("symptoms", _symptom_hits),
    Finder.MEDICINES: Registered("doses", _medicine_hits),
}
