"""Showing what-to-do advice for warning symptoms: as they are ticked on Today, and right after the day is saved."""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from analysis.alerts.red_flags import URGENT, Advice, advice_to_show


def show_saved_advice(symptoms: list[str], previous: list[str] | None = None, seen_about: list[str] | None = None,
                      came_back: Callable[[], None] | None = None, seen_words: str = "",
                      said_below: frozenset[str] = frozenset()) -> None:
    """Emergency advice in red, other advice in amber, straight under the Save button.

    While something is urgent only what to do now is shown (issue 9; red_flags.advice_to_show). `seen_about`: the
    saved signs the person was seen about that day (page_rules.signs_seen_about): not advised again, but said,
    in `seen_words` (page_rules.seen_about_words: the day it was), with an "It came back since" button (`came_back`)
    that logs them again. `said_below`: the urgent messages Today's "What to do now", just below the form, gives
    while the plan is paused: not said twice in a row (review 32: two identical red boxes under Save).
    """
    seen_about = seen_about or []
    for item in advice_to_show([sign for sign in symptoms if sign not in seen_about], previous):
        if item.severity == URGENT and item.message in said_below:
            continue
        if item.severity == URGENT:
            st.error(item.message, icon="🚨")
        else:
            st.warning(item.message, icon="🩺")
    if seen_about:
        st.info(seen_words, icon="🩺")
        st.button("It came back since", key="log_came_back", on_click=came_back)


def show_ticked_advice(items: list[Advice], note: str) -> None:
    """The advice for warning signs ticked on Today but not saved yet (page_rules.ticked_advice), where they were
    ticked, with `note` (page_rules.ticked_sign_note) saying what keeps them: the advice shows straight away,
    before Save (review 29), in the words Save's advice uses."""
    for item in items:
        if item.severity == URGENT:
            st.error(item.message, icon="🚨")
        else:
            st.warning(item.message, icon="🩺")
    st.caption(note)
