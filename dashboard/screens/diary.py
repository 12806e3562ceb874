"""Diary: every logged day as an editable table, delete with confirmation, CSV download."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.model import columns as c
from analysis.model.dates import plain_date
from analysis.model.errors import NotFound
from analysis.model.limits import NOTE_MAX_CHARS
from analysis.output.export import medication_text, symptom_words
from analysis.review.diary_edits import (
    NUMBER_COLUMNS,
    cells_out_of_range,
    dropped_sentence,
    edits_by_day,
    pending,
    require_days,
    row_keys,
    worst_not_below_average,
)
from analysis.storage.backups import backup_words
from analysis.workflows.diary_io import export_csv, restore_bytes
from dashboard import setup, ui
from dashboard.frame import page_frame

EDITABLE = [c.PAIN, c.WORST_PAIN, c.ACTIVITY, c.BED_REST, c.NOTES]


def table(episode_id: int) -> pd.DataFrame:
    """The episode's days, newest first, with medicines and symptoms as read-only text. Indexed by row_keys
    (episode and date, hidden): a table of other days is then a new editor, never one holding these edits."""
    diary = ui.diary()
    entries = diary.entries([episode_id])
    index = pd.MultiIndex.from_frame(entries[[c.EPISODE_ID, c.DATE]])
    view = entries[[c.DATE, *EDITABLE]].assign(**{
        c.MEDICATIONS: medication_text(diary.doses([episode_id])).reindex(index).fillna("").to_numpy(),
        c.SYMPTOMS: symptom_words(diary.symptoms([episode_id])).reindex(index).fillna("").to_numpy()})
    view[c.DATE] = view[c.DATE].dt.date
    view = view.sort_values(c.DATE, ascending=False)
    return view.set_axis(row_keys(episode_id, view[c.DATE]))


# The number columns have no min or max (review 29): the grid changed a number above its max to the max without a
# word (pain 14 was saved as 10). Save checks them against analysis.model.limits instead (cells_out_of_range).
COLUMN_CONFIG = {
    c.DATE: st.column_config.DateColumn("Date", format="ddd D MMM YYYY", disabled=True),
    c.PAIN: st.column_config.NumberColumn(NUMBER_COLUMNS[c.PAIN], step=0.5, required=True),
    c.WORST_PAIN: st.column_config.NumberColumn(NUMBER_COLUMNS[c.WORST_PAIN], step=0.5),
    c.ACTIVITY: st.column_config.NumberColumn(NUMBER_COLUMNS[c.ACTIVITY], step=1),
    c.BED_REST: st.column_config.NumberColumn(NUMBER_COLUMNS[c.BED_REST], step=0.5),
    c.NOTES: st.column_config.TextColumn("Notes", max_chars=NOTE_MAX_CHARS),
    c.MEDICATIONS: st.column_config.TextColumn("Medicines", disabled=True),
    c.SYMPTOMS: st.column_config.TextColumn("Warning signs", disabled=True),
}


PENDING_KEY = "_diary_pending"  # what the table showed on the last run and its unsaved days (diary_edits)
RANGE_ASKED = "_diary_range_asked"  # Save was pressed with a number outside its range: said until it is changed
EDITOR_VERSION = "_diary_editor_version"  # how many Saves this session: the table's widget is new after each


def editor_key() -> str:
    """The table's widget key, new after each Save, so the grid is drawn from what was stored. Why: the grid keeps
    its own copy of the edits typed into it, and a worst pain raised to the day's pain on Save went on showing as
    typed (2 beside a stored 6), then was called "not saved" when another day was deleted (review 36)."""
    version = st.session_state.get(EDITOR_VERSION, 0)
    return "diary_editor" if not version else f"diary_editor_{version}"


def save_edits(episode_id: int, view: pd.DataFrame) -> None:
    """Apply the editor's edits to the days of the rows they were typed in (`view`: the table as drawn with
    this button), all or nothing; refused in one sentence when an edited day is no longer in the diary, and in
    a sentence per cell (under the table, _range_sentences) when a number is outside its range."""
    unsaved = st.session_state.pop(PENDING_KEY, None)  # answered now: saved, or refused with its own sentence(s)
    edits = edits_by_day(st.session_state.get(editor_key(), {}).get("edited_rows", {}), view[c.DATE].tolist())
    if cells_out_of_range(edits):  # nothing is stored and nothing typed is cleared: the sentences say what to change
        st.session_state[PENDING_KEY] = unsaved  # still unsaved: said if the table changes under them
        st.session_state[RANGE_ASKED] = True
        return
    st.session_state.pop(RANGE_ASKED, None)
    diary = ui.diary()
    with diary.transaction():
        require_days(edits, lambda day: diary.entry(episode_id, day) is not None)
        for day, changes in edits.items():
            stored = diary.entry(episode_id, day)
            assert stored is not None  # require_days above
            diary.update_entry(episode_id, day, **worst_not_below_average(changes, stored.pain, stored.worst_pain))
    count = len(edits)
    st.session_state.pop(editor_key(), None)  # a new table, drawn from the saved values
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1
    st.toast(f"Saved changes to {count} day{'s' * (count != 1)}." if count else "Nothing was changed.")


def _range_sentences(view: pd.DataFrame) -> None:
    """After a Save with a number outside its range: a sentence per such cell, until each is changed (an error on
    the page, not a toast: it must stay while the person corrects the table)."""
    problems = []
    if st.session_state.get(RANGE_ASKED):
        try:
            problems = cells_out_of_range(edits_by_day(
                st.session_state.get(editor_key(), {}).get("edited_rows", {}), view[c.DATE].tolist()))
        except NotFound:  # the table changed under the edits: dropped_sentence says so
            problems = []
    if not problems:
        st.session_state.pop(RANGE_ASKED, None)
    for problem in problems:
        st.error(problem, icon="✏️")


def delete_controls(episode_id: int, view: pd.DataFrame) -> None:
    """Pick a day, then confirm, before anything is deleted."""
    with st.expander("Delete a day"):
        day = st.selectbox("Day to delete", view[c.DATE], format_func=lambda d: plain_date(d, "%a %-d %b %Y"),
                           key="delete_day")
        st.button("Delete this day…", key="delete_ask", on_click=_ask, args=((episode_id, day),))
        # the question belongs to the diary it was asked in: after switching diaries it is not asked of another
        asked_in, pending = st.session_state.get("delete_pending") or (None, None)
        if pending is not None and asked_in == episode_id:
            st.warning(f"Delete everything logged on {plain_date(pending)}? This cannot be undone.")
            yes, no = st.columns(2)
            yes.button("Yes, delete it", type="primary", key="delete_confirm",
                       on_click=ui.action(_delete, episode_id, pending, done=f"Deleted {plain_date(pending)}."))
            no.button("Cancel", key="delete_cancel", on_click=_ask, args=(None,))


def _ask(asked: tuple[int, object] | None) -> None:
    """Remember the day asked to delete with the episode it was asked in (None: nothing asked)."""
    st.session_state["delete_pending"] = asked


def _delete(episode_id: int, day: object) -> None:
    st.session_state["delete_pending"] = None
    ui.diary().delete_entry(episode_id, day)


def backup_controls() -> None:
    """The whole diary (every patient and episode) in one file, and putting such a file back."""
    with st.expander("Back up or move to a new computer"):
        st.download_button("Download a backup of the whole diary", data=ui.diary_backup(),
                           file_name="backtrack-backup.db", mime="application/octet-stream", on_click="ignore",
                           key="backup_download", icon="💾")
        upload = st.file_uploader("Restore from a backup file (replaces everything in this diary)", type=["db"],
                                  key="restore_upload")
        if upload is not None:
            st.button("Replace this diary with the backup", key="restore_confirm", type="primary",
                      on_click=ui.action(restore_bytes, ui.diary(), upload.getvalue(), upload.name,
                                         done="The diary was restored from the backup."))
    automatic_backup_controls()


def automatic_backup_controls() -> None:
    """The automatic copies made before every import, restore and upgrade, and putting one back."""
    kept = ui.diary().automatic_backups()
    st.caption("Backtrack keeps the last few copies of the diary, made before every import, restore and upgrade. "
               "Restoring one keeps a copy of the diary it replaces.")
    if not kept:
        st.text("No automatic backups yet.")
        return
    chosen = st.selectbox("Automatic backup", kept, format_func=backup_words, key="auto_backup_pick")
    pending = st.session_state.get(RESTORE_PENDING)
    if pending != str(chosen):  # asked first: a restore undoes everything saved since the copy (review 12)
        st.button("Restore this automatic backup", key="auto_backup_restore",
                  on_click=lambda: st.session_state.update({RESTORE_PENDING: str(chosen)}))
        return
    st.warning(f"Put back the diary as it was on {backup_words(chosen)}? Everything saved since then is undone "
               "(a copy of the diary as it is now is kept among these backups).", icon="↩️")
    left, right = st.columns(2)
    left.button("Yes, restore this backup", key="auto_backup_confirm", type="primary",
                on_click=ui.action(_restore_automatic, chosen, done="The diary was restored from the backup."))
    right.button("Cancel", key="auto_backup_cancel", on_click=lambda: st.session_state.pop(RESTORE_PENDING, None))


RESTORE_PENDING = "auto_backup_pending"  # the automatic backup the person asked to restore, until confirmed


def _restore_automatic(path: object) -> None:
    st.session_state.pop(RESTORE_PENDING, None)
    ui.diary().restore(path)


def main() -> None:
    page_frame()
    st.title("Diary")
    episode_id = ui.episode_with_entries("Your diary is empty.")
    if episode_id is None:
        episode = ui.current_episode()
        if episode is not None:  # the set-up answers can be changed before the first day
            setup.episode_editor(episode)
            setup.screening_editor(int(episode.name))
        return
    episode = ui.current_episode()
    view = table(episode_id)
    st.caption("Click a cell to correct it, then press Save changes. Medicines and warning signs are "
               "changed on the Today page (pick the date there).")
    dropped = dropped_sentence(st.session_state.get(PENDING_KEY), episode_id, view.index,
                               editor_kept=editor_key() in st.session_state)
    if dropped:  # the table changed under an unsaved edit: Streamlit dropped it (never moved it to another row)
        st.warning(dropped, icon="↩️")
    # placeholder="": a value not given (worst pain, minutes, notes ...) is an empty cell, not Streamlit's "None",
    # which a patient reads as a value; what is stored and exported stays missing
    st.data_editor(view, key=editor_key(), num_rows="fixed", column_config=COLUMN_CONFIG,
                   hide_index=True, width="stretch", placeholder="")
    _range_sentences(view)
    st.session_state[PENDING_KEY] = pending(episode_id, view.index, st.session_state[editor_key()]["edited_rows"],
                                            view[c.DATE].tolist())
    st.button("Save changes", key="diary_save", type="primary", on_click=ui.action(save_edits, episode_id, view))
    delete_controls(episode_id, view)
    st.download_button("Download diary (CSV)", data=export_csv(ui.diary(), patient=episode[c.PATIENT]),
                       file_name="backtrack-diary.csv", mime="text/csv", on_click="ignore", key="diary_download",
                       icon="⬇️")
    backup_controls()
    setup.episode_editor(episode)
    setup.screening_editor(episode_id)


main()
