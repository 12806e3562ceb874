"""The triage list (review.triage): who needs a call first, as the Clinic and `python -m analysis triage` show it.

Four patients written from the clinical description, all starting 1 Nov 2026 unless said:
Ivy reports bladder or bowel changes on day 11 (12 Nov) and then stops writing: an emergency sign;
Jon has had the same pain (7 of 10) since 1 Oct: not recovered at six weeks;
Kim writes for five days and then goes quiet;
Lea's pain falls to 0 within a week: better than the usual course.
"""
from __future__ import annotations

import json

import pytest

from analysis.cli import main
from analysis.review.triage import TRIAGE_KEYS, format_triage, to_triage_records, triage_list
from analysis.storage import Diary
from analysis.workflows.diary_io import import_bytes


def _csv(name: str, rows: list[tuple[str, float, str]]) -> bytes:
    return ("patient,date,pain,symptoms\n" + "".join(f"{name},{d},{p},{s}\n" for d, p, s in rows)).encode()


def _fill(diary: Diary) -> None:
    import_bytes(diary, _csv("Ivy", [(f"2026-11-{x:02d}", 7 - x // 4, "bladder_bowel" if x == 12 else "")
                                     for x in range(1, 13)]), "ivy.csv")
    import_bytes(diary, _csv("Kim", [(f"2026-11-{x:02d}", 7 - x // 2, "") for x in range(1, 6)]), "kim.csv")
    import_bytes(diary, _csv("Lea", [(f"2026-11-{x:02d}", max(0, 7 - x), "") for x in range(1, 16)]), "lea.csv")
    import_bytes(diary, _csv("Jon", [(f"2026-10-{x:02d}", 7, "") for x in range(1, 32)]
                             + [(f"2026-11-{x:02d}", 7, "") for x in range(1, 16)]), "jon.csv")


@pytest.fixture
def diary() -> Diary:
    diary = Diary(":memory:")
    _fill(diary)
    return diary


def _records(diary: Diary, as_of: str) -> list[dict]:
    return to_triage_records(triage_list(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), as_of))


def test_most_urgent_first_with_one_based_priorities_and_reasons(diary: Diary) -> None:
    records = _records(diary, "2026-11-15")
    assert [r["patient"] for r in records] == ["Ivy", "Jon", "Kim", "Lea"]
    assert [r["priority"] for r in records] == [1, 2, 4, 6]
    assert [r["reason"] for r in records] == ["Urgent warning sign", "Warning to follow up",
                                             "Diary gone quiet or too few entries", "Better than the usual course"]
    assert all(list(r) == TRIAGE_KEYS for r in records)


def test_an_urgent_sign_reported_days_ago_stays_at_the_top(diary: Diary) -> None:
    ivy = _records(diary, "2026-11-20")[0]
    assert ivy["patient"] == "Ivy" and ivy["priority"] == 1
    assert ivy["active_alerts"][0] == "red_flag_emergency"
    assert ivy["last_entry_date"] == "2026-11-12"
    assert ivy["days_since_onset"] == 19  # counted to the clinic's date, not to her last entry
    assert ivy["current_pain"] == pytest.approx(5.1, abs=0.05)  # where she stood when she last wrote


def test_values_of_each_row(diary: Diary) -> None:
    by_name = {r["patient"]: r for r in _records(diary, "2026-11-15")}
    assert by_name["Jon"]["days_since_onset"] == 45
    assert by_name["Jon"]["current_pain"] == 7.0
    # pain still 7 at six weeks: persisting pain (information) and the week-1 warning; activity is not logged
    assert {"pain_persisting_6w", "worst_pain_after_week"} <= set(by_name["Jon"]["active_alerts"])
    assert by_name["Kim"]["last_entry_date"] == "2026-11-05"
    assert by_name["Lea"]["current_pain"] == 0.0 and by_name["Lea"]["active_alerts"] == []
    assert by_name["Lea"]["status"] == "Better than usual"


def test_days_after_the_clinic_date_are_left_out(diary: Diary) -> None:
    records = _records(diary, "2026-11-05")
    ivy = next(r for r in records if r["patient"] == "Ivy")
    assert ivy["last_entry_date"] == "2026-11-05" and "red_flag_emergency" not in ivy["active_alerts"]
    assert _records(diary, "2026-09-01") == []


def test_text_table_is_aligned_and_marks_urgent(diary: Diary) -> None:
    text = format_triage(_records(diary, "2026-11-15"))
    lines = text.splitlines()
    assert lines[0].startswith("#") and "Patient" in lines[0]
    assert lines[1].startswith("1 URGENT  Ivy")
    start = lines[0].index("Patient")
    assert [line[start:start + 3] for line in lines[1:]] == ["Ivy", "Jon", "Kim", "Lea"]


def test_cli_triage_json_and_text(tmp_path, capsys) -> None:
    db = tmp_path / "clinic.db"
    stored = Diary(db)
    _fill(stored)
    stored.close()
    assert main(["triage", "--db", str(db), "--as-of", "2026-11-15", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["patient"], r["priority"]) for r in records] == [("Ivy", 1), ("Jon", 2), ("Kim", 4), ("Lea", 6)]
    assert records[0]["active_alerts"] == ["red_flag_emergency"]
    assert main(["triage", "--db", str(db), "--as-of", "2026-11-15"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("1 URGENT  Ivy")
    assert main(["triage", "--db", str(db), "--as-of", "15/11/2026"]) == 2
    assert "--as-of: '15/11/2026' is not a date" in capsys.readouterr().err
