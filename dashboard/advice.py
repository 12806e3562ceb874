"""Showing what-to-do advice right after a day with warning symptoms is saved."""
from __future__ import annotations

import streamlit as st

from analysis.alerts.red_flags import URGENT, advice_for_symptoms


def show_saved_advice(symptoms: list[str], previous: list[str] | None = None) -> None:
    """Emergency advice in red, other advice in amber, straight under the Save button.

    While something is urgent only what to do now is shown (issue 9): the other advice waits.
    """
    advice = advice_for_symptoms(symptoms, previous)
    if any(item.severity == URGENT for item in advice):
        advice = [item for item in advice if item.severity == URGENT]
    for item in advice:
        if item.severity == URGENT:
            st.error(item.message, icon="🚨")
        else:
            st.warning(item.message, icon="🩺")
