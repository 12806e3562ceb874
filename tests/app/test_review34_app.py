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
    at.button(key=f"seen_red_flag_emergency_clinic_{first}").click().run()
    marks = Diary(fresh_diary).seen()
    assert marks[["episode_id", "code", "seen_by"]].values.tolist() == [[first, "red_flag_emergency", "clinician"]]
    assert marks["seen_date"].iloc[0].date() == TODAY
    assert [b.label for b in at.button].count("Record my assessment") == 1  # the fever's left
    said = " ".join(m.value for m in at.markdown)
    assert "Urgent sign first" not in said, said
