"""Progress: the course of pain and activity over time."""
from __future__ import annotations

import streamlit as st

from dashboard import figures, ui


def main() -> None:
    st.title("Progress")
    episode = ui.current_episode()
    if episode is None:
        ui.empty_state("Nothing to show yet.")
        return
    entries = ui.diary().entries([int(episode.name)])
    if entries.empty:
        ui.empty_state("No days logged in this diary yet.")
        return
    st.plotly_chart(figures.pain_course(entries), key="progress_chart")


main()
