"""The urgent-alert banner shown at the top of every page while an urgent alert applies."""
from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.alerts_view import urgent_alerts


def urgent_banner() -> None:
    """Show every urgent alert of the chosen episode, unmissable, with what to do now."""
    episode = ui.current_episode()
    if episode is None:
        return
    for alert in urgent_alerts(int(episode.name)):
        st.error(f"**Act now:** {alert}", icon="🚨")
