"""Review 11: the alerts against /work/shared/clinical/GUIDANCE.md, at their boundaries, on day-by-day courses
written from the guidance alone (imported as diary CSVs, read back through `summary`, `triage` and `plan`)."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from tests.cli_run import cli, cli_json

TODAY = dt.date.today()
COLUMNS = ("date", "pain", "worst_pain", "activity_minutes", "bed_rest_hours", "medications", "symptoms", "onset_date",
           "normal_activity_minutes")


def _diary(db: Path, name: str, days: int, day=lambda d: {}, normal: int = 60) -> None:
    """`name`'s episode: onset `days - 1` days ago, one row a day up to today; `day(d)` overrides day d's cells."""
    onset = TODAY - dt.timedelta(days=days - 1)
    path = db.parent / f"{name}.csv"
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        for d in range(days):
            row = {"date": (onset + dt.timedelta(days=d)).isoformat(), "pain": max(1.0, round(6 - 0.25 * d, 1)),
                   "worst_pain": max(2.0, round(7 - 0.25 * d, 1)), "activity_minutes": min(normal, 15 + 5 * d),
                   "bed_rest_hours": 0, "medications": "", "symptoms": "", "onset_date": onset.isoformat(),
                   "normal_activity_minutes": normal}
            row.update(day(d))
            writer.writerow(row)
    done = cli("import", path, "--db", db, "--patient", name)
    assert done.returncode == 0, done.stderr


def _alerts(db: Path) -> list[dict]:
    return cli_json("summary", "--db", str(db))[0]["alerts"]


def test_ibuprofen_every_day_for_two_weeks_asks_for_a_doctor(tmp_path) -> None:
    """Nina, a steady recovery (pain 6 -> 2.5, walks building up), takes over-the-counter ibuprofen 400 mg three
    times a day (1,200 mg: at, not above, the OTC maximum) from day 1 to day 14. A control diary without it
    has the same alerts as one that takes it for 10 days (not beyond 10); 14 days must add one."""
    def with_ibuprofen(last_day: int):
        return lambda d: {"medications": "ibuprofen 400 mg x3" if 1 <= d <= last_day else ""}

    codes = {}
    for name, day in (("Control", lambda d: {}), ("Ten", with_ibuprofen(10)), ("Nina", with_ibuprofen(14))):
        db = tmp_path / f"{name}.db"
        _diary(db, name, 16, day)
        codes[name] = {a["code"] for a in _alerts(db)}
    assert codes["Ten"] == codes["Control"]  # 10 days is within the label; 1,200 mg a day is not above the maximum
    assert codes["Nina"] - codes["Control"], codes  # 14 days: something must ask her to see a doctor


def test_new_leg_numbness_on_one_day_is_a_warning_and_a_second_day_the_emergency(tmp_path) -> None:
    """Omar, day 9 of an ordinary recovery, logs new numbness in his leg today (first time).

    Review 11 held this against GUIDANCE.md §4, which lists "new or worsening numbness, tingling or weakness in
    legs, belly or buttocks" under "seek care now". Issue 9, the product's specification, decides the one-leg case
    more precisely: "new or worse numbness, tingling or weakness on one day is at least a warning ('call your doctor
    today'); in both legs, or with bladder/saddle symptoms, urgent", and lists new numbness in one leg among the
    signs that "need a doctor soon". This checks that decision end to end: a warning that says to call the GP
    today, the plan kept (its walking target held), and the same sign on a second day running the emergency."""
    db = tmp_path / "o.db"
    _diary(db, "Omar", 10, lambda d: {"symptoms": "numbness" if d == 9 else ""})
    active = {(a["code"], a["severity"]): a["message"] for a in _alerts(db) if a["active"]}
    assert "call your GP today" in active[("new_numbness_weakness", "warning")]
    assert not any(severity == "urgent" for _, severity in active), active
    assert cli_json("plan", "--db", str(db), "--patient", "Omar")["paused"] is False
    again = tmp_path / "again.db"
    _diary(again, "Omar", 10, lambda d: {"symptoms": "numbness" if d >= 8 else ""})
    assert ("red_flag_emergency", "urgent") in {(a["code"], a["severity"]) for a in _alerts(again) if a["active"]}
    assert cli_json("plan", "--db", str(again), "--patient", "Omar")["paused"] is True


def test_a_paracetamol_overdose_does_not_hide_other_overdoses_the_same_day(tmp_path) -> None:
    """Sam, day 9, took paracetamol 1 g x5, ibuprofen 400 mg x7 and codeine 60 mg x5 on one bad day. On their own
    the ibuprofen and codeine days each give a 'daily maximum' warning (checked here too); together with the
    paracetamol, only the paracetamol overdose is listed."""
    alone = tmp_path / "alone.db"
    _diary(alone, "Alone", 10, lambda d: {"medications": "ibuprofen 400 mg x7; codeine 60 mg x5" if d == 8 else ""})
    assert [(a["code"], a["severity"]) for a in _alerts(alone) if a["code"] == "daily_dose_exceeded"] == [
        ("daily_dose_exceeded", "warning")]
    db = tmp_path / "s.db"
    _diary(db, "Sam", 10, lambda d: {
        "medications": "paracetamol 1g x5; ibuprofen 400 mg x7; codeine 60 mg x5" if d == 8 else ""})
    doses = [(a["severity"], a["message"]) for a in _alerts(db) if a["code"] == "daily_dose_exceeded"]
    assert [severity for severity, _ in doses].count("urgent") == 1
    # the urgent run names every medicine above its maximum that day (analysis/alerts/dose_details.py)
    (detail,) = [a["detail"] for a in _alerts(db) if a["code"] == "daily_dose_exceeded"]
    assert "paracetamol 5,000 mg" in detail and "ibuprofen 2,800 mg" in detail and "codeine 300 mg" in detail, detail


def test_a_dose_warning_says_which_medicine_and_how_much(tmp_path) -> None:
    """Cal took codeine 30 mg x9 (270 mg; maximum 240 mg, BNF) on day 8. README: alerts[].detail is 'what was
    reported and when, in plain words'."""
    db = tmp_path / "c.db"
    _diary(db, "Cal", 10, lambda d: {"medications": "codeine 30 mg x9" if d == 8 else ""})
    (dose,) = [a for a in _alerts(db) if a["code"] == "daily_dose_exceeded"]
    assert dose["severity"] == "warning"
    words = dose["message"] + " " + dose["detail"]
    assert "codeine" in words and "270" in words and "240" in words, words


def test_worst_pain_unchanged_for_the_whole_first_week_warns_on_day_7(tmp_path) -> None:
    """Fay's worst pain was 8 and her average 7 every day since onset (8 days logged, day 0 to day 7). GUIDANCE.md
    §4 'see a doctor if the worst pain persists after a week', README 'from day 7': she was warned only on day 9
    (the level check judged a noise-free diary at the measured noise); an unchanged worst pain of 5+ over the
    whole first week now warns on day 7 itself (analysis/alerts/level_check.py UNCHANGED_WEEK_ENTRIES)."""
    db = tmp_path / "f.db"
    _diary(db, "Fay", 8, lambda d: {"pain": 7, "worst_pain": 8, "activity_minutes": 20})
    record = cli_json("summary", "--db", str(db))[0]
    assert record["days_since_onset"] == 7
    active = [a["code"] for a in record["alerts"] if a["active"]]
    assert "worst_pain_after_week" in active, active


def test_a_rise_from_7_to_9_is_a_flare(tmp_path) -> None:
    """Viv's pain settled at 7 from day 3 to day 20 (worst 8), then was 9 on each of the last 5 days (days 21-25).
    The same course one level lower (6.5 settling, then 8.5) gets the 'Pain flare' warning; checked too."""
    def course(settled: float, flare: float):
        return lambda d: {"pain": 7 if d < 3 else (settled if d < 21 else flare), "worst_pain": 8 if d < 21 else 9.5,
                          "activity_minutes": 30}

    lower = tmp_path / "lower.db"
    _diary(lower, "Lower", 26, course(6.5, 8.5))
    assert "pain_worsening" in [a["code"] for a in _alerts(lower) if a["active"]]
    db = tmp_path / "v.db"
    _diary(db, "Viv", 26, course(7, 9))
    assert "pain_worsening" in [a["code"] for a in _alerts(db) if a["active"]]


def test_codeine_on_nine_of_eleven_days_warns(tmp_path) -> None:
    """Ken takes codeine 30 mg four times a day on days 1-3, 5-7 and 9-11, skipping one day in each four (he logs
    those days, without codeine). Four days running on days 1-4 would warn (checked too)."""
    four = tmp_path / "four.db"
    _diary(four, "Four", 14, lambda d: {"medications": "codeine 30 mg x4" if 1 <= d <= 4 else ""})
    assert "codeine_over_3_days" in [a["code"] for a in _alerts(four)]
    db = tmp_path / "k.db"
    _diary(db, "Ken", 14, lambda d: {"medications": "codeine 30 mg x4" if d in (1, 2, 3, 5, 6, 7, 9, 10, 11) else ""})
    assert "codeine_over_3_days" in [a["code"] for a in _alerts(db)]


def test_fever_with_back_pain_says_call_the_doctor(tmp_path) -> None:
    """Fen, day 6 of an ordinary recovery, logs a fever today."""
    db = tmp_path / "f.db"
    _diary(db, "Fen", 7, lambda d: {"symptoms": "fever" if d == 6 else ""})
    (fever,) = [a for a in _alerts(db) if a["code"] == "red_flag_see_doctor"]
    assert fever["active"]
    assert "call" in fever["message"].lower() and "next few days" not in fever["message"], fever["message"]


def test_numbness_getting_worse_says_seek_emergency_care(tmp_path) -> None:
    """Uma logged numbness in her leg yesterday and weakness in it today (day 9)."""
    db = tmp_path / "u.db"
    _diary(db, "Uma", 10, lambda d: {"symptoms": {8: "numbness", 9: "weakness"}.get(d, "")})
    (urgent,) = [a for a in _alerts(db) if a["code"] == "red_flag_emergency"]
    assert urgent["severity"] == "urgent" and urgent["active"]
    plan = cli_json("plan", "--db", str(db), "--patient", "Uma")
    assert plan["paused"] is True
    for words in (urgent["message"], plan["pause_reason"]):
        assert "emergency" in words.lower(), words
