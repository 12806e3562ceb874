"""The Clinic's "Import diaries" tab: many files at once, a progress bar, each refused file's problems with a way to
fix it (its date order, its columns, the patient a fitness app's minutes belong to), and the problem report.

Why a module of its own: the Clinic page (screens/clinic.py) is the triage list and one patient; importing is the
other half of the desk, with its own state kept per file name (KEPT_PER_FILE).
"""
from __future__ import annotations

import functools

import streamlit as st

from analysis.ingest.file_owner import owner_named
from analysis.ingest.headers import column_for, columns_left_out, mapping_targets, unpicked_required
from analysis.ingest.import_limits import current_limits
from analysis.ingest.readers import open_sheet
from analysis.model.errors import BacktrackError, ColumnsNotRecognised, SourceNeeded
from analysis.workflows.diary_io import REFUSED, FileResult, distinct_names, import_many
from analysis.workflows.problem_report import problem_report_csv
from analysis.workflows.upload_box import removed_refusals
from dashboard import ui

RESULTS_KEY, FILES_KEY = "clinic_results", "clinic_files"  # per file name: the last result, the bytes
MAPPINGS_KEY = "clinic_mappings"  # per file name: the columns picked for it on this page (mapping_step)
IDS_KEY = "clinic_file_ids"  # per file name: the id of the uploaded file it came from (_forget_removed)
PATIENTS_KEY = "clinic_patients"  # per file name: the patient chosen for a fitness app's file (patient_step)
SOURCES_KEY = "clinic_sources"  # per file name: whose activity in a file of several people's (source_step)
KEPT_PER_FILE = (RESULTS_KEY, FILES_KEY, MAPPINGS_KEY, PATIENTS_KEY, SOURCES_KEY, IDS_KEY)  # kept of each file
DATE_ORDERS = {"auto": "Decide from the dates", "dmy": "Day first (31/12/2026)", "mdy": "Month first (12/31/2026)"}
TARGETS = mapping_targets()  # every diary column the CLI's --map takes, date and pain first, named for people
PICKERS_PER_ROW = 3
HOW_ON_THIS_PAGE = "Say below which column holds {}, then press Import with these columns."  # not "Give a mapping"
# the downloaded report's: "below" and the button point nowhere in a spreadsheet (review 31's browser walk)
HOW_IN_THE_REPORT = "Say which column holds {} in the Clinic's import (its column step), or with the CLI's --map."


def upload_section() -> None:
    """Many files at once, a progress bar that counts imported and refused files, then a summary."""
    files = st.file_uploader("Diary files (CSV from any spreadsheet or app, or Excel .xlsx)", key="clinic_upload",
                             type=["csv", "tsv", "txt", "xlsx"], accept_multiple_files=True,
                             max_upload_size=max(1, int(current_limits().max_file_mb)),  # read_diary checks it too
                             on_change=_forget_removed)
    order = st.selectbox("Dates like 03/02/2026 are", options=list(DATE_ORDERS), format_func=DATE_ORDERS.get,
                         key="clinic_date_order")
    if st.button("Import", key="clinic_import", type="primary", disabled=not files):
        named = list(zip(distinct_names([f.name for f in files]), files, strict=True))  # one result per file
        fresh = _not_yet_imported(named)
        # the order chosen decides only the files whose own dates cannot tell (review 14)
        if fresh:
            run_import([(name, f.getvalue()) for name, f in fresh], None, None, None if order == "auto" else order)
        else:
            st.session_state["clinic_toast"] = "Every file in the box was imported already: add more, or fix a " \
                                               "refused one below."
        st.rerun()  # the list above is drawn again with the new patients
    show_results()


def _not_yet_imported(named: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """The files of the box to import now: those it did not hold at the last Import (by upload id); what is kept of
    the others stays (their results, the columns, patient and person chosen in their steps), and what was kept of
    files taken out of the box goes. Why: files added to the box and Import again ran every file afresh, and a
    file imported through its column step was listed as refused again, its columns forgotten (review 36)."""
    before = st.session_state.get(IDS_KEY, {})
    results = st.session_state.get(RESULTS_KEY, {})
    kept = {name for name, upload in named if before.get(name) == upload.file_id and name in results}
    for store in KEPT_PER_FILE:
        st.session_state[store] = {name: value for name, value in st.session_state.get(store, {}).items()
                                   if name in kept}
    st.session_state[IDS_KEY] = {name: upload.file_id for name, upload in named}
    return [(name, upload) for name, upload in named if name not in kept]


def _forget_removed() -> None:
    """The upload box's on_change: drop what is kept of the refused files taken out of it (removed_refusals)."""
    results: dict[str, FileResult] = st.session_state.get(RESULTS_KEY, {})
    refused = {name for name, result in results.items() if result.status == REFUSED}
    present = {f.file_id for f in st.session_state.get("clinic_upload") or []}
    for name in removed_refusals(st.session_state.get(IDS_KEY, {}), present, refused):
        for kept in KEPT_PER_FILE:
            st.session_state.get(kept, {}).pop(name, None)


def counts(results: list[FileResult]) -> str:
    """'2 imported, 1 refused': what the progress bar, the toast and the summary say."""
    refused = sum(r.status == REFUSED for r in results)
    return f"{len(results) - refused} imported, {refused} refused"


def run_import(files: list[tuple[str, bytes]], date_order: str | None, mapping: dict[str, str] | None,
               unclear_order: str | None = None, patient: str | None = None, source: str | None = None) -> None:
    """Import the files; each file's result replaces only that file's earlier one (the others keep theirs).

    `mapping` is remembered for the files it was given for: a later step for the same file (its date order)
    imports it with the same columns (review 14: the date-order step dropped them and the file was refused
    again for want of a date column). `unclear_order`: the order of files whose dates cannot tell."""
    bar = st.progress(0.0, text="Importing…")
    results: dict[str, FileResult] = st.session_state.setdefault(RESULTS_KEY, {})
    st.session_state.setdefault(FILES_KEY, {}).update(dict(files))
    if mapping is not None:
        st.session_state.setdefault(MAPPINGS_KEY, {}).update({name: mapping for name, _ in files})
    if patient:  # likewise the patient chosen for a fitness app's file (review 15: its date step dropped it)
        st.session_state.setdefault(PATIENTS_KEY, {}).update({name: patient for name, _ in files})
    if source:  # and whose activity in a file of several people's, for its patient step after it
        st.session_state.setdefault(SOURCES_KEY, {}).update({name: source for name, _ in files})
    done: list[FileResult] = []
    chosen = {"patient": patient} if patient else {}  # whose diary a fitness app's minutes go into
    chosen |= {"source_id": source} if source else {}  # whose activity, in a file of several people's
    for result in import_many(ui.diary(), files, date_order=date_order, mapping=mapping, unclear_order=unclear_order,
                              **chosen):
        done.append(result)
        results[result.name] = result
        bar.progress(len(done) / len(files), text=f"{counts(done)} ({len(done)} of {len(files)} files)")
    st.session_state["clinic_toast"] = f"{counts(done)}."  # shown after the rerun that redraws the list


def show_results() -> None:
    """Refused files first, each with its problems and a way to fix it; the imported ones folded together."""
    results: list[FileResult] = list(st.session_state.get(RESULTS_KEY, {}).values())
    if not results:
        return
    st.write(f"**{counts(results)}.**")
    for result in (r for r in results if r.status == REFUSED):
        with st.expander(f"{ui.plain(result.name)}: {result.status}", expanded=True, icon="⛔"):
            st.text(result.summary)
            for line in problem_lines(result):
                st.text(f"• {line}")
            if result.needs_date_order:
                date_order_step(result.name)
            elif result.needs_mapping:
                mapping_step(result.name)
            elif result.needs_patient:
                patient_step(result.name)
            elif result.needs_source:
                source_step(result.name, result.refusal.sources)
    imported = [r for r in results if r.status != REFUSED]
    if imported:
        warned = sum(bool(r.warnings) for r in imported)
        with st.expander(f"Imported files: {len(imported)}" + (f" ({warned} with warnings)" if warned else ""),
                         icon="✅"):
            for result in imported:
                st.text(result.summary)
                for line in result.warnings:
                    st.text(f"   ⚠ {line}")
    # made on click (a callable): the report lists every warning (a large file's thousands), too slow to write on
    # every rerun of the page
    report = functools.partial(problem_report_csv, results, HOW_IN_THE_REPORT)  # not a mapping, not 'below'
    st.download_button("Download the problem report (CSV)", data=report,
                       file_name="import-problems.csv", mime="text/csv", on_click="ignore", key="clinic_report")


def _import_again(name: str, data: bytes, date_order: str | None = None, **chosen: object) -> None:
    """Import a refused file again after one of its steps, with what its other steps chose kept (its columns, the
    patient, whose activity: each step dropped the others' once, review 14 and 15) and `chosen` given now; the
    page's date order for dates that cannot tell, unless a `date_order` is chosen. Then draw the page again."""
    kept = {"mapping": MAPPINGS_KEY, "patient": PATIENTS_KEY, "source": SOURCES_KEY}
    given = {key: st.session_state.get(store, {}).get(name) for key, store in kept.items()} | chosen
    order = st.session_state.get("clinic_date_order", "auto")
    run_import([(name, data)], date_order, given["mapping"], None if date_order or order == "auto" else order,
               patient=given["patient"], source=given["source"])
    st.rerun()


def problem_lines(result: FileResult) -> list[str]:
    """A refused file's problems as this page says them: a missing column is picked below, not given as a mapping."""
    if isinstance(result.refusal, ColumnsNotRecognised):
        return result.refusal.worded(HOW_ON_THIS_PAGE)
    if isinstance(result.refusal, SourceNeeded):
        return result.refusal.worded("choose whose below.")  # not the CLI's --source-id (review 34)
    return result.problems


def date_order_step(name: str) -> None:
    """The file's dates could be read either way: let the user say which, then import it again."""
    data = st.session_state.get(FILES_KEY, {}).get(name)
    if data is None:
        return
    left, right = st.columns(2)
    for column, (order, label) in zip((left, right), list(DATE_ORDERS.items())[1:], strict=True):
        if column.button(f"Import with {label.lower()}", key=f"order_{name}_{order}"):
            _import_again(name, data, date_order=order)


def patient_step(name: str) -> None:
    """A fitness app's minutes that name nobody: choose whose diary they go into, then import them (the CLI's
    --patient; review 14: the page refused the file and offered no way to choose)."""
    data = st.session_state.get(FILES_KEY, {}).get(name)
    names = ui.diary().patient_names()
    if data is None or not names:
        return
    # nobody chosen unless the file's name, less the app's own, is a diary's (owner_named): the first was (review 31)
    suggested = owner_named(name, names)
    chosen = st.selectbox("Whose diary are these minutes for?", names, key=f"patient_{name}",
                          index=None if suggested is None else names.index(suggested), placeholder="Choose a diary")
    label = f"Add the minutes to {ui.plain(chosen)}'s diary" if chosen else "Add the minutes to the diary chosen"
    if st.button(label, key=f"patient_{name}_import", disabled=chosen is None):
        _import_again(name, data, patient=chosen)


def source_step(name: str, sources: list[str]) -> None:
    """A file of several people's activity (Fitbit's Ids): choose whose, then import it (the CLI's --source-id;
    review 34's browser walk: the page said "choose one with --source-id" and offered no way to choose)."""
    data = st.session_state.get(FILES_KEY, {}).get(name)
    if data is None or not sources:
        return
    chosen = st.selectbox("Whose activity in this file?", sources, key=f"source_{name}", index=None,
                          placeholder="Choose an Id")
    if st.button("Import this person's minutes", key=f"source_{name}_import", disabled=chosen is None):
        _import_again(name, data, source=chosen)


def mapping_step(name: str) -> None:
    """When the date or pain column was not recognised, let the user say which column holds what.

    Every diary column has a picker (worst pain, minutes, medicines, notes...), not only the two required:
    a column not picked and not recognised by its header is left out of the import. The choices make the
    same mapping ({header: column}) as the CLI's --map; a column recognised by its header starts chosen.
    """
    data = st.session_state.get(FILES_KEY, {}).get(name)
    if data is None:
        return
    try:
        headers = open_sheet(data, name).headers
    except BacktrackError:
        return
    st.write("Which columns hold what? Date and pain are needed; the others are optional.")
    options = ["—", *headers]
    mapping: dict[str, str] = {}
    clash = False
    targets = list(TARGETS.items())
    for start in range(0, len(targets), PICKERS_PER_ROW):
        row = targets[start:start + PICKERS_PER_ROW]
        for column, (target, label) in zip(st.columns(PICKERS_PER_ROW), row, strict=False):
            known = next((h for h in headers if column_for(h) == target), "—")
            choice = column.selectbox(label, options=options, index=options.index(known),
                                      key=f"map_{name}_{target}")
            if choice in mapping:
                st.warning(f"{ui.plain(choice)} is picked twice ({TARGETS[mapping[choice]]} and {label}): "
                           "pick each column once.")
                clash = True
            elif choice != "—":
                mapping[choice] = target
    left_out = columns_left_out(headers, mapping)
    if left_out:  # a notes column in another language may hold a warning sign (review 31)
        st.caption(ui.plain(left_out))
    unpicked = unpicked_required(mapping)
    if unpicked:  # said, and the button waits: pressed, it gave the same refusal again and seemed dead (review 30)
        st.info(unpicked, icon="👉")
    if st.button("Import with these columns", key=f"map_{name}_import", disabled=bool(unpicked) or clash):
        _import_again(name, data, mapping=mapping)
