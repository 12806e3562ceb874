"""Fixes of review 34 on the pages (AppTest)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.storage import DayEntry, Diary, Dose
from tests.apptest import run

TODAY = dt.date.today()


def test_the_medicine_table_and_the_overdose_card_name_the_same_maxima(fresh_diary: Path) -> None:
    """Naproxen 1,100 mg today: the table showed a daily maximum of 660 while the warning said "maximum
    1,000 mg"; both now say 660 over the counter and 1,000 on prescription."""
    diary = Diary(fresh_diary)
    try:
        episode = diary.add_episode("Nia", TODAY - dt.timedelta(days=6), normal_activity_minutes=40)
        for back in range(5, -1, -1):
            doses = [Dose("naproxen", 550, 2)] if back == 0 else []
            diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 5, 6, 20, doses=doses))
    finally:
        diary.close()
    at = run("screens/progress.py")
    table = at.table[0].value
    assert table.loc["naproxen", "Daily maximum (mg)"] == "660 (1,000 on prescription)", table
    assert table.loc["naproxen", "Most in one day (mg)"] == "1,100", table
    cards = [str(node.value) for node in at.main if getattr(node, "type", None) in ("error", "warning", "info")]
    said = [card for card in cards if "naproxen 1,100 mg" in card]
    assert said and "maximum 1,000 mg on prescription, 660 mg over the counter" in said[0], cards


def test_today_says_what_day_0_counts(fresh_diary: Path) -> None:
    """On the day the pain began the plan said "day 0" and nothing else: it now says it is the day it started."""
    diary = Diary(fresh_diary)
    try:
        diary.add_episode("Dee", TODAY, normal_activity_minutes=40)
    finally:
        diary.close()
    at = run("screens/today.py")
    assert "**Today's plan** · day 0, the day it started" in [m.value for m in at.markdown]


def test_the_clinic_records_the_physiotherapists_assessment(fresh_diary: Path) -> None:
    """Review 34's browser walk: the Clinic showed marks "by the patient, not a clinician" but offered no way to
    record one, so an urgent sign the practice had assessed stayed at the top until the patient acted at home.
    An earlier episode's sign is offered too (it heads this episode's view)."""
    from tests.apptest import app

    diary = Diary(fresh_diary)
    try:
        first = diary.add_episode("Dev", TODAY - dt.timedelta(days=20), normal_activity_minutes=60)
        for back in range(20, 7, -1):
            diary.save_entry(first, DayEntry(TODAY - dt.timedelta(days=back), 5, 6, 30,
                                             symptoms=["bladder_bowel"] if back == 12 else []))
        second = diary.add_episode("Dev", TODAY - dt.timedelta(days=6), normal_activity_minutes=60)
        for back in range(6, -1, -1):
            diary.save_entry(second, DayEntry(TODAY - dt.timedelta(days=back), 4, 5, 30,
                                              symptoms=["fever"] if back == 1 else []))
    finally:
        diary.close()
    at = app().switch_page("screens/clinic.py")
    at.run()
    at.session_state["clinic_patient"] = second
    at.run()
    assert not at.exception, at.exception
    labels = [b.label for b in at.button]
    assert labels.count("Record my assessment") == 2, labels  # the earlier bladder sign and this week's fever
    named = [m.value for m in at.markdown if "(episode from" in m.value]
    assert len(named) == 2, named  # two episodes' rows: each says whose (review 34's second browser walk)
    at.button(key=f"seen_red_flag_emergency_clinic_{first}").click().run()
    marks = Diary(fresh_diary).seen()
    assert marks[["episode_id", "code", "seen_by"]].values.tolist() == [[first, "red_flag_emergency", "clinician"]]
    assert marks["seen_date"].iloc[0].date() == TODAY
    assert [b.label for b in at.button].count("Record my assessment") == 1  # the fever's left
    said = " ".join(m.value for m in at.markdown)
    assert "Urgent sign first" not in said, said


def test_the_clinic_imports_one_persons_minutes_from_a_fitbit_file_of_several(fresh_diary: Path) -> None:
    """Review 34's browser walk: Fitbit's dailyActivity_merged.csv (33 people, keyed by Id) was refused with "choose
    one with --source-id", a flag of the command line, and the page offered no way to choose. Now: choose the Id,
    then whose diary, and that person's very + fairly active minutes fill the diary's days (SOURCES.md)."""
    import pandas as pd

    from tests.apptest import app

    real = (Path(__file__).resolve().parents[3] / "shared" / "real-files" / "fitbit"
            / "biscotty666_dailyActivity_merged.csv")  # ../shared, beside the checkout (CI has it)
    fitbit = pd.read_csv(real)
    person = fitbit[fitbit["Id"] == 1503960366]
    days = pd.to_datetime(person["ActivityDate"], format="%m/%d/%Y")
    diary_csv = "date,pain,patient,onset_date\n" + "".join(
        f"{day:%Y-%m-%d},5,Kim,{days.min():%Y-%m-%d}\n" for day in days)
    at = app().switch_page("screens/clinic.py").run()
    at.file_uploader(key="clinic_upload").set_value([("kim.csv", diary_csv.encode(), "text/csv"),
                                                     (real.name, real.read_bytes(), "text/csv")]).run()
    at.button(key="clinic_import").click().run()
    assert not at.exception, at.exception
    said = [str(t.value) for t in at.text]
    assert any("holds the activity of 33 people" in t and t.endswith("choose whose below.") for t in said), said
    at.selectbox(key=f"source_{real.name}").set_value("1503960366").run()
    at.button(key=f"source_{real.name}_import").click().run()
    assert not at.exception, at.exception
    at.selectbox(key=f"patient_{real.name}").set_value("Kim").run()
    at.button(key=f"patient_{real.name}_import").click().run()
    assert not at.exception, at.exception
    stored = Diary(fresh_diary).entries().sort_values("date")
    expected = (person["VeryActiveMinutes"] + person["FairlyActiveMinutes"]).to_numpy(dtype=float)
    assert stored["activity_minutes"].to_numpy(dtype=float).tolist() == expected.tolist()
