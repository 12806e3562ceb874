"""Review 17: clinical courses a physiotherapist knows, run through the CLI as a user would (import, summary --json,
triage --json, report, plan, seen), each compared with /work/shared/clinical/GUIDANCE.md.

Every course is a diary CSV in the README's format, written by the small deterministic generator below: dates are
counted from a fixed onset day (ONSET), the onset date is explicit in every row, and every command that judges a day
is given that day (`--as-of`, `--date`), so nothing depends on the day the test runs (the report has no such option:
its checks read only what does not depend on today).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from tests.cli_run import cli, cli_json
from tests.pdf_text import pdf_words

ONSET = dt.date(2026, 10, 1)
COLUMNS = ["date", "pain", "worst_pain", "activity_minutes", "bed_rest_hours", "medications", "symptoms", "notes",
           "patient", "onset_date", "normal_activity_minutes", "episode"]


def _day(n: int, onset: dt.date = ONSET) -> str:
    return (onset + dt.timedelta(days=n)).isoformat()


def _lin(start: float, end: float, n: int, days: int) -> float:
    """Pain (or minutes) on day n of a straight fall from `start` on day 0 to `end` on day `days`, flat after."""
    return round(start + (end - start) * min(n, days) / days, 1)


def _write(path: Path, patient: str, rows: list[dict], onset: dt.date = ONSET, normal: int = 60,
           episode: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        for row in rows:
            cells = {column: "" for column in COLUMNS}
            cells.update(patient=patient, onset_date=onset.isoformat(), normal_activity_minutes=normal, episode=episode)
            cells.update({key: value for key, value in row.items() if key != "n"})
            cells["date"] = _day(row["n"], onset)
            writer.writerow(cells)
    return path


def _recovering(n: int, days: int = 28, symptoms: str = "", medications: str = "") -> dict:
    """A textbook day: pain 7 falling to 2 by `days`, worst pain a point above, activity 15 -> 60 minutes."""
    pain = _lin(7, 2, n, days)
    return dict(n=n, pain=pain, worst_pain=min(10, pain + 1), activity_minutes=int(_lin(15, 60, n, days)),
                bed_rest_hours=0, symptoms=symptoms, medications=medications)


COURSES: dict[str, list[dict]] = {
    # A textbook recovery: 7 falling to 2 by week 4, activity back to normal.
    "textbook": [_recovering(n) for n in range(29)],
    # Pain flat at 6 (worst 7) for three weeks, 20 active minutes a day against a normal 60.
    "flat6": [dict(n=n, pain=6, worst_pain=7, activity_minutes=20, bed_rest_hours=0) for n in range(22)],
    # Pain improving as usual, activity stuck at 10 minutes a day.
    "pain_not_activity": [dict(_recovering(n), activity_minutes=10) for n in range(29)],
    # Ten hours a day in bed on the first four days, then up and walking.
    "bedrest4": [dict(n=n, pain=_lin(7, 3, n, 14), activity_minutes=0 if n < 4 else 15 + 3 * n,
                      bed_rest_hours=10 if n < 4 else 0) for n in range(15)],
    # Codeine 30 mg four times a day for two weeks (with ibuprofen 1,200 mg a day to day 16), then none.
    "codeine14": [dict(n=n, pain=_lin(7, 3, n, 20), activity_minutes=20 + 2 * n, bed_rest_hours=0,
                       medications="codeine 30 mg x4; ibuprofen 400 mg x3" if n < 14
                       else "ibuprofen 400 mg x3" if n < 17 else "none") for n in range(21)],
    # Paracetamol 5 g on day 5 only.
    "paracetamol5g": [dict(n=n, pain=_lin(7, 3, n, 14), activity_minutes=20 + 3 * n, bed_rest_hours=0,
                           medications="paracetamol 1000 mg x5; ibuprofen 400 mg x3" if n == 5
                           else "ibuprofen 400 mg x3" if n < 10 else "none") for n in range(15)],
    # Ibuprofen 2,400 mg a day (the prescribed maximum) for ten days, then none.
    "ibuprofen2400": [dict(n=n, pain=_lin(7, 3, n, 14), activity_minutes=20 + 3 * n, bed_rest_hours=0,
                           medications="ibuprofen 400 mg x6" if n < 10 else "none") for n in range(15)],
    # Saddle numbness on day 20 only, in an otherwise textbook course logged to day 30.
    "saddle20": [_recovering(n, symptoms="saddle_numbness" if n == 20 else "") for n in range(31)],
    # Numbness in one leg on day 10 only; diary to day 25.
    "numb1": [_recovering(n, days=25, symptoms="numbness" if n == 10 else "") for n in range(26)],
    # Numbness on day 6 and again on day 8; day 7 was not logged.
    "numb_gap": [dict(n=n, pain=_lin(6, 3, n, 14), activity_minutes=20 + 2 * n, bed_rest_hours=0,
                      symptoms="numbness" if n in (6, 8) else "") for n in range(15) if n != 7],
    # Recovered (0-1) from day 19, then pain 5 again from day 36 to day 45: a flare after recovery.
    "flare": [dict(n=n, pain=_lin(6, 0.5, n, 21) if n <= 35 else 5, activity_minutes=int(_lin(15, 60, n, 21)),
                   bed_rest_hours=0) for n in range(46)],
    # Logs days 0-13, then nothing for ten days.
    "quiet": [dict(n=n, pain=_lin(7, 4, n, 13), activity_minutes=20 + 2 * n, bed_rest_hours=0) for n in range(14)],
    # A good course with no medicines at all.
    "nomeds": [dict(n=n, pain=_lin(6, 2, n, 21), activity_minutes=int(_lin(20, 60, n, 21)), bed_rest_hours=0)
               for n in range(22)],
}


def _diary(tmp_path: Path, name: str) -> tuple[Path, str]:
    """Import course `name` as patient `name` into a new diary, as `python -m analysis import FILE --db DB` does."""
    db = tmp_path / "diary.db"
    done = cli("import", _write(tmp_path / f"{name}.csv", name, COURSES[name]), "--db", db)
    assert done.returncode == 0, done.stderr
    return db, name


def _summary(db: Path, as_of: str) -> list[dict]:
    return cli_json("summary", "--db", db, "--as-of", as_of)


def _alerts(record: dict) -> dict[str, dict]:
    return {alert["code"]: alert for alert in record["alerts"]}


def _triage(db: Path, as_of: str) -> list[dict]:
    return cli_json("triage", "--db", db, "--as-of", as_of)


def _plan(db: Path, patient: str, date: str) -> dict:
    return cli_json("plan", "--db", db, "--patient", patient, "--date", date)


def _report(db: Path, patient: str, tmp_path: Path) -> str:
    pdf = tmp_path / "report.pdf"
    done = cli("report", "--db", db, "--patient", patient, "-o", pdf)
    assert done.returncode == 0, done.stderr
    return pdf_words(pdf.read_bytes())


# ---------------------------------------------------------------------------------------------------------------
# Faults (xfail strict: each asserts what GUIDANCE.md asks for)
# ---------------------------------------------------------------------------------------------------------------


def test_new_numbness_in_a_leg_is_call_the_doctor_today_for_a_week_unless_seen(tmp_path: Path) -> None:
    # Review 17 read GUIDANCE §4 ("seek care now: ... new or worsening numbness, tingling or weakness in legs") as
    # urgent from the first report. Issue 9, the owner's specification of the safety net, decides otherwise:
    # "New or worse numbness, tingling or weakness on one day is at least a warning ('call your doctor today'); in
    # both legs, or with bladder/saddle symptoms, urgent", and it stays active "at least 7 days after the last
    # report unless marked as seen" (two days running is an emergency: the test below). Numbness on day 10 only.
    db, _ = _diary(tmp_path, "numb1")
    for day, active in ((10, True), (17, True), (18, False), (25, False)):
        [record] = _summary(db, _day(day))
        numbness = [a for a in record["alerts"] if a["code"] == "new_numbness_weakness"]
        assert [(a["severity"], a["date"], a["active"]) for a in numbness] == [("warning", _day(10), active)], day
        assert "red_flag_emergency" not in _alerts(record)
        assert "call" in numbness[0]["message"].lower() and "today" in numbness[0]["message"].lower()
    assert _triage(db, _day(17))[0]["priority"] == 2  # a warning: after the urgent, before the rest


def test_numbness_on_two_entries_with_an_unlogged_day_between_is_an_emergency(tmp_path: Path) -> None:
    # Numbness on 7 Oct and 9 Oct, 8 Oct not logged. The README's own escalation ("numbness or weakness reported on
    # two consecutive days": red_flag_emergency) and GUIDANCE §4 ("new or worsening numbness ... seek care now")
    # both apply: a missed log day says nothing about the numbness having gone. The product gives only the warning.
    db, _ = _diary(tmp_path, "numb_gap")
    [record] = _summary(db, _day(14))
    assert "red_flag_emergency" in _alerts(record), [(a["code"], a["severity"], a["detail"]) for a in record["alerts"]]


def _olga(tmp_path: Path) -> Path:
    """Olga: a summer episode (1 Aug) with loss of bladder or bowel control on day 5, then an autumn one (1 Oct)."""
    db = tmp_path / "olga.db"
    summer = dt.date(2026, 8, 1)
    old = [dict(n=n, pain=_lin(7, 3, n, 20), activity_minutes=20 + 2 * n, bed_rest_hours=0,
                symptoms="bladder_bowel" if n == 5 else "") for n in range(21)]
    new = [dict(n=n, pain=_lin(6, 2, n, 14), activity_minutes=20 + 3 * n, bed_rest_hours=0) for n in range(15)]
    for path in (_write(tmp_path / "old.csv", "Olga", old, onset=summer, episode="summer"),
                 _write(tmp_path / "new.csv", "Olga", new, episode="autumn")):
        done = cli("import", path, "--db", db)
        assert done.returncode == 0, done.stderr
    return db


def test_a_finished_earlier_episode_does_not_list_a_patient_logging_today_as_quiet(tmp_path: Path) -> None:
    # After the clinician has seen Olga about the summer red flag, she is logging her autumn episode every day
    # (last entry on the triage day). README: "then diaries that went quiet (no entry for 7 days)". Her diary is
    # not quiet; the product still gives her a row "Diary gone quiet or too few entries" (the summer episode).
    db = _olga(tmp_path)
    done = cli("seen", "--db", db, "--patient", "Olga", "--code", "red_flag_emergency", "--date", _day(14))
    assert done.returncode == 0
    rows = _triage(db, _day(14))
    assert not [r for r in rows if r["patient"] == "Olga" and "quiet" in r["reason"].lower()], rows


def test_a_same_name_file_with_overlapping_days_in_another_episode_is_warned(tmp_path: Path) -> None:
    # Two people called Sam Smith, in two clinics' files: one recovering (onset 1 Oct), one at pain 8 with saddle
    # numbness (onset 5 Oct), the same dates 5-19 Oct in both. The import merges them into one person with two
    # concurrent episodes (two different pains on one day; the recovering Sam's plan is now paused by the other's
    # emergency) and says only "imported for 1 patient: 15 new days". A name differing in case gets a warning;
    # the same name with clashing days should too.
    db = tmp_path / "clinic.db"
    first = [dict(n=n, pain=_lin(7, 2, n, 20), activity_minutes=20 + 2 * n) for n in range(21)]
    second = [dict(n=n, pain=8, activity_minutes=10, symptoms="saddle_numbness" if n == 3 else "") for n in range(15)]
    a = _write(tmp_path / "a" / "diary.csv", "Sam Smith", first)
    b = _write(tmp_path / "b" / "diary.csv", "Sam Smith", second, onset=dt.date(2026, 10, 5))
    assert cli("import", a, "--db", db).returncode == 0
    done = cli("import", b, "--db", db)
    assert done.returncode in (0, 1)
    assert done.returncode == 1 or "warning" in (done.stdout + done.stderr).lower(), done.stdout + done.stderr


@pytest.mark.xfail(strict=True, reason=(
    "review 17: pain unchanged at 4/10 for four (and six) weeks raises only information, no 'call the "
    "doctor'. Tried (3 Dec): a warning from day 28 when the status is behind and the 7-day mean has not fallen "
    "2 points or 30% from the first 3 days warned 20% of simulated average courses (benchmarks/simulate.py, "
    "noise sd 1.3: the 3-day start is too noisy); behind on every entry of the last 14 days and a fall under 1 "
    "point: 0.9% (the average course's target is <= 1% for all rules together, already 0.9%), incomplete "
    "recoveries 5.7%; behind for 21 days misses this diary. Left open: needs a clinical call on the trade-off"
))
def test_pain_unchanged_for_four_weeks_asks_to_call_the_doctor(tmp_path: Path) -> None:
    # GUIDANCE §4: "Call the doctor: ... not getting better as expected"; "Dutch primary-care guidance re-assesses at
    # 3-4 weeks without enough improvement"; §3: 2 points or 30% is a clinically important change. Pain (and worst
    # pain) 4 every day from onset to day 28, activity at its normal 60 minutes: the product's own status is
    # "behind", yet its only alert is behind_expected_curve (info: "if this continues, mention it"), triage priority
    # 3; at day 42 still only info (pain_persisting_6w). No alert at warning level tells the person to call.
    db = tmp_path / "diary.db"
    rows = [dict(n=n, pain=4, worst_pain=4, activity_minutes=60, bed_rest_hours=0) for n in range(29)]
    assert cli("import", _write(tmp_path / "flat4.csv", "flat4", rows), "--db", db).returncode == 0
    [record] = _summary(db, _day(28))
    assert record["status"] == "behind" and record["improvement_points"] == 0
    assert [a["code"] for a in record["alerts"] if a["active"] and a["severity"] in ("warning", "urgent")], \
        [(a["code"], a["severity"]) for a in record["alerts"]]


def test_a_cold_remedy_written_with_its_count_before_the_form_counts_towards_paracetamol(tmp_path: Path) -> None:
    # GUIDANCE §5: paracetamol max 4,000 mg per 24 h, "all products together". README: Lemsip Max sachets
    # (1,000 mg) count as paracetamol. Co-codamol 30/500 two tablets four times (4,000 mg) and "Lemsip Max 1
    # sachet" is 5,000 mg. "Lemsip Max sachet" and "1 Lemsip Max sachet" are read (urgent alert); "Lemsip Max 1
    # sachet" (and "Lemsip 1 sachet") go to the notes with a warning and the overdose day has no alert at all.
    db = tmp_path / "diary.db"
    rows = [dict(n=n, pain=5, activity_minutes=30, bed_rest_hours=0,
                 medications="co-codamol 30/500 2 tablets qds; Lemsip Max 1 sachet" if n == 2 else "")
            for n in range(5)]
    assert cli("import", _write(tmp_path / "cold.csv", "cold", rows), "--db", db).returncode == 0
    [record] = _summary(db, _day(4))
    dose = _alerts(record).get("daily_dose_exceeded")
    assert dose is not None and dose["severity"] == "urgent", record["alerts"]


def _leg_pain_once(tmp_path: Path) -> Path:
    """Pain radiating into the leg reported on day 5 (6 Oct) only; otherwise a steady recovery to day 14."""
    db = tmp_path / "diary.db"
    rows = [dict(n=n, pain=_lin(6, 3, n, 14), activity_minutes=20 + 2 * n, bed_rest_hours=0,
                 symptoms="leg_pain" if n == 5 else "") for n in range(15)]
    assert cli("import", _write(tmp_path / "leg.csv", "leg", rows), "--db", db).returncode == 0
    return db


def test_the_plan_holds_the_exercises_on_a_day_pain_radiates_to_the_leg(tmp_path: Path) -> None:
    # GUIDANCE §4: "See a doctor if: pain radiates to the leg". README (Today/plan): the exercises "wait, as the walk
    # does, while a sign that needs a doctor is open". The plan of 6 Oct (leg pain logged, radiating_leg_pain
    # active) lists all seven exercises, each with the caution "Stop and call your doctor if pain spreads down a
    # leg", and the next day's walking target goes up 5 minutes.
    db = _leg_pain_once(tmp_path)
    [record] = _summary(db, _day(5))
    assert _alerts(record)["radiating_leg_pain"]["active"]
    plan = _plan(db, "leg", _day(5))
    assert plan["exercises"] == [], [e["caution"] for e in plan["exercises"]][:1]


def test_pain_radiating_to_the_leg_stays_active_after_the_day_it_was_reported(tmp_path: Path) -> None:
    # GUIDANCE §4 lists "pain radiates to the leg" among the signs to see a doctor about, beside fever and new
    # numbness; those (red_flag_see_doctor, new_numbness_weakness) stay active until seen, else 7 days. The leg
    # pain of 6 Oct is inactive on 7 Oct and gone from triage ("On track", priority 5): a physiotherapist reading the
    # list the next morning never sees it, and nobody has seen the person about it.
    db = _leg_pain_once(tmp_path)
    [record] = _summary(db, _day(6))
    assert _alerts(record)["radiating_leg_pain"]["active"], _alerts(record)["radiating_leg_pain"]
    assert "radiating_leg_pain" in _triage(db, _day(6))[0]["active_alerts"]


def test_worst_pain_8_every_day_for_two_weeks_asks_to_see_a_doctor(tmp_path: Path) -> None:
    # GUIDANCE §4: "See a doctor if: ... the worst pain persists after a week". Worst pain 8 every day from onset,
    # average 2 every day: on day 14 it raised no alert at all (triage "On track", priority 5), while the same worst
    # pain 8 with the average falling 5 -> 2 raised worst_pain_after_week from day 10. A worst pain that has not
    # fallen since onset (5+, 5 of days 0-7 logged) now warns from day 7 whatever the average does (review 11).
    def imported(name: str, average) -> Path:
        db = tmp_path / f"{name}.db"
        rows = [dict(n=n, pain=average(n), worst_pain=8, activity_minutes=40, bed_rest_hours=0) for n in range(15)]
        assert cli("import", _write(tmp_path / f"{name}.csv", name, rows), "--db", db).returncode == 0
        return db
    [falling] = _summary(imported("falling", lambda n: _lin(5, 2, n, 14)), _day(14))
    assert _alerts(falling)["worst_pain_after_week"]["date"] == _day(7)
    [steady] = _summary(imported("steady", lambda n: 2), _day(14))
    assert "worst_pain_after_week" in _alerts(steady), steady["alerts"]


# ---------------------------------------------------------------------------------------------------------------
# What works as GUIDANCE says
# ---------------------------------------------------------------------------------------------------------------


def test_textbook_recovery_is_on_track_with_no_alerts_anywhere(tmp_path: Path) -> None:
    db, patient = _diary(tmp_path, "textbook")
    [record] = _summary(db, _day(28))
    assert record["status"] == "on_track" and record["meaningful_improvement"], record["status_reason"]
    assert record["alerts"] == []
    assert record["trajectory"] in ("rapid_recovery", "recovery_by_week_12")
    [row] = _triage(db, _day(28))
    assert (row["priority"], row["active_alerts"]) == (5, [])
    words = _report(db, patient, tmp_path)
    assert "on track" in words and "No alerts during this episode." in words and "No medicines recorded" in words


def test_pain_flat_at_six_for_three_weeks_is_behind_with_a_warning(tmp_path: Path) -> None:
    # GUIDANCE §4: see a doctor if "the worst pain persists after a week"; "no progress building up activities
    # after three weeks"; Downie 2016: persistent high.
    db, _ = _diary(tmp_path, "flat6")
    [record] = _summary(db, _day(21))
    alerts = _alerts(record)
    assert record["status"] == "behind" and record["trajectory"] == "persistent_high"
    assert record["projected_recovery_date"] is None
    assert {"worst_pain_after_week", "no_activity_progress_3w", "behind_expected_curve"} <= set(alerts)
    assert alerts["worst_pain_after_week"]["severity"] == "warning" and alerts["worst_pain_after_week"]["active"]
    assert alerts["worst_pain_after_week"]["date"] >= _day(7)
    assert _triage(db, _day(21))[0]["priority"] == 2


def test_pain_improving_but_activity_not_warns_from_day_21_and_the_report_says_the_warning_comes_first(
        tmp_path: Path) -> None:
    db, patient = _diary(tmp_path, "pain_not_activity")
    [record] = _summary(db, _day(28))
    alerts = _alerts(record)
    assert record["status"] == "on_track"
    assert set(alerts) == {"no_activity_progress_3w"} and alerts["no_activity_progress_3w"]["date"] == _day(21)
    assert "A warning needs your attention first" in _report(db, patient, tmp_path)


def test_bed_rest_on_four_days_warns_from_the_third(tmp_path: Path) -> None:
    # GUIDANCE §4: "do not rest in bed for more than two days".
    db, _ = _diary(tmp_path, "bedrest4")
    [record] = _summary(db, _day(3))
    bed = _alerts(record)["bed_rest_over_2_days"]
    assert (bed["severity"], bed["date"], bed["active"]) == ("warning", _day(2), True)


def test_codeine_every_day_for_two_weeks_warns_from_the_fourth_day_and_stops_with_it(tmp_path: Path) -> None:
    # GUIDANCE §5: codeine max 240 mg/day; 3 days of use for acute pain. 120 mg a day is not an overdose.
    db, _ = _diary(tmp_path, "codeine14")
    [during] = _summary(db, _day(9))
    codeine = _alerts(during)["codeine_over_3_days"]
    assert (codeine["severity"], codeine["date"], codeine["active"]) == ("warning", _day(3), True)
    assert "daily_dose_exceeded" not in _alerts(during)
    [after] = _summary(db, _day(20))
    assert _alerts(after)["codeine_over_3_days"]["active"] is False


def test_paracetamol_5g_on_one_day_is_urgent_until_seen(tmp_path: Path) -> None:
    # GUIDANCE §5: paracetamol max 4,000 mg per 24 h; README: above it is urgent and held until seen.
    db, patient = _diary(tmp_path, "paracetamol5g")
    [record] = _summary(db, _day(14))
    dose = _alerts(record)["daily_dose_exceeded"]
    assert (dose["severity"], dose["date"], dose["active"]) == ("urgent", _day(5), True)
    assert "paracetamol 5,000 mg" in dose["detail"]
    assert _triage(db, _day(14))[0]["priority"] == 1
    assert _plan(db, patient, _day(14))["paused"] is True
    done = cli("seen", "--db", db, "--patient", patient, "--code", "daily_dose_exceeded", "--date", _day(6))
    assert done.returncode == 0
    [record] = _summary(db, _day(14))
    assert _alerts(record)["daily_dose_exceeded"]["active"] is False
    assert _triage(db, _day(14))[0]["priority"] == 5


def test_ibuprofen_2400mg_for_ten_days_is_information_only(tmp_path: Path) -> None:
    # GUIDANCE §5: OTC max 1,200 mg/day, prescribed up to 2,400; "OTC use beyond 10 days: ask a doctor"
    # (10 is not beyond).
    db, _ = _diary(tmp_path, "ibuprofen2400")
    [record] = _summary(db, _day(9))
    alerts = _alerts(record)
    assert alerts["daily_dose_exceeded"]["severity"] == "info"
    assert "nsaid_over_10_days" not in alerts


def test_saddle_numbness_on_day_20_is_urgent_from_that_day_and_stays(tmp_path: Path) -> None:
    # GUIDANCE §4: "Seek care now (emergency): ... numbness in the saddle area".
    db, patient = _diary(tmp_path, "saddle20")
    [before] = _summary(db, _day(19))
    assert before["alerts"] == []
    [record] = _summary(db, _day(30))
    flag = _alerts(record)["red_flag_emergency"]
    assert (flag["severity"], flag["date"], flag["active"], flag["seen_date"]) == ("urgent", _day(20), True, None)
    [row] = _triage(db, _day(30))
    assert row["priority"] == 1 and "red_flag_emergency" in row["active_alerts"]
    plan = _plan(db, patient, _day(30))
    assert plan["paused"] is True and plan["walking_target_minutes"] is None and plan["exercises"] == []
    words = _report(db, patient, tmp_path)
    assert "URGENT: Emergency warning sign on 21 Oct 2026" in words and "on track;" not in words


def test_an_earlier_episodes_red_flag_holds_the_newer_episode_until_seen(tmp_path: Path) -> None:
    db = _olga(tmp_path)
    rows = _triage(db, _day(14))
    assert rows[0]["patient"] == "Olga" and rows[0]["priority"] == 1
    assert _plan(db, "Olga", _day(14))["paused"] is True
    assert "in the episode from 1 Aug 2026 (still applies)" in _report(db, "Olga", tmp_path)
    done = cli("seen", "--db", db, "--patient", "Olga", "--code", "red_flag_emergency", "--date", _day(14))
    assert done.returncode == 0
    assert _plan(db, "Olga", _day(14))["paused"] is False
    assert all(r["priority"] > 1 for r in _triage(db, _day(14)))


def test_a_flare_after_recovery_sets_recurrence_and_warns(tmp_path: Path) -> None:
    db, _ = _diary(tmp_path, "flare")
    [record] = _summary(db, _day(45))
    assert record["recovered_date"] == _day(19) and record["recurrence_date"] is not None
    assert record["trajectory"] == "fluctuating" and record["status"] == "behind"
    assert _alerts(record)["pain_worsening"]["active"]


def test_ten_days_without_entries_is_quiet_in_triage_and_the_summary(tmp_path: Path) -> None:
    db, patient = _diary(tmp_path, "quiet")
    [record] = _summary(db, _day(24))
    assert record["status"] == "insufficient_data" and record["days_without_entries"] >= 10
    [row] = _triage(db, _day(24))
    assert "quiet" in row["reason"].lower() and row["last_entry_date"] == _day(13)
    assert "No entries since 14 Oct 2026" in _report(db, patient, tmp_path)


def test_a_diary_without_medicines_raises_no_medicine_alert(tmp_path: Path) -> None:
    db, patient = _diary(tmp_path, "nomeds")
    [record] = _summary(db, _day(21))
    assert record["status"] == "on_track" and record["alerts"] == []
    assert json.dumps(record).count("paracetamol") == 0
    assert "No medicines recorded in the diary." in _report(db, patient, tmp_path)
