"""Two surfaces a person reads together say the same about one episode (consistency review).

Each test builds one small diary and reads the same fact (an urgent sign, the status beside it, whether the
plan is paused) through two public paths: the ones the pages, the CLI, the GP report and the Clinic use.
Each disagreement was proved as a strict xfail naming where and the fix, then fixed.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.output.report_sections import key_figures
from analysis.review import urgent_now
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
    """The urgent codes the patient pages show (dashboard/alerts_view.py: the banner, Today's pause), read the way
    those pages read them: each of the person's episodes judged on TODAY (analysis.review.urgent_now)."""
    ids = urgent_now.person_episode_ids(diary.episodes(), episode)
    return urgent_now.urgent_rows(urgent_now.alerts_now(diary, ids, TODAY), ids)["code"].tolist()


def _clinic(diary: Diary):
    """The Clinic's list (dashboard/screens/clinic.py, `python -m analysis triage`) on TODAY."""
    return triage_list(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), TODAY,
                       seen=diary.seen(), screening=diary.screening(), answers=diary.answers(), live=True)


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


# ---- proved by the consistency review, then fixed (analysis.alerts.judging, analysis.review.urgent_now) -----------
def test_seen_today_closes_the_red_flag_on_the_pages_as_in_the_clinic(tmp_path):
    """The person logs loss of bladder control yesterday (their last diary day), is seen in A&E and presses
    "I have been seen about this" today (the control's default date) before logging today. The Clinic and
    `python -m analysis plan` take it as closed; the banner, Today's paused plan and Progress still say act now
    (and the toast said "this alert is closed")."""
    diary, episode = _diary(tmp_path, {1: ["bladder_bowel"]})
    diary.mark_seen(episode, "red_flag_emergency", TODAY, by="patient")
    clinic = _clinic(diary)
    assert clinic["priority"].iloc[0] != URGENT_PRIORITY  # the Clinic: closed
    assert not plan_for(diary, episode, TODAY).paused  # the CLI's plan: closed
    assert _page_urgent(diary, episode) == []  # the banner and Today's pause: still "act now"


def test_a_new_episode_does_not_silence_yesterdays_red_flag(tmp_path):
    """Loss of bladder control logged two days ago; yesterday the person starts a new episode (the sidebar) and
    logs a day in it. The Clinic still lists them URGENT; their own pages (the new episode is the default one)
    show no banner and an unpaused plan."""
    diary, first = _diary(tmp_path, {2: ["bladder_bowel"]}, last_back=2)
    second = diary.add_episode("Robin", TODAY - dt.timedelta(days=1), normal_activity_minutes=45)
    diary.save_entry(second, DayEntry(TODAY - dt.timedelta(days=1), 5, 6, 10))
    clinic = _clinic(diary)
    assert clinic.loc[clinic["episode_id"] == first, "priority"].iloc[0] == URGENT_PRIORITY
    assert int(diary.episodes()["episode_id"].iloc[0]) == second  # the pages' default episode (ui.current_episode)
    assert plan_for(diary, second, TODAY).paused  # Today's plan and `plan --patient Robin`: not paused
    assert _page_urgent(diary, second)  # the banner: silent


def test_a_red_flag_dated_tomorrow_is_urgent_in_the_clinic_too(tmp_path):
    """A diary imported from an app a time zone ahead holds tomorrow's day with loss of bladder control: the
    person's banner says act now; the Clinic lists them "On track" with no alert, and `plan` is not paused."""
    diary, episode = _diary(tmp_path, {-1: ["bladder_bowel"]}, last_back=-1)
    assert _page_urgent(diary, episode) == ["red_flag_emergency"]
    assert plan_for(diary, episode, TODAY).paused
    assert _clinic(diary)["priority"].iloc[0] == URGENT_PRIORITY


def test_the_cli_plan_says_see_the_gp_first_as_today_does(tmp_path):
    from analysis.model.screening import answers_by_episode, see_gp_first
    from analysis.plan.text import plan_lines

    diary, episode = _diary(tmp_path, {})
    diary.save_screening(episode, {"cancer_history": True})
    on_today = see_gp_first(answers_by_episode(diary.screening([episode])).get(episode, {}))
    assert on_today  # the Today page's line
    plan = plan_for(diary, episode, TODAY)
    assert plan.see_gp_first == on_today and plan.to_json()["see_gp_first"] == on_today
    assert plan_lines(plan)[1] == on_today  # first, under the date, as Today shows it above the plan


def test_a_held_red_flag_ends_on_the_same_day_on_every_surface(tmp_path):
    """Loss of bladder control 16 days ago, ordinary days up to 6 days ago, nothing since."""
    diary, episode = _diary(tmp_path, {16: ["bladder_bowel"]}, last_back=6)
    on_page = bool(_page_urgent(diary, episode))
    in_clinic = bool(_clinic(diary)["priority"].iloc[0] == URGENT_PRIORITY)
    assert on_page is in_clinic is plan_for(diary, episode, TODAY).paused


def test_the_progress_outlook_does_not_say_recovered_when_the_headline_says_the_pain_came_back(tmp_path):
    """After a recovery the pain came back: the headline says so and offers a new episode, the GP report's
    figure reads "Pain came back"; the outlook box below the headline said "Recovered since ..." in green
    (analysis/review/progress_text.py outlook_line read recovered_date alone)."""
    from analysis.output.report_sections import key_figures
    from analysis.review import progress_text

    diary = Diary(tmp_path / "d.db")
    episode = diary.add_episode("Robin", ONSET, normal_activity_minutes=45)
    pains = [6, 5, 4, 3, 2, 2] + [1, 0, 1, 0, 0, 1, 0, 0, 1, 0] + [5, 6, 7, 6, 5, 6, 7, 6, 5, 6]
    for day, pain in enumerate(pains):
        diary.save_entry(episode, DayEntry(ONSET + dt.timedelta(days=day), pain, pain, 45, 0, ""))
    view = progress_view(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), episode)
    assert view.summary.recovered_date and view.summary.recurrence_date
    assert "came back" in view.headline
    assert dict(key_figures(view.summary)).get("Pain came back")
    line = progress_text.outlook_line(view.summary)
    assert line is not None and line.kind != "recovered" and "Recovered since" not in line.text
    assert "came back" in line.text


def test_the_advice_after_save_is_as_urgent_as_the_banner_above_it(tmp_path):
    """Numbness yesterday, weakness today: the alert engine reads any numbness or weakness two days running as
    getting worse (red_flag_emergency, analysis/alerts/red_flags.py flagged_rows), so the banner says act now and
    Today's plan pauses; the advice under the Save button (advice_for_symptoms) matched the same code on both
    days and said only "call your doctor today" in amber, on the same screen."""
    from analysis.alerts.red_flags import URGENT, advice_for_symptoms

    diary, episode = _diary(tmp_path, {2: ["numbness"], 1: ["weakness"]})
    assert _page_urgent(diary, episode) == ["red_flag_emergency"]
    advice = advice_for_symptoms(["weakness"], ["numbness"])  # what Today's save passes (dashboard/advice.py)
    assert [a.severity for a in advice][:1] == [URGENT]


def test_cli_seen_closes_the_earlier_episodes_red_flag_the_banner_shows(tmp_path, capsys):
    """The banner shows an earlier episode's red flag (urgent_now); `seen --patient` records it on that episode,
    not on the latest one, so the Clinic and the person's pages both close it."""
    from analysis.cli import main

    diary, first = _diary(tmp_path, {2: ["bladder_bowel"]}, last_back=2)
    second = diary.add_episode("Robin", TODAY - dt.timedelta(days=1), normal_activity_minutes=45)
    diary.save_entry(second, DayEntry(TODAY - dt.timedelta(days=1), 5, 6, 10))
    diary.close()
    db = str(tmp_path / "d.db")
    assert main(["seen", "--db", db, "--patient", "Robin", "--code", "red_flag_emergency",
                 "--date", TODAY.isoformat()]) == 0
    stored = Diary(db)
    assert stored.seen()["episode_id"].tolist() == [first]
    assert _page_urgent(stored, second) == []
    assert _clinic(stored)["priority"].iloc[0] != URGENT_PRIORITY


def test_the_cli_summary_table_does_not_say_recovered_when_the_pain_came_back():
    from analysis.review.report_text import format_table

    base = {"patient": "Robin", "recovered_date": "2026-04-10", "alerts": []}
    assert "2026-04-10" in format_table([base])
    table = format_table([base | {"recurrence_date": "2026-04-25"}])
    assert "came back 2026-04-25" in table and "2026-04-10" not in table
