"""Today, Progress and the Clinic give the same day number for the same date (AppTest).

The rule is one: the onset date is day 0, a date is day (date - onset) (analysis.plan.daily for Today's plan,
analysis.course.recovery for a summary's days_since_onset, read by Progress and the Clinic). A page that reads
it for another date than today tells the person another day.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from analysis.storage import DayEntry, Diary
from tests.apptest import run

TODAY = dt.date.today()


def _robin_logged_to_yesterday(path: Path, onset_days_ago: int = 10) -> None:
    """Robin: onset `onset_days_ago` days ago, a day logged each day up to yesterday, today not logged yet."""
    diary = Diary(path)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=onset_days_ago), normal_activity_minutes=60)
    for back in range(onset_days_ago, 0, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 6, 7, 20))
    diary.close()


def _today_day() -> int:
    """The day number of Today's plan heading ("Today's plan · day 10")."""
    at = run("screens/today.py")
    texts = [m.value for m in at.markdown]
    [day] = [int(n) for text in texts for n in re.findall(r"Today's plan\*\* · day (\d+)", text)]
    return day


def test_today_and_the_clinic_agree_on_the_day_number(fresh_diary: Path) -> None:
    _robin_logged_to_yesterday(fresh_diary)
    assert _today_day() == 10
    clinic = run("screens/clinic.py")
    days = [int(d) for frame in clinic.dataframe if "Day" in frame.value.columns for d in frame.value["Day"]]
    assert days == [10]


def test_progress_says_the_same_day_as_today_on_a_day_not_yet_logged(fresh_diary: Path) -> None:
    """Progress read now said yesterday's number (its summary is as of the last diary day); it now says today's
    (analysis.model.dates.day_since_onset, the rule Today's plan uses), and the status still says which day it
    judged."""
    _robin_logged_to_yesterday(fresh_diary)
    today_says = _today_day()
    progress = run("screens/progress.py")
    shown = {m.label: m.value for m in progress.metric}
    assert shown["Days since it started"] == str(today_says), shown
