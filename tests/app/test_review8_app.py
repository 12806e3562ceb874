"""Review 8: the patient's pages (Today, Progress) met as a patient and a physiotherapist who did not write them
use them, on diaries made up from the clinical brief (AppTest)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.storage import DayEntry, Diary
from tests.apptest import run

pytestmark = pytest.mark.usefixtures("fresh_diary")  # every test starts on an empty diary file (conftest.py)
TODAY = dt.date.today()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def eve_new_episode_after_an_urgent_sign(db: Path) -> None:
    """Eve: an episode from 20 days ago, loss of bladder or bowel control logged 3 days ago (not seen about), then
    a new episode started 2 days ago with two ordinary days logged."""
    diary = Diary(db)
    earlier = diary.add_episode("Eve", _ago(20), normal_activity_minutes=60)
    for ago in range(20, 2, -1):
        diary.save_entry(earlier, DayEntry(_ago(ago), 4, 5, 30, 0, "",
                                           symptoms=["bladder_bowel"] if ago == 3 else []))
    new = diary.add_episode("Eve", _ago(2), normal_activity_minutes=60)
    for ago in (2, 1):
        diary.save_entry(new, DayEntry(_ago(ago), 6, 7, 20, 0, ""))
    diary.close()


def test_progress_never_says_no_warnings_under_an_earlier_episodes_act_now(fresh_diary: Path) -> None:
    """Eve reported loss of bladder or bowel control 3 days ago and started a new episode the next day. Progress
    shows the red 'Act now: In your back pain episode from ...: Loss of bladder or bowel control ...' banner,
    and under it, in the alerts, a green 'No warnings right now. Keep going!', with the headline 'Day 1 (last
    entry): log at least 3 days a week ...'. README (Progress): 'it never says "on track" beside a warning ...,
    and while an urgent sign applies it says what to do now instead'; 'starting a new episode never hides an
    earlier one's urgent sign'."""
    eve_new_episode_after_an_urgent_sign(fresh_diary)
    at = run("screens/progress.py")
    assert any(e.value.startswith("**Act now:** In your back pain episode from") for e in at.error)  # shown today
    assert not any("No warnings right now" in s.value for s in at.success)
    headline = at.subheader[0].value
    assert "a warning sign needs care now (Emergency warning sign): follow what to do now first." in headline


def test_today_and_progress_give_the_same_day_number_for_a_diary_a_day_ahead(fresh_diary: Path) -> None:
    """Tim's phone is a time zone ahead: his diary (onset 10 days ago) already holds tomorrow's entry, as README
    allows ('a diary kept in a time zone ahead may already hold tomorrow's date'). Today reads 'Today's plan ·
    day 10'; Progress, on the same day, 'Days since it started: 11' and 'Day 11: pain down 42% ...' (the Clinic
    and the GP report say 11 too). README (Progress): 'Its day number is today's, as on Today and in the
    Clinic'."""
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Tim", _ago(10), normal_activity_minutes=60)
    for ago in range(10, -2, -1):
        diary.save_entry(episode, DayEntry(_ago(ago), max(1.0, 7 - 0.4 * (10 - ago)), 7, 15 + 5 * (10 - ago), 0, ""))
    diary.close()
    today = run("screens/today.py")
    plan_day = next(m.value for m in today.markdown if m.value.startswith("**Today's plan** · day "))
    progress = run("screens/progress.py")
    days = next(m.value for m in progress.metric if m.label == "Days since it started")
    assert plan_day == f"**Today's plan** · day {days}"


def test_the_clinic_survives_an_upload_with_a_row_before_its_onset_date(fresh_diary: Path) -> None:
    """The physiotherapist drops two spreadsheets: Robin's, and one whose onset_date (25 Nov) is typed after its
    first rows (20 and 21 Nov). The page said '2 imported, 0 refused.' and then the whole Clinic stopped with a
    traceback ('Episode 2 has a diary entry on 2026-11-20, before its onset date 2026-11-25.'): no triage list
    for anyone. README: a file with errors is refused whole, the others are imported."""
    from tests.apptest import app

    at = app().switch_page("screens/clinic.py").run()
    files = [("robin.csv", b"date,pain\n2026-11-20,6\n2026-11-21,5\n2026-11-22,5\n", "text/csv"),
             ("onset.csv", b"date,pain,onset_date\n2026-11-20,6,2026-11-25\n2026-11-21,5,2026-11-25\n"
                           b"2026-11-26,4,2026-11-25\n", "text/csv")]
    at.file_uploader(key="clinic_upload").set_value(files).run()
    at.button(key="clinic_import").click().run()
    assert not at.exception, at.exception
    assert "1 imported, 1 refused." in [t.value for t in at.toast]


def test_a_diary_holding_a_day_before_its_onset_shows_a_sentence_not_a_traceback(fresh_diary: Path) -> None:
    """A diary written by an older version (or another program) holding a day before its episode's onset: every
    analysis refuses it, and each page says so in one calm sentence (dashboard/app.py runs every page inside
    ui.user_errors), never a traceback."""
    import sqlite3

    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", _ago(5), normal_activity_minutes=60)
    diary.save_entry(episode, DayEntry(_ago(4), 5, 6, 20, 0, ""))
    diary.close()
    with sqlite3.connect(fresh_diary) as db:  # as the older importer stored it
        db.execute("INSERT INTO entries(episode_id, date, pain) VALUES (?, ?, 6)", (episode, _ago(9).isoformat()))
    for page in ("screens/clinic.py", "screens/progress.py"):
        at = run(page)
        assert not at.exception, (page, at.exception)
        assert [e.value for e in at.error] == [
            f"Episode {episode} has a diary entry on {_ago(9).isoformat()}, before its onset date "
            f"{_ago(5).isoformat()}."], page
