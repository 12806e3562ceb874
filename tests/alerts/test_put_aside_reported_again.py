"""A sign that needs a doctor, put aside with "Got it" and reported again the next day, shows again (review 33).

Fever on 3 December, "Got it" on Progress, fever again on 4 December: the days make one run, so the warning kept
the run's fingerprint and stayed put aside, though the README says a new report brings it back. "Got it" now keeps
the last report the person read (Diary.acknowledge's last_report; migration m014), and engine.visible shows a fever
or numbness run reported after it. Leg pain, reported daily with sciatica, stays put aside for its run."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pandas as pd

from analysis.alerts import engine
from analysis.storage import DayEntry, Diary
from tests.apptest import run
from tests.old_diary import old_diary

ONSET = dt.date(2026, 11, 20)


def day(n: int) -> dt.date:
    return ONSET + dt.timedelta(days=n)


def diary_with(path: Path, signs: dict[int, list[str]], days: int) -> tuple[Diary, int]:
    diary = Diary(path)
    episode = diary.add_episode("Robin", ONSET, normal_activity_minutes=60)
    for n in range(days):
        diary.save_entry(episode, DayEntry(day(n), 4, None, 20, 0, "", symptoms=signs.get(n, [])))
    return diary, episode


def shown(diary: Diary) -> list[str]:
    history = engine.alerts(diary.entries(), diary.doses(), diary.symptoms(), seen=diary.seen())
    return engine.visible(history, diary.acknowledged())["code"].tolist()


def put_aside(diary: Diary, episode: int, code: str) -> None:
    """'Got it' as Progress presses it: the newest run's fingerprint and its last report."""
    history = engine.alerts(diary.entries(), diary.doses(), diary.symptoms(), seen=diary.seen())
    run_ = history[(history["code"] == code) & history["active"]].iloc[0]
    diary.acknowledge(episode, code, run_["fingerprint"], run_["last_date"])


def test_fever_reported_the_next_day_shows_again(tmp_path: Path) -> None:
    diary, episode = diary_with(tmp_path / "d.db", {5: ["fever"]}, days=6)
    put_aside(diary, episode, "red_flag_see_doctor")
    assert "red_flag_see_doctor" not in shown(diary)
    diary.save_entry(episode, DayEntry(day(6), 4, None, 20, 0, "", symptoms=["fever"]))
    assert "red_flag_see_doctor" in shown(diary)
    put_aside(diary, episode, "red_flag_see_doctor")  # read again: put aside again
    assert "red_flag_see_doctor" not in shown(diary)


def test_a_day_without_the_sign_keeps_it_put_aside(tmp_path: Path) -> None:
    diary, episode = diary_with(tmp_path / "d.db", {5: ["fever"]}, days=6)
    put_aside(diary, episode, "red_flag_see_doctor")
    diary.save_entry(episode, DayEntry(day(6), 3, None, 30, 0, "better"))
    assert "red_flag_see_doctor" not in shown(diary)


def test_leg_pain_reported_daily_stays_put_aside_for_its_run(tmp_path: Path) -> None:
    diary, episode = diary_with(tmp_path / "d.db", {5: ["leg_pain"]}, days=6)
    put_aside(diary, episode, "radiating_leg_pain")
    diary.save_entry(episode, DayEntry(day(6), 4, None, 20, 0, "", symptoms=["leg_pain"]))
    assert "radiating_leg_pain" not in shown(diary)


def test_an_acknowledgement_of_before_keeps_its_run_put_aside(tmp_path: Path) -> None:
    """Saved before the last report was kept (NULL), "Got it" puts the run aside as it always did."""
    diary, episode = diary_with(tmp_path / "d.db", {5: ["fever"]}, days=6)
    history = engine.alerts(diary.entries(), diary.doses(), diary.symptoms())
    diary.acknowledge(episode, "red_flag_see_doctor", history.query("code == 'red_flag_see_doctor'")["fingerprint"]
                      .iloc[0])
    diary.save_entry(episode, DayEntry(day(6), 4, None, 20, 0, "", symptoms=["fever"]))
    assert "red_flag_see_doctor" not in shown(diary)
    pairs = {(episode, fingerprint) for episode, fingerprint, _ in diary.acknowledged()}  # (episode, fingerprint)
    assert engine.visible(engine.alerts(diary.entries(), diary.doses(), diary.symptoms()), pairs).empty


def test_an_old_diary_keeps_its_acknowledgements_on_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_diary(path, "m014_acknowledged_last_report", "2026-11-01", "2026-11-02",
              ("INSERT INTO acknowledgements(episode_id, code, fingerprint) VALUES (3, 'red_flag_see_doctor', "
               "'red_flag_see_doctor:2026-11-02')",))
    diary = Diary(path)
    assert diary.acknowledged() == {(3, "red_flag_see_doctor:2026-11-02", None)}
    frame = diary.acknowledgements()
    assert frame.columns.tolist()[-1] == "last_report" and frame["last_report"].isna().all()
    diary.close()
    with sqlite3.connect(path) as raw:
        try:
            raw.execute("UPDATE acknowledgements SET last_report = 'soon'")
            raise AssertionError("a last report that is not a date was stored")
        except sqlite3.IntegrityError:
            pass


def test_progress_shows_the_fever_card_again_after_a_new_report(fresh_diary: Path) -> None:
    today = dt.date.today()
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", today - dt.timedelta(days=8), normal_activity_minutes=60)
    for back in range(7, 0, -1):
        diary.save_entry(episode, DayEntry(today - dt.timedelta(days=back), 4, None, 20, 0, "",
                                           symptoms=["fever"] if back == 1 else []))
    diary.close()
    at = run("screens/progress.py")
    at.button(key="ack_red_flag_see_doctor").click().run()
    assert not [w for w in at.warning if "Fever or weight loss" in w.value]
    Diary(fresh_diary).save_entry(episode, DayEntry(today, 4, None, 20, 0, "", symptoms=["fever"]))
    again = run("screens/progress.py")
    cards = [w.value for w in again.warning if w.value.startswith("**Fever or weight loss**")]
    assert len(cards) == 1 and f"last reported {today.day} {today:%B %Y}" in cards[0], cards
    assert pd.Timestamp(Diary(fresh_diary).acknowledgements()["last_report"].iloc[0]).date() == \
        today - dt.timedelta(days=1)


def test_a_dose_above_its_maximum_again_the_next_day_shows_again(tmp_path: Path) -> None:
    """Codeine 300 mg (above its 240 mg adult maximum) put aside with "Got it", then 300 mg again the next day: a new
    excess to read, though the days make one run; ibuprofen above its over-the-counter maximum only (information,
    as prescribed) stays put aside."""
    from analysis.storage import DoseEntry

    diary, episode = diary_with(tmp_path / "d.db", {}, days=5)
    diary.save_entry(episode, DayEntry(day(5), 4, None, 20, 0, "", [DoseEntry("codeine", 60, 5),
                                                                   DoseEntry("ibuprofen", 400, 4)]))
    put_aside(diary, episode, "daily_dose_exceeded")
    assert "daily_dose_exceeded" not in shown(diary)
    diary.save_entry(episode, DayEntry(day(6), 4, None, 20, 0, "", [DoseEntry("codeine", 60, 5)]))
    assert "daily_dose_exceeded" in shown(diary)


def test_an_over_the_counter_excess_only_stays_put_aside(tmp_path: Path) -> None:
    from analysis.storage import DoseEntry

    diary, episode = diary_with(tmp_path / "d.db", {}, days=5)
    for n in (5, 6):
        if n == 6:
            put_aside(diary, episode, "daily_dose_exceeded")
        diary.save_entry(episode, DayEntry(day(n), 4, None, 20, 0, "", [DoseEntry("ibuprofen", 400, 4)]))
    assert "daily_dose_exceeded" not in shown(diary)
