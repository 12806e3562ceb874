"""The dashboard, headless (streamlit.testing.v1.AppTest): every page, empty and with the demo diary.

Pages are discovered from dashboard/screens/, so a new page is covered automatically.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st

from analysis.model.vocabulary import SYMPTOM_TICK_BOXES
from analysis.storage import Diary
from analysis.workflows.diary_io import load_demo
from tests.apptest import PAGES, app, texts, with_demo

pytestmark = pytest.mark.usefixtures("fresh_diary")  # every test starts on an empty diary file (conftest.py)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_an_empty_diary(page: str) -> None:
    at = app().switch_page(page).run()
    assert not at.exception, at.exception


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_for_every_demo_patient(page: str, fresh_diary: Path) -> None:
    """Each page on the demo diary as it opens (the newest patient; the Clinic's list), then for every other
    demo patient: each render once (issue 12: no duplicate render tests; this also covers the demo diary)."""
    with_demo(fresh_diary)
    at = app().switch_page(page).run()
    assert not at.exception, (page, at.exception)
    for episode_id in Diary(fresh_diary).episodes()["episode_id"]:
        if page == "screens/clinic.py":  # the Clinic has its own selected patient (a row of its list)
            at.session_state["clinic_patient"] = int(episode_id)
            at.run()
        elif at.selectbox(key="episode_id").value == int(episode_id):
            continue  # the page was just drawn for this patient
        else:
            at.selectbox(key="episode_id").set_value(int(episode_id)).run()
        assert not at.exception, (page, episode_id, at.exception)


def test_first_start_offers_set_up_and_demo(fresh_diary: Path) -> None:
    at = app().run()
    assert at.title[0].value == "Welcome to Backtrack"
    assert at.button(key="load_demo").label == "Load demo diary"
    at.button(key="load_demo").click().run()
    assert not at.exception
    assert len(at.selectbox(key="episode_id").options) == 5
    # as if kept up to yesterday: a demo ending on its files' fixed day showed everyone gone quiet weeks later
    assert Diary(fresh_diary).entries()["date"].max().date() == dt.date.today() - dt.timedelta(days=1)


def test_onboarding_then_logging_a_day(fresh_diary: Path) -> None:
    at = app().run()
    at.text_input(key="onboarding_name").set_value("Robin")
    at.date_input(key="onboarding_onset").set_value(dt.date.today() - dt.timedelta(days=3))
    at.number_input(key="onboarding_normal").set_value(45)
    at.button(key="FormSubmitter:onboarding-Start my diary").click().run()
    assert not at.exception
    assert at.title[0].value == "Today"
    at.segmented_control(key="log_pain").set_value(6)
    at.segmented_control(key="log_worst").set_value(8)
    at.number_input(key="log_activity").set_value(20)
    at.multiselect(key="log_meds").select("ibuprofen").run()
    assert at.number_input(key="log_mg_ibuprofen").value == 400  # usual dose pre-filled
    at.number_input(key="log_times_ibuprofen").set_value(3)
    at.text_area(key="log_notes").set_value("Stiff <b>morning</b>")
    at.button(key="log_save").click().run()
    assert not at.exception
    assert [t.value for t in at.toast] == ["Saved today."]
    diary = Diary(fresh_diary)
    saved = diary.entry(diary.episodes().episode_id.iloc[0], dt.date.today())
    assert (saved.pain, saved.worst_pain, saved.activity_minutes) == (6, 8, 20)
    assert saved.notes == "Stiff <b>morning</b>"
    assert [(d.medicine, d.dose_mg, d.count) for d in saved.doses] == [("ibuprofen", 400, 3)]
    # saving the same date again updates it, and says so
    at.segmented_control(key="log_pain").set_value(5)
    at.button(key="log_save").click().run()
    assert "Updated the entry for today." in [t.value for t in at.toast]
    assert diary.entry(diary.episodes().episode_id.iloc[0], dt.date.today()).pain == 5
    # saving it again with nothing changed says so, not "Updated" (review 22)
    at.button(key="log_save").click().run()
    assert "Nothing new for today: it is saved as shown." in [t.value for t in at.toast]


def test_back_dating_loads_the_saved_day(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", dt.date.today() - dt.timedelta(days=10))
    from analysis.storage import DayEntry
    diary.save_entry(episode, DayEntry(dt.date.today() - dt.timedelta(days=2), 7, 9, 15, 0, "earlier"))
    at = app().run()
    at.date_input(key="log_date").set_value(dt.date.today() - dt.timedelta(days=2)).run()
    assert at.segmented_control(key="log_pain").value == 7
    assert at.text_area(key="log_notes").value == "earlier"


def test_red_flag_shows_emergency_advice_on_saving(fresh_diary: Path) -> None:
    Diary(fresh_diary).add_episode("Robin", dt.date.today() - dt.timedelta(days=4))
    at = app().run()
    at.segmented_control(key="log_pain").set_value(5)
    at.checkbox(key="log_symptom_bladder_bowel").check()
    at.button(key="log_save").click().run()
    assert any("call your emergency number" in e.value for e in at.error)


def test_today_tick_boxes_are_in_plain_words(fresh_diary: Path) -> None:
    Diary(fresh_diary).add_episode("Robin", dt.date.today() - dt.timedelta(days=4))
    at = app().run()
    assert at.checkbox(key="log_symptom_saddle_numbness").label == "Numb between the legs or around the bottom"
    assert at.checkbox(key="log_symptom_bladder_bowel").label == "Can't pee, or can't hold in pee or poo"
    boxes = {b.key.removeprefix("log_symptom_"): b.label for b in at.checkbox if b.key.startswith("log_symptom_")}
    assert boxes == SYMPTOM_TICK_BOXES  # the words live in analysis.model.vocabulary, not in the page


def test_a_note_naming_a_warning_sign_asks_to_tick_it_and_never_ticks_it(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", dt.date.today() - dt.timedelta(days=4))
    at = app().run()
    at.segmented_control(key="log_pain").set_value(5)
    at.text_area(key="log_notes").set_value("Walked 10 min. Numb around my bottom since this morning")
    at.button(key="log_save").click().run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "Your note mentions “Numb between the legs or around the bottom”: tick it above if you have it now."]
    assert at.checkbox(key="log_symptom_saddle_numbness").value is False  # asked, not ticked
    assert diary.entry(episode, dt.date.today()).symptoms == []
    assert not any("call your emergency number" in e.value for e in at.error)
    at.run()  # the hint belongs to that save: the next run does not repeat it
    assert not any("Your note mentions" in i.value for i in at.info)
    at.checkbox(key="log_symptom_saddle_numbness").check()
    at.button(key="log_save").click().run()
    assert not any("Your note mentions" in i.value for i in at.info)  # ticked now: nothing to ask
    assert any("call your emergency number" in e.value for e in at.error)
    assert diary.entry(episode, dt.date.today()).symptoms == ["saddle_numbness"]


def test_a_note_that_rules_signs_out_gets_no_hint(fresh_diary: Path) -> None:
    Diary(fresh_diary).add_episode("Robin", dt.date.today() - dt.timedelta(days=4))
    at = app().run()
    at.segmented_control(key="log_pain").set_value(4)
    at.text_area(key="log_notes").set_value("No numbness today, no bladder problems. Back to work half days.")
    at.button(key="log_save").click().run()
    assert not at.exception
    assert not any("Your note mentions" in i.value for i in at.info)


def test_diary_page_edits_and_deletes(fresh_diary: Path) -> None:
    with_demo(fresh_diary)
    at = app().switch_page("screens/diary.py").run()
    first_date = at.selectbox(key="delete_day").value
    at.session_state["diary_editor"] = {"edited_rows": {0: {"pain": 9}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="diary_save").click().run()
    assert not at.exception
    diary = Diary(fresh_diary)
    episode_id = at.session_state["episode_id"]
    assert diary.entry(episode_id, first_date).pain == 9
    at.button(key="delete_ask").click().run()
    at.button(key="delete_confirm").click().run()
    assert diary.entry(episode_id, first_date) is None


def test_diary_page_refuses_out_of_range_edit_with_a_message(fresh_diary: Path) -> None:
    with_demo(fresh_diary)
    at = app().switch_page("screens/diary.py").run()
    at.session_state["diary_editor"] = {"edited_rows": {0: {"activity_minutes": 2000}}, "added_rows": [],
                                        "deleted_rows": []}
    at.run()
    at.button(key="diary_save").click().run()
    assert not at.exception
    assert "Minutes active: 2,000 cannot be saved; type a whole number from 0 to 1,440 minutes." in texts(at)


def test_progress_shows_a_chart(fresh_diary: Path) -> None:
    with_demo(fresh_diary)
    at = app().switch_page("screens/progress.py").run()
    assert len(at.get("plotly_chart")) >= 1


def _urgent_csv() -> bytes:
    rows = ["date,pain,symptoms"] + [f"2026-11-{d:02d},{7 - d // 4},{'bladder_bowel' if d == 12 else ''}"
                                     for d in range(1, 13)]
    return ("\n".join(rows) + "\n").encode()


def test_clinic_imports_good_files_explains_the_broken_one_and_ranks_urgent_first(fresh_diary: Path) -> None:
    from analysis.workflows.diary_io import sample_files

    at = app().switch_page("screens/clinic.py").run()
    files = [(p.name, p.read_bytes(), "text/csv") for p in sample_files()[:2]]
    files += [("knee.csv", b"date,pain\n2026-11-01,4\n2026-11-02,11\n", "text/csv"),
              ("urgent.csv", _urgent_csv(), "text/csv")]
    at.file_uploader(key="clinic_upload").set_value(files).run()
    at.button(key="clinic_import").click().run()
    assert not at.exception
    assert "3 imported, 1 refused." in [t.value for t in at.toast]
    labels = [e.label for e in at.expander]
    assert labels[:2] == ["knee.csv: refused", "Imported files: 3"]  # refused first, the rest folded in one
    assert any("knee.csv row 3, pain: 11 is above the maximum 10." in t.value for t in at.text)
    diary = Diary(fresh_diary)
    assert sorted(diary.patient_names()) == ["Anna (demo)", "Ben (demo)", "urgent"]
    table = at.dataframe[0].value
    table = getattr(table, "data", table)  # a Styler (urgent rows coloured) or the frame itself
    assert table["Patient"].iloc[0] == "urgent"
    assert table["Priority"].iloc[0] == "🚨 URGENT"  # marked by a word, not only a colour
    assert table["Why"].iloc[0] == "Urgent warning sign"
    assert "Emergency warning sign" in table["Active alerts"].iloc[0]
    assert table["Priority"].iloc[1:].tolist() != [] and "URGENT" not in " ".join(table["Priority"].iloc[1:])


def test_clinic_on_an_empty_diary_says_what_to_do() -> None:
    at = app().switch_page("screens/clinic.py").run()
    assert not at.exception
    assert "No patients yet." in texts(at)


def test_urgent_banner_shows_on_every_patient_page_and_not_in_the_clinic(fresh_diary: Path) -> None:
    from analysis.workflows.diary_io import import_bytes

    diary = Diary(fresh_diary)
    import_bytes(diary, _urgent_csv(), "urgent.csv")
    at = app()  # each page drawn once, the first straight away
    for page in PAGES:
        at.switch_page(page).run()
        shown = any("call your emergency number" in e.value for e in at.error)
        assert shown == (page != "screens/clinic.py"), page  # the Clinic lists it instead (as URGENT)


def test_clinic_patient_view_and_back_to_the_list(fresh_diary: Path) -> None:
    from analysis.workflows.diary_io import import_bytes

    diary = Diary(fresh_diary)
    import_bytes(diary, _urgent_csv(), "urgent.csv")
    load_demo(diary)
    urgent_id = int(diary.episodes().set_index("patient").loc["urgent", "episode_id"])
    anna_id = int(diary.episodes().set_index("patient").loc["Anna (demo)", "episode_id"])
    at = app().run()
    at.selectbox(key="episode_id").set_value(anna_id).run()  # the patient pages' choice
    at.switch_page("screens/clinic.py").run()
    at.session_state["clinic_patient"] = urgent_id  # what selecting the row does (its on_select callback)
    at.run()
    assert not at.exception
    assert at.subheader[0].value == "urgent"
    assert any(e.value.startswith("URGENT: Emergency warning sign") for e in at.error)
    at.button(key="clinic_back").click().run()
    assert "clinic_patient" not in at.session_state
    assert at.dataframe[0] is not None
    at.switch_page("screens/progress.py").run()
    assert at.selectbox(key="episode_id").value == anna_id  # the Clinic did not change the patient's picker


def test_clinic_search_and_filter(fresh_diary: Path) -> None:
    with_demo(fresh_diary)
    at = app().switch_page("screens/clinic.py").run()
    at.text_input(key="clinic_search").set_value("eva").run()
    table = at.dataframe[0].value
    assert getattr(table, "data", table)["Patient"].tolist() == ["Eva (demo)"]
    at.text_input(key="clinic_search").set_value("").run()
    at.multiselect(key="clinic_filter").set_value(["Warning to follow up"]).run()
    table = at.dataframe[0].value
    assert set(getattr(table, "data", table)["Why"]) == {"Warning to follow up"}


def test_clinic_fixing_one_file_keeps_the_others(fresh_diary: Path) -> None:
    at = app().switch_page("screens/clinic.py").run()
    files = [("amb.csv", b"date,pain\n03/02/2026,6\n04/02/2026,5\n05/02/2026,5\n", "text/csv"),
             ("german.csv", b"Datum,Schmerz\n2026-02-03,6\n2026-02-04,5\n", "text/csv"),
             ("knee.csv", b"date,pain\n2026-11-01,4\n2026-11-02,11\n", "text/csv")]
    at.file_uploader(key="clinic_upload").set_value(files).run()
    at.button(key="clinic_import").click().run()
    assert "0 imported, 3 refused." in [t.value for t in at.toast]
    assert "0 imported, 3 refused." in texts(at)
    at.button(key="order_amb.csv_dmy").click().run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert labels[:2] == ["german.csv: refused", "knee.csv: refused"]
    assert "Imported files: 1" in labels
    assert "1 imported, 2 refused." in texts(at)
    at.selectbox(key="map_german.csv_date").set_value("Datum")  # the other file's column step is still there
    at.selectbox(key="map_german.csv_pain").set_value("Schmerz").run()
    at.button(key="map_german.csv_import").click().run()
    assert "2 imported, 1 refused." in texts(at)
    assert [e.label for e in at.expander][0] == "knee.csv: refused"
    assert sorted(Diary(fresh_diary).patient_names()) == ["amb", "german"]


def test_acknowledged_warning_stays_hidden_after_a_restart(fresh_diary: Path) -> None:
    from analysis.workflows.diary_io import import_bytes

    rows = ["date,pain,symptoms"] + [f"2026-11-{d:02d},{max(1, 7 - d // 2)},{'fever' if d >= 8 else ''}"
                                     for d in range(1, 11)]
    import_bytes(Diary(fresh_diary), ("\n".join(rows) + "\n").encode(), "fever.csv")
    at = app().switch_page("screens/progress.py").run()
    assert any("Fever or weight loss" in w.value for w in at.warning)
    at.button(key="ack_red_flag_see_doctor").click().run()
    assert not any("Fever or weight loss" in w.value for w in at.warning)
    st.cache_resource.clear()  # a restart: new server, new connection
    again = app().switch_page("screens/progress.py").run()
    assert not any("Fever or weight loss" in w.value for w in again.warning)


def test_clinic_offers_the_date_order_for_an_ambiguous_file(fresh_diary: Path) -> None:
    at = app().switch_page("screens/clinic.py").run()
    body = b"date,pain\n03/02/2026,6\n04/02/2026,5\n05/02/2026,5\n"
    at.file_uploader(key="clinic_upload").set_value([("amb.csv", body, "text/csv")]).run()
    at.button(key="clinic_import").click().run()
    assert "amb.csv: refused" in [e.label for e in at.expander]
    at.button(key="order_amb.csv_dmy").click().run()
    assert not at.exception
    dates = Diary(fresh_diary).entries()["date"].dt.strftime("%Y-%m-%d").tolist()
    assert dates == ["2026-02-03", "2026-02-04", "2026-02-05"]


def test_progress_prepares_the_gp_report(fresh_diary: Path) -> None:
    with_demo(fresh_diary)
    at = app().switch_page("screens/progress.py").run()
    at.button(key="progress_report").click().run(timeout=120)
    assert not at.exception
    episode_id, pdf, *_ = at.session_state["report_pdf"]  # and the diary revision and day it was made for
    assert pdf.startswith(b"%PDF") and episode_id == at.session_state["episode_id"]


def test_diary_backup_and_restore(fresh_diary: Path, tmp_path: Path) -> None:
    from analysis.workflows.diary_io import backup_bytes

    with_demo(fresh_diary)
    backup = backup_bytes(Diary(fresh_diary))
    at = app().switch_page("screens/diary.py").run()
    assert at.get("download_button")  # the backup download is offered
    Diary(fresh_diary).delete_patient("Anna (demo)")
    at.file_uploader(key="restore_upload").set_value(("backup.db", backup, "application/octet-stream")).run()
    at.button(key="restore_confirm").click().run()
    assert not at.exception
    assert "Anna (demo)" in Diary(fresh_diary).patient_names()
    at.file_uploader(key="restore_upload").set_value(("photo.db", b"not a diary" * 50, "application/octet-stream"))
    at.run()
    at.button(key="restore_confirm").click().run()
    assert "photo.db is not a Backtrack backup." in texts(at)
