"""Two surfaces a person reads together say the same about one episode (consistency review).

Each test builds one small diary and reads the same fact (an urgent sign, the status beside it, whether the
plan is paused) through two public paths: the ones the pages, the CLI, the GP report and the Clinic use.
A test marked xfail(strict=True) proves a disagreement still in the code; its reason says where and the fix.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.alerts import engine
from analysis.output.report_sections import key_figures
from analysis.review.progress import progress_view
from analysis.review.status_headline import status_label
from analysis.review.today_plan import plan_for
from analysis.review.triage import URGENT_PRIORITY, triage_list
from analysis.storage import DayEntry, Diary

TODAY = dt.date(2026, 5, 20)  # the clinic's date and the day the person opens the app
ONSET = TODAY - dt.timedelta(days=30)


def _diary(tmp_path: Path, symptoms: dict[int, list[str]], last_back: int = 1) -> tuple[Diary, int]:
    """An ordinary course on track (pain 2, 45 of a normal 45 minutes) from onset to `last_back` days before
    TODAY, with `symptoms` on the days that many days before TODAY."""
    diary = Diary(tmp_path / "d.db")
    episode = diary.add_episode("Robin", ONSET, normal_activity_minutes=45)
    for back in range(30, last_back - 1, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 2, 3, 45, 0, "",
                                           symptoms=symptoms.get(back, [])))
    return diary, episode


def _page_urgent(diary: Diary, episode: int) -> list[str]:
    """The urgent codes the patient pages show (dashboard/alerts_view.py `_history_at`: the banner, Today's
    pause, the Progress cards), read the way that page reads them."""
    ids = [episode]
    history = engine.alerts(diary.entries(ids), diary.doses(ids), diary.symptoms(ids), seen=diary.seen(ids),
                            answers=diary.answers(ids))
    return history.loc[history["active"].astype(bool) & (history["severity"] == "urgent"), "code"].tolist()


def _clinic(diary: Diary):
    """The Clinic's list (dashboard/screens/clinic.py, `python -m analysis triage`) on TODAY."""
    return triage_list(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), TODAY,
                       seen=diary.seen(), screening=diary.screening(), answers=diary.answers())


# ---- fixed here ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("symptoms", "label"), [({2: ["bladder_bowel"]}, "Urgent sign first"),
                                                 ({1: ["fever"]}, "On track (see the warning)"),
                                                 ({}, "On track")])
def test_the_gp_report_status_is_the_progress_pages(tmp_path, symptoms, label):
    """The GP report's key figures said "Against usual course: On track" beside "URGENT: ... (still applies)"
    and a headline telling the person to act now; the Progress page's own figure says "Urgent sign first"
    (status_label, issue 9 item 5). The report now reads the same label."""
    diary, episode = _diary(tmp_path, symptoms)
    view = progress_view(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), episode,
                         seen=diary.seen(), screening=diary.screening(), answers=diary.answers())
    assert view.summary.status == "on_track"
    assert status_label(view.summary) == label
    assert dict(key_figures(view.summary))["Against usual course"] == label
