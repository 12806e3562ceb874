"""What a walk through both user paths found (the brief walk.md), proved in AppTest or on the import it drives.

Each test states what the person saw or lost. A test marked xfail(strict=True) proves a problem that is still
there (its reason says where, and the concrete fix); it turns into a failure, by strictness, once fixed.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.storage import DayEntry, Diary
from analysis.workflows.diary_io import import_many
from analysis.workflows.problem_report import problem_report_csv
from tests.apptest import app
from tests.pdf_text import pdf_words

TODAY = dt.date.today()
REAL_FILES = Path(__file__).resolve().parents[2].parent / "shared" / "real-files"


def _robin_with_red_flag_then_new_episode(path: Path) -> tuple[int, int]:
    """Robin: onset 10 days ago, cannot move a leg two days ago, ordinary days around it; today a new episode
    started from the sidebar with its first day logged (what the patient walk did)."""
    diary = Diary(path)
    first = diary.add_episode("Robin", TODAY - dt.timedelta(days=10), normal_activity_minutes=60)
    for back in range(10, 0, -1):
        diary.save_entry(first, DayEntry(TODAY - dt.timedelta(days=back), 5, 6, 20,
                                         symptoms=["cannot_move_leg"] if back == 2 else []))
    second = diary.add_episode("Robin", TODAY, normal_activity_minutes=60)
    diary.save_entry(second, DayEntry(TODAY, 4, 5, 20))
    diary.close()
    return first, second


def test_the_seen_button_is_on_the_progress_page_the_banner_points_to(fresh_diary: Path) -> None:
    """After a new episode, the banner and Today tell the person to mark the earlier episode's urgent sign seen on
    the Progress page; the walk found no button there (fixed: alerts_view.other_episode_seen)."""
    first, _ = _robin_with_red_flag_then_new_episode(fresh_diary)
    at = app().switch_page("screens/today.py").run()
    assert not at.exception, at.exception
    told = "\n".join(m.value for m in at.markdown)
    assert "mark it on the Progress page" in told  # what Today tells the person to do
    assert any("Cannot move a leg at all" in e.value for e in at.error)  # the earlier episode's sign, on the banner
    at.switch_page("screens/progress.py").run()
    assert not at.exception, at.exception
    assert any("Cannot move a leg at all" in e.value for e in at.error)  # still on Progress's banner
    labels = [b.label for b in at.button]
    assert "I have been seen about this" in labels, labels
    at.button(key=f"seen_red_flag_emergency_episode_{first}").click().run()
    assert not at.exception, at.exception
    assert not [e.value for e in at.error if "Act now" in e.value]  # seen: the banner is gone
    at.switch_page("screens/today.py").run()
    assert "Today's plan" in "\n".join(m.value for m in at.markdown)  # and the plan is back
    stored = Diary(fresh_diary)
    seen = stored.seen()
    stored.close()
    assert seen[["episode_id", "code"]].values.tolist() == [[first, "red_flag_emergency"]]


def test_a_new_episode_without_days_keeps_the_banner_and_says_what_to_do(fresh_diary: Path) -> None:
    """The walk's new episode before its first day: the earlier urgent sign stays on Today and Progress."""
    diary = Diary(fresh_diary)
    first = diary.add_episode("Robin", TODAY - dt.timedelta(days=10), normal_activity_minutes=60)
    diary.save_entry(first, DayEntry(TODAY - dt.timedelta(days=2), 5, 6, 20, symptoms=["cannot_move_leg"]))
    diary.add_episode("Robin", TODAY, normal_activity_minutes=60)
    diary.close()
    at = app().switch_page("screens/today.py").run()
    assert not at.exception, at.exception
    two_days = TODAY - dt.timedelta(days=2)
    banner = [e.value for e in at.error if "Act now" in e.value]
    assert banner and f"Cannot move a leg at all reported on {two_days.day} {two_days:%B %Y}" in banner[0]
    assert "In your back pain episode from" in banner[0]
    at.switch_page("screens/progress.py").run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error if "Act now" in e.value] == banner
    assert "I have been seen about this" in [b.label for b in at.button]  # where the banner sends the person


def test_an_empty_new_episode_is_not_called_an_empty_diary(fresh_diary: Path) -> None:
    """The walk's new episode, before its first day, was called an empty diary with a demo to load, to a person
    whose diary held ten days (fixed: dashboard/ui.py episode_with_entries says "this episode")."""
    diary = Diary(fresh_diary)
    first = diary.add_episode("Robin", TODAY - dt.timedelta(days=10), normal_activity_minutes=60)
    diary.save_entry(first, DayEntry(TODAY - dt.timedelta(days=3), 5, 6, 20))
    diary.add_episode("Robin", TODAY, normal_activity_minutes=60)
    diary.close()
    at = app().switch_page("screens/progress.py").run()
    assert not at.exception, at.exception
    said = " ".join(i.value for i in at.info)
    assert "No days logged" in said  # the page does say there is nothing to show yet
    assert "demo diary" not in said and "in this diary yet" not in said, said


def test_the_clinic_patient_view_offers_the_gp_report(fresh_diary: Path) -> None:
    first, _ = _robin_with_red_flag_then_new_episode(fresh_diary)
    at = app().switch_page("screens/clinic.py")
    at.session_state["clinic_patient"] = first  # what selecting the row does (clinic.open_selected)
    at.run()
    assert not at.exception, at.exception
    assert any(s.value == "Robin" for s in at.subheader)  # the patient view is open
    labels = [b.label for b in at.button]
    assert "Prepare the PDF report" in labels, labels
    at.button(key="clinic_report_pdf").click().run(timeout=120)
    assert not at.exception, at.exception
    episode_id, pdf, *_ = at.session_state["report_pdf"]  # and the diary revision and day it was made for
    assert episode_id == first and pdf.startswith(b"%PDF")
    assert "Download the report (PDF)" in [d.proto.label for d in at.get("download_button")]
    shown = pdf_words(pdf)
    assert "Low back pain diary — Robin" in shown  # the open patient's report, not another's
    # their pain: 5 of 10 on each of the last ten days, the last yesterday (the cell's label wraps around the value)
    assert re.search(r"Pain on day 9 \(7-day .{0,40}?5\.0 / 10", shown) and "Pain now" not in shown
    assert "URGENT: Emergency warning sign" in shown  # and the urgent sign the Clinic shows above it


def test_the_clinic_patient_view_says_one_day_ago_in_the_singular(fresh_diary: Path) -> None:
    """The walk saw "Last entry 30 Nov 2026 (1 days ago)." under a patient's name (fixed: clinic.py); since review 33
    "yesterday", and "today" where it said "0 days ago" (analysis.model.dates.days_ago)."""
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=10), normal_activity_minutes=60)
    for back in range(10, 0, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 5, 6, 20))
    diary.close()
    at = app().switch_page("screens/clinic.py")
    at.session_state["clinic_patient"] = episode
    at.run()
    assert not at.exception, at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("Priority"))
    assert caption.endswith("(yesterday).") and "1 days" not in caption, caption


def _walked_minutes_sheet() -> bytes:
    """What the walk uploaded from Excel: a column headed "Minutes walked", as people write it."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Pain", "Worst pain", "Minutes walked"])
    for back in range(5, 0, -1):
        sheet.append([dt.datetime.combine(TODAY - dt.timedelta(days=back), dt.time()), 6, 7, 10 + back])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_minutes_walked_column_is_read_as_activity(tmp_path: Path) -> None:
    """The walk's Excel file lost its walking minutes: "ignored columns Backtrack does not use: Minutes walked",
    and the mapping step only offers date and pain, so the physiotherapist could not get them in (fixed:
    analysis/ingest/headers.py reads "minutes walked" and its usual spellings as activity minutes)."""
    diary = Diary(tmp_path / "d.db")
    [result] = list(import_many(diary, [("kim.xlsx", _walked_minutes_sheet())]))
    assert not any("Minutes walked" in w for w in result.warnings), result.warnings
    assert diary.entries()["activity_minutes"].tolist() == [15.0, 14.0, 13.0, 12.0, 11.0]
    diary.close()


def _import_real(db: Path, name: str) -> tuple[Path, list]:
    """Import the real file `name` (under ../shared/real-files) into the diary at `db`, as the Clinic does;
    skipped where the shared files are not here. Returns (its path, the import's results)."""
    source = REAL_FILES / name
    if not source.exists():
        pytest.skip(f"{source} is not here (../shared/real-files)")
    diary = Diary(db)
    results = list(import_many(diary, [(source.name, source.read_bytes())]))
    diary.close()
    return source, results


def test_the_problem_report_lists_every_warning(tmp_path: Path) -> None:
    """The downloaded report is read to see every row's problem; the page shows a few alike and counts the rest
    (fixed: FileResult.all_warnings, uncapped, is what problem_report_csv writes)."""
    source, results = _import_real(tmp_path / "d.db", "paintracker_generated/paintracker_sample_full.csv")
    report = pd.read_csv(io.StringIO(problem_report_csv(results)))
    assert len(report) >= 11  # the page says there were at least eleven warnings for this file
    assert not report["message"].str.contains("more like it").any(), report["message"].tolist()
    [result] = results
    assert any("more like it" in w for w in result.warnings)  # the page still shows a few alike, then a count
    assert f"({len(report)} warnings)" in result.summary, result.summary  # and its count is the report's rows


def test_a_seen_red_flag_stays_seen_after_the_csv_round_trip(tmp_path: Path, capsys) -> None:
    """The walk found "I have been seen about this" lost on the diary CSV's round trip: the practice's import of
    the patient's download made them URGENT again (fixed: the CSV's `seen` column, written by
    analysis/output/export.py and read by analysis/ingest/seen_column.py)."""
    import json

    from analysis.cli import main
    from analysis.workflows.diary_io import export_csv

    home = Diary(tmp_path / "home.db")
    episode = home.add_episode("Pat", TODAY - dt.timedelta(days=10), normal_activity_minutes=60)
    for back in range(9, 0, -1):
        home.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 5, 6, 20,
                                          symptoms=["cannot_move_leg"] if back == 2 else []))
    home.mark_seen(episode, "red_flag_emergency", TODAY - dt.timedelta(days=1), by="patient")
    exported = export_csv(home, patient="Pat")
    home.close()
    assert main(["triage", "--db", str(tmp_path / "home.db"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["priority"] != 1  # at home: seen, not urgent any more
    practice = Diary(tmp_path / "practice.db")
    list(import_many(practice, [("pat.csv", exported.encode())]))
    practice.close()
    assert main(["triage", "--db", str(tmp_path / "practice.db"), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["patient"] == "Pat"
    assert rows[0]["priority"] != 1, rows[0]  # the Clinic after importing the same diary


def _pat_on_today(db: Path, yesterday: DayEntry | None = None) -> tuple[int, AppTest]:
    """Pat's new episode (five days ago, 60 normal minutes), `yesterday` saved when given, and the Today page
    run on it. Returns (episode id, the app)."""
    diary = Diary(db)
    episode = diary.add_episode("Pat", TODAY - dt.timedelta(days=5), normal_activity_minutes=60)
    if yesterday is not None:
        diary.save_entry(episode, yesterday)
    diary.close()
    at = app().switch_page("screens/today.py").run()
    assert not at.exception, at.exception
    return episode, at


def _save_and_read(at: AppTest, db: Path, episode: int) -> DayEntry | None:
    """Press Save on Today; return today's stored day of `episode` (None: nothing was stored)."""
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    stored = Diary(db)
    saved = stored.entry(episode, TODAY)
    stored.close()
    return saved


def test_minutes_left_empty_on_today_are_not_recorded_as_zero(fresh_diary: Path) -> None:
    """The walk saved days giving only the pain, and found 0 minutes active (and 0 hours in bed) stored for them:
    Progress's activity, the walking target and the activity alerts read days of no activity that were never
    reported (fixed: dashboard/screens/today.py starts both boxes empty on a new date; empty is not recorded)."""
    episode, at = _pat_on_today(fresh_diary)
    at.segmented_control(key="log_pain").set_value(5)
    saved = _save_and_read(at, fresh_diary, episode)
    assert saved is not None and saved.pain == 5  # the day was saved, with the pain given
    assert saved.activity_minutes is None and saved.bed_rest_hours is None, saved  # never entered: not 0
    at.number_input(key="log_activity").set_value(0)  # a real 0, typed, is kept as 0
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    stored = Diary(fresh_diary)
    assert stored.entry(episode, TODAY).activity_minutes == 0
    stored.close()


def test_the_clinic_column_picker_offers_worst_pain(fresh_diary: Path) -> None:
    source, [result] = _import_real(fresh_diary, "painlogs/cogscimikkel_bpi_pain_log_semicolon.csv")
    assert result.needs_mapping  # refused for no pain column: the picker is shown
    at = app().switch_page("screens/clinic.py")
    at.session_state["clinic_results"] = {source.name: result}  # what clinic.run_import leaves after Import
    at.session_state["clinic_files"] = {source.name: source.read_bytes()}
    at.run()
    assert not at.exception, at.exception
    labels = [s.label for s in at.selectbox]
    assert "Pain (0-10)" in labels  # the picker is on the page
    assert any(label.startswith("Worst pain") for label in labels), labels
    said = "\n".join(t.value for t in at.text)
    assert "has no pain column" in said and "Give a mapping" not in said, said  # this page's way is the pickers
    assert "Say below which column holds pain" in said, said
    # SOURCES.md: the correct import maps bpi5=pain and bpi3=worst_pain (466 days)
    at.selectbox(key=f"map_{source.name}_pain").set_value("bpi5")
    at.selectbox(key=f"map_{source.name}_worst_pain").set_value("bpi3").run()
    at.button(key=f"map_{source.name}_import").click().run(timeout=120)
    assert not at.exception, at.exception
    assert "1 imported, 0 refused." in [t.value for t in at.toast]
    stored = Diary(fresh_diary)
    entries = stored.entries()
    stored.close()
    assert len(entries) == 466 and entries["worst_pain"].notna().all()
    first = entries.sort_values("date").iloc[0]  # 01-01-2024;...;bpi3 8;bpi4 2;bpi5 5
    assert (first["date"], first["pain"], first["worst_pain"]) == (pd.Timestamp("2024-01-01"), 5.0, 8.0)


def test_a_save_without_a_pain_chosen_does_not_store_pain_zero(fresh_diary: Path) -> None:
    """On a new date 'Pain on average today' started at 0, so a Save by someone who only typed their minutes
    stored pain 0 of 10, which Progress read as 'pain down 100%' and the Clinic as ahead of the usual course
    (fixed: dashboard/screens/today.py starts the pain scale empty and Save asks for it,
    analysis.review.page_rules.pain_needed)."""
    episode, at = _pat_on_today(fresh_diary, yesterday=DayEntry(TODAY - dt.timedelta(days=1), 7, 8, 20))
    at.number_input(key="log_activity").set_value(30)
    saved = _save_and_read(at, fresh_diary, episode)
    assert saved is None or saved.pain != 0, saved  # yesterday 7 of 10; today no pain was chosen
