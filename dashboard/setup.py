"""Starting a diary: the first-start welcome, a new episode, and the demo diaries."""
from __future__ import annotations

import streamlit as st

from analysis import columns as c
from analysis.diary_io import load_demo
from analysis.synthetic import is_demo
from dashboard import ui


def _start(key: str) -> None:
    state = st.session_state
    episode_id = ui.diary().add_episode(state[f"{key}_name"], state[f"{key}_onset"], "",
                                        float(state[f"{key}_normal"]))
    state[ui.EPISODE_KEY] = episode_id


def start_form(key: str, default_name: str = "Me") -> None:
    """Name, onset date and normal activity; starts a new episode (new person or recurrence)."""
    with st.form(key):
        st.text_input("Your name or initials", value=default_name, key=f"{key}_name")
        st.date_input("When did this back pain start?", value=ui.today(), max_value=ui.today(),
                      key=f"{key}_onset", format="DD/MM/YYYY")
        st.number_input("Before it started, how many minutes a day were you active (walking, "
                        "sport, active work)?", 0, 1440, 60, step=5, key=f"{key}_normal")
        st.form_submit_button("Start my diary", type="primary",
                              on_click=ui.action(_start, key, done="Your diary is ready: log today below."))


def welcome() -> None:
    """First start: a short set-up, or the demo diary."""
    st.title("Welcome to Backtrack")
    st.write("A private diary for low back pain: half a minute a day, and everything stays on this computer.")
    start_form("onboarding")
    st.divider()
    st.write("Just looking around? Load five example diaries with different recovery courses.")
    st.button("Load demo diary", key="load_demo", icon="🧪",
              on_click=ui.action(load_demo, ui.diary(), done="Demo diary loaded: five example patients."))


def demo_notice() -> None:
    """When only example diaries exist, say so and offer to start one's own."""
    names = ui.episodes()[c.PATIENT]
    if not names.map(is_demo).all():
        return
    st.info("You are looking at example diaries. Start your own below; the examples can be removed any time.",
            icon="🧪")
    with st.expander("Start my own diary", expanded=False):
        start_form("own_diary")
    st.button("Remove the example diaries", key="remove_demo",
              on_click=ui.action(_remove, list(names.unique()), done="Example diaries removed."))


def _remove(names: list[str]) -> None:
    for name in names:
        ui.diary().delete_patient(name)


def new_episode_sidebar() -> None:
    """Back pain often comes back: start a new episode (or another person's diary) from the sidebar."""
    if ui.diary().is_empty():
        return
    with st.sidebar.expander("New episode of back pain"):
        episode = ui.current_episode()
        start_form("new_episode", default_name="" if episode is None else str(episode[c.PATIENT]))
