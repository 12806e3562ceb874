"""Issue 9: urgent signs stay until they are dealt with (hold, "seen", detail), from the clinical description."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from analysis.alerts import engine as a
from analysis.cli import main
from analysis.model import columns as c
from analysis.review.summary import summarise, to_records
from analysis.review.triage import triage
from analysis.storage.diary import DayEntry, Diary

ONSET = pd.Timestamp("2026-03-01")  # day 0


def day(n: int) -> pd.Timestamp:
    return ONSET + pd.Timedelta(days=n)


def frames(last_day: int, symptoms: dict[int, list[str]]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """An ordinary, improving diary from day 0 to last_day with the given warning symptoms."""
    days = list(range(last_day + 1))
    entries = pd.DataFrame({c.PATIENT: "Ann", c.EPISODE_ID: 1, c.ONSET_DATE: ONSET,
                            c.NORMAL_ACTIVITY: 45.0, c.DATE: [day(n) for n in days],
                            c.PAIN: [max(0.0, 6.0 - 0.4 * n) for n in days], c.WORST_PAIN: float("nan"),
                            c.ACTIVITY: [min(45.0, 15.0 + 5 * n) for n in days], c.BED_REST: 0.0, c.NOTES: ""})
    entries[c.DATE] = entries[c.DATE].astype("datetime64[us]")
    doses = pd.DataFrame({col: pd.Series(dtype=t) for col, t in (
        (c.EPISODE_ID, "int64"), (c.DATE, "datetime64[us]"), (c.MEDICINE, str), (c.DOSE_MG, float),
        (c.COUNT, "int64"), (c.DRUG_CLASS, str), (c.TOTAL_MG, float))})
    sym = pd.DataFrame([{c.EPISODE_ID: 1, c.DATE: day(n), c.SYMPTOM: s} for n, codes in symptoms.items()
                        for s in codes], columns=c.SYMPTOM_COLUMNS).astype({c.DATE: "datetime64[us]"})
    return entries, doses, sym


def seen_on(n: int, code: str = "red_flag_emergency") -> pd.DataFrame:
    return pd.DataFrame({c.EPISODE_ID: [1], a.CODE: [code], a.SEEN_DATE: [day(n)]})


def red_flag(history: pd.DataFrame, code: str = "red_flag_emergency") -> pd.Series:
    rows = history[history[a.CODE] == code]
    assert len(rows) >= 1
    return rows.iloc[0]


@pytest.mark.parametrize(("as_of", "active"), [(9, True), (20, True), (22, True), (23, True), (200, True)])
def test_bladder_on_day_8_stays_active_until_seen(as_of: int, active: bool) -> None:
    history = a.alerts(*frames(as_of, {8: ["bladder_bowel"]}))
    alert = red_flag(history)
    assert bool(alert[a.ACTIVE]) is active
    assert alert[a.SEVERITY] == "urgent" and alert[a.LAST_DATE] == day(8)
    assert alert[a.DETAIL] == "Loss of bladder or bowel control reported on 9 March 2026"


def test_seen_on_day_10_ends_it_and_a_later_report_starts_it_again() -> None:
    history = a.alerts(*frames(11, {8: ["bladder_bowel"]}), seen=seen_on(10))
    assert not bool(red_flag(history)[a.ACTIVE])
    assert red_flag(history)[a.SEEN_DATE] == day(10)
    # seen recorded later than as_of does not count yet
    assert bool(red_flag(a.alerts(*frames(9, {8: ["bladder_bowel"]}), seen=seen_on(10)))[a.ACTIVE])
    again = a.alerts(*frames(13, {8: ["bladder_bowel"], 12: ["bladder_bowel"]}), seen=seen_on(10))
    current = again[(again[a.CODE] == "red_flag_emergency") & again[a.ACTIVE]]
    assert len(current) == 1 and current.iloc[0][a.LAST_DATE] == day(12) and pd.isna(current.iloc[0][a.SEEN_DATE])


@pytest.mark.parametrize(("as_of", "active"), [(11, True), (17, True), (18, False)])
def test_single_day_numbness_is_a_warning_for_7_days(as_of: int, active: bool) -> None:
    history = a.alerts(*frames(as_of, {10: ["numbness"]}))
    alert = red_flag(history, "new_numbness_weakness")
    assert alert[a.SEVERITY] == "warning" and bool(alert[a.ACTIVE]) is active
    assert not (history[a.CODE] == "red_flag_emergency").any()


def test_feeling_unwell_held_7_days() -> None:
    alert = red_flag(a.alerts(*frames(12, {5: ["unwell"]})), "red_flag_see_doctor")
    assert bool(alert[a.ACTIVE]) and alert[a.SEVERITY] == "warning"


def test_both_legs_is_urgent_and_named() -> None:
    alert = red_flag(a.alerts(*frames(9, {8: ["both_legs"]})))
    assert alert[a.SEVERITY] == "urgent" and bool(alert[a.ACTIVE])
    assert alert[a.DETAIL].startswith("Numbness, tingling or weakness in both legs reported on 9 March 2026")


def test_urgent_cannot_be_acknowledged_away() -> None:
    history = a.alerts(*frames(9, {8: ["bladder_bowel"]}))
    alert = red_flag(history)
    shown = a.visible(history, {(1, alert[a.FINGERPRINT])})
    assert "red_flag_emergency" in set(shown[a.CODE])


def test_summary_json_keys_and_triage_ranks_the_held_emergency_first() -> None:
    e1, d1, s1 = frames(9, {8: ["bladder_bowel"]})
    e2, _, _ = frames(9, {})
    e2 = e2.assign(**{c.EPISODE_ID: 2, c.PATIENT: "Bob"})
    e2[c.PAIN] = 6.0  # behind: not recovering
    episodes = pd.DataFrame({c.EPISODE_ID: [1, 2], c.PATIENT: ["Ann", "Bob"], c.EPISODE_LABEL: ["x", "y"],
                             c.ONSET_DATE: [ONSET, ONSET]})
    table = summarise(pd.concat([e1, e2], ignore_index=True), d1, s1, episodes)
    record = next(r for r in to_records(table) if r["patient"] == "Ann")
    urgent = next(x for x in record["alerts"] if x["code"] == "red_flag_emergency")
    assert urgent["active"] is True and urgent["seen_date"] is None
    assert urgent["detail"] == "Loss of bladder or bowel control reported on 9 March 2026"
    json.dumps(record)
    ranked = triage(table, day(9))
    assert ranked.iloc[0]["patient"] == "Ann" and ranked.iloc[0]["priority"] == 1  # 1 = most urgent


def test_storage_and_cli_seen(tmp_path) -> None:
    path = tmp_path / "d.db"
    diary = Diary(path)
    episode = diary.add_episode("Ann", "2026-03-01")
    diary.save_entry(episode, DayEntry(dt.date(2026, 3, 9), 3.0, symptoms=["bladder_bowel"]))
    diary.save_entry(episode, DayEntry(dt.date(2026, 3, 10), 3.0))
    diary.mark_seen(episode, "red_flag_emergency", "2026-03-10")
    seen = diary.seen()
    assert seen[["code", "seen_by"]].values.tolist() == [["red_flag_emergency", "patient"]]
    assert seen["seen_date"].iloc[0] == pd.Timestamp("2026-03-10")
    diary.close()
    assert main(["seen", "--db", str(path), "--patient", "Ann", "--code", "red_flag_emergency",
                 "--date", "2026-03-11"]) == 0
    assert main(["seen", "--db", str(path), "--patient", "Ann", "--code", "nonsense"]) == 2
    diary = Diary(path)
    assert diary.seen()["seen_by"].tolist() == ["patient", "clinician"]
    history = a.alerts(diary.entries(), diary.doses(), diary.symptoms(), seen=diary.seen())
    assert not bool(red_flag(history)[a.ACTIVE])


def test_paracetamol_overdose_is_held_like_a_red_flag() -> None:
    entries, doses, symptoms = frames(12, {})
    doses = pd.DataFrame({c.EPISODE_ID: [1], c.DATE: [day(8)], c.MEDICINE: ["paracetamol"], c.DOSE_MG: [1000.0],
                          c.COUNT: [5], c.DRUG_CLASS: ["paracetamol"], c.TOTAL_MG: [5000.0]}).astype(
        {c.DATE: "datetime64[us]"})
    alert = red_flag(a.alerts(entries, doses, symptoms), "daily_dose_exceeded")
    assert alert[a.SEVERITY] == "urgent" and bool(alert[a.ACTIVE])
    # what was taken, and its maximum (review 11: analysis/alerts/dose_details.py)
    assert alert[a.DETAIL] == "paracetamol 5,000 mg on 9 March 2026 (maximum 4,000 mg)"


def test_an_overdose_names_a_medicine_above_its_over_the_counter_maximum_the_same_day() -> None:
    """Review 33: paracetamol 5,000 mg and ibuprofen 1,600 mg (above its 1,200 mg over the counter, below the 2,400
    mg adult maximum) on one day: the urgent run named only the paracetamol, and the ibuprofen's information alert,
    given on a day of its own, was lost (one run a day)."""
    entries, doses, symptoms = frames(12, {})
    doses = pd.DataFrame({c.EPISODE_ID: [1, 1], c.DATE: [day(8), day(8)], c.MEDICINE: ["paracetamol", "ibuprofen"],
                          c.DOSE_MG: [1000.0, 400.0], c.COUNT: [5, 4], c.DRUG_CLASS: ["paracetamol", "nsaid"],
                          c.TOTAL_MG: [5000.0, 1600.0]}).astype({c.DATE: "datetime64[us]"})
    alert = red_flag(a.alerts(entries, doses, symptoms), "daily_dose_exceeded")
    assert alert[a.SEVERITY] == "urgent"
    assert alert[a.DETAIL] == ("paracetamol 5,000 mg on 9 March 2026 (maximum 4,000 mg); "
                               "ibuprofen 1,600 mg on 9 March 2026 (maximum 1,200 mg over the counter)")


def test_a_naproxen_overdose_names_both_its_maxima() -> None:
    """Naproxen 1,100 mg: above the 1,000 mg adult maximum (a warning). The detail said "maximum 1,000 mg" while
    the Progress table beside it showed 660 mg (the over-the-counter maximum); both are named now."""
    entries, doses, symptoms = frames(12, {})
    doses = pd.DataFrame({c.EPISODE_ID: [1], c.DATE: [day(8)], c.MEDICINE: ["naproxen"], c.DOSE_MG: [550.0],
                          c.COUNT: [2], c.DRUG_CLASS: ["nsaid"], c.TOTAL_MG: [1100.0]}).astype(
        {c.DATE: "datetime64[us]"})
    alert = red_flag(a.alerts(entries, doses, symptoms), "daily_dose_exceeded")
    assert alert[a.SEVERITY] == "warning"
    assert alert[a.DETAIL] == ("naproxen 1,100 mg on 9 March 2026 (maximum 1,000 mg on prescription, 660 mg over "
                               "the counter)")


def test_an_overdose_names_its_paracetamol_first_however_many_medicines_are_over() -> None:
    """Review 33's second walk: paracetamol 5,000 mg, ibuprofen 1,600 mg, codeine 270 mg and naproxen 1,500 mg on one
    day named the other three and "and 1 more": the paracetamol that made the alert urgent."""
    entries, doses, symptoms = frames(12, {})
    names = ["codeine", "ibuprofen", "naproxen", "paracetamol"]
    doses = pd.DataFrame({c.EPISODE_ID: [1] * 4, c.DATE: [day(8)] * 4, c.MEDICINE: names,
                          c.DOSE_MG: [30.0, 400.0, 500.0, 1000.0], c.COUNT: [9, 4, 3, 5],
                          c.DRUG_CLASS: ["opioid", "nsaid", "nsaid", "paracetamol"],
                          c.TOTAL_MG: [270.0, 1600.0, 1500.0, 5000.0]}).astype({c.DATE: "datetime64[us]"})
    alert = red_flag(a.alerts(entries, doses, symptoms), "daily_dose_exceeded")
    assert alert[a.SEVERITY] == "urgent"
    assert alert[a.DETAIL].startswith("paracetamol 5,000 mg on 9 March 2026 (maximum 4,000 mg); "), alert[a.DETAIL]
    assert alert[a.DETAIL].endswith("; and 1 more")
    assert "ibuprofen" not in alert[a.DETAIL]  # above its over-the-counter maximum only: the one left to "1 more"


def test_detail_names_first_and_last_report() -> None:
    alert = red_flag(a.alerts(*frames(10, {8: ["fever"], 9: ["fever", "unwell"]})), "red_flag_see_doctor")
    assert alert[a.DETAIL] == ("Fever; feeling unwell (for example shivery or sweating at night) first reported on "
                               "9 March 2026, last reported 10 March 2026")


def test_cli_summary_json_has_detail_and_seen_date(tmp_path, capsys) -> None:
    path = tmp_path / "d.db"
    diary = Diary(path)
    episode = diary.add_episode("Ann", "2026-03-01")
    for n in range(1, 10):
        diary.save_entry(episode, DayEntry(day(n).date(), 3.0, symptoms=["saddle_numbness"] if n == 8 else []))
    diary.close()
    assert main(["summary", "--db", str(path), "--json"]) == 0
    urgent = [x for x in json.loads(capsys.readouterr().out)[0]["alerts"] if x["code"] == "red_flag_emergency"]
    assert urgent[0]["active"] is True and urgent[0]["seen_date"] is None
    assert urgent[0]["detail"] == "Numbness around genitals or bottom reported on 9 March 2026"
    assert main(["seen", "--db", str(path), "--patient", "Ann", "--code", "red_flag_emergency",
                 "--date", "2026-03-10"]) == 0
    capsys.readouterr()
    assert main(["summary", "--db", str(path), "--json"]) == 0
    urgent = [x for x in json.loads(capsys.readouterr().out)[0]["alerts"] if x["code"] == "red_flag_emergency"]
    assert urgent[0]["active"] is False and urgent[0]["seen_date"] == "2026-03-10"


def test_text_episode_ids_still_raise_and_name_their_red_flags() -> None:
    """The frames' checks accept any episode id (a pooled dataset's may be text): a red flag must not go quiet
    or crash the alerts for it; the run and its detail are the ones the integer id gives."""
    entries, doses, symptoms = frames(10, {8: ["fever"], 9: ["fever", "unwell"], 4: ["bladder_bowel"]})
    by_number = a.alerts(entries, doses, symptoms)
    entries[c.EPISODE_ID], symptoms[c.EPISODE_ID] = "ann-1", "ann-1"
    by_text = a.alerts(entries, doses, symptoms)
    assert by_text[c.EPISODE_ID].tolist() == ["ann-1"] * len(by_number)
    columns = [a.CODE, a.SEVERITY, a.ACTIVE, a.DETAIL]
    assert by_text[columns].values.tolist() == by_number[columns].values.tolist()
    assert red_flag(by_text)[a.DETAIL] == "Loss of bladder or bowel control reported on 5 March 2026"
