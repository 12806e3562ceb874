"""The alert engine: on which diary days each rule applies (alert_days), and the alerts (alerts).

Pure and over all episodes at once: the long frames in, frames out; `as_of` is
passed in and later entries are ignored. Rules, thresholds and wording live in
analysis.alerts.rules; the activity, recovery and medicine numbers come from
their analyses, so each is computed in one place. The diary is laid once on the
daily grid (analysis.course.grid) and every rule reads it: the windows' numbers are
the window engine's (analysis.course.windows), worked out by compiled passes that walk
each episode's grid rows once (the *_kernels modules; numba), never a Python loop per
patient or day. The pain rules are in analysis.alerts.pain_course, the grouping into
alerts in analysis.alerts.history.

An alert "applies" on a diary day when its rule holds on that day. The days it
applies form one alert (its `date` is the first of them) until it misses more
than BRIDGE_DIARY_DAYS diary days; it is `active` when it applies on the
episode's last diary day up to `as_of`. Red flags are held (alert_rules): an
urgent alert stays active however long ago it was reported, a see-doctor sign
SEE_DOCTOR_HOLD_DAYS after its last report, until a clinician has seen the
person about it on or after the last report (Diary.mark_seen). Diary days are the dates with an entry,
a dose or a symptom, so a red flag logged without a pain score is never lost.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.alerts import rules as r
from analysis.alerts.carried import WHAT, carried_days, prior_counts, silent_days_between_signs
from analysis.alerts.details import long_date  # noqa: F401  (re-exported: pages and tests read it here)
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
    hit_history,
)
from analysis.alerts.hits import CODES, EPS, EVIDENCES, MESSAGES, Hits, hits, join, sort_order
from analysis.alerts.pain_course import pain_hits
from analysis.alerts.red_flags import (
    PROGRESSIVE_MESSAGE,
    PROGRESSIVE_SYMPTOMS,
    SAME_DAY_SYMPTOMS,
    SEVERITY_ORDER,
    flagged_rows,
)
from analysis.course import activity, medication_use, recovery
from analysis.course.curve import DEFAULT_CURVE
from analysis.course.grid import CLASSES, DIARY_DAY, LOGGED, NSAID_COUNT, POSITION, cached_grid
from analysis.course.pain_rows import PainRows, load_diary, to_dates
from analysis.model import columns as c
from analysis.model.frames import check_frame
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

DAY_COLUMNS = [c.EPISODE_ID, c.DATE, CODE, SEVERITY, MESSAGE, EVIDENCE]
_DAY_US = 86_400_000_000  # microseconds in a day: a datetime64[us] date at midnight is a multiple of it
NONE_CARRIED = np.zeros(0, dtype=np.int64)  # day_kernels.held's `prior` for a rule that carries no days
_OPTIONAL = {c.ONSET_DATE: "datetime64[us]", c.NORMAL_ACTIVITY: float, c.WORST_PAIN: float,
             c.ACTIVITY: float, c.BED_REST: float}


def alert_days(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame, as_of: object = None,
               curve: str = DEFAULT_CURVE, answers: pd.DataFrame | None = None,
               grid: pd.DataFrame | None = None, doses_read: medication_use.DoseDays | None = None,
               diary: PainRows | None = None) -> pd.DataFrame:
    """Every (episode, diary day, alert) where a rule applies, up to `as_of` (None: all days).

    `grid`: the daily grid of these three frames up to `as_of` (analysis.course.grid), if the caller
    has built it; else it is built (and cached) here. `doses_read` (medication_use.dose_days) and `diary`
    (the pain rows, analysis.course.pain_rows.load_diary): the same frames read once by the caller (the
    summary), used only when nothing here is after `as_of`.

    `answers`: questionnaire answers (episode_id, instrument, date, value; Diary.answers()): a recent
    weekly check-in decides the six-week "as active as before" rule instead of minutes.

    One row per episode, date and code (the most severe reading when a rule
    applies twice on a day), sorted by episode, date and code.
    Columns: episode_id, date, code, severity, message, evidence.
    """
    found = _coded_days(entries, doses, symptoms, as_of, curve, answers, grid, doses_read, diary)
    episode = pd.factorize(found.episode, sort=True)[0]
    day = found.date.astype("datetime64[D]").astype(np.int64)
    rule, rank, message = found.rule, found.rank, found.message
    order = sort_order(episode, day, rule, rank)  # per episode, date and rule: most severe first
    first = (np.diff(episode[order]) != 0) | (np.diff(day[order]) != 0) | (np.diff(rule[order]) != 0)
    order = order[np.r_[True, first]] if len(order) else order
    return pd.DataFrame({
        c.EPISODE_ID: found.episode[order],
        c.DATE: found.date.astype("datetime64[us]")[order],
        CODE: pd.Series(np.array(CODES, dtype=object)[rule[order]], dtype=object),
        SEVERITY: pd.Series(np.array(list(SEVERITY_ORDER), dtype=object)[rank[order] // 10], dtype=object),
        MESSAGE: pd.Series(np.array(MESSAGES, dtype=object)[message[order]], dtype=object),
        EVIDENCE: pd.Series(np.array(EVIDENCES, dtype=object)[rule[order]], dtype=object),
    }, columns=DAY_COLUMNS)


def _coded_days(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame, as_of: object,
                curve: str, answers: pd.DataFrame | None, grid: pd.DataFrame | None,
                doses_read: medication_use.DoseDays | None, diary: PainRows | None,
                carried: pd.DataFrame | None = None) -> Hits:
    """Every rule's hits up to `as_of` as integer codes (analysis.alerts.hits), as the rules give them: not
    yet one per episode, date and code, nor sorted. `carried`: analysis.alerts.carried.carried_days of the
    person's episodes (None: read from these frames, which then hold every episode of the person).

    Why: alert_days makes them its frame; alerts groups them into runs (history.hit_history) straight
    from the integers, without a frame of four hundred thousand text cells to read back (issue 12).
    """
    given = len(entries), len(doses)
    entries, doses, symptoms = _prepare(entries, doses, symptoms, as_of)
    if given != (len(entries), len(doses)):  # rows after `as_of` left out: what the caller read is not these
        doses_read, diary = None, None
    found_hits = []
    if grid is None:
        grid = cached_grid(entries, doses, symptoms)
    if len(entries):
        found_hits += [pain_hits(grid, curve), _bed_rest_hits(grid), _activity_hits(grid, answers),
                       _behind_hits(entries, curve, grid, diary)]
    if carried is None:
        carried = carried_days(entries, doses, symptoms)
    if len(symptoms):
        signs = _carried_signs(carried)  # a silent day between one of them and a sign of this episode counts too
        silent = silent_days_between_signs(entries, doses, pd.concat([symptoms[c.SYMPTOM_COLUMNS], signs]))
        found_hits.append(_symptom_hits(symptoms, carried, silent))
    if len(doses):
        found_hits.append(_medicine_hits(doses, grid, doses_read, carried))
    none = hits(entries, np.zeros(len(entries), dtype=bool), CODES[0])
    return join([h for h in found_hits if len(h)] or [none])


def _prepare(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame,
             as_of: object) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Check the three frames once, fill optional entry columns, and drop rows after `as_of`.

    Dates become midnights in datetime64[us]; dates that are so already (storage's, a parsed file's) are
    kept as they are, not normalised again (a tenth of a second at a million rows, issue 12).
    """
    stamp = as_of_stamp(as_of)
    frames = []
    for frame, required, what in ((entries, [c.EPISODE_ID, c.DATE, c.PAIN], "diary entries"),
                                  (doses, c.DOSE_COLUMNS[:3] + [c.DRUG_CLASS, c.COUNT, c.TOTAL_MG], "doses"),
                                  (symptoms, c.SYMPTOM_COLUMNS, "symptoms")):
        check_frame(frame, required, what)  # a DataFrame, the columns, episode ids, datetime64 dates
        dates = frame[c.DATE]
        if dates.dtype != np.dtype("datetime64[us]") or (dates.to_numpy().view(np.int64) % _DAY_US).any():
            frame = frame.assign(**{c.DATE: pd.to_datetime(dates).dt.normalize().astype("datetime64[us]")})
        frames.append(frame if stamp is None else frame[frame[c.DATE] <= stamp])
    entries, doses, symptoms = frames
    fill = {col: pd.Series(np.nan, index=entries.index, dtype=dtype) for col, dtype in _OPTIONAL.items()
            if col not in entries}
    return entries.assign(**fill), doses, symptoms


# ---- the rules (the pain rules: analysis.alerts.pain_course) ---------------------------------------

def _bed_rest_hits(grid: pd.DataFrame) -> Hits:
    """A bed-rest day (BED_REST_HOURS, 8 h, or more) with more than two of them in the last 7 days
    (NHS; Cochrane 2010)."""
    from analysis.alerts import day_kernels  # numba: loaded when the rules first run

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


def _activity_hits(grid: pd.DataFrame, answers: pd.DataFrame | None = None) -> Hits:
    """Activity falling, not built up by week 3, not as active as before by week 6 (by a recent weekly check-in
    when there is one, else by minutes); pain persisting at week 6 (info).

    Per diary entry: activity_declining from DECLINE_FROM_DAY when the 14-day Theil-Sen trend is
    ACTIVITY_DECLINE_PER_DAY or steeper while below normal (an unknown normal counts as below);
    no_activity_progress_3w from WEEK_3_DAY when the 7-day mean is below NORMAL_ACTIVITY_SHARE of normal and
    not PROGRESS_MARGIN_MINUTES above the first week's; not_recovered_6w from WEEK_6_DAY when the 7-day mean is
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
    return (r.DECLINE_FROM_DAY, r.ACTIVITY_DECLINE_PER_DAY, r.WEEK_3_DAY, r.PROGRESS_MARGIN_MINUTES, r.WEEK_6_DAY,
            r.NORMAL_ACTIVITY_SHARE, r.PSFS_AS_BEFORE_MEAN, r.PAIN_WEEK_DAYS, r.PAIN_WEEK_MIN_ENTRIES,
            r.NOT_RECOVERED_PAIN, EPS)


def _behind_hits(entries: pd.DataFrame, curve: str, grid: pd.DataFrame,
                 diary: PainRows | None = None) -> Hits:
    """The recovery analysis says 'behind' the expected course (Menezes Costa 2012)."""
    diary = load_diary(entries, grid=grid) if diary is None else diary
    mask = recovery.behind(diary, curve)  # daily_course's "behind" rows, without the rest of its table
    rows = np.flatnonzero(mask)
    found = (diary.ids.to_numpy()[diary.code[rows]], to_dates(diary.date[rows]))
    return hits(found, np.ones(len(rows), dtype=bool), BEHIND_EXPECTED_CURVE)


def _carried_signs(carried: pd.DataFrame) -> pd.DataFrame:
    """The carried numbness or weakness days (analysis.alerts.carried) as symptom rows of the episode they join."""
    signs = carried[carried[WHAT].isin(PROGRESSIVE_SYMPTOMS)] if len(carried) else carried
    return signs[[c.EPISODE_ID, c.DATE, WHAT]].rename(columns={WHAT: c.SYMPTOM})


def _symptom_hits(symptoms: pd.DataFrame, carried: pd.DataFrame, silent: pd.DataFrame) -> Hits:
    """Red flags from the warning symptoms (GUIDANCE.md §4; analysis.alerts.red_flags): flagged_days' rows as
    hits, each with its rule's severity, and the second day running of numbness or weakness with
    PROGRESSIVE_MESSAGE (pick 1: the rule's own words win a tie). `carried`: numbness or weakness in the
    person's earlier episode the day before this one began is this episode's first day's day before
    (analysis.alerts.carried); `silent`: a day nothing was logged between two days with it counts as one with
    it (carried.silent_days_between_signs); neither adds a hit of its own."""
    signs = pd.concat([_carried_signs(carried), silent.rename(columns={WHAT: c.SYMPTOM})], ignore_index=True)
    if len(signs):  # laid after the episode's own rows: a flag on one of them is dropped below
        symptoms = pd.concat([symptoms[c.SYMPTOM_COLUMNS], signs], ignore_index=True)
    row, code, again = flagged_rows(symptoms)
    if len(signs):
        own = row < len(symptoms) - len(signs)
        row, code, again = row[own], code[own], again[own]
    names = list(SAME_DAY_SYMPTOMS)
    rule = np.array([CODES.index(name) for name in names], dtype=np.int64)[code]
    rank = 10 * np.array([SEVERITY_ORDER[r.RULES[name].severity] for name in names], dtype=np.int64)[code] + again
    return Hits(symptoms[c.EPISODE_ID].to_numpy()[row], symptoms[c.DATE].to_numpy()[row], rule, rank,
                np.where(again, MESSAGES.index(PROGRESSIVE_MESSAGE), rule))


def _medicine_hits(doses: pd.DataFrame, grid: pd.DataFrame, doses_read: medication_use.DoseDays | None,
                   carried: pd.DataFrame) -> Hits:
    """Opioids too long, daily maximum exceeded, two NSAIDs, NSAIDs too long, paracetamol alone, oral steroids
    (GUIDANCE.md §5). Above the over-the-counter maximum only is information, above the adult
    maximum a warning, paracetamol above 4,000 mg urgent. `carried`: the person's earlier episode's opioid,
    NSAID and steroid days before this one's first day (analysis.alerts.carried), counted in its windows."""
    from analysis.alerts import day_kernels  # numba: loaded when the rules first run

    totals = medication_use.rule_totals(doses, doses_read)  # daily_totals' rows, the columns read here
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


def alerts(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame, as_of: object = None,
           curve: str = DEFAULT_CURVE, seen: pd.DataFrame | None = None,
           answers: pd.DataFrame | None = None, grid: pd.DataFrame | None = None,
           doses_read: medication_use.DoseDays | None = None, diary: PainRows | None = None,
           carried: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every alert that fired up to `as_of`, with whether it is still active (see alert_history).

    `seen`: the dated "a clinician has seen me about this" actions (SEEN_COLUMNS; Diary.seen()).
    `answers`: questionnaire answers (Diary.answers()): the weekly check-in feeds the six-week rule.
    `grid`: the frames' daily grid up to `as_of`, when the caller has built it (analysis.review.summary);
    `doses_read`, `diary`: the doses and pain rows it read once (see alert_days). `carried`: the days of a
    person's earlier episode that count in the next one's day-counting rules (analysis.alerts.carried.
    carried_days); None: read from these frames (a caller passing one episode of a person passes them).
    """
    found = _coded_days(entries, doses, symptoms, as_of, curve, answers, grid, doses_read, diary, carried)
    return hit_history(found, entries, as_of, doses, symptoms, seen, grid)


def visible(history: pd.DataFrame, acknowledged: set[tuple[int, str]]) -> pd.DataFrame:
    """Active alerts to show: urgent always, others unless this run's (episode_id, fingerprint) is acknowledged.

    Same columns as alert_history.
    """
    active = history[history[ACTIVE].astype(bool)]
    keys = pd.MultiIndex.from_arrays([active[c.EPISODE_ID].astype("int64"), active[FINGERPRINT].astype(str)])
    seen = keys.isin(list(acknowledged)) if acknowledged else np.zeros(len(active), dtype=bool)
    return active[(active[SEVERITY] == r.URGENT).to_numpy() | ~seen]
