"""Review 14: the Clinic page used as a physiotherapist with a practice of patients would (AppTest)."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.storage import Diary
from tests.apptest import app

pytestmark = pytest.mark.usefixtures("fresh_diary")  # every test starts on an empty diary file (conftest.py)


def _texts(at: object) -> list[str]:
    return [t.value for t in at.text]  # type: ignore[attr-defined]


def test_choosing_the_date_order_keeps_the_columns_picked_for_that_file(fresh_diary: Path) -> None:
    """Ute's German spreadsheet: headers Tag, Schmerz, and dates 01/11/2026 to 12/11/2026 (day first, but no day
    above 12). Upload, pick Tag = Date and Schmerz = Pain, press Import with these columns: the page now asks
    the date order. Press 'Import with day first': the file is refused again with 'has no date or pain column;
    columns found: Tag, Schmerz', and picking the columns once more leads back to the date question."""
    data = "Tag,Schmerz\n" + "".join(f"{d:02d}/11/2026,{5 - d * 0.1:.1f}\n" for d in range(1, 13))
    at = app().switch_page("screens/clinic.py").run()
    at.file_uploader(key="clinic_upload").set_value([("ute.csv", data.encode(), "text/csv")]).run()
    at.button(key="clinic_import").click().run()
    at.selectbox(key="map_ute.csv_date").set_value("Tag").run()
    at.selectbox(key="map_ute.csv_pain").set_value("Schmerz").run()
    at.button(key="map_ute.csv_import").click().run()
    assert any("choose the date order" in t for t in _texts(at))  # the second question, as expected
    at.button(key="order_ute.csv_dmy").click().run()
    assert not at.exception
    diary = Diary(fresh_diary)
    try:
        entries = diary.entries()
    finally:
        diary.close()
    assert not any("has no date or pain column" in t for t in _texts(at)), _texts(at)
    assert sorted(entries["date"].astype(str))[:2] == ["2026-11-01", "2026-11-02"]
    assert len(entries) == 12


def test_the_date_order_chosen_for_an_ambiguous_file_does_not_refuse_a_file_that_settles_itself(
        fresh_diary: Path) -> None:
    """A practice upload: Carol's Google Sheets file from the US (11/1/2026 ... 11/12/2026: cannot tell) and
    Alice's from UK Excel (18/11/2026 ... 1/12/2026: a day above 12 settles it). The physiotherapist sets
    'Dates like 03/02/2026 are' to Month first for Carol and presses Import: 'alice.csv was not imported: 13
    problems. row 2, Date: "18/11/2026" is not a date in month-day-year order ...', with no button to fix it."""
    carol = "date,pain\n" + "".join(f"11/{d}/2026,{5 - d * 0.2:.1f}\n" for d in range(1, 13))
    alice = "Date,Pain\n" + "".join(f"{d}/11/2026,5\n" for d in range(18, 31)) + "01/12/2026,4\n"
    at = app().switch_page("screens/clinic.py").run()
    at.selectbox(key="clinic_date_order").set_value("mdy").run()
    at.file_uploader(key="clinic_upload").set_value([("carol.csv", carol.encode(), "text/csv"),
                                                     ("alice.csv", alice.encode(), "text/csv")]).run()
    at.button(key="clinic_import").click().run()
    assert not at.exception
    diary = Diary(fresh_diary)
    try:
        entries = diary.entries()
    finally:
        diary.close()
    days = entries.groupby("patient")["date"].agg(["min", "max", "count"])
    assert days.loc["carol", "count"] == 12 and str(days.loc["carol", "min"])[:10] == "2026-11-01"
    assert "alice" in days.index, _texts(at)
    assert days.loc["alice", "count"] == 14 and str(days.loc["alice", "max"])[:10] == "2026-12-01"


def test_back_to_the_list_keeps_the_search_and_the_filter(fresh_diary: Path) -> None:
    """Three patients; the physiotherapist shows only 'Warning to follow up' and searches 'bo', opens the first row
    (the list's on_select puts its episode in clinic_patient), presses '← Back to the list': the caption says
    '3 of 3 patients shown', the search box is empty and the filter is 'Everyone'."""
    import datetime as dt

    from analysis.storage import DayEntry

    today = dt.date.today()
    diary = Diary(fresh_diary)
    for name, numb in (("Bo", True), ("Bob", False), ("Cy", False)):
        episode = diary.add_episode(name, today - dt.timedelta(days=12), normal_activity_minutes=60)
        for ago in range(12, 0, -1):
            diary.save_entry(episode, DayEntry(today - dt.timedelta(days=ago), 5 - 0.2 * (12 - ago), 6, 30, 0, "",
                                               symptoms=["numbness"] if numb and ago == 2 else []))
    diary.close()
    at = app().switch_page("screens/clinic.py").run()
    at.multiselect(key="clinic_filter").set_value(["Warning to follow up"]).run()
    at.text_input(key="clinic_search").set_value("bo").run()
    before = at.caption[0].value
    assert before.startswith(("1 of 3", "2 of 3")), before  # Bo (and Bob, if his pain is a warning)
    at.session_state["clinic_patient"] = at.session_state["clinic_shown_ids"][0]  # what selecting the row does
    at.run()
    assert at.subheader[0].value.startswith("Bo")
    at.button(key="clinic_back").click().run()
    assert not at.exception
    assert at.caption[0].value == before, at.caption[0].value
    assert at.text_input(key="clinic_search").value == "bo"
    assert at.multiselect(key="clinic_filter").value == ["Warning to follow up"]


def test_a_google_fit_file_can_be_given_to_a_patient_on_the_clinic_page(fresh_diary: Path) -> None:
    """Alice's diary and her Google Fit 'Daily activity metrics.csv' (Move Minutes count for the same six days),
    uploaded together. The page says '1 imported, 1 refused' and 'choose the patient whose diary they belong
    to.'; its only controls are the date-order box and Import: no patient to choose, no step to fix it."""
    import datetime as dt

    today = dt.date.today()
    alice = "date,pain\n" + "".join(f"{today - dt.timedelta(days=n)},5\n" for n in range(6, 0, -1))
    fit = "Date,Move Minutes count,Calories (kcal),Distance (m)\n" + "".join(
        f"{today - dt.timedelta(days=n)},{40 + n},1800,3000\n" for n in range(6, 0, -1))
    at = app().switch_page("screens/clinic.py").run()
    at.file_uploader(key="clinic_upload").set_value([("alice.csv", alice.encode(), "text/csv"),
                                                     ("Daily activity metrics.csv", fit.encode(), "text/csv")]).run()
    at.button(key="clinic_import").click().run()
    assert not at.exception
    assert any("choose the patient" in t for t in _texts(at))
    pickers = [s for s in at.selectbox if "alice" in [str(o) for o in s.options]]
    assert pickers, [(s.label, s.options) for s in at.selectbox]  # a patient to choose for the refused file


def test_a_prepared_gp_report_is_not_offered_after_the_diary_changed(fresh_diary: Path) -> None:
    """Bo's diary: twelve ordinary days. The physiotherapist opens Bo, presses 'Prepare the PDF report'; then
    tonight's file arrives with loss of bladder or bowel control logged today (saved here straight into the
    diary, as the import does). Bo's view now says 'URGENT: Emergency warning sign', yet 'Download the report
    (PDF)' is still there and gives the PDF made before, whose alerts say nothing of it."""
    import datetime as dt

    from analysis.storage import DayEntry
    from dashboard.gp_report import REPORT_KEY
    from tests.pdf_text import pdf_words

    today = dt.date.today()
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Bo", today - dt.timedelta(days=12), normal_activity_minutes=60)
    for ago in range(12, 0, -1):
        pain = 5 - 0.2 * (12 - ago)
        diary.save_entry(episode, DayEntry(today - dt.timedelta(days=ago), pain, pain, 30, 0, ""))
    diary.close()
    at = app().switch_page("screens/clinic.py")
    at.session_state["clinic_patient"] = episode  # what selecting Bo's row does
    at.run()
    at.button(key="clinic_report_pdf").click().run()
    assert "Download the report (PDF)" in [d.proto.label for d in at.get("download_button")]
    diary = Diary(fresh_diary)
    diary.save_entry(episode, DayEntry(today, 6, 8, 10, 0, "", symptoms=["bladder_bowel"]))
    diary.close()
    at.run()
    assert not at.exception
    assert any(e.value.startswith("URGENT") for e in at.error), [e.value for e in at.error]
    offered = "Download the report (PDF)" in [d.proto.label for d in at.get("download_button")]
    assert not offered or "bladder or bowel" in pdf_words(at.session_state[REPORT_KEY][1])


def test_a_google_fit_file_given_to_a_patient_on_the_clinic_page_adds_her_minutes(fresh_diary: Path) -> None:
    """The patient step imports the refused file into the chosen diary: Alice's six days get the minutes."""
    import datetime as dt

    today = dt.date.today()
    alice = "date,pain\n" + "".join(f"{today - dt.timedelta(days=n)},5\n" for n in range(6, 0, -1))
    fit = "Date,Move Minutes count,Calories (kcal),Distance (m)\n" + "".join(
        f"{today - dt.timedelta(days=n)},{40 + n},1800,3000\n" for n in range(6, 0, -1))
    at = app().switch_page("screens/clinic.py").run()
    at.file_uploader(key="clinic_upload").set_value([("alice.csv", alice.encode(), "text/csv"),
                                                     ("Daily activity metrics.csv", fit.encode(), "text/csv")]).run()
    at.button(key="clinic_import").click().run()
    at.selectbox(key="patient_Daily activity metrics.csv").set_value("alice").run()
    at.button(key="patient_Daily activity metrics.csv_import").click().run()
    assert not at.exception
    diary = Diary(fresh_diary)
    try:
        minutes = diary.entries().sort_values("date")["activity_minutes"].tolist()
    finally:
        diary.close()
    assert minutes == [46.0, 45.0, 44.0, 43.0, 42.0, 41.0]
