"""The urgent-alert banner at the top of every patient page (Today, Progress, Diary) while an urgent alert applies.

The patient pages ask for it through dashboard.frame.page_frame; the Clinic does not (it lists urgent alerts itself).
"""
from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.alerts_view import urgent_alerts


def urgent_banner() -> None:
    """Show every urgent alert of the chosen episode, unmissable: what was reported and when, what to do now."""
    episode = ui.current_episode()
    if episode is None:
        return
    for alert in urgent_alerts(int(episode.name)):
        st.error(f"**Act now:** {alert}", icon="🚨")
