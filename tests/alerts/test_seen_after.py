"""A sign logged again after "I have been seen about this" on the same day reopens its alert; re-saving the day
for another reason does not (analysis.alerts.seen_after, analysis.storage.entries)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from analysis.alerts.engine import alerts
from analysis.alerts.seen_after import SIGNS_AFTER, overtaken
from analysis.plan.doctor_hold import doctor_days
from analysis.storage import DayEntry, Diary

ONSET = dt.date(2026, 3, 1)


def day(n: int) -> dt.date:
    return ONSET + dt.timedelta(days=n)


def fever_diary(path: Path, code: str = "fever") -> tuple[Diary, int]:
    """Days 0-4 logged; `code` logged on day 3."""
    diary = Diary(path)
    episode = diary.add_episode("Robin", ONSET, normal_activity_minutes=60)
    for n in range(5):
        diary.save_entry(episode, DayEntry(day(n), 4, None, 20, 0, "", symptoms=[code] if n == 3 else []))
    return diary, episode


def doctor_alert(diary: Diary, as_of: dt.date) -> pd.Series:
    found = alerts(diary.entries(), diary.doses(), diary.symptoms(), as_of=as_of, seen=diary.seen())
    runs = found[found["code"] == "red_flag_see_doctor"].sort_values("last_date")
    # the run of the last report: a mark ends a run, and a report after it starts the next (review 32)
    return next(runs.iloc[::-1].itertuples())


def test_a_sign_saved_after_the_days_mark_reopens_its_alert(tmp_path: Path) -> None:
    diary, episode = fever_diary(tmp_path / "d.db")
    diary.mark_seen(episode, "red_flag_see_doctor", day(4))
    assert not doctor_alert(diary, day(4)).active  # seen on day 4 about day 3's fever: closed
    diary.save_entry(episode, DayEntry(day(4), 4, None, 20, 0, "", symptoms=["fever"]))  # it came back that evening
    assert diary.seen()[SIGNS_AFTER].tolist() == ["fever"]
    assert doctor_alert(diary, day(4)).active
    assert doctor_days(diary.symptoms(), diary.seen())["doctor_seen"].tolist() == [False, False]  # the hold goes on


def test_resaving_the_day_keeps_a_sign_seen_about_that_day_closed(tmp_path: Path) -> None:
    """Fever logged in the morning, seen in the afternoon, the evening's pain changed: still closed."""
    diary, episode = fever_diary(tmp_path / "d.db")
    diary.save_entry(episode, DayEntry(day(4), 4, None, 20, 0, "", symptoms=["fever"]))
    diary.mark_seen(episode, "red_flag_see_doctor", day(4))
    diary.save_entry(episode, DayEntry(day(4), 6, 7, 25, 0, "worse tonight", symptoms=["fever"]))
    assert diary.seen()[SIGNS_AFTER].tolist() == [""]
    assert not doctor_alert(diary, day(4)).active
    assert doctor_days(diary.symptoms(), diary.seen())["doctor_seen"].tolist() == [False, True]


def test_another_alerts_sign_saved_after_the_mark_leaves_it_closed(tmp_path: Path) -> None:
    """Leg pain saved after the fever mark is not the fever coming back (its own alert opens)."""
    diary, episode = fever_diary(tmp_path / "d.db")
    diary.mark_seen(episode, "red_flag_see_doctor", day(4))
    diary.save_entry(episode, DayEntry(day(4), 4, None, 20, 0, "", symptoms=["leg_pain"]))
    assert not doctor_alert(diary, day(4)).active
    found = alerts(diary.entries(), diary.doses(), diary.symptoms(), as_of=day(4), seen=diary.seen())
    assert found[found["code"] == "radiating_leg_pain"]["active"].tolist() == [True]


def test_a_mark_overtaken_on_its_day_still_closes_earlier_runs(tmp_path: Path) -> None:
    """Feeling unwell saved after the day-4 mark reopens day 4's report only: a later mark closes it again."""
    diary, episode = fever_diary(tmp_path / "d.db")
    diary.mark_seen(episode, "red_flag_see_doctor", day(4))
    diary.save_entry(episode, DayEntry(day(4), 4, None, 20, 0, "", symptoms=["unwell"]))
    assert doctor_alert(diary, day(4)).active
    diary.save_entry(episode, DayEntry(day(5), 4, None, 20, 0, ""))
    diary.mark_seen(episode, "red_flag_see_doctor", day(5))
    assert not doctor_alert(diary, day(5)).active


def test_marks_from_a_file_overtake_nothing() -> None:
    """Imported marks carry a date only (no SIGNS_AFTER): read as before, closing their day's reports."""
    marks = pd.DataFrame({"episode_id": [1, 1], "code": ["red_flag_see_doctor", "red_flag_emergency"],
                          "seen_date": pd.to_datetime(["2026-03-04", "2026-03-05"])})
    assert overtaken(marks).tolist() == [False, False]
    with_after = marks.assign(**{SIGNS_AFTER: ["leg_pain,fever", "numbness"]})
    assert overtaken(with_after).tolist() == [True, True]  # numbness counts for the emergency (two days running)


def test_a_diary_from_before_sign_times_opened_read_only_reads_its_marks(tmp_path: Path, monkeypatch) -> None:
    """A diary not upgraded to m010 (opened read-only) has no save times: its marks overtake nothing."""
    from tests.old_diary import old_diary

    path = tmp_path / "old.db"
    old_diary(path, "m010_symptom_recorded_at", "2026-03-01", "2026-03-04", (
        "INSERT INTO symptoms(episode_id, date, code) VALUES (3, '2026-03-04', 'fever')",
        "INSERT INTO alert_seen(episode_id, code, seen_date) VALUES (3, 'red_flag_see_doctor', '2026-03-04')"))
    monkeypatch.setattr("analysis.storage.connection.os.access", lambda *_: False)  # tests run as root
    diary = Diary(path)
    assert diary.read_only
    assert diary.seen()[SIGNS_AFTER].tolist() == [""]
    assert not doctor_alert(diary, dt.date(2026, 3, 4)).active
    diary.close()


def test_an_overtaken_mark_survives_export_and_import(tmp_path: Path) -> None:
    """The diary CSV says the sign came back after the mark ('... before it came back'); the practice's diary
    that imports it keeps the sign open, and re-importing the same file changes nothing."""
    from analysis.workflows.diary_io import export_csv, import_bytes

    home, episode = fever_diary(tmp_path / "home.db")
    home.mark_seen(episode, "red_flag_see_doctor", day(4))
    home.mark_seen(episode, "radiating_leg_pain", day(4), by="clinician")
    home.save_entry(episode, DayEntry(day(4), 4, None, 20, 0, "", symptoms=["fever"]))  # fever came back
    text = export_csv(home)
    assert "red_flag_see_doctor@2026-03-05 by patient before it came back" in text
    assert "radiating_leg_pain@2026-03-05 by clinician" in text and "clinician before" not in text
    practice = Diary(tmp_path / "practice.db")
    for _ in range(2):
        outcome = import_bytes(practice, text.encode(), "home.csv")
        assert ("home.csv: the mark red_flag_see_doctor@2026-03-05 (Fever or weight loss) was made before the sign "
                "came back that day: the sign still applies.") in outcome.warnings
        assert doctor_alert(practice, day(4)).active
        marks = practice.seen()
        assert marks[["code", "seen_by"]].values.tolist() == [["radiating_leg_pain", "clinician"],
                                                              ["red_flag_see_doctor", "patient"]]
        assert overtaken(marks).tolist() == [False, True]
    assert export_csv(practice) == text  # the round trip writes the same text


def test_a_mark_read_from_a_file_closes_its_days_sign_as_before(tmp_path: Path) -> None:
    """Without the words, a mark dated on the sign's day closes it (seen that afternoon about it)."""
    from analysis.workflows.diary_io import export_csv, import_bytes

    home, episode = fever_diary(tmp_path / "home.db")
    home.mark_seen(episode, "red_flag_see_doctor", day(3))
    text = export_csv(home)
    assert "red_flag_see_doctor@2026-03-04 by patient" in text and "came back" not in text
    practice = Diary(tmp_path / "practice.db")
    import_bytes(practice, text.encode(), "home.csv")
    assert not doctor_alert(practice, day(4)).active


# ---- a population of event orders: the engine and the walking hold against a plain reading of the rule ------
DOCTOR_CODES = ("fever", "unwell", "weight_loss")  # red_flag_see_doctor's signs (alerts.red_flags.RULE_SYMPTOMS)
LAST_DAY = 3  # every day within the 7-day hold of a see-the-doctor sign, judged on day 3 (few days: orders meet)


def _event_orders():
    from hypothesis import strategies as st

    save = st.tuples(st.just("save"), st.integers(0, LAST_DAY),
                     st.lists(st.sampled_from(DOCTOR_CODES + ("leg_pain",)), max_size=2, unique=True))
    mark = st.tuples(st.just("mark"), st.integers(0, LAST_DAY), st.just(()))
    return st.lists(st.one_of(save, save, mark), min_size=1, max_size=8)


def _reference_open(events: list) -> bool:
    """The rule read plainly, one event at a time: each day's signs and when each was first saved (kept while
    ticked, new when ticked again), and the marks; open when the last day with a sign has no mark on a later day
    up to LAST_DAY, nor one on that day made after every sign of the rule saved that day. A mark for whose
    earlier days a sign of the rule was saved after it (a past day filled in after the visit) closes nothing
    (review 34)."""
    signs: dict[int, dict[str, int]] = {n: {} for n in range(LAST_DAY + 1)}
    marks: dict[int, int] = {}
    for clock, (kind, when, codes) in enumerate(events):
        if kind == "save":
            signs[when] = {code: signs[when].get(code, clock) for code in codes}
        else:
            marks[when] = clock  # the same day marked again: the later time counts
    reported = [n for n in range(LAST_DAY + 1) if set(signs[n]) & set(DOCTOR_CODES)]
    if not reported:
        return False
    last = reported[-1]
    newest_sign = max(t for code, t in signs[last].items() if code in DOCTOR_CODES)
    standing = {m: u for m, u in marks.items()
                if not any(t > u for n in range(m) for code, t in signs[n].items() if code in DOCTOR_CODES)}
    return not any(m > last or (m == last and u > newest_sign) for m, u in standing.items())


def test_a_population_of_event_orders_agrees_with_the_rule_read_plainly(tmp_path_factory) -> None:
    """Random orders of saving days (a doctor sign, leg pain, or nothing) and 'I have been seen about this' on
    any day: the engine's red_flag_see_doctor and the walking hold are open on the last day exactly when the plain
    reading says (a mark closes the last report on or before its date, unless its sign was saved after it)."""
    from hypothesis import HealthCheck, given, settings

    from tests.property_budget import examples

    @settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_event_orders())
    def check(events: list) -> None:
        diary = Diary(tmp_path_factory.mktemp("orders") / "d.db", keep_backups=0)
        episode = diary.add_episode("Robin", ONSET, normal_activity_minutes=60)
        for n in range(LAST_DAY + 1):
            diary.save_entry(episode, DayEntry(day(n), 4, None, 20, 0, ""))
        for kind, when, codes in events:
            if kind == "save":
                diary.save_entry(episode, DayEntry(day(when), 4, None, 20, 0, "", symptoms=list(codes)))
            else:
                diary.mark_seen(episode, "red_flag_see_doctor", day(when))
        found = alerts(diary.entries(), diary.doses(), diary.symptoms(), as_of=day(LAST_DAY), seen=diary.seen())
        engine_open = bool(found[found["code"] == "red_flag_see_doctor"]["active"].any())
        hold = doctor_days(diary.symptoms(), diary.seen())
        signs = hold[hold["doctor_sign"]]["date"] if len(hold) else []
        hold_open = len(signs) > 0 and not hold[hold["doctor_seen"] & (hold["date"] >= signs.max())].shape[0]
        diary.close()
        expected = _reference_open(events)
        assert engine_open == expected, (events, found[["code", "date", "last_date", "active"]])
        assert hold_open == expected, (events, hold)

    check()


def test_it_came_back_since_logs_a_ticked_sign_again(tmp_path: Path) -> None:
    """Fever ticked all day keeps its morning time (re-saving changes nothing); 'It came back since'
    (Diary.sign_came_back) stamps it as saved now, which reopens the alert; the other signs keep their time."""
    diary, episode = fever_diary(tmp_path / "d.db")
    diary.save_entry(episode, DayEntry(day(4), 4, None, 20, 0, "", symptoms=["fever", "numbness"]))
    diary.mark_seen(episode, "red_flag_see_doctor", day(4))
    diary.mark_seen(episode, "new_numbness_weakness", day(4))
    diary.save_entry(episode, DayEntry(day(4), 5, None, 20, 0, "evening", symptoms=["fever", "numbness"]))
    assert not doctor_alert(diary, day(4)).active
    assert diary.sign_came_back(episode, day(4), ["fever"]) == 1
    assert doctor_alert(diary, day(4)).active
    found = alerts(diary.entries(), diary.doses(), diary.symptoms(), as_of=day(4), seen=diary.seen())
    assert found[found["code"] == "new_numbness_weakness"]["active"].tolist() == [False]  # still seen about


def test_a_report_two_days_after_a_visit_is_a_run_of_its_own(tmp_path: Path) -> None:
    """Fever on day 1, seen on day 2, fever again on day 3: one run from day 1 to day 3 was open again, "first
    reported on 2 March", the report the visit closed named again (review 32's browser walk). A mark ends a run."""
    diary, episode = fever_diary(tmp_path / "d.db")
    diary.save_entry(episode, DayEntry(day(1), 4, None, 20, 0, "", symptoms=["fever"]))
    diary.mark_seen(episode, "red_flag_see_doctor", day(2))
    found = alerts(diary.entries(), diary.doses(), diary.symptoms(), as_of=day(4), seen=diary.seen())
    runs = found[found["code"] == "red_flag_see_doctor"].sort_values("date")
    assert [(r.date.date(), r.last_date.date(), bool(r.active)) for r in runs.itertuples()] == [
        (day(1), day(1), False), (day(3), day(3), True)]
    assert pd.Timestamp(runs["seen_date"].iloc[0]).date() == day(2) and pd.isna(runs["seen_date"].iloc[1])
    assert runs["detail"].tolist()[-1] == "Fever reported on 4 March 2026"
