"""Clinic: import patients' diary files, see who needs attention first, open a patient's progress."""
from __future__ import annotations

import streamlit as st

from analysis import charts
from analysis import columns as c
from analysis.diary_io import REFUSED, WITH_WARNINGS, FileResult, import_many, problem_report_csv
from analysis.errors import BacktrackError, DateOrderUnclear
from analysis.readers import open_sheet
from analysis.summary import summarise
from analysis.triage import REASONS, cohort_course, expected_fraction_course, triage
from dashboard import ui
from dashboard.frame import page_frame

DATE_ORDERS = {"auto": "Decide from the dates", "dmy": "Day first (31/12/2026)", "mdy": "Month first (12/31/2026)"}
TARGETS = {"date": "Date", "pain": "Pain (0-10)"}
RESULT_ICONS = {REFUSED: "⛔", WITH_WARNINGS: "⚠️"}


def upload_section() -> None:
    """Many files at once, a progress bar, and one line per file."""
    st.subheader("Import diaries")
    files = st.file_uploader("Diary files (CSV from any spreadsheet or app, or Excel .xlsx)", key="clinic_upload",
                             type=["csv", "tsv", "txt", "xlsx"], accept_multiple_files=True)
    order = st.selectbox("Dates like 03/02/2026 are", options=list(DATE_ORDERS), format_func=DATE_ORDERS.get,
                         key="clinic_date_order")
    if st.button("Import", key="clinic_import", type="primary", disabled=not files):
        run_import([(f.name, f.getvalue()) for f in files], None if order == "auto" else order, None)
    show_results()


def run_import(files: list[tuple[str, bytes]], date_order: str | None, mapping: dict[str, str] | None) -> None:
    bar = st.progress(0.0, text="Importing…")
    results: list[FileResult] = []
    for done, result in enumerate(import_many(ui.diary(), files, date_order=date_order, mapping=mapping), 1):
        results.append(result)
        bar.progress(done / len(files), text=f"Imported {done} of {len(files)} files")
    st.session_state["clinic_results"] = results
    st.session_state["clinic_files"] = dict(files)
    refused = sum(r.status == REFUSED for r in results)
    st.toast(f"{len(results) - refused} of {len(results)} files imported" + (f"; {refused} refused." if refused
                                                                               else "."))


def show_results() -> None:
    results: list[FileResult] = st.session_state.get("clinic_results", [])
    if not results:
        return
    for result in results:
        with st.expander(f"{ui.plain(result.name)}: {result.status}", expanded=result.status == REFUSED,
                         icon=RESULT_ICONS.get(result.status, "✅")):
            st.text(result.summary)
            for line in result.problems + result.warnings:
                st.text(f"• {line}")
            if isinstance(result.refusal, DateOrderUnclear):
                date_order_step(result.name)
            elif result.status == REFUSED and any("mapping" in p for p in result.problems + [result.summary]):
                mapping_step(result.name)
    st.download_button("Download the problem report (CSV)", data=problem_report_csv(results),
                       file_name="import-problems.csv", mime="text/csv", on_click="ignore", key="clinic_report")


def date_order_step(name: str) -> None:
    """The file's dates could be read either way: let the user say which, then import it again."""
    data = st.session_state.get("clinic_files", {}).get(name)
    if data is None:
        return
    left, right = st.columns(2)
    for column, (order, label) in zip((left, right), list(DATE_ORDERS.items())[1:], strict=True):
        if column.button(f"Import with {label.lower()}", key=f"order_{name}_{order}"):
            run_import([(name, data)], order, None)
            st.rerun()


def mapping_step(name: str) -> None:
    """When the date or pain column was not recognised, let the user say which column it is."""
    data = st.session_state.get("clinic_files", {}).get(name)
    if data is None:
        return
    try:
        headers = open_sheet(data, name).headers
    except BacktrackError:
        return
    st.write("Which columns hold the date and the pain score?")
    mapping = {}
    for target, label in TARGETS.items():
        choice = st.selectbox(label, options=["—", *headers], key=f"map_{name}_{target}")
        if choice != "—":
            mapping[choice] = target
    if st.button("Import with these columns", key=f"map_{name}_import", disabled=len(mapping) < 1):
        run_import([(name, data)], None if st.session_state["clinic_date_order"] == "auto"
                   else st.session_state["clinic_date_order"], mapping)
        st.rerun()


@st.cache_data(max_entries=4, show_spinner="Summarising every patient…")
def triage_table(path: str, revision: tuple[int, int], today: object) -> object:
    """The triage list, recomputed only when the diary (path, revision) changed: a large clinic takes seconds."""
    del path, revision  # only the cache key
    diary = ui.diary()
    return triage(summarise(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes()), today)


def triage_section() -> None:
    """All patients, who needs attention first; select a row to open that patient's progress."""
    st.subheader("Patients, most urgent first")
    diary = ui.diary()
    table = triage_table(str(diary.path), diary.revision(), ui.today())
    if table.empty:
        st.info("No patients yet. Import diary files above, or load the demo diary on the Today page.",
                icon="ℹ️")
        return
    left, right = st.columns([2, 1])
    search = left.text_input("Find a patient", key="clinic_search", placeholder="Name")
    needs = right.multiselect("Show", options=list(REASONS.values()), key="clinic_filter",
                              placeholder="Everyone")
    shown = table[table["patient"].str.contains(search, case=False, regex=False)] if search else table
    shown = shown[shown["reason"].isin(needs)] if needs else shown
    view = shown.rename(columns={
        "reason": "Why here", "patient": "Patient", "days_since_onset": "Day", "current_pain": "Pain now",
        "change_points": "Change", "status": "Compared with usual", "trajectory": "Course",
        "active_alerts": "Active alerts", "last_entry_date": "Last entry", "days_without_entries": "Days quiet"})
    columns = ["Why here", "Patient", "Day", "Pain now", "Change", "Compared with usual", "Course", "Active alerts",
               "Last entry", "Days quiet"]
    generation = st.session_state.setdefault("clinic_table_generation", 0)
    event = st.dataframe(view[columns], key=f"clinic_triage_{generation}", hide_index=True, width="stretch",
                         on_select="rerun", selection_mode="single-row", column_config={
                             "Pain now": st.column_config.NumberColumn(format="%.1f"),
                             "Change": st.column_config.NumberColumn(format="%+.1f", help="Points since the start"),
                             "Last entry": st.column_config.DateColumn(format="D MMM YYYY")})
    st.caption("Select a row to open that patient's full progress.")
    rows = event.selection.rows if event and hasattr(event, "selection") else []
    if rows:
        st.session_state[ui.EPISODE_KEY] = int(shown.iloc[rows[0]]["episode_id"])
        st.session_state["clinic_table_generation"] = generation + 1  # a fresh table (no selection) next time
        st.switch_page("screens/progress.py")
    cohort_section(diary)


def cohort_section(diary: object) -> None:
    entries = diary.entries()  # type: ignore[attr-defined]
    course = cohort_course(entries)
    if course.empty:
        return
    st.plotly_chart(charts.cohort(course, expected_fraction_course(int(course[c.DAY].max()))), key="clinic_cohort")
    st.caption("Each line is one patient's 7-day average pain divided by their pain at the start; the dashed line is "
               "the published course of acute low back pain (Menezes Costa 2012).")


def main() -> None:
    st.set_page_config(layout="wide")  # the triage table has many columns
    page_frame()
    st.title("Clinic")
    st.caption("The review desk: import diaries from patients, see who needs attention first, and open a "
               "patient's progress or report.")
    upload_section()
    st.divider()
    triage_section()


main()
