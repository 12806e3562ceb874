"""The Clinic's patient section reads the same view as Progress and the GP report (analysis.review.progress_for;
review 13): an urgent sign in the person's earlier episode is "Urgent sign first" beside the course, as there."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.output import report_sections
from analysis.output.report import episode_report
from analysis.review.progress_for import progress_for
from analysis.storage import DayEntry, Diary
from tests.apptest import app

TODAY = dt.date.today()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_an_urgent_sign_of_an_earlier_episode_comes_first_in_the_clinic_and_the_report(fresh_diary: Path) -> None:
    """Dev logged loss of bladder control 12 days ago, never marked as seen; 6 days ago he started a new episode
    and has logged ordinary, improving days since."""
    diary = Diary(fresh_diary)
    first = diary.add_episode("Dev", _ago(20), normal_activity_minutes=60)
    for ago in range(20, 7, -1):
        diary.save_entry(first, DayEntry(_ago(ago), 5, 6, 30, 0, "", [], ["bladder_bowel"] if ago == 12 else []))
    second = diary.add_episode("Dev", _ago(6), normal_activity_minutes=60)
    for ago in range(6, -1, -1):
        diary.save_entry(second, DayEntry(_ago(ago), 6 - 0.5 * (6 - ago), None, 30, 0, ""))
    report = episode_report(diary, second, today=TODAY)
    view = progress_for(diary, second, TODAY)
    diary.close()
    assert report.startswith(b"%PDF")
    figures = dict(report_sections.key_figures(view.summary, TODAY, view.urgent_elsewhere_titles))
    assert figures["Against usual course"] == "Urgent sign first (other episode)"
    at = app().switch_page("screens/clinic.py")
    at.run()
    at.session_state["clinic_patient"] = second  # what selecting the row does (clinic.open_selected)
    at.run()
    assert not at.exception, at.exception
    said = " ".join(m.value for m in at.markdown)
    assert "Compared with the usual course: **Urgent sign first (other episode)**" in said, said
