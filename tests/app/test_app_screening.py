"""Set-up screening and status agreement in the app (AppTest): the start form's seven questions, Today's
see-your-GP line under what to do now, answers changed on the Diary page, and a Progress headline that
does not say "on track" beside a warning without saying so."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis.model.screening import QUESTIONS, SEE_GP_FIRST, answers_by_episode
from analysis.storage import DayEntry, Diary

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard" / "app.py")
TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def fresh_diary(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "app.db"
    monkeypatch.setenv("BACKTRACK_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    return path


def diary_with(path: Path, symptoms: list[str], screening: dict[str, bool | None] | None = None) -> int:
    """Robin: onset 30 days ago, pain 2 of 10 every day, the symptoms yesterday."""
    diary = Diary(path)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=30), normal_activity_minutes=45,
                                screening=screening)
    for back in range(30, -1, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 2, 3, 45, 0, "",
                                           symptoms=symptoms if back == 1 else []))
    diary.close()
    return episode


def run(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_the_start_form_asks_the_seven_questions_and_stores_the_answers(fresh_diary: Path) -> None:
    at = run()
    radios = {key: at.radio(key=f"onboarding_screening_{key}") for key in QUESTIONS}
    assert [r.label for r in radios.values()] == [question for question, _ in QUESTIONS.values()]
    assert all(r.options == ["No", "Yes"] and r.value is None for r in radios.values())  # nothing pre-selected
    at.text_input(key="onboarding_name").set_value("Robin")
    at.date_input(key="onboarding_onset").set_value(TODAY - dt.timedelta(days=2))
    radios["cancer_history"].set_value("Yes")
    radios["recent_trauma"].set_value("No")
    at.button(key="FormSubmitter:onboarding-Start my diary").click().run()
    assert not at.exception and at.title[0].value == "Today"
    diary = Diary(fresh_diary)
    episode = int(diary.episodes().episode_id.iloc[0])
    answers = answers_by_episode(diary.screening())[episode]
    assert answers["cancer_history"] is True and answers["recent_trauma"] is False
    assert answers["night_pain"] is None  # left blank: not answered, never a silent "no"
    warnings = [w.value for w in at.warning]
    assert any(w.startswith(SEE_GP_FIRST) for w in warnings)
    assert any(m.value.startswith("**Today's plan**") for m in at.markdown)


def test_today_without_a_yes_has_no_gp_line(fresh_diary: Path) -> None:
    diary_with(fresh_diary, [], dict.fromkeys(QUESTIONS, False))
    at = run("screens/today.py")
    assert not any(SEE_GP_FIRST in w.value for w in at.warning)
    assert any(m.value.startswith("**Today's plan**") for m in at.markdown)


def test_what_to_do_now_outranks_the_gp_line(fresh_diary: Path) -> None:
    diary_with(fresh_diary, ["bladder_bowel"], {"night_pain": True})
    at = run("screens/today.py")
    text = "\n".join(m.value for m in at.markdown)
    assert "What to do now" in text and "Today's plan" not in text
    assert not any(SEE_GP_FIRST in w.value for w in at.warning)  # only what to do now while urgent


def test_answers_can_be_changed_on_the_diary_page(fresh_diary: Path) -> None:
    episode = diary_with(fresh_diary, [], {"unwell_or_fever": True})
    at = run("screens/diary.py")
    radio = at.radio(key=f"screening_edit_{episode}_unwell_or_fever")
    assert radio.value == "Yes"  # the stored answer is shown
    assert at.radio(key=f"screening_edit_{episode}_cancer_history").value is None
    radio.set_value("No")
    at.radio(key=f"screening_edit_{episode}_long_term_steroids").set_value("Yes")
    at.button(key=f"FormSubmitter:screening_edit_{episode}-Save my answers").click().run()
    assert not at.exception
    answers = answers_by_episode(Diary(fresh_diary).screening())[episode]
    assert answers["unwell_or_fever"] is False and answers["long_term_steroids"] is True
    at.switch_page("screens/today.py").run()
    assert any(w.value.startswith(SEE_GP_FIRST) for w in at.warning)


def test_progress_headline_says_a_warning_comes_first_and_put_aside_stays_listed(fresh_diary: Path) -> None:
    diary_with(fresh_diary, ["fever"])  # fever yesterday: call the doctor (held 7 days); pain steady at 2
    at = run("screens/progress.py")
    headline = at.subheader[0].value
    assert headline.startswith("A warning needs your attention first (Fever or weight loss): see it below. Day 30:")
    status = next(m.value for m in at.markdown if m.value.startswith("Compared with most people: "))
    assert status.endswith("(see the warning)**")
    at.button(key="ack_red_flag_see_doctor").click().run()
    assert not at.exception
    assert not any("No warnings right now" in s.value for s in at.success)
    assert any("Put aside with Got it, still applies: Fever or weight loss" in c.value for c in at.caption)
    assert at.subheader[0].value.startswith("A warning needs your attention first")  # it still applies


def test_clinic_lists_the_screening_flags_and_ranks_them_with_warnings(fresh_diary: Path) -> None:
    """Robin is on track with no alert but said yes to long-term steroids; Sam's only alert is information."""
    episode = diary_with(fresh_diary, [], {"long_term_steroids": True})
    diary = Diary(fresh_diary)
    sam = diary.add_episode("Sam", TODAY - dt.timedelta(days=30), normal_activity_minutes=45)
    for back in range(30, -1, -1):  # pain steady at 4: slower than the usual course
        diary.save_entry(sam, DayEntry(TODAY - dt.timedelta(days=back), 4, 4, 45, 0, ""))
    diary.close()
    at = run("screens/clinic.py")
    table = at.dataframe[0].value
    table = getattr(table, "data", table)
    assert table["Patient"].tolist() == ["Robin", "Sam"]
    assert table["Why"].tolist() == ["Set-up answers: see the GP first", "Slower than the usual course"]
    assert table["Screening"].tolist() == ["long-term steroids", ""]
    at.multiselect(key="clinic_filter").set_value(["Set-up answers: see the GP first"]).run()
    table = at.dataframe[0].value
    assert getattr(table, "data", table)["Patient"].tolist() == ["Robin"]
    at.session_state["clinic_patient"] = episode
    at.run()
    assert any("Set-up answers: see the GP first (long-term steroids)" in w.value for w in at.warning)


def test_answers_can_be_changed_before_the_first_day(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", TODAY)
    diary.close()
    at = run("screens/diary.py")
    at.radio(key=f"screening_edit_{episode}_recent_trauma").set_value("Yes")
    at.button(key=f"FormSubmitter:screening_edit_{episode}-Save my answers").click().run()
    assert not at.exception
    assert answers_by_episode(Diary(fresh_diary).screening())[episode]["recent_trauma"] is True
