"""What every page shows around its own content: the diary picker, the urgent banner, kept errors.

Each page calls `page_frame()` first. (Elements written by the entry script
itself are lost on reruns under AppTest with st.navigation, so the shared
parts are drawn by the pages.)
"""
from __future__ import annotations

from dashboard import banner, setup, ui


def page_frame() -> None:
    """Sidebar picker and new-episode form, urgent alerts, then errors kept by button callbacks."""
    ui.episode_picker()
    setup.new_episode_sidebar()
    banner.urgent_banner()
    ui.show_flash()
