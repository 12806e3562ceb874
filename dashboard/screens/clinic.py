"""Clinic: the physiotherapist's desk. Who needs a call first, one click to a patient, and importing diaries.

A mode of its own: it has its own selected patient (CLINIC_PATIENT_KEY, not the
patient pages' picker) and does not show the patient's "act now" banner; each
patient's urgent alerts are in the list (a word, not only a colour) and in the
patient view.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.model import columns as c
from analysis.model.dates import days_ago, plain_date
from analysis.model.errors import NotFound
from analysis.output import charts
from analysis.review.page_rules import urgent_triage_rows
from analysis.review.progress_for import progress_for
from analysis.review.progress_text import change_words, pain_label
from analysis.review.status_headline import status_label
from analysis.review.triage import (
    REASON_CHOICES,
    cohort_course,
    expected_fraction_course,
    filter_triage,
    patient_alert_text,
    seen_alert_lines,
    triage_list,
)
from analysis.review.triage_caption import patient_labels, triage_caption
from dashboard import clinic_seen, gp_report, setup, ui
from dashboard.clinic_import import upload_section
from dashboard.frame import clinic_frame

CLINIC_PATIENT_KEY = "clinic_patient"  # the episode open in the Clinic (its own, not the sidebar's episode_id)
SEARCH_KEY, FILTER_KEY = "clinic_search", "clinic_filter"  # the list's search box and "Show only" filter
HIGHLIGHTED = 6  # at most this many courses in colour on the cohort chart; the rest are grey
TABLE_HEIGHT = 390  # about ten rows: the list and its filters fit a 1366x768 screen


# --- the triage list -----------------------------------------------------------------------------------------
@st.cache_data(max_entries=4, show_spinner="Summarising every patient…")
def triage_table(path: str, revision: tuple[int, int], today: object) -> pd.DataFrame:
    """The triage list (analysis.review.triage.triage_list), recomputed only when the diary changed."""
    del path, revision  # only the cache key
    diary = ui.diary()
    return triage_list(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), today,
                       seen=diary.seen(), screening=diary.screening(), answers=diary.answers(), live=True)


def current_table() -> pd.DataFrame:
    diary = ui.diary()
    return triage_table(str(diary.path), diary.revision(), ui.today())


def _table_key() -> str:
    return f"clinic_triage_{st.session_state.get('clinic_table_generation', 0)}"


def open_selected() -> None:
    """on_select of the list: open the chosen patient (a callback, so no drawn widget's state is changed)."""
    event = st.session_state.get(_table_key())
    rows = event["selection"]["rows"] if event else []
    shown = st.session_state.get("clinic_shown_ids", [])
    if rows and rows[0] < len(shown):
        st.session_state[CLINIC_PATIENT_KEY] = shown[rows[0]]
        st.session_state["clinic_table_generation"] = st.session_state.get("clinic_table_generation", 0) + 1


def back_to_list() -> None:
    st.session_state.pop(CLINIC_PATIENT_KEY, None)


def list_view(table: pd.DataFrame) -> pd.DataFrame:
    """The list as shown: short labels, and urgent rows marked with a word as well as a colour.

    Eight narrow columns fit beside the sidebar at 1366 px; the change since the
    start and the comparison with the usual course are in the patient view.
    """
    flag = table["priority"].astype(str).mask(urgent_triage_rows(table), "🚨 URGENT")
    return pd.DataFrame({
        "Priority": flag, "Patient": patient_labels(table, ui.today()), "Why": table["reason"],
        # written as every sentence writes it ("3.2" for 3.25: the table's own format gave 3.3), and empty, not the
        # table's grey "None", without recent entries (review 31)
        "Day": table["days_since_onset"],
        "Pain": pd.to_numeric(table["current_pain"], errors="coerce").map(lambda v: "" if pd.isna(v) else f"{v:.1f}"),
        "Active alerts": table["active_alerts"],
        "Screening": table["screening"].map("; ".join),
        "Last entry": table["last_entry_date"], "Quiet": table["days_without_entries"]})


URGENT_ROW_STYLE = "background-color: #fde2e2; color: #7a0010"


def coloured(table: pd.DataFrame) -> pd.io.formats.style.Styler:
    """list_view with the urgent rows coloured, chosen by their priority (page_rules.urgent_triage_rows)."""
    view = list_view(table)
    urgent = urgent_triage_rows(table).to_numpy()
    return view.style.apply(lambda frame: pd.DataFrame(
        [[URGENT_ROW_STYLE if hot else ""] * frame.shape[1] for hot in urgent], index=frame.index,
        columns=frame.columns), axis=None)


def triage_section(table: pd.DataFrame) -> None:
    """All patients, most urgent first; select a row to open that patient."""
    left, right = st.columns([1, 2])
    # a widget not drawn loses its value (Streamlit), so while a patient is open the search and filter wait in
    # keys of the page's own, and come back with the list (review 14: "Back to the list" cleared them)
    for widget in (SEARCH_KEY, FILTER_KEY):
        if widget not in st.session_state and f"{widget}_kept" in st.session_state:
            st.session_state[widget] = st.session_state[f"{widget}_kept"]
    search = left.text_input("Find a patient", key=SEARCH_KEY, placeholder="Name")
    needs = right.multiselect("Show only", options=REASON_CHOICES, key=FILTER_KEY, placeholder="Everyone")
    st.session_state[f"{SEARCH_KEY}_kept"], st.session_state[f"{FILTER_KEY}_kept"] = search, needs
    shown = filter_triage(table, search, needs)
    st.caption(triage_caption(table, shown))
    st.session_state["clinic_shown_ids"] = [int(e) for e in shown["episode_id"]]
    st.dataframe(coloured(shown), key=_table_key(), hide_index=True,
                 width="stretch", height=TABLE_HEIGHT, on_select=open_selected, selection_mode="single-row",
                 column_config={  # pixel widths: the whole row fits 1366 px with the sidebar open
                     "Priority": st.column_config.TextColumn(width=85, help="1 = call first"),
                     "Patient": st.column_config.TextColumn(width=140),
                     "Why": st.column_config.TextColumn(width=170),
                     "Day": st.column_config.NumberColumn(width=45, help="Days since the pain started"),
                     "Pain": st.column_config.TextColumn(width=50, help="7-day average up to the last entry, 0-10 "
                                                         "(empty: too few recent entries)"),
                     "Active alerts": st.column_config.TextColumn(
                         width=250, help="Urgent ones first, each with what was reported and when"),
                     "Screening": st.column_config.TextColumn(
                         width=120, help="Set-up answers (NICE NG59) that were yes: see the GP first"),
                     "Last entry": st.column_config.DateColumn(format="D MMM", width=75),
                     "Quiet": st.column_config.NumberColumn(width=50, help="Days without an entry")})
    highlight = shown.loc[urgent_triage_rows(shown), "episode_id"].head(HIGHLIGHTED).tolist()
    cohort_section(highlight, "Urgent patients in colour; everyone else in grey.")


def cohort_section(highlight: list[int], note: str) -> None:
    course = cohort_course(ui.diary().entries())
    if course.empty:
        return
    st.plotly_chart(charts.cohort(course, expected_fraction_course(int(course[c.DAY].max())), highlight),
                    key="clinic_cohort")
    st.caption(f"{note} Each line is one patient's 7-day average pain divided by their pain at the start; the "
               "dashed line is the published course of acute low back pain (Menezes Costa 2012).")


# --- one patient ---------------------------------------------------------------------------------------------
def patient_section(episode_id: int, table: pd.DataFrame) -> None:
    """The clinician's view of one patient: urgent alerts first, where they stand, their pain course."""
    st.button("← Back to the list", key="clinic_back", on_click=back_to_list)
    rows = table[table["episode_id"] == episode_id]
    if rows.empty:
        st.info("This patient has no diary days up to today.")
        return
    row = rows.iloc[0]
    st.subheader(ui.plain(row["patient"]))
    if pd.isna(row["last_entry_date"]):  # set up, nothing logged yet (triage lists them: review 10)
        st.caption(f"Priority {row['priority']}: {row['reason']}. No diary days logged yet "
                   f"(day {row['days_since_onset']} since the pain started).")
    else:
        st.caption(f"Priority {row['priority']}: {row['reason']}. Last entry {plain_date(row['last_entry_date'])}"
                   f" ({days_ago(int(row['days_without_entries']))}).")
    diary = ui.diary()
    try:
        view = progress_for(diary, episode_id, ui.today())  # the Progress page's and the GP report's view
    except NotFound:
        screening_line(row)
        st.info("No diary days logged yet: the course and alerts appear once the patient logs a day.")
        return
    urgent, others = patient_alert_text(row, view.alerts, escape=ui.plain)
    for line in urgent:
        st.error(line)
    if others:
        st.warning(others)
    screening_line(row)
    for who, line in seen_alert_lines(view.alerts, diary.seen([episode_id]), escape=ui.plain):
        (st.warning if who == "patient" else st.info)(line, icon="👁️")  # a sign seen is no longer active
    if not row["alert_codes"]:
        st.success("No active alerts.")
    clinic_seen.assessment_section(episode_id)  # the practice's own "seen" (review 34)
    cols = st.columns(3)
    cols[0].metric("Day", row["days_since_onset"])
    # "Pain on day 69 (7-day average, last entry)" when the diary stopped, as Progress and the GP report say it:
    # "Pain now" beside "Day 105" read as this week's pain (review 29)
    pain = view.summary.current_pain
    cols[1].metric(pain_label(view.summary), "–" if pain is None or pd.isna(pain) else f"{pain:.1f} of 10")
    change = row["change_points"]
    cols[2].metric("Change since start", "–" if pd.isna(change) else change_words(change))
    # the Progress page's and the GP report's words: never "On track" under the URGENT lines above
    label = status_label(view.summary, view.urgent_elsewhere_titles)  # an earlier episode's urgent sign too
    st.write(f"Compared with the usual course: **{label}**; course so far: {row['trajectory']}.")
    gp_report.report_button(st, episode_id, key="clinic_report_pdf")  # the Progress page's report, for the GP
    st.plotly_chart(charts.pain_course(view.entries, view.expected, title="Pain, day by day",
                                       course=view.course),
                    key="clinic_patient_chart")
    cohort_section([episode_id], "This patient in colour; everyone else in grey.")


def screening_line(row: pd.Series) -> None:
    """The set-up answers that were "yes" (NICE NG59), below any urgent alert: see the GP first."""
    if row["screening"]:
        st.warning("Set-up answers: see the GP first (" + "; ".join(row["screening"]) + ").", icon="🩺")


def main() -> None:
    st.set_page_config(layout="wide")  # the triage table has many columns
    clinic_frame()
    if "clinic_toast" in st.session_state:
        st.toast(st.session_state.pop("clinic_toast"))
    st.title("Clinic")
    table = current_table()
    selected = st.session_state.get(CLINIC_PATIENT_KEY)
    patients, imports = st.tabs(["Patients, most urgent first", "Import diaries"])
    with patients:
        if selected is not None:
            patient_section(int(selected), table)
        elif table.empty:
            st.info("No patients yet. Import diary files in the *Import diaries* tab, or load the demo diary on "
                    "the Today page.", icon="ℹ️")
        else:
            setup.examples_beside_own()  # the demo's patients stand in the list until removed
            triage_section(table)
    with imports:
        upload_section()


main()
