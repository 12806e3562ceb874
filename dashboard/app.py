"""Backtrack's Streamlit entry point: `streamlit run dashboard/app.py` from the repository root.

Builds the navigation; each page is a thin script in dashboard/pages/ that
starts with dashboard.frame.page_frame() (diary picker, urgent-alert banner).
"""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # streamlit puts dashboard/ on the path, not the repo root
    sys.path.insert(0, str(ROOT))


PAGES = {
    "Patient": [
        st.Page("pages/today.py", title="Today", icon=":material/edit_note:", default=True),
        st.Page("pages/progress.py", title="Progress", icon=":material/trending_down:"),
        st.Page("pages/diary.py", title="Diary", icon=":material/table_view:"),
    ],
    "Physiotherapist": [
        st.Page("pages/clinic.py", title="Clinic", icon=":material/groups:"),
    ],
}

st.set_page_config(page_title="Backtrack", page_icon=":material/accessibility_new:", layout="centered")
navigation = st.navigation(PAGES, position="sidebar")
navigation.run()
