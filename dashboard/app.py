"""Backtrack's Streamlit entry point: `streamlit run dashboard/app.py` from the repository root.

Builds the navigation; each page is a thin script in dashboard/screens/ (not pages/, which
Streamlit would also list on its own when a page URL is opened directly) that
starts with dashboard.frame.page_frame() (diary picker, urgent-alert banner); the Clinic, a mode
of its own, starts with dashboard.frame.clinic_frame() instead. Icons are emoji: a
Material icon name would make the browser fetch a font from the internet.
"""
from __future__ import annotations

import streamlit as st

from dashboard import ui

PAGES = {
    "Patient": [
        st.Page("screens/today.py", title="Today", icon="📝", default=True),
        st.Page("screens/progress.py", title="Progress", icon="📉"),
        st.Page("screens/diary.py", title="Diary", icon="📋"),
    ],
    "Physiotherapist": [
        st.Page("screens/clinic.py", title="Clinic", icon="🩺"),
    ],
}

st.set_page_config(page_title="Backtrack", page_icon="🌱")  # layout: each page's own (the Clinic is wide)
navigation = st.navigation(PAGES, position="sidebar")
# A collapsed sidebar is drawn off screen but its links stayed in the Tab order: on a phone the first six Tab presses
# went to controls nobody could see (review 22; WCAG 2.4.7 "focus visible"). Hidden while collapsed, they leave it.
# A static style, no user text (st.html with a style element alone takes no room on the page).
st.html("<style>[data-testid='stSidebar'][data-collapsed='true'] { visibility: hidden; }</style>")
with ui.user_errors():  # an error no page expected (data another program wrote) is one calm sentence, not a traceback
    navigation.run()
