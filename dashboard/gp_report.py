"""The GP report (PDF) button and its download: one helper for the Progress page and the Clinic's patient view.

Why one helper: the patient (Progress) and the physiotherapist (Clinic) hand the same
two-page report to the same GP; two copies of the button would drift apart (a fix to the
spinner, the file name or the error box made on one page only).
"""
from __future__ import annotations

from typing import Any

import streamlit as st

from analysis.model import columns as c
from analysis.model.names import report_file_name
from dashboard import ui

REPORT_KEY = "report_pdf"  # session state: (episode id, the PDF's bytes, diary revision, day) of the last report


def report_button(where: Any, episode_id: int, key: str) -> None:
    """Draw "Prepare the PDF report" in `where` (st or a column) for `episode_id`, and once prepared, its download.

    `key` names the page's widgets (`key` for the button, `key`_download for the download), so each page keeps
    its own. The PDF is kept in session state with its episode, the diary's revision and the day, and offered
    only while all three are the same: a report prepared for one patient is never offered as another's, nor one
    made before the diary changed (review 14: after an import brought loss of bladder control, the download still
    gave the PDF made before it) or on an earlier day.
    """
    made_for = (episode_id, ui.diary().revision(), ui.today())
    if where.button("Prepare the PDF report", key=key, icon="📄"):
        from analysis.output.report import episode_report  # its charts need matplotlib: loaded only on request

        with ui.user_errors(), st.spinner("Drawing the report…"):
            pdf = episode_report(ui.diary(), episode_id, today=ui.today())
            st.session_state[REPORT_KEY] = (episode_id, pdf, *made_for[1:])
    ready = st.session_state.get(REPORT_KEY)
    if ready and (ready[0], *ready[2:]) == made_for:
        episodes = ui.episodes()
        patient = episodes.loc[episodes[c.EPISODE_ID] == int(episode_id), c.PATIENT]
        name = report_file_name(patient.iloc[0] if len(patient) else "", ui.today())  # one file per patient and day
        where.download_button("Download the report (PDF)", data=ready[1], file_name=name,
                              mime="application/pdf", on_click="ignore", key=f"{key}_download")
