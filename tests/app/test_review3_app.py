"""What the review of tonight's work found (brief review3.md), proved in AppTest or on the import it drives.

Each test says what the patient or the physiotherapist saw. A test marked xfail(strict=True) proves a problem that
is still there (its reason says where, and the concrete fix); by strictness it fails once the problem is fixed.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from analysis.review.page_rules import pain_needed
from analysis.storage import DayEntry, Diary
from analysis.workflows.diary_io import export_csv, import_many
from tests.apptest import app, robin_on_today, texts
from tests.pdf_text import pdf_words

TODAY = dt.date.today()
YESTERDAY = TODAY - dt.timedelta(days=1)


def _pat_seen_at_home(folder: Path) -> str:
    """Pat's diary CSV as downloaded at home: onset 10 days ago, an ordinary course (worst pain 6 easing to 5 after
    the first days: a worst pain unchanged all week is itself a warning from day 7), "cannot move a leg" two days ago
    (the emergency sign), and "I have been seen about this" ticked by Pat yesterday."""
    home = Diary(folder / "home.db")
    episode = home.add_episode("Pat", TODAY - dt.timedelta(days=10), normal_activity_minutes=60)
    for back in range(9, 0, -1):
        home.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 5, 6 if back > 5 else 5, 20,
                                          symptoms=["cannot_move_leg"] if back == 2 else []))
    home.mark_seen(episode, "red_flag_emergency", YESTERDAY, by="patient")
    exported = export_csv(home, patient="Pat")
    home.close()
    assert f"red_flag_emergency@{YESTERDAY.isoformat()} by patient" in exported  # the mark is in the file
    return exported


def _import(db: Path, name: str, text: str) -> list:
    diary = Diary(db)
    try:
        return list(import_many(diary, [(name, text.encode())]))
    finally:
        diary.close()


def _clinic_patient(episode: int) -> AppTest:
    at = app().switch_page("screens/clinic.py")
    at.session_state["clinic_patient"] = episode  # what selecting the row does (clinic.open_selected)
    at.run()
    assert not at.exception, at.exception
    return at


# --- 2. the seen column, at the practice -----------------------------------------------------------------------
def test_the_clinic_says_an_urgent_sign_was_marked_seen_and_by_whom(fresh_diary: Path, tmp_path: Path) -> None:
    [result] = _import(fresh_diary, "pat.csv", _pat_seen_at_home(tmp_path))
    assert '1 "I have been seen about this" mark recorded' in result.summary, result.summary
    at = _clinic_patient(1)
    shown = texts(at) + "\n" + "\n".join(c.value for c in at.caption)
    assert "No active alerts." in shown  # the sign is no longer active (seen): right, and this is all it says
    """Fixed (analysis/review/triage.seen_alert_lines, shown by clinic.patient_section): the view said only "No
    active alerts." and "On track", never that an emergency sign was reported and only the patient said it was
    seen."""
    two_days = TODAY - dt.timedelta(days=2)
    line = (f"Seen: Emergency warning sign (Cannot move a leg at all reported on {two_days.day} {two_days:%B %Y}): "
            f"marked seen on {YESTERDAY.day} {YESTERDAY:%b %Y} by the patient, not a clinician.")
    assert [w.value.replace("\\", "") for w in at.warning] == [line]  # a warning: only the patient said so
    assert "No active alerts." in texts(at)
    # pain 5 every day against an estimated start of 5.2 read "-0.0" (fixed in clinic.patient_section), then "+0.0"
    # where Progress drew "-0.0" for the same person (review 20): a change that rounds to nothing is said so
    assert {m.label: m.value for m in at.metric}["Change since start"] == "no change"


def test_a_sign_a_clinician_marked_seen_is_said_so_in_the_clinic(fresh_diary: Path, tmp_path: Path) -> None:
    """The same line, as information, when the mark says a clinician saw the patient."""
    exported = _pat_seen_at_home(tmp_path).replace(" by patient", " by clinician")
    _import(fresh_diary, "pat.csv", exported)
    at = _clinic_patient(1)
    [info] = [i.value for i in at.info]
    assert info.endswith(f"marked seen on {YESTERDAY.day} {YESTERDAY:%b %Y} by a clinician."), info
    assert not [w.value for w in at.warning]


def test_a_seen_mark_dated_before_the_sign_is_not_called_recorded_without_a_word(tmp_path: Path) -> None:
    """Fixed (analysis/review/seen_marks.py, said by diary_io.write_parsed): a mark dated before the sign was last
    reported was only counted as "recorded" beside a patient who stayed URGENT; the import now warns."""
    exported = _pat_seen_at_home(tmp_path)
    early = (TODAY - dt.timedelta(days=5)).isoformat()
    edited = exported.replace(f"red_flag_emergency@{YESTERDAY.isoformat()} by", f"red_flag_emergency@{early} by")
    [result] = _import(tmp_path / "practice.db", "pat.csv", edited)
    diary = Diary(tmp_path / "practice.db")
    try:
        stored = diary.seen()
    finally:
        diary.close()
    assert stored["seen_date"].dt.date.tolist() == [dt.date.fromisoformat(early)]  # stored as written
    assert '1 "I have been seen about this" mark recorded' in result.summary, result.summary
    # ... yet the sign it names was reported after it, so it stays urgent; the import should say so
    assert any("red_flag_emergency" in w or "warning sign" in w for w in result.warnings), result.warnings


def test_a_seen_mark_for_an_alert_that_never_fired_is_warned_about(tmp_path: Path) -> None:
    """Fixed (same place): a mark naming an alert the episode never had was stored and counted without a word."""
    exported = _pat_seen_at_home(tmp_path).replace("red_flag_emergency@", "red_flag_see_doctor@")
    [result] = _import(tmp_path / "practice.db", "pat.csv", exported)
    assert '1 "I have been seen about this" mark recorded' in result.summary, result.summary
    assert any("red_flag_see_doctor" in w for w in result.warnings), result.warnings


def test_a_formula_in_the_seen_cell_refuses_the_file_naming_the_cell(tmp_path: Path) -> None:
    """A spreadsheet formula (=...) in the seen cell is never stored as a mark: the file is refused, and the
    refusal names the row and the column (checked, no problem)."""
    exported = _pat_seen_at_home(tmp_path).replace("red_flag_emergency@", "=red_flag_emergency@")
    [result] = _import(tmp_path / "practice.db", "pat.csv", exported)
    assert result.status == "refused" or "not imported" in result.summary, result.summary
    assert any(", seen:" in p and "=red_flag_emergency" in p for p in result.problems), result.problems


# --- 4. Progress read now: the day number beside "Usual by now" ----------------------------------------------
def test_usual_by_now_says_which_day_it_is_for_when_the_diary_stopped_days_ago(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=20), normal_activity_minutes=60)
    for back in range(20, 3, -1):  # logged up to four days ago
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 6 - back / 10, 7, 20))
    diary.close()
    at = app().switch_page("screens/progress.py").run()
    assert not at.exception, at.exception
    shown = {m.label: m for m in at.metric}
    assert shown["Days since it started"].value == "20"  # today's day (the change that landed)
    """Fixed (analysis/review/progress_text.usual_label): beside today's day 20, "Usual by now" gave the expected
    pain of day 16, the last diary day, without a word (the GP report says "for day 16" in its sentence)."""
    [usual] = [m for label, m in shown.items() if label.startswith("Usual")]
    assert usual.label == "Usual on day 16 (last entry)", usual.label
    # the pain beside it is day 16's 7-day average too (progress_text.pain_label), not "now"
    assert [m.label for m in at.metric if m.label.startswith("Pain")] == ["Pain on day 16 (7-day average, last entry)"]
    diary = Diary(fresh_diary)  # logged today: the day judged is today's, and the label is as before
    for back in range(3, -1, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 4, 6, 20))
    diary.close()
    at = app().switch_page("screens/progress.py").run()
    assert [m.label for m in at.metric if m.label.startswith("Usual")] == ["Usual by now"]
    assert [m.label for m in at.metric if m.label.startswith("Pain")] == ["Pain now (7-day average)"]


# --- 1. Today's pain on a stored day ------------------------------------------------------------------------
def test_unchoosing_the_pain_of_a_stored_day_then_save_keeps_the_stored_day(fresh_diary: Path) -> None:
    """Checked, no problem: the day stays as stored, and the changed note stays in the form."""
    episode, at = robin_on_today(fresh_diary, DayEntry(TODAY, 5, 6, 20, notes="keep me"))
    assert at.segmented_control(key="log_pain").value == 5
    at.segmented_control(key="log_pain").set_value(None).run()
    at.text_area(key="log_notes").set_value("keep me, changed")
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    diary = Diary(fresh_diary)
    stored = diary.entry(episode, TODAY)
    diary.close()
    assert (stored.pain, stored.worst_pain, stored.notes) == (5, 6, "keep me")
    assert at.text_area(key="log_notes").value == "keep me, changed"
    assert not at.toast


def test_the_pain_sentence_on_a_stored_day_does_not_say_nothing_is_saved(fresh_diary: Path) -> None:
    _, at = robin_on_today(fresh_diary, DayEntry(TODAY, 5, 6, 20))
    at.segmented_control(key="log_pain").set_value(None).run()
    at.button(key="log_save").click().run()
    """Fixed (analysis/review/page_rules.pain_needed's `stored`, passed by today.py): the sentence said "Nothing is
    saved yet" on a day that was saved, as if today were not in the diary."""
    [warning] = [w.value for w in at.warning]
    assert warning == "Your saved day is unchanged: choose today's pain from 0 to 10 above, then press Save."
    at.date_input(key="log_date").set_value(TODAY - dt.timedelta(days=1)).run()  # a new date: as before
    at.button(key="log_save").click().run()
    assert [w.value for w in at.warning] == [pain_needed(None, TODAY - dt.timedelta(days=1), TODAY)]
    assert pain_needed(None, TODAY, TODAY).startswith("Nothing is saved yet: ")


def test_a_decimal_pain_from_a_csv_is_shown_as_it_is_stored(fresh_diary: Path) -> None:
    past = TODAY - dt.timedelta(days=2)
    episode, at = robin_on_today(fresh_diary, DayEntry(past, 4.5, 6.5, 20, notes="imported"))
    at.date_input(key="log_date").set_value(past).run()
    assert at.segmented_control(key="log_pain").value == 4  # the nearest button
    assert at.segmented_control(key="log_worst").value == 6  # 6.5 rounds to even
    at.text_area(key="log_notes").set_value("imported, with a note")
    at.button(key="log_save").click().run()
    diary = Diary(fresh_diary)
    stored = diary.entry(episode, past)
    diary.close()
    assert (stored.pain, stored.worst_pain) == (4.5, 6.5)  # saved back unchanged: right
    """Fixed (today._stored_decimals): the '4' button was chosen and nothing said the day holds 4.5."""
    said = [c.value for c in at.caption if "saved as" in c.value]
    assert said == ["Pain on average is saved as 4.5; it stays 4.5 unless you choose another number.",
                    "Worst pain is saved as 6.5; it stays 6.5 unless you choose another number."], said
    at.segmented_control(key="log_pain").set_value(5).run()  # another number chosen: its caption goes
    assert [c.value for c in at.caption if "saved as" in c.value] == [said[1]]


# --- 3. several files at once ----------------------------------------------------------------------------------
def test_two_files_with_the_same_name_and_no_patient_column_keep_both_patients(tmp_path: Path) -> None:
    start = TODAY - dt.timedelta(days=6)
    first = "date,pain\n" + "".join(f"{start + dt.timedelta(days=i)},3\n" for i in range(5))
    second = "date,pain\n" + "".join(f"{start + dt.timedelta(days=i)},8\n" for i in range(5))
    diary = Diary(tmp_path / "d.db")
    try:
        results = list(import_many(diary, [("export.csv", first.encode()), ("export.csv", second.encode())]))
        pains = diary.entries()["pain"].tolist()
    finally:
        diary.close()
    # two phones' export.csv: named after the file, both were patient "export" and the second file's days
    # overwrote the first's ("0 new days, 5 updated"); now the second is imported as "export (2).csv"
    assert results[1].summary == "export (2).csv: imported for 1 patient: 5 new days.", results[1].summary
    assert sorted(pains) == [3.0] * 5 + [8.0] * 5, f"a file's pain is gone: {pains}"


# --- 3. the GP report of a patient whose urgent sign was marked seen ------------------------------------------
def test_the_gp_report_says_the_urgent_sign_was_marked_seen_by_the_patient(tmp_path: Path) -> None:
    from analysis.output.report import episode_report

    _import(tmp_path / "practice.db", "pat.csv", _pat_seen_at_home(tmp_path))
    diary = Diary(tmp_path / "practice.db")
    try:
        shown = pdf_words(episode_report(diary, 1, today=TODAY))
    finally:
        diary.close()
    # seen about: said in plain ink, no longer as the report's red URGENT head (review 34's browser walk)
    assert "Urgent sign, no longer open: Emergency warning sign on" in shown and "No alerts apply now." in shown
    assert "URGENT: Emergency warning sign" not in shown
    """Fixed (report._alerts, with Diary.seen): 'Active now: no' and 'No alerts apply now.' never said why."""
    two_days = TODAY - dt.timedelta(days=2)
    assert (f"Seen: Emergency warning sign (Cannot move a leg at all reported on {two_days.day} {two_days:%B %Y}): "
            f"marked seen on {YESTERDAY.day} {YESTERDAY:%b %Y} by the patient, not a clinician.") in shown, shown


def test_files_uploaded_together_get_one_name_each() -> None:
    """The rule behind the Clinic's fix: a repeated name gets " (2)" before its extension, never a name taken."""
    from analysis.workflows.diary_io import distinct_names

    assert distinct_names(["a.csv", "a.csv", "b.csv", "a.csv"]) == ["a.csv", "a (2).csv", "b.csv", "a (3).csv"]
    assert distinct_names(["a.csv", "a (2).csv", "a.csv"]) == ["a.csv", "a (2).csv", "a (3).csv"]
