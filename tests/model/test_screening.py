"""NICE NG59 set-up screening answers (analysis.model.screening)."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from analysis.cli import main
from analysis.model.errors import NotFound, ValidationError
from analysis.model.screening import (
    QUESTIONS,
    SCREENING_COLUMNS,
    answers_by_episode,
    flags,
    screening_record,
    see_gp_first,
)
from analysis.review.record import SummaryRecord
from analysis.review.summary import summarise, to_records
from analysis.review.triage import SCREENING_REASON, format_triage, to_triage_records, triage_list
from analysis.storage import Diary
from analysis.workflows.diary_io import import_bytes
from tests.old_diary import old_diary


def test_flags_name_each_yes_in_plain_words():
    answers = {key: False for key in QUESTIONS} | {"cancer_history": True, "night_pain": True}
    assert flags(answers) == ["history of cancer", "night pain that does not ease"]
    assert see_gp_first(answers).startswith("Because of your answers")


def test_no_answers_or_all_no_give_no_flag():
    assert flags({}) == [] and see_gp_first({}) is None
    assert see_gp_first({key: False for key in QUESTIONS}) is None


# ---- stored with the episode, in the summary and the triage list ------------------------------------------------



ONSET = dt.date(2026, 11, 1)


def _csv(name: str, rows: list[tuple[int, float]]) -> bytes:
    """Diary days (day after onset, pain), worst pain the same, activity building up."""
    lines = "".join(f"{name},{ONSET + dt.timedelta(x)},{p},{p},{30 + 5 * x}\n" for x, p in rows)
    return ("patient,date,pain,worst_pain,activity_minutes\n" + lines).encode()


@pytest.fixture
def clinic() -> Diary:
    """Mo (62, treated for breast cancer in 2019) gets better fast: pain 6 falling to 0 in two weeks.
    Pat's pain has stayed at 4 for three weeks: slower than the usual course (an information alert only)."""
    diary = Diary(":memory:")
    import_bytes(diary, _csv("Mo", [(x, max(0, 6 - x // 2)) for x in range(15)]), "mo.csv")
    import_bytes(diary, _csv("Pat", [(x, 4) for x in range(21)]), "pat.csv")
    return diary


def _episode(diary: Diary, name: str) -> int:
    episodes = diary.episodes()
    return int(episodes.loc[episodes["patient"] == name, "episode_id"].iloc[0])


def test_answers_round_trip_and_only_the_given_questions_change(clinic: Diary) -> None:
    mo = _episode(clinic, "Mo")
    clinic.save_screening(mo, {"age_over_50": True, "cancer_history": True, "night_pain": False})
    clinic.save_screening(mo, {"night_pain": None, "recent_trauma": False})
    stored = clinic.screening([mo])
    assert list(stored.columns) == SCREENING_COLUMNS
    assert dict(zip(stored["question"], stored["answer"], strict=True)) == {
        "age_over_50": True, "cancer_history": True, "night_pain": None, "recent_trauma": False}
    assert answers_by_episode(stored)[mo] == {
        "age_over_50": True, "cancer_history": True, "recent_trauma": False, "long_term_steroids": None,
        "weak_immune_system": None, "unwell_or_fever": None, "night_pain": None}
    assert clinic.screening([_episode(clinic, "Pat")]).empty


def test_answers_are_checked_and_go_with_the_episode(clinic: Diary) -> None:
    mo = _episode(clinic, "Mo")
    with pytest.raises(ValidationError, match="'cancer' is not a set-up question"):
        clinic.save_screening(mo, {"cancer": True})
    with pytest.raises(ValidationError, match="answer to night_pain must be yes, no or not answered, not 'yes'"):
        clinic.save_screening(mo, {"night_pain": "yes"})
    with pytest.raises(NotFound, match="no episode number 99"):
        clinic.save_screening(99, {"night_pain": True})
    with pytest.raises(sqlite3.IntegrityError):  # the schema refuses an unknown question on any code path
        clinic.db.execute("INSERT INTO episode_screening(episode_id, question, answer) VALUES (?, 'x', 1)", (mo,))
    clinic.save_screening(mo, {"night_pain": True})
    clinic.delete_patient("Mo")
    assert clinic.screening().empty


def test_a_new_episode_stores_its_answers_in_the_same_step() -> None:
    diary = Diary(":memory:")
    episode = diary.add_episode("Ann", "2026-11-01", screening={"recent_trauma": True, "cancer_history": False})
    assert answers_by_episode(diary.screening())[episode]["recent_trauma"] is True
    with pytest.raises(ValidationError):
        diary.add_episode("Bo", "2026-11-01", screening={"broken_leg": True})
    assert diary.patient_names() == ["Ann"]  # nothing of the refused episode was written


def test_m008_adds_the_table_to_an_old_diary_keeping_its_days(tmp_path) -> None:
    path = tmp_path / "old.db"
    old_diary(path, "m008_episode_screening", "2026-11-01", "2026-11-02")
    diary = Diary(path, keep_backups=0)
    assert diary.entry(3, "2026-11-02").pain == 6
    assert diary.screening().empty
    diary.save_screening(3, {"long_term_steroids": True})
    record = to_records(summarise(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(),
                                  screening_answers=diary.screening()))[0]
    assert record["screening"]["flags"] == ["long-term steroids"]
    diary.close()


def test_an_old_diary_opened_read_only_reads_with_no_answers(tmp_path, monkeypatch, capsys) -> None:
    path = tmp_path / "old.db"
    old_diary(path, "m008_episode_screening", "2026-11-01", "2026-11-02")
    monkeypatch.setattr("analysis.storage.connection.os.access", lambda *_: False)  # tests run as root
    diary = Diary(path)
    assert diary.read_only and diary.screening().empty
    diary.close()
    assert main(["summary", "--db", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["screening"]["see_gp_first"] is False


def test_backup_and_restore_keep_the_answers(clinic: Diary, tmp_path) -> None:
    mo = _episode(clinic, "Mo")
    clinic.save_screening(mo, {"weak_immune_system": True})
    clinic.backup(tmp_path / "copy.db")
    clinic.save_screening(mo, {"weak_immune_system": False})
    target = Diary(tmp_path / "new.db", keep_backups=0)
    target.restore(tmp_path / "copy.db")
    assert answers_by_episode(target.screening())[mo]["weak_immune_system"] is True
    target.close()


def test_summary_has_the_screening_key(clinic: Diary) -> None:
    clinic.save_screening(_episode(clinic, "Mo"), {"age_over_50": True, "cancer_history": True,
                                                   "night_pain": False})
    records = {r["patient"]: r for r in to_records(summarise(
        clinic.entries(), clinic.doses(), clinic.symptoms(), clinic.episodes(), screening_answers=clinic.screening()))}
    mo = records["Mo"]["screening"]
    assert mo["flags"] == ["age over 50 or under 20", "history of cancer"] and mo["see_gp_first"] is True
    assert mo["answers"]["night_pain"] is False and mo["answers"]["recent_trauma"] is None
    assert list(mo["answers"]) == list(QUESTIONS)
    assert records["Pat"]["screening"] == {"answers": dict.fromkeys(QUESTIONS), "flags": [], "see_gp_first": False}


def test_a_screening_flag_ranks_above_information_alerts_and_below_urgent(clinic: Diary) -> None:
    """Mo is better than the usual course but answered yes: above Pat, whose only alert is information."""
    def records() -> list[dict]:
        return to_triage_records(triage_list(clinic.entries(), clinic.doses(), clinic.symptoms(), clinic.episodes(),
                                             "2026-11-21", seen=clinic.seen(), screening=clinic.screening()))

    before = records()
    assert [(r["patient"], r["priority"]) for r in before] == [("Pat", 3), ("Mo", 6)]
    assert before[0]["active_alerts"] == ["behind_expected_curve"]
    clinic.save_screening(_episode(clinic, "Mo"), {"cancer_history": True, "age_over_50": True})
    after = records()
    assert [(r["patient"], r["priority"], r["reason"]) for r in after] == [
        ("Mo", 2, SCREENING_REASON), ("Pat", 3, "Slower than the usual course")]
    assert after[0]["screening"] == ["age over 50 or under 20", "history of cancer"]
    assert after[0]["status"] == "Better than usual"
    assert "Set-up flags" in format_triage(after).splitlines()[0]
    # an urgent sign still comes first
    import_bytes(clinic, b"patient,date,pain,symptoms\nPat,2026-11-21,4,bladder_bowel\n", "pat2.csv")
    assert [r["patient"] for r in records()] == ["Pat", "Mo"]


def test_triage_shows_what_was_reported_and_when() -> None:
    diary = Diary(":memory:")
    rows = "".join(f"Ivy,2026-11-{x:02d},5,{'bladder_bowel' if x == 8 else ''}\n" for x in range(1, 10))
    import_bytes(diary, ("patient,date,pain,symptoms\n" + rows).encode(), "ivy.csv")
    table = triage_list(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), "2026-11-10")
    assert table["active_alerts"].iloc[0].startswith(
        "Emergency warning sign: Loss of bladder or bowel control reported on 8 November 2026")


def test_alert_text_names_the_title_once() -> None:
    from analysis.review.triage import alert_text

    assert alert_text("pain_worsening", "Pain flare first noted on 3 November 2026, last noted 5 November 2026") \
        == "Pain flare first noted on 3 November 2026, last noted 5 November 2026"
    assert alert_text("red_flag_see_doctor", "Fever reported on 4 November 2026") == \
        "Fever or weight loss: Fever reported on 4 November 2026"
    assert alert_text("pain_worsening", None) == "Pain flare"


def test_cli_records_and_prints_answers(clinic: Diary, tmp_path, capsys) -> None:
    db = tmp_path / "clinic.db"
    clinic.backup(db)
    assert main(["screening", "--db", str(db), "--patient", "Mo", "--yes", "cancer_history", "--yes",
                 "night_pain", "--no", "recent_trauma", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["answers"]["cancer_history"] is True and shown["answers"]["recent_trauma"] is False
    assert shown["flags"] == ["history of cancer", "night pain that does not ease"] and shown["see_gp_first"]
    assert main(["screening", "--db", str(db), "--patient", "Mo", "--clear", "night_pain"]) == 0
    text = capsys.readouterr().out
    assert "night_pain: not answered" in text and "cancer_history: yes" in text
    assert text.rstrip().endswith("See the GP before following the plan: history of cancer.")
    assert main(["summary", "--db", str(db), "--patient", "Mo", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["screening"]["flags"] == ["history of cancer"]
    assert main(["triage", "--db", str(db), "--as-of", "2026-11-21", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["screening"] == ["history of cancer"]
    assert main(["screening", "--db", str(db), "--patient", "Mo", "--yes", "cancer"]) == 2
    assert "--yes: 'cancer' is not a set-up question" in capsys.readouterr().err
    assert main(["screening", "--db", str(db), "--patient", "Mo", "--yes", "night_pain", "--no", "night_pain"]) == 2
    assert "night_pain is given more than once" in capsys.readouterr().err
    assert main(["screening", "--db", str(db), "--patient", "Nobody"]) == 1


def test_the_gp_report_lists_the_answers(clinic: Diary, tmp_path) -> None:
    import shutil
    import subprocess

    from analysis.output import report

    mo = _episode(clinic, "Mo")
    clinic.save_screening(mo, {"cancer_history": True, "recent_trauma": False})
    def summary_with(screening: dict | None) -> SummaryRecord:
        return SummaryRecord.from_row({"patient": "Mo", "episode_id": mo, "screening": screening})

    summary = summary_with(screening_record(answers_by_episode(clinic.screening([mo]))[mo]))
    assert report.screening_rows(summary)[:3] == [("Age over 50 or under 20", "Not answered"),
                                                   ("History of cancer", "Yes"), ("Recent trauma", "No")]
    text, style, _ = report.screening_line(summary)
    assert text.startswith("Set-up screening (NICE NG59): answered yes to history of cancer. The patient was advised "
                           "to see their GP") and style == "B"
    assert report.screening_line(summary_with(None))[0] == "Set-up screening (NICE NG59): not answered."
    no_to_all = summary_with(screening_record(dict.fromkeys(QUESTIONS, False)))
    assert report.screening_line(no_to_all)[0] == "Set-up screening (NICE NG59): no to every question answered."
    pdf = report.episode_report(clinic, mo, today=dt.date(2026, 11, 16))
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    (tmp_path / "r.pdf").write_bytes(pdf)
    shown = " ".join(subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"], capture_output=True,
                                    text=True, check=True).stdout.split())
    assert "answered yes to history of cancer" in shown
    assert "History of cancer Yes" in shown and "Recent trauma No" in shown
