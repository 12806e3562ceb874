"""Starting a diary: the first-start welcome, a new episode, and the demo diaries."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analysis.ingest.synthetic import is_demo
from analysis.model import columns as c
from analysis.model.errors import ValidationError
from analysis.model.screening import QUESTIONS, all_answers, answers_by_episode
from analysis.review.moved_days import moved_days_sentence, onset_problem
from analysis.review.page_rules import episode_problems
from analysis.workflows.diary_io import load_demo
from analysis.workflows.examples import remove_examples
from dashboard import cache, ui

EARLIEST_DAY = dt.date(1900, 1, 1)  # the date boxes' lower bound: a day before the onset is said in words
ANSWERS = {"No": False, "Yes": True}  # the radio's options; nothing chosen means "not answered"
SCREENING_INTRO = ("Seven quick questions your GP would ask (NICE guidance). A \"yes\" does not mean anything "
                   "is wrong: it means a GP should check your back before you follow the plan.")


def _answers(prefix: str) -> dict[str, bool | None]:
    """The set-up answers as chosen on the radios under `prefix` (None where nothing was chosen)."""
    return {key: ANSWERS.get(st.session_state.get(f"{prefix}_{key}")) for key in QUESTIONS}


def screening_questions(prefix: str, stored: dict[str, bool | None] | None = None) -> None:
    """The seven NICE NG59 questions as Yes/No radios (nothing pre-selected unless answered before).

    No date of birth is stored, so the age question is asked rather than pre-filled.
    """
    st.caption(SCREENING_INTRO)
    labels = {value: label for label, value in ANSWERS.items()}
    for key, (question, _) in QUESTIONS.items():
        answer = (stored or {}).get(key)
        st.radio(question, list(ANSWERS), index=None if answer is None else list(ANSWERS).index(labels[answer]),
                 horizontal=True, key=f"{prefix}_{key}")


# on the page, not a toast: a new episode can bring an earlier one's urgent banner, which a toast would cover
DIARY_READY = "Your diary is ready: log today's pain on the Today page."
DIARY_READY_LOGGED = "Your diary is ready; today is already logged in it."


def _start(key: str) -> None:
    state = st.session_state
    _check_episode(state[f"{key}_onset"], state[f"{key}_normal"])
    problem = onset_problem(state[f"{key}_name"], state[f"{key}_onset"], ui.episodes())
    if problem:
        raise ValidationError(problem)
    normal = state[f"{key}_normal"]  # an emptied box: the usual minutes are not known (the Diary page can add them)
    diary = ui.diary()
    with diary.transaction():  # the days already logged from the new onset on move with it, or nothing happens
        episode_id = diary.add_episode(state[f"{key}_name"], state[f"{key}_onset"], "",
                                       None if normal is None else float(normal),
                                       screening=_answers(f"{key}_screening"))
        taken = diary.take_days_from_earlier(episode_id)
    ui.choose_episode(episode_id)
    moved = moved_days_sentence(taken)
    # on the page, below any banner: the days taken over, and "log today's pain" only when today is not one of them
    # (review 36's second explorer: it asked to log the day the form already held)
    notes = [moved] if moved else []
    notes.append(DIARY_READY_LOGGED if ui.today().isoformat() in taken else DIARY_READY)
    state.setdefault(ui.NOTE_KEY, []).extend(notes)


def _check_episode(onset: dt.date, normal: float | None) -> None:
    """Refuse the set-up or the correction, saying why, when it cannot be saved (page_rules.episode_problems)."""
    problems = episode_problems(onset, normal, ui.today())
    if problems:
        raise ValidationError(" ".join(problems))


def start_form(key: str, default_name: str = "Me", default_normal: int | None = 60, start: str = "Start my diary",
               source: int | None = None) -> None:
    """Name, onset date and normal activity; starts a new episode (new person or recurrence) with the `start`
    button. The boxes are filled (ui.fill) with the defaults whenever what they come from changes.

    A form of its own for each `source` (the episode shown): the browser holds a form's typed values until it is
    sent, and sent them for the next person's form under the same key, whatever that form showed (review 31's
    browser walk: a name typed for Chloe, then Zed chosen, started "Chloe"'s episode from Zed's form)."""
    key = form_key(key, source)
    filled_from = (source, default_name, default_normal, ui.today())
    ui.fill(f"{key}_name", default_name, filled_from)
    ui.fill(f"{key}_onset", ui.today(), filled_from)
    ui.fill(f"{key}_normal", default_normal, filled_from)
    with st.form(key, enter_to_submit=False):  # Enter in a box: not a start before the set-up questions
        # the defaults as values too: the browser draws boxes it had not shown yet (a closed expander) from them
        st.text_input("Your name or initials", default_name, key=f"{key}_name")
        # no latest date and no range on the minutes: a later date or too many minutes is said in words on Start
        # (page_rules.episode_problems), never saved as the box's last value (review 29)
        st.date_input("When did this back pain start?", value=ui.today(), min_value=EARLIEST_DAY, key=f"{key}_onset",
                      format="DD/MM/YYYY")
        st.number_input("Before it started, how many minutes a day were you active (walking, "
                        "sport, active work)?", value=default_normal, step=5, key=f"{key}_normal")
        screening_questions(f"{key}_screening")
        st.form_submit_button(start, type="primary",
                              on_click=ui.action(_start, key))  # _start says what is ready


def form_key(key: str, source: int | None) -> str:
    """The key of a start form, and the prefix of its boxes' keys: `key` itself, or with the episode it is for."""
    return key if source is None else f"{key}_{source}"


def welcome() -> None:
    """First start: a short set-up, or the demo diary."""
    st.title("Welcome to Backtrack")
    st.write("A private diary for low back pain: half a minute a day, and everything stays on this computer.")
    start_form("onboarding")
    st.divider()
    st.write("Just looking around? Load five example diaries with different recovery courses.")
    st.button("Load demo diary", key="load_demo", icon="🧪",  # ending yesterday, as if kept up to this morning
              on_click=ui.action(load_demo, ui.diary(), ui.today() - dt.timedelta(days=1),
                                 done="Demo diary loaded: five example patients."))


def demo_notice() -> None:
    """When only example diaries exist, say so and offer to start one's own; beside one's own or imported diaries,
    a line that offers to remove them (examples_beside_own). Not once they are removed: an example patient left
    holding only a day the person typed is theirs (analysis.workflows.examples.examples_left)."""
    if not ui.episodes()[c.PATIENT].map(is_demo).all():
        examples_beside_own()  # which says nothing without examples
        return
    if not cache.example_days_left():
        return
    st.info("You are looking at example diaries. Start your own below; the examples can be removed any time.",
            icon="🧪")
    with st.expander("Start my own diary", expanded=False):
        start_form("own_diary")
    st.button("Remove the example diaries", key="remove_demo", on_click=ui.action(_remove))


def examples_beside_own() -> None:
    """The example diaries are still there beside real ones (Today, and the Clinic, where they stood in the triage
    list with "URGENT Anna (demo)" at the top): one line and the button that removes them. Why: the notice offered
    the button only while every diary was an example, so after one import nothing could remove them (review 36)."""
    if not ui.episodes()[c.PATIENT].map(is_demo).any() or not cache.example_days_left():
        return
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption("🧪 The example diaries, marked (demo), are still here beside your own.")
    right.button("Remove the example diaries", key="remove_demo", on_click=ui.action(_remove))


def _remove() -> None:
    """Remove the examples, keeping any day the person typed into one (analysis.workflows.examples), and say so."""
    st.toast(remove_examples(ui.diary()).sentence(), icon="✅")


NEW_EPISODE_START = "Start the new episode"


def new_episode_sidebar() -> None:
    """Back pain often comes back: start a new episode of the person whose diary is shown (or another person's
    diary, by changing the name) from the sidebar.

    Filled afresh (ui.fill) whenever the diary shown, or its usual minutes, change: the form kept the first
    person's name while "Diary of" showed another, and started the episode for the wrong person (review 30, and
    review 31 in the browser after a first fix that only the headless tests saw working)."""
    episode = ui.current_episode()
    if episode is None:
        return
    normal = episode[c.NORMAL_ACTIVITY]
    # not known for this diary: the box left empty, not 60 the person never gave (review 32)
    minutes = None if pd.isna(normal) else int(round(float(normal)))
    with st.sidebar.expander("New episode of back pain"):
        st.caption(f"For {ui.plain(episode[c.PATIENT])}'s back pain coming back; for someone else, change the name.")
        start_form("new_episode", default_name=str(episode[c.PATIENT]), default_normal=minutes, start=NEW_EPISODE_START,
                   source=int(episode.name))


def screening_editor(episode_id: int) -> None:
    """Change the set-up answers of an episode later (the Diary page)."""
    stored = all_answers(answers_by_episode(ui.diary().screening([episode_id])).get(episode_id))
    with st.expander("Set-up questions (your answers)"):
        with st.form(f"screening_edit_{episode_id}"):
            screening_questions(f"screening_edit_{episode_id}", stored)
            st.form_submit_button("Save my answers", on_click=ui.action(
                _save_answers, episode_id, done="Your answers are saved."))


def _save_answers(episode_id: int) -> None:
    ui.diary().save_screening(episode_id, _answers(f"screening_edit_{episode_id}"))


def move_onset(episode_id: int, onset: dt.date) -> None:
    """Set the day the episode's back pain started (Today's offer for a day before it; the Diary page's editor)."""
    ui.diary().update_episode(episode_id, onset_date=onset)


def episode_editor(episode: pd.Series) -> None:
    """Correct the start of the pain and the usual activity given at set-up (the Diary page): a guessed onset
    (the set-up form offers today) would keep the days before it out of the diary (review 20). `episode`: a row
    of ui.current_episode()."""
    episode_id, normal = int(episode.name), episode[c.NORMAL_ACTIVITY]
    onset, normal = pd.Timestamp(episode[c.ONSET_DATE]).date(), None if pd.isna(normal) else float(normal)
    with st.expander("When the pain started and your usual activity"):
        with st.form(f"episode_edit_{episode_id}"):
            st.date_input("When did this back pain start?", value=onset, min_value=EARLIEST_DAY,
                          key=f"episode_edit_{episode_id}_onset", format="DD/MM/YYYY")
            st.number_input("Before it started, how many minutes a day were you active?",
                            value=None if normal is None else int(round(normal)), step=5,
                            key=f"episode_edit_{episode_id}_normal")
            st.form_submit_button("Save these", on_click=ui.action(
                _save_episode, episode_id, done="Saved: the plan and the charts use them from now on."))


def _save_episode(episode_id: int) -> None:
    state = st.session_state
    normal = state[f"episode_edit_{episode_id}_normal"]
    _check_episode(state[f"episode_edit_{episode_id}_onset"], normal)
    ui.diary().update_episode(episode_id, onset_date=state[f"episode_edit_{episode_id}_onset"],
                              normal_activity_minutes=None if normal is None else float(normal))
