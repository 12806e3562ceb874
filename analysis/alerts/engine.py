"""The alert engine: on which diary days each rule applies (alert_days), and the alerts (alerts).

Pure and over all episodes at once: the long frames in, frames out; `as_of` is
passed in and later entries are ignored. Rules, thresholds and wording live in
analysis.alerts.rules; the activity, recovery and medicine numbers come from
their analyses, so each is computed in one place. Each rule declares its Finder, and the
engine runs the finders the rules name (analysis.alerts.finders), each once, on one Context.
The diary is laid once on the daily grid (analysis.course.grid) and every finder reads it:
the windows' numbers are the window engine's (analysis.course.windows), worked out by compiled passes that walk
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

from analysis.alerts import finders
from analysis.alerts import rules as r
from analysis.alerts.carried import carried_days
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
from analysis.alerts.hits import CODES, EVIDENCES, MESSAGES, Hits, sort_order
from analysis.alerts.red_flags import SEVERITY_ORDER
from analysis.course import medication_use
from analysis.course.curve import DEFAULT_CURVE
from analysis.course.grid import cached_grid
from analysis.course.pain_rows import PainRows
from analysis.model import columns as c
from analysis.model.frames import check_frame
from analysis.model.vocabulary import DAILY_DOSE_EXCEEDED, TWO_NSAIDS_SAME_DAY

DAY_COLUMNS = [c.EPISODE_ID, c.DATE, CODE, SEVERITY, MESSAGE, EVIDENCE]
_DAY_US = 86_400_000_000  # microseconds in a day: a datetime64[us] date at midnight is a multiple of it
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
    yet one per episode, date and code, nor sorted: the finders the rules declare, run on one finder_context
    (analysis.alerts.finders.find: each Rule's `predicate` names its Finder, and only named finders run).

    Why: alert_days makes them its frame; alerts groups them into runs (history.hit_history) straight
    from the integers, without a frame of four hundred thousand text cells to read back (issue 12).
    """
    return finders.find(finder_context(entries, doses, symptoms, as_of, curve, answers, grid, doses_read, diary,
                                       carried))


def finder_context(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame, as_of: object = None,
                   curve: str = DEFAULT_CURVE, answers: pd.DataFrame | None = None, grid: pd.DataFrame | None = None,
                   doses_read: medication_use.DoseDays | None = None, diary: PainRows | None = None,
                   carried: pd.DataFrame | None = None) -> finders.Context:
    """What every finder reads (analysis.alerts.finders.Context): the frames prepared once up to `as_of`, their
    grid (`grid`, or built and cached here), and `carried`: analysis.alerts.carried.carried_days of the
    person's episodes (None: read from these frames, which then hold every episode of the person).

    Why its own function: the engine runs the declared finders on it, and tests run each finder alone on it
    to check that its hits are its own rules' (tests/alerts/test_rules_dispatch.py)."""
    given = len(entries), len(doses)
    entries, doses, symptoms = _prepare(entries, doses, symptoms, as_of)
    if given != (len(entries), len(doses)):  # rows after `as_of` left out: what the caller read is not these
        doses_read, diary = None, None
    if grid is None:
        grid = cached_grid(entries, doses, symptoms)
    if carried is None:
        carried = carried_days(entries, doses, symptoms)
    return finders.Context(entries, doses, symptoms, grid, curve, answers, doses_read, diary, carried)


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
    context = finder_context(entries, doses, symptoms, as_of, curve, answers, grid, doses_read, diary, carried)
    return hit_history(finders.find(context), entries, as_of, doses, symptoms, seen, grid,
                       finders.carried_signs(context.carried))


def visible(history: pd.DataFrame, acknowledged: set[tuple]) -> pd.DataFrame:
    """Active alerts to show: urgent always, others unless this run, or a later run of the same alert in the
    episode, was acknowledged (its (episode_id, fingerprint[, last report read]) in `acknowledged`; a fingerprint
    is "code:first day"; Diary.acknowledged()).

    Why a later run too: the page shows the runs of one alert as one card with one "Got it"
    (analysis.review.alert_runs), which puts aside the newest; the earlier runs are the same alert, already read
    (a run that starts after it is new, and shows). A sign that needs a doctor (fever, numbness), or a dose above
    its maximum, reported again after the last report the person had read shows again (REPORTED_AGAIN_SHOWS),
    though the days make one run (review 33: fever put aside on 3 December and logged again on 4 December stayed
    put aside). Same columns as alert_history.
    """
    active = history[history[ACTIVE].astype(bool)]
    if not acknowledged or active.empty:
        return active
    newest: dict[tuple[int, str], tuple[str, str]] = {}  # (episode, code): (first day, last report read)
    for episode, fingerprint, *read in acknowledged:
        code, _, day = str(fingerprint).rpartition(":")
        key, last = (int(episode), code), str(read[0]) if read and read[0] else ""
        newest[key] = max(newest.get(key, (day, last)), (day, last))  # ISO days: their text sorts as the days do
    codes, days = active[FINGERPRINT].astype(str).str.rpartition(":")[[0, 2]].T.to_numpy()
    reported = active[LAST_DATE].dt.strftime("%Y-%m-%d").tolist()
    seen = np.array([_put_aside(newest.get((int(episode), code)), code, day, last, severity)
                     for episode, code, day, last, severity in zip(active[c.EPISODE_ID].tolist(), codes.tolist(),
                                                                   days.tolist(), reported, active[SEVERITY].tolist(),
                                                                   strict=True)], dtype=bool)
    return active[(active[SEVERITY] == r.URGENT).to_numpy() | ~seen]


# The warnings a new report brings back after "Got it", though it extends the run put aside: a sign that needs a
# doctor, and a day's dose above an adult maximum or of two anti-inflammatories (each day a new event to read; an
# information-level dose above the over-the-counter maximum only, as prescribed, would come back every day)
REPORTED_AGAIN_SHOWS = (*r.SEE_DOCTOR_HOLD_CODES, DAILY_DOSE_EXCEEDED, TWO_NSAIDS_SAME_DAY)


def _put_aside(read: tuple[str, str] | None, code: str, day: str, last_report: str, severity: str) -> bool:
    """Whether a run of `code` from `day` to `last_report` (ISO) is put aside by the acknowledgement `read` (first
    day of the run put aside, its last report then: "" when not known)."""
    if read is None or day > read[0]:
        return False  # never put aside, or a run that started after the one put aside
    reported_again = day == read[0] and read[1] != "" and last_report > read[1]
    return not (reported_again and code in REPORTED_AGAIN_SHOWS and severity != r.INFO)
