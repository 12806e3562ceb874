"""Review 31's last browser walk, an urgent sign reported on three separate days, and a set-up answer of cancer:

- Progress stopped with an error (three cards of one alert, each with an "I have been seen" box of the same key);
  Today's banner said "Act now" three times; the Clinic named only the first report;
- Progress said "No warnings right now. Keep going!" beside a set-up answer that asks for the GP first;
- the banner's long emergency advice was said again, word for word, in the card below it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.storage import DayEntry, Diary
from dashboard.alerts_view import SEE_BANNER
from tests.apptest import app, run

TODAY = dt.date.today()
REPORTS = [TODAY - dt.timedelta(days=n) for n in (9, 5, 1)]


def _said(when: dt.date) -> str:
    return f"{when.day} {when:%B %Y}"


ALL_THREE = (f"Loss of bladder or bowel control reported on {_said(REPORTS[0])}, again on {_said(REPORTS[1])} "
             f"and on {_said(REPORTS[2])}")


def _diary_with_sign(db: Path, name: str, sign: str, days_ago: tuple[int, ...], days: int = 12) -> int:
    """`name`'s diary of `days` days up to yesterday, `sign` logged on the days `days_ago`, ordinary days between."""
    diary = Diary(db)
    try:
        episode = diary.add_episode(name, TODAY - dt.timedelta(days=days + 2), normal_activity_minutes=40)
        for back in range(days, 0, -1):
            diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 5, 6, 20,
                                               symptoms=[sign] if back in days_ago else []))
        return episode
    finally:
        diary.close()


def _three_reports(db: Path) -> int:
    """Vera's diary: loss of bladder control logged on three days with ordinary days between."""
    return _diary_with_sign(db, "Vera", "bladder_bowel", tuple((TODAY - day).days for day in REPORTS))


def _texts(at) -> list[str]:  # noqa: ANN001
    return [str(node.value) for node in at.main if getattr(node, "type", None) in ("error", "warning", "success")]


def test_progress_shows_a_sign_reported_on_three_days_as_one_alert_and_one_seen_box(fresh_diary: Path) -> None:
    episode = _three_reports(fresh_diary)
    at = run("screens/progress.py")
    said = _texts(at)
    banner = [t for t in said if "Act now" in t]
    assert len(banner) == 1 and banner[0].startswith(f"**Act now:** {ALL_THREE}. Get medical help now"), banner
    card = [t for t in said if t.startswith("**Emergency warning sign**")]
    assert card == [f"**Emergency warning sign**: {ALL_THREE}. {SEE_BANNER}"]  # the advice once, in the banner
    assert sum("call your emergency number" in t for t in said) == 1
    assert [b.key for b in at.button if b.key.startswith("seen_")] == ["seen_red_flag_emergency"]
    at.button(key="seen_red_flag_emergency").click().run()  # seen today: every report closed by one press
    assert not at.exception, at.exception
    assert not [t for t in _texts(at) if "Act now" in t]
    seen = Diary(fresh_diary).seen()
    assert seen["episode_id"].tolist() == [episode]


def test_today_says_act_now_once_naming_every_report(fresh_diary: Path) -> None:
    _three_reports(fresh_diary)
    said = _texts(run("screens/today.py"))
    banner = [t for t in said if "Act now" in t]
    assert len(banner) == 1 and ALL_THREE in banner[0], banner


def test_the_clinic_names_every_report_of_the_sign(fresh_diary: Path) -> None:
    episode = _three_reports(fresh_diary)
    at = app().switch_page("screens/clinic.py").run()
    listed = at.dataframe[0].value
    assert ALL_THREE in listed.loc[listed["Patient"] == "Vera", "Active alerts"].item()
    at.session_state["clinic_patient"] = episode  # what selecting the row does (clinic.open_selected)
    at.run()
    assert not at.exception, at.exception
    urgent = [t for t in _texts(at) if t.startswith("URGENT")]
    assert len(urgent) == 1 and ALL_THREE in urgent[0], urgent


def test_progress_never_says_no_warnings_beside_a_set_up_answer_for_the_gp(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    try:
        episode = diary.add_episode("Ola", TODAY - dt.timedelta(days=4), normal_activity_minutes=40,
                                    screening={"cancer_history": True})
        for back in range(4, 0, -1):
            diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 4, 5, 30))
    finally:
        diary.close()
    said = _texts(run("screens/progress.py"))
    assert not [t for t in said if "No warnings" in t], said
    assert any(t.startswith("Because of your answers at set-up, please see your GP") for t in said), said


def _fever_diary(db: Path, fever_days: tuple[int, ...]) -> int:
    """Wim's diary of 14 days, fever on the days `fever_days` ago (review 32's browser walk)."""
    return _diary_with_sign(db, "Wim", "fever", fever_days, days=14)


def test_todays_box_names_the_reports_that_still_apply_as_progress_does(fresh_diary: Path) -> None:
    """Today named a fever report of 11 days ago that had stopped applying ("reported on ..., again on ..."), where
    Progress, the Clinic and the report named only the one that applies (review 32)."""
    _fever_diary(fresh_diary, (11, 7))
    today = [t for t in _texts(run("screens/today.py")) if "Fever" in t]
    progress = [t for t in _texts(run("screens/progress.py")) if t.startswith("**Fever")]
    assert len(today) == 1 and len(progress) == 1, (today, progress)
    reported = progress[0].split(".")[0].split("**: ", 1)[1]  # "Fever reported on ..." as Progress says it
    assert reported in today[0], (today, progress)


def test_a_sign_put_aside_then_reported_again_is_one_card_and_progress_works(fresh_diary: Path) -> None:
    """After "Got it" on a fever and a new report of it days later, Progress stopped with an error: the card of the
    new report and the line of the one put aside each drew an "I have been seen" box of one key (review 32)."""
    episode = _fever_diary(fresh_diary, (7,))
    at = run("screens/progress.py")
    code = next(b.key for b in at.button if b.key.startswith("ack_"))[len("ack_"):]
    at.button(key=f"ack_{code}").click().run()
    assert not at.exception, at.exception
    diary = Diary(fresh_diary)
    try:
        diary.save_entry(episode, DayEntry(TODAY, 5, 6, 20, symptoms=["fever"]))
    finally:
        diary.close()
    again = run("screens/progress.py")
    assert [b.key for b in again.button if b.key.startswith("seen_")] == [f"seen_{code}"]
    cards = [t for t in _texts(again) if t.startswith("**Fever")]
    assert len(cards) == 1 and f"again on {_said(TODAY)}" in cards[0], cards
    again.button(key=f"ack_{code}").click().run()  # put aside again: both reports with it
    assert not again.exception, again.exception
    assert not [t for t in _texts(again) if t.startswith("**Fever")]


def test_saving_an_urgent_sign_says_what_to_do_once_below_the_banner(fresh_diary: Path) -> None:
    """After Save with an urgent sign ticked, the same emergency advice stood in two red boxes one under the other
    (under Save, and under "What to do now"), besides the banner (review 32)."""
    diary = Diary(fresh_diary)
    try:
        episode = diary.add_episode("Kim", TODAY - dt.timedelta(days=5), normal_activity_minutes=40)
        for back in range(5, 0, -1):
            diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 5, 6, 20))
    finally:
        diary.close()
    at = run("screens/today.py")
    at.segmented_control(key="log_pain").set_value(5)
    at.checkbox(key="log_symptom_bladder_bowel").check()
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    advice = [t for t in _texts(at) if "call your emergency number" in t]
    assert len(advice) == 2, advice  # the banner, then "What to do now" below the form
    assert any(t.startswith("**Act now:**") for t in advice)


def test_a_visit_before_the_last_report_is_said_on_the_page_not_in_a_toast(fresh_diary: Path) -> None:
    """"Seen on" a day between two reports: the mark is kept and the alert stays open, said in a toast that faded,
    after which nothing showed the press had done anything (review 32)."""
    _three_reports(fresh_diary)
    at = run("screens/progress.py")
    at.date_input(key="seen_date_red_flag_emergency").set_value(REPORTS[1])
    at.button(key="seen_red_flag_emergency").click().run()
    assert not at.exception, at.exception
    said = [t for t in _texts(at) if t.startswith(f"Noted your visit on {REPORTS[1].day} ")]
    assert len(said) == 1 and "so the warning stays open" in said[0], _texts(at)
    assert [t for t in _texts(at) if "Act now" in t]  # still open: the last report came after the visit


def test_progress_says_the_plan_for_the_gp_line_is_on_today() -> None:
    from analysis.model.screening import SEE_GP_FIRST_ELSEWHERE

    assert "before following the plan on the Today page:" in SEE_GP_FIRST_ELSEWHERE


def test_a_new_episode_of_a_diary_without_usual_minutes_does_not_invent_60(fresh_diary: Path) -> None:
    """Kim's diary had no usual minutes; the sidebar's new episode offered, and stored, 60 (review 32)."""
    diary = Diary(fresh_diary)
    try:
        episode = diary.add_episode("Kim", TODAY - dt.timedelta(days=20))
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=1), 3, None, 20))
    finally:
        diary.close()
    at = run("screens/today.py")
    assert at.number_input(key=f"new_episode_{episode}_normal").value is None
    at.date_input(key=f"new_episode_{episode}_onset").set_value(TODAY)
    at.button(key=f"FormSubmitter:new_episode_{episode}-Start the new episode").click().run()
    assert not at.exception, at.exception
    episodes = Diary(fresh_diary).episodes()
    new = episodes[episodes["episode_id"] != episode]
    assert new["patient"].tolist() == ["Kim"] and new["normal_activity_minutes"].isna().all()
