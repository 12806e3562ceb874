"""Review 31 (a last browser check of review 30, not fixed then): the sidebar's new-episode form named and started
the episode for another person than the diary shown; a note typed in one person's diary was lost on a look at
another person's diary; the Clinic's column step with Pain left unpicked seemed to do nothing."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.storage import DayEntry, Diary
from tests.apptest import run, texts

TODAY = dt.date.today()


def _two_people(path: Path) -> tuple[int, int]:
    """Chloe (usually 30 active minutes) and, started after her, Zed (90 minutes): Zed's is the newest diary."""
    diary = Diary(path)
    chloe = diary.add_episode("Chloe", TODAY - dt.timedelta(days=6), normal_activity_minutes=30)
    zed = diary.add_episode("Zed", TODAY - dt.timedelta(days=3), normal_activity_minutes=90)
    diary.save_entry(chloe, DayEntry(TODAY - dt.timedelta(days=1), 5, None, 20, notes="Chloe's saved day"))
    diary.save_entry(zed, DayEntry(TODAY - dt.timedelta(days=1), 6, None, 40))
    diary.close()
    return chloe, zed


def test_the_new_episode_form_names_and_starts_the_episode_of_the_person_shown(fresh_diary: Path) -> None:
    chloe, zed = _two_people(fresh_diary)
    at = run("screens/today.py")
    assert at.text_input(key=f"new_episode_{zed}_name").value == "Zed"  # the newest diary is shown first
    at.selectbox(key="episode_id").set_value(chloe).run()
    assert at.text_input(key=f"new_episode_{chloe}_name").value == "Chloe"
    assert at.number_input(key=f"new_episode_{chloe}_normal").value == 30  # her usual minutes, not 60
    assert any("For Chloe's back pain coming back" in str(c.value) for c in at.caption)
    at.button(key=f"FormSubmitter:new_episode_{chloe}-Start the new episode").click().run()
    assert not at.exception, at.exception
    episodes = Diary(fresh_diary).episodes()
    new = episodes[~episodes["episode_id"].isin([chloe, zed])]
    assert new["patient"].tolist() == ["Chloe"] and new["normal_activity_minutes"].tolist() == [30]
    assert at.session_state["episode_id"] == int(new["episode_id"].iloc[0])  # her new episode is open


def test_a_note_typed_in_one_persons_diary_outlives_a_look_at_anothers(fresh_diary: Path) -> None:
    chloe, zed = _two_people(fresh_diary)
    at = run("screens/today.py")
    at.selectbox(key="episode_id").set_value(chloe).run()
    at.text_area(key="log_notes").set_value("Chloe: stiff after the drive, not saved yet").run()
    at.selectbox(key="episode_id").set_value(zed).run()
    assert not at.exception, at.exception
    assert at.text_area(key="log_notes").value == ""  # Zed's today: nothing of Chloe's
    at.text_area(key="log_notes").set_value("Zed's own note").run()
    at.selectbox(key="episode_id").set_value(chloe).run()
    assert at.text_area(key="log_notes").value == "Chloe: stiff after the drive, not saved yet"
    at.selectbox(key="episode_id").set_value(zed).run()
    assert at.text_area(key="log_notes").value == "Zed's own note"
    at.selectbox(key="episode_id").set_value(chloe).run()
    assert not at.exception, at.exception


def test_a_day_chosen_in_one_diary_is_saved_in_that_diary_after_a_look_at_another(fresh_diary: Path) -> None:
    """The draft carries the day as loaded (Save merges with it): Chloe's yesterday, typed on and saved after a look
    at Zed's diary, keeps her saved note and is written to her diary only."""
    chloe, zed = _two_people(fresh_diary)
    at = run("screens/today.py")
    at.selectbox(key="episode_id").set_value(chloe).run()
    at.date_input(key="log_date").set_value(TODAY - dt.timedelta(days=1)).run()
    assert at.text_area(key="log_notes").value == "Chloe's saved day"
    at.text_area(key="log_notes").set_value("Chloe's saved day; better by evening").run()
    at.selectbox(key="episode_id").set_value(zed).run()
    assert at.date_input(key="log_date").value == TODAY  # Zed's form starts at today
    at.selectbox(key="episode_id").set_value(chloe).run()
    assert at.date_input(key="log_date").value == TODAY - dt.timedelta(days=1)
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    diary = Diary(fresh_diary)
    assert diary.entry(chloe, TODAY - dt.timedelta(days=1)).notes == "Chloe's saved day; better by evening"
    assert diary.entry(zed, TODAY - dt.timedelta(days=1)).notes in ("", None)


def test_the_column_step_says_what_is_still_to_pick_and_waits(fresh_diary: Path) -> None:
    at = run("screens/clinic.py")
    at.file_uploader(key="clinic_upload").set_value(
        [("ute.csv", b"Tag,Schmerz\n2026-02-03,6\n2026-02-04,5\n", "text/csv")]).run()
    at.button(key="clinic_import").click().run()
    button = at.button(key="map_ute.csv_import")
    assert button.disabled
    assert "Pick the columns that hold the date and the pain (0-10) first." in texts(at)
    at.selectbox(key="map_ute.csv_date").set_value("Tag").run()
    assert at.button(key="map_ute.csv_import").disabled
    assert "Pick the column that holds the pain (0-10) first." in texts(at)
    at.selectbox(key="map_ute.csv_pain").set_value("Schmerz").run()
    assert not at.button(key="map_ute.csv_import").disabled
    assert "Pick the column" not in texts(at)
    at.button(key="map_ute.csv_import").click().run()
    assert Diary(fresh_diary).patient_names() == ["ute"]


def test_a_removed_episodes_typed_day_never_opens_in_the_next_episode_given_its_number(fresh_diary: Path,
                                                                                      tmp_path: Path) -> None:
    """Chloe's second episode: yesterday chosen on Today and a note typed, not saved; a backup from before that
    episode restored on the Diary page; a new episode started from the sidebar gets the removed one's number. Its
    Today opens on today, empty (before: on yesterday with pain 7 and the note, for one Save to write them)."""
    diary = Diary(fresh_diary)
    first = diary.add_episode("Chloe", TODAY - dt.timedelta(days=30), normal_activity_minutes=30)
    diary.save_entry(first, DayEntry(TODAY - dt.timedelta(days=20), 5, None, 20))
    backup = tmp_path / "before.db"
    diary.backup(backup)
    second = diary.add_episode("Chloe", TODAY - dt.timedelta(days=4), normal_activity_minutes=30)
    diary.save_entry(second, DayEntry(TODAY - dt.timedelta(days=1), 7, None, 20, notes="the second episode's day"))
    diary.close()
    at = run("screens/today.py")
    at.date_input(key="log_date").set_value(TODAY - dt.timedelta(days=1)).run()
    at.text_area(key="log_notes").set_value("typed, not saved").run()
    at.switch_page("screens/diary.py").run()
    upload = [("before.db", backup.read_bytes(), "application/octet-stream")]
    at.file_uploader(key="restore_upload").set_value(upload).run()
    at.button(key="restore_confirm").click().run()
    assert Diary(fresh_diary).episodes()["episode_id"].tolist() == [first]
    at.switch_page("screens/today.py").run()
    at.date_input(key=f"new_episode_{first}_onset").set_value(TODAY - dt.timedelta(days=3))
    at.button(key=f"FormSubmitter:new_episode_{first}-Start the new episode").click().run()
    assert not at.exception, at.exception
    assert at.session_state["episode_id"] == second  # the number again
    assert at.date_input(key="log_date").value == TODAY
    assert at.text_area(key="log_notes").value == ""
    assert at.segmented_control(key="log_pain").value is None


def test_the_check_in_and_work_boxes_show_the_person_shown_and_save_theirs(fresh_diary: Path) -> None:
    """Zed's check-in and working day were shown (and a press saved them) in Chloe's diary after a change of
    diary: Streamlit kept the keyed boxes' first values."""
    chloe, zed = _two_people(fresh_diary)
    diary = Diary(fresh_diary)
    diary.save_answers(chloe, "psfs", TODAY - dt.timedelta(days=2), [("1", 3, "bending")])
    diary.save_answers(zed, "psfs", TODAY - dt.timedelta(days=2), [("1", 7, "running")])
    diary.set_usual_work_day(chloe, 6.0)
    diary.set_usual_work_day(zed, 10.0)
    diary.set_work_hours(chloe, TODAY, 2.0)
    diary.close()
    at = run("screens/today.py")

    def shown() -> tuple:
        shown_id = at.session_state["episode_id"]
        return (at.text_input(key=f"plan_psfs_name_{shown_id}_0").value,
                at.number_input(key=f"plan_psfs_score_{shown_id}_0").value,
                at.number_input(key="plan_usual_work_day").value, at.number_input(key="plan_work_hours").value)
    assert shown() == ("running", 7, 10.0, 0.0)
    at.selectbox(key="episode_id").set_value(chloe).run()
    assert shown() == ("bending", 3, 6.0, 2.0)
    next(b for b in at.button if b.label == "Save check-in").click().run()
    assert not at.exception, at.exception
    saved = Diary(fresh_diary).answers([chloe], "psfs")
    assert set(saved["label"]) == {"bending"} and set(saved["value"]) == {3.0}


def test_a_seen_on_date_typed_for_one_person_is_not_noted_for_another(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    chloe = diary.add_episode("Chloe", TODAY - dt.timedelta(days=6), normal_activity_minutes=30)
    zed = diary.add_episode("Zed", TODAY - dt.timedelta(days=3), normal_activity_minutes=90)
    for episode in (chloe, zed):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=1), 5, None, 20, symptoms=["fever"]))
    diary.close()
    at = run("screens/today.py")
    at.selectbox(key="episode_id").set_value(chloe).run()
    key = next(w.key for w in at.date_input if str(w.key).startswith("seen_date"))
    at.date_input(key=key).set_value(TODAY - dt.timedelta(days=3)).run()  # not pressed
    at.selectbox(key="episode_id").set_value(zed).run()
    assert at.date_input(key=key).value == TODAY
    at.button(key=key.replace("seen_date_", "seen_")).click().run()
    assert not at.exception, at.exception
    seen = Diary(fresh_diary).seen()
    assert [(int(e), str(d)[:10]) for e, d in zip(seen["episode_id"], seen["seen_date"], strict=True)] == \
        [(zed, TODAY.isoformat())]


def test_the_new_episode_form_offers_the_usual_minutes_as_corrected(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Chloe", TODAY - dt.timedelta(days=2), normal_activity_minutes=30)
    diary.close()
    at = run("screens/diary.py")
    assert at.number_input(key=f"new_episode_{episode}_normal").value == 30
    at.number_input(key=f"episode_edit_{episode}_normal").set_value(45)
    at.button(key=f"FormSubmitter:episode_edit_{episode}-Save these").click().run()
    assert at.number_input(key=f"new_episode_{episode}_normal").value == 45
