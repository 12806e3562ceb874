"""What the pages show around their own content.

The patient pages (Today, Progress, Diary) call `page_frame()` first: the
diary picker, the patient's urgent "act now" banner, kept errors. The Clinic
is another mode with its own state: it calls `clinic_frame()`, which asks for
neither the picker nor the patient's banner (it shows each patient's urgent
alerts in its own list). (Elements written by the entry script
itself are lost on reruns under AppTest with st.navigation, so the shared
parts are drawn by the pages.)
"""
from __future__ import annotations

import streamlit as st

from dashboard import banner, form_draft, setup, ui


def page_frame() -> None:
    """For the patient pages: sidebar picker and new-episode form, the urgent banner, then kept errors."""
    st.set_page_config(layout="centered")  # a phone-width column, also after a visit to the wide Clinic
    ui.episode_picker()
    form_draft.forget_gone(ui.episode_owners())
    setup.new_episode_sidebar()
    banner.urgent_banner()
    ui.show_flash()


def clinic_frame() -> None:
    """For the Clinic: only errors kept by button callbacks (no patient picker, no patient banner); the patient
    pages' drafts of episodes no longer in the diary dropped (the Clinic can replace a diary)."""
    form_draft.forget_gone(ui.episode_owners())
    ui.show_flash()
