"""The Clinic's "Record my assessment": the physiotherapist closes an alert held until a clinician has seen the
patient, from the patient's view.

Why: the Clinic showed each mark as "by the patient, not a clinician" but offered no way to record one, so an urgent
sign the practice had assessed stayed at the top of the list until the patient pressed a button at home (review 34's
browser walk: a diary discharged from physio was URGENT for numbness a month old). The mark is the one Progress
records (dashboard/alerts_view.seen_control), recorded as the clinician's; a report after it opens the alert again.
"""
from __future__ import annotations

import streamlit as st

from analysis.model import columns as c
from analysis.model.dates import plain_date
from analysis.review.alert_runs import merge_runs
from analysis.review.page_rules import can_be_seen, without_covered
from analysis.review.triage import title_and_rest
from dashboard import alerts_view, ui


def assessment_section(episode_id: int) -> None:
    """One "Assessed on" date and "Record my assessment" button per active alert of the person (any of their
    episodes: an earlier episode's urgent sign heads this one's view too) that a clinician's assessment closes
    (page_rules.can_be_seen), each named with what was reported and when."""
    alerts = alerts_view.person_history(episode_id)
    if alerts.empty:
        return
    active = without_covered(alerts[alerts["active"].astype(bool)])  # numbness under its emergency: one control
    rows = merge_runs(active[[can_be_seen(code, severity) for code, severity
                              in zip(active["code"], active["severity"], strict=True)]])
    if rows.empty:
        return
    st.markdown("**Record your assessment**")
    st.caption("Closes the alert from the day you assessed the patient; a report of the sign after it opens it again.")
    onsets = ui.episodes().set_index(c.EPISODE_ID)[c.ONSET_DATE]
    several = rows[c.EPISODE_ID].nunique() > 1  # the same sign may be open in two: say whose row is whose
    for row in rows.itertuples(index=False):
        title, rest = title_and_rest(row.code, row.detail)
        where = f" (episode from {plain_date(onsets.get(row.episode_id))})" if several else ""
        st.markdown(f"**{ui.plain(title)}**{ui.plain(rest)}{where}.")
        # a key per episode: the same sign may be open in two of the person's episodes
        alerts_view.seen_control(int(row.episode_id), str(row.code), key=f"_clinic_{row.episode_id}", by="clinician")
