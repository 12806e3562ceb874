"""Everything the Progress page and the GP report show for one episode, computed in one call.

Pages and reports render; they do not compute. `progress_view` gathers the
summary, the day-by-day course with the expected band, activity against plan,
medicine use and alerts for one episode, so the page, the PDF report and the
tests all see the same numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import activity, associations, medication_use, recovery
from analysis import columns as c
from analysis.alerts import alerts as alert_history
from analysis.curve import DEFAULT_CURVE
from analysis.errors import NotFound
from analysis.status_headline import status_headline
from analysis.summary import summarise, to_records

EXPECTED_MIN_DAYS = 84  # always draw the usual course to week 12 (Downie 2016 follow-up)
PLAN_WALKS = 3  # seeds: 5-10 minute walks 3-4 times a day


@dataclass
class ProgressView:
    """One episode's progress. Frames have the columns of the analysis that made them."""

    summary: dict  # one record of summary.to_records
    headline: str
    entries: pd.DataFrame
    course: pd.DataFrame  # recovery.daily_course
    expected: pd.DataFrame  # recovery.expected_course
    activity: pd.DataFrame  # activity.daily_activity
    weekly_activity: pd.DataFrame  # activity.weekly_activity
    medicines: pd.DataFrame  # medication_use.medicine_use
    medicine_days: pd.DataFrame  # medication_use.daily_totals
    associations: pd.DataFrame  # associations.next_day_associations
    alerts: pd.DataFrame  # alerts.alert_history (also inside summary["alerts"])


def progress_view(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame, episodes: pd.DataFrame,
                  episode_id: int, as_of: object = None, curve: str = DEFAULT_CURVE,
                  seen: pd.DataFrame | None = None, screening: pd.DataFrame | None = None) -> ProgressView:
    """Compute the progress of one episode up to `as_of` (None: its last diary day).

    `screening`: the set-up answers (Diary.screening()), for summary["screening"]. The headline
    agrees with the active alerts (analysis.status_headline).
    """
    mine = [frame[frame[c.EPISODE_ID] == episode_id] for frame in (entries, doses, symptoms)]
    entries, doses, symptoms = mine
    if entries.empty:
        raise NotFound("This diary has no entries yet.")
    table = summarise(entries, doses, symptoms, episodes, as_of, curve, seen, screening)
    record = to_records(table)[0]
    limit = pd.Timestamp(record["as_of"])
    entries = entries[entries[c.DATE] <= limit]
    doses, symptoms = doses[doses[c.DATE] <= limit], symptoms[symptoms[c.DATE] <= limit]
    days = max(EXPECTED_MIN_DAYS, int(record["days_since_onset"]) + 14)
    expected = recovery.expected_course(record["onset_date"], record["baseline_pain"], days, curve)
    return ProgressView(
        summary=record, headline=status_headline(record), entries=entries,
        course=recovery.daily_course(entries, curve), expected=expected,
        activity=activity.daily_activity(entries), weekly_activity=activity.weekly_activity(entries),
        medicines=medication_use.medicine_use(doses, limit),
        medicine_days=medication_use.daily_totals(doses),
        associations=associations.next_day_associations(entries, doses),
        alerts=alert_history(entries, doses, symptoms, limit, curve, seen))


def todays_plan(onset_date: object, normal_minutes: float | None, today: object) -> list[str]:
    """The simple daily recovery plan, in plain words, for the given day of the episode.

    Seeds and GUIDANCE.md §4: keep moving, build walking up by about 5 minutes a
    day from 5-10 minute walks 3-4 times a day, heat or ice for 10-20 minutes,
    no more than a day or two of bed rest, back to work gradually.
    """
    day = max(0, (pd.Timestamp(today) - pd.Timestamp(onset_date)).days)
    normal = float(normal_minutes) if normal_minutes and normal_minutes == normal_minutes else None
    planned = float(activity.planned_minutes(pd.Series([day]).to_numpy(),
                                             pd.Series([normal if normal else float("nan")]).to_numpy())[0])
    per_walk = max(5, round(planned / PLAN_WALKS / 5) * 5)
    lines = [f"Move for about {planned:.0f} minutes today, for example {PLAN_WALKS} walks of {per_walk} minutes. "
             "Walking on level ground is a good start; it may hurt, but it does not harm your back."]
    if normal and planned >= normal:
        lines[0] = (f"Aim for your usual {normal:.0f} active minutes today, in short walks if that is easier, and "
                    "take up your normal activities, sport and work again step by step.")
    lines.append("Heat or an ice pack wrapped in a cloth for 10-20 minutes at a time can ease the pain.")
    if day <= 2:
        lines.append("Rest if you need to, but do not stay in bed for more than a day or two: get up and move a "
                     "little every hour.")
    elif day <= 21:
        lines.append("Change position at least every half hour; if you sit for long, stand up and walk around.")
    else:
        lines.append("Gentle stretching every day, and back to your usual routine step by step (work in half "
                     "days first if needed).")
    return lines
