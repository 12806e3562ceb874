"""Everything the Progress page and the GP report show for one episode, computed in one call.

Pages and reports render; they do not compute. `progress_view` gathers the
summary, the day-by-day course with the expected band, activity against plan,
medicine use and alerts for one episode, so the page, the PDF report and the
tests all see the same numbers.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from analysis.alerts.carried import carried_days
from analysis.alerts.judging import judging_day
from analysis.course import activity, associations, medication_use, recovery
from analysis.course.curve import DEFAULT_CURVE
from analysis.model import columns as c
from analysis.model.dates import day_since_onset
from analysis.model.errors import NotFound
from analysis.plan.adherence import ExerciseLink, enough_weeks, link_when_long_enough, weekly_adherence
from analysis.plan.checkin import PSFS
from analysis.plan.doctor_hold import with_doctor_days
from analysis.plan.walking import plan_days, walking_course
from analysis.review.carried_words import carried_medicine_line
from analysis.review.projection_words import note_read_on
from analysis.review.record import SummaryRecord
from analysis.review.report_text import ALERT_TITLES, SAME_POINTS
from analysis.review.status_headline import status_headline
from analysis.review.summary import analyse

EXPECTED_MIN_DAYS = 84  # always draw the usual course to week 12 (Downie 2016 follow-up)
SAME_POINT_DAYS = 7  # "at the same point": the week ending on the same day since onset (a 7-day average)

# Columns of psfs_by_week() and side_by_side().
PSFS_WEEK_COLUMNS = ["week", "week_start", "activity", "score"]
SIDE_BY_SIDE_COLUMNS = [c.EPISODE_ID, "onset_date", "day", c.PAIN, "current"]


@dataclass
class ProgressView:
    """One episode's progress. Frames have the columns of the analysis that made them."""

    summary: SummaryRecord  # where the episode stands (its to_json() is the summary --json object)
    headline: str
    entries: pd.DataFrame
    course: pd.DataFrame  # recovery.daily_course
    expected: pd.DataFrame  # recovery.expected_course
    activity: pd.DataFrame  # activity.daily_activity
    weekly_activity: pd.DataFrame  # activity.weekly_activity
    medicines: pd.DataFrame  # medication_use.medicine_use
    medicine_days: pd.DataFrame  # medication_use.daily_totals
    associations: pd.DataFrame  # associations.next_day_associations
    alerts: pd.DataFrame  # alerts.alert_history (also in summary.alerts)
    walking: pd.DataFrame = field(default_factory=pd.DataFrame)  # plan.walking.walking_course (the plan Today shows)
    psfs: pd.DataFrame = field(default_factory=pd.DataFrame)  # psfs_by_week
    episodes: pd.DataFrame = field(default_factory=pd.DataFrame)  # side_by_side (empty: no earlier episode)
    episodes_sentence: str | None = None
    adherence: pd.DataFrame = field(default_factory=pd.DataFrame)  # plan.adherence.weekly_adherence; empty: too few
    exercise_link: ExerciseLink | None = None
    # the urgent alerts active in the person's other episodes (urgent_now.urgent_of_other_episodes; empty: none)
    urgent_elsewhere: pd.DataFrame = field(default_factory=pd.DataFrame)
    # the medicine days before this episode that its alerts count (carried_words.carried_medicine_line; None: none)
    carried_medicines: str | None = None

    @property
    def urgent_elsewhere_titles(self) -> tuple[str, ...]:
        """The titles of urgent_elsewhere, once each (status_label reads them beside the headline)."""
        return elsewhere_titles(self.urgent_elsewhere)


def elsewhere_titles(rows: pd.DataFrame | None) -> tuple[str, ...]:
    """The alert titles (report_text.ALERT_TITLES) of urgent alerts of other episodes, once each, in order."""
    if rows is None or rows.empty:
        return ()
    return tuple(dict.fromkeys(ALERT_TITLES.get(code, code) for code in rows["code"]))


def progress_view(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame, episodes: pd.DataFrame,
                  episode_id: int, as_of: object = None, curve: str = DEFAULT_CURVE,
                  seen: pd.DataFrame | None = None, screening: pd.DataFrame | None = None,
                  answers: pd.DataFrame | None = None, ticks: pd.DataFrame | None = None,
                  today: object = None, alerts_on_last_entry: bool = False,
                  held_elsewhere: pd.DataFrame | None = None,
                  urgent_elsewhere: pd.DataFrame | None = None,
                  alerts_elsewhere: pd.DataFrame | None = None) -> ProgressView:
    """Compute the progress of one episode up to `as_of` (None: its last diary day).

    `today`: with no `as_of`, the view is read now (the pages, the Clinic, a GP report of the latest course): its
    alerts (the list, the cards, the headline's) are judged on analysis.alerts.judging.judging_day, as the
    urgent banner and the Clinic judge them, and the summary's days_since_onset is that day's (the number Today's
    plan and the Clinic give; where the person stands is still judged on the last diary day, its status says
    so). Otherwise they are judged at `as_of` (or the last diary day). `alerts_on_last_entry`: with `today`, the
    alerts are judged on the last diary day all the same (a GP report of a diary that stopped weeks ago, which
    says every row of its alert table is of that day), while days_since_onset is still today's.
    `screening`: the set-up answers (Diary.screening()), for summary.screening. The headline
    agrees with the active alerts (analysis.review.status_headline). `entries` may hold other episodes too:
    the earlier ones are laid beside this one (side_by_side); `doses` and `symptoms` may hold the person's other
    episodes too: their opioid, NSAID, steroid and numbness days before this one count in its rules
    (analysis.alerts.carried); everything else is this episode's. `answers` (Diary.answers()) and `ticks`
    (Diary.exercise_ticks()) feed the PSFS by week and the weekly adherence; None: not shown.
    The activity frame's planned_minutes is the walking target of analysis.plan.walking (the one
    Today shows), so the page, the PDF report and Today never show two different plans. `held_elsewhere`: the
    days a sign of the person's other episode holds the target (analysis.review.today_plan.doctor_held_elsewhere,
    as Today's plan reads them); None: none. `urgent_elsewhere`: the urgent alerts active in the person's other
    episodes (analysis.review.urgent_now.urgent_of_other_episodes): the headline says what to do now for them too,
    and the view keeps them (ProgressView.urgent_elsewhere) for the page and the report. `alerts_elsewhere`: every
    alert of the person's other episodes (analysis.review.urgent_now.alerts_now), closed ones too: their urgent
    alerts paused the walking target on Today as this episode's own do, so the course pauses on those days too.
    """
    history = entries
    # the person's earlier episode's opioid, NSAID, steroid and numbness days count in this one's rules
    carried = carried_days(entries, doses, symptoms)
    carried = carried[carried[c.EPISODE_ID] == episode_id]
    mine = [frame[frame[c.EPISODE_ID] == episode_id] for frame in (entries, doses, symptoms)]
    entries, doses, symptoms = mine
    if entries.empty:
        raise NotFound("This diary has no entries yet.")
    # one summary, and every part below reads its grid, doses and alerts: the alert list agrees with the
    # headline (the same check-in, the same seen) and the grid is built once per view (issue 12)
    alerts_on = judging_day(entries[c.DATE].max(), today) if today is not None and as_of is None else None
    judged_on = entries[c.DATE].max() if alerts_on_last_entry and alerts_on is not None else alerts_on
    found = analyse(entries, doses, symptoms, episodes, as_of, curve, seen, screening, answers, judged_on,
                    carried=carried)
    if found is None:
        raise NotFound(f"This episode has no diary entries on or before {pd.Timestamp(as_of):%Y-%m-%d}.")
    record = SummaryRecord.from_row(found.table.iloc[0].to_dict())
    limit = pd.Timestamp(record.as_of)
    if alerts_on is not None:  # read now: the day is today's, as Today's plan and the Clinic's triage say it
        # and a projected day already past is said as the summary JSON and the GP report say it (projection_words)
        # today's number even for a diary a time zone ahead (alerts_on is then its later day): Today's plan says
        # today's (review 8: day 10 on Today, 11 on Progress)
        record = replace(record, days_since_onset=day_since_onset(record.onset_date, today),
                         projection_note=note_read_on(record, today))
    entries = entries[entries[c.DATE] <= limit]
    doses, symptoms = doses[doses[c.DATE] <= limit], symptoms[symptoms[c.DATE] <= limit]
    # read now, the check-ins are read up to today, as Today reads them: one saved this morning, before the
    # day's pain, is on Progress too (review 12: it was cut at the last diary day)
    checkins_until = limit if alerts_on is None else max(limit, alerts_on)
    days = max(EXPECTED_MIN_DAYS, int(record.days_since_onset or 0) + 14)
    if record.baseline_pain is None:  # summarise gives every episode with entries a baseline
        raise NotFound("This episode has no starting pain to draw the usual course from.")
    expected = recovery.expected_course(record.onset_date, record.baseline_pain, days, curve)
    mine_seen = None if seen is None else seen[seen[c.EPISODE_ID] == episode_id]
    person = found.history if alerts_elsewhere is None else pd.concat([found.history, alerts_elsewhere])
    walking = plan_against_actual(entries, record.onset_date, limit, symptoms, mine_seen, held_elsewhere, person)
    daily = activity.grid_activity(found.grid)
    daily[activity.PLANNED] = daily[c.DATE].dt.normalize().map(
        walking.set_index("date")["target_minutes"]).astype(float)
    weeks, link = _adherence(walking, entries, ticks, limit)
    together = side_by_side(history[history[c.DATE] <= limit], episode_id)
    return ProgressView(
        summary=record,
        headline=status_headline(record, alerts_on_last_entry, elsewhere_titles(urgent_elsewhere), today),
        entries=entries, urgent_elsewhere=urgent_elsewhere if urgent_elsewhere is not None else pd.DataFrame(),
        course=recovery.daily_course(entries, curve, grid=found.grid, diary=found.diary), expected=expected,
        activity=daily, weekly_activity=activity.weekly_activity(entries, grid=found.grid),
        medicines=medication_use.medicine_use(doses, limit, found.doses_read),
        medicine_days=medication_use.daily_totals(doses, found.doses_read),
        associations=associations.next_day_associations(entries, doses),
        alerts=found.history, walking=walking,
        psfs=psfs_by_week(answers, record.onset_date, episode_id, checkins_until),
        episodes=together, episodes_sentence=side_by_side_sentence(together),
        adherence=weeks, exercise_link=link, carried_medicines=carried_medicine_line(carried))


def plan_against_actual(entries: pd.DataFrame, onset: object, as_of: object, symptoms: pd.DataFrame | None = None,
                        seen: pd.DataFrame | None = None, elsewhere: pd.DataFrame | None = None,
                        alerts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The walking target of every day from onset to `as_of`, next to the minutes done.

    Why here and not activity.planned_minutes: the target adapts (a missed day or a flare holds it,
    analysis.plan.walking), and Progress must show the same target Today showed on each day.
    `entries`: one episode's diary; `symptoms` and `seen` (Diary.symptoms(), Diary.seen()) of that episode:
    a sign that needs a doctor holds the target as it did on Today (analysis.plan.doctor_hold), and so does one of
    the person's other episodes (`elsewhere`: analysis.plan.doctor_hold.held_elsewhere). `alerts`: the alert history
    of the person's episodes; an urgent one pauses the target from the day after it until seen, as on Today.
    Returns analysis.plan.walking.COURSE_COLUMNS: date, day, target_minutes, done_minutes, pain, state.
    """
    normal = entries[c.NORMAL_ACTIVITY].dropna()
    start = pd.Timestamp(onset) if onset is not None and not pd.isna(onset) else entries[c.DATE].min()
    days = with_doctor_days(plan_days(entries), symptoms, seen, elsewhere, alerts)
    return walking_course(start, as_of, float(normal.iloc[0]) if len(normal) else None, days)


def psfs_by_week(answers: pd.DataFrame | None, onset: object, episode_id: int, as_of: object) -> pd.DataFrame:
    """Each PSFS activity's score (0-10) per week since onset; the last check-in of a week counts.

    Why by week: the check-in is weekly (analysis.plan.checkin) and a change of 2 points on an
    activity is the smallest that matters (Stratford 1995; Horn 2012), which a weekly line shows.
    Week 1 is days 0-6 (= plan.adherence). Returns PSFS_WEEK_COLUMNS: week, week_start,
    activity (the person's own words), score.
    """
    if answers is None or answers.empty:
        return pd.DataFrame(columns=PSFS_WEEK_COLUMNS)
    mine = answers[(answers["instrument"] == PSFS) & (answers[c.EPISODE_ID] == episode_id)
                   & (pd.to_datetime(answers["date"]) <= pd.Timestamp(as_of))]
    if mine.empty:
        return pd.DataFrame(columns=PSFS_WEEK_COLUMNS)
    start = pd.Timestamp(onset).normalize()
    date = pd.to_datetime(mine["date"]).dt.normalize()
    week = (date - start).dt.days.clip(lower=0) // 7 + 1
    label = mine["label"].where(mine["label"].astype(str).str.strip() != "", mine["item"]).astype(str)
    frame = pd.DataFrame({"week": week.astype(int), "date": date, "activity": label, "score": mine["value"]})
    frame = frame.sort_values(["week", "date"]).groupby(["week", "activity"], sort=True).last().reset_index()
    frame["week_start"] = start + pd.to_timedelta((frame["week"] - 1) * 7, unit="D")
    return frame[PSFS_WEEK_COLUMNS].reset_index(drop=True)


def side_by_side(entries: pd.DataFrame, episode_id: int) -> pd.DataFrame:
    """Pain by day since onset for this episode and every earlier one (onset before this one's).

    `entries`: the diary of one or more people; only the episodes of this episode's patient are used.
    Why: back pain often comes back (Pengel 2003, GUIDANCE.md: 73% have a recurrence within
    12 months); the same time axis shows whether this episode runs like the earlier ones. Empty when there is
    no earlier episode with entries. An unknown onset counts from the episode's first diary day.
    Returns SIDE_BY_SIDE_COLUMNS: episode_id, onset_date, day, pain, current (True for this episode).
    """
    if entries.empty or episode_id not in set(entries[c.EPISODE_ID]):
        return pd.DataFrame(columns=SIDE_BY_SIDE_COLUMNS)
    if c.PATIENT in entries:  # the same person's episodes only (a diary file may hold several people)
        entries = entries[entries[c.PATIENT] == entries.loc[entries[c.EPISODE_ID] == episode_id, c.PATIENT].iloc[0]]
    first = entries.groupby(c.EPISODE_ID)[c.DATE].transform("min")
    onset = pd.to_datetime(entries[c.ONSET_DATE]).fillna(first).dt.normalize()
    frame = pd.DataFrame({c.EPISODE_ID: entries[c.EPISODE_ID], "onset_date": onset,
                          "day": (pd.to_datetime(entries[c.DATE]).dt.normalize() - onset).dt.days,
                          c.PAIN: entries[c.PAIN].astype(float)})
    starts = frame.groupby(c.EPISODE_ID)["onset_date"].min()
    mine = starts[episode_id]
    keep = starts[(starts < mine) | (starts.index == episode_id)].index
    frame = frame[frame[c.EPISODE_ID].isin(keep) & (frame["day"] >= 0)]
    if frame[c.EPISODE_ID].nunique() < 2:
        return pd.DataFrame(columns=SIDE_BY_SIDE_COLUMNS)
    frame = frame.assign(current=frame[c.EPISODE_ID] == episode_id)
    return frame.sort_values(["onset_date", "day"])[SIDE_BY_SIDE_COLUMNS].reset_index(drop=True)


def side_by_side_sentence(frame: pd.DataFrame) -> str | None:
    """One plain line: this week's pain against the same point of the latest earlier episode.

    'The same point' is the SAME_POINT_DAYS days ending on this episode's last diary day since onset;
    None when there is no earlier episode or it has no pain logged at that point.
    """
    if frame.empty:
        return None
    now = frame[frame["current"]]
    day = int(now["day"].max())
    window = frame[(frame["day"] > day - SAME_POINT_DAYS) & (frame["day"] <= day)]
    this = window.loc[window["current"], c.PAIN].mean()
    earlier = window[~window["current"]].dropna(subset=[c.PAIN])
    if earlier.empty or pd.isna(this):
        return None
    latest = earlier[earlier["onset_date"] == earlier["onset_date"].max()]
    then = float(latest[c.PAIN].mean())
    began = pd.Timestamp(latest["onset_date"].iloc[0]).strftime("%B %Y")
    if abs(this - then) < SAME_POINTS:  # project choice: under a point is "about the same" (report_text)
        compare = "about the same as"
    else:
        compare = "lower than" if this < then else "higher than"
    return (f"Day {day} since it started: your pain this week averages {this:.1f} of 10, {compare} at the same "
            f"point of your episode that began in {began} ({then:.1f} of 10).")


def _adherence(walking: pd.DataFrame, entries: pd.DataFrame, ticks: pd.DataFrame | None,
               as_of: object) -> tuple[pd.DataFrame, ExerciseLink | None]:
    """Weekly adherence and the exercise/next-day-pain link, both with the associations' care.

    Empty (and None) when `ticks` is None or fewer than adherence.ADHERENCE_MIN_WEEKS whole weeks have passed:
    a share over a few days says nothing. The link itself needs the associations' minimum days.
    """
    if ticks is None or walking.empty:
        return pd.DataFrame(), None
    mine = ticks[ticks[c.EPISODE_ID].isin(entries[c.EPISODE_ID].unique())] if c.EPISODE_ID in ticks else ticks
    mine = mine[pd.to_datetime(mine["date"]) <= pd.Timestamp(as_of)]
    weeks = weekly_adherence(walking, mine)
    if not enough_weeks(weeks):
        return pd.DataFrame(), None
    return weeks, link_when_long_enough(weeks, plan_days(entries), mine)
