"""Shared page plumbing: the diary connection, the chosen episode, and error display.

The one place where the dashboard turns a BacktrackError into a message is
`user_errors()`. User text (names, notes, file names) is only ever shown
through `plain()` or as table cells, never as HTML or live markdown, so a note
cannot inject a link or fetch an image.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from analysis.model import columns as c
from analysis.model.dates import plain_date
from analysis.model.errors import BacktrackError
from analysis.storage import Diary, default_path

EPISODE_KEY = "episode_id"
KEPT_EPISODE_KEY = "_patient_episode"  # a plain copy of the picker's choice: widget state ends with its page
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|<>~$:])")  # what can start markup inside a line


def plain(text: object) -> str:
    """Escape markdown so user text is shown literally (no links, images, HTML or formatting)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


@st.cache_resource
def diary_at(path: str) -> Diary:
    """The diary at `path`, opened once per server and shared by every session."""
    return Diary(path)


def diary_backup() -> bytes:
    """A backup of the whole diary, copied again only when the diary has changed since the last one."""
    current = diary()
    return _backup_at(str(current.path), current.revision())


@st.cache_data(max_entries=1)
def _backup_at(path: str, revision: tuple[int, int]) -> bytes:
    from analysis.workflows.diary_io import backup_bytes

    del revision  # only the cache key: a new revision means the diary changed
    return backup_bytes(diary_at(path))


def diary() -> Diary:
    """The diary at $BACKTRACK_DB (or the default path), opened once per server; when `restore` has put a backup in
    the place of a damaged diary since, the shared connection opens the restored file first, so every page reads
    and writes the diary at the path, not the damaged copy renamed aside (review 26)."""
    current = diary_at(str(default_path()))
    current.follow_replacement()
    return current


@contextmanager
def user_errors() -> Iterator[None]:
    """Show a BacktrackError as a calm error box instead of a traceback."""
    try:
        yield
    except BacktrackError as error:
        st.error(plain(error), icon="⛔")


FLASH_KEY = "_flash_errors"
NOTE_KEY = "_flash_notes"
WARNING_KEY = "_flash_warnings"  # a callback's "done, but": kept on the page, where a toast faded (review 32)


def action(function: Callable[..., object], *args: object, done: str | None = None,
           note: str | None = None) -> Callable[[], None]:
    """A button callback: run `function(*args)`, toast `done` and keep `note` to show on this run (or keep the
    error to show instead).

    Callbacks run before the page script, so the page always shows the data as it is after the change. A `note`
    is written on the page below the urgent banner, for a change that can bring a banner in: a toast opens over
    the top right of the page, where the banner is (a 1280-pixel window hid the end of its first line).
    """
    def run() -> None:
        try:
            function(*args)
        except BacktrackError as error:
            st.session_state.setdefault(FLASH_KEY, []).append(str(error))
            return
        if done:
            st.toast(done, icon="✅")
        if note:
            st.session_state.setdefault(NOTE_KEY, []).append(note)
    return run


def show_flash() -> None:
    """Show errors and notes kept by button callbacks (once)."""
    for message in st.session_state.pop(FLASH_KEY, []):
        st.error(plain(message), icon="⛔")
    for message in st.session_state.pop(NOTE_KEY, []):
        st.success(message, icon="✅")
    for message in st.session_state.pop(WARNING_KEY, []):
        st.warning(message, icon="⚠️")


def warn_on_page(message: str) -> None:
    """From a callback: `message` written on the page (show_flash), for what the person must read, not a toast."""
    st.session_state.setdefault(WARNING_KEY, []).append(message)


def today() -> dt.date:
    """The date on this computer (the dashboard may read the clock; analysis/ never does)."""
    return dt.date.today()


def episodes() -> pd.DataFrame:
    """All episodes (see Diary.episodes), read once per diary revision: a page asks a dozen times a run, and the
    query counts every entry of a long diary."""
    current = diary()
    return _episodes_at(str(current.path), id(current), current.revision())


@st.cache_data(max_entries=8, show_spinner=False)
def _episodes_at(path: str, connection: int, revision: tuple[int, int]) -> pd.DataFrame:
    del connection, revision  # only the cache key: both counters of a revision start again on a new connection
    return diary_at(path).episodes()


def owner(episode_id: int, patient: object) -> tuple[int, str]:
    """Whose a form or a widget's value is: the episode's id with its person (a removed episode's id is given to
    the next one)."""
    return int(episode_id), str(patient)


def episode_owners() -> set[tuple[int, str]]:
    """The owner (see owner) of every episode in the diary."""
    frame = episodes()
    return {owner(i, p) for i, p in zip(frame[c.EPISODE_ID], frame[c.PATIENT], strict=True)}


_FILLED_FOR = "_filled_for"  # per widget key: what its value was filled from (fill)


def fill(key: str, value: object, source: object) -> None:
    """Give the widget `key` the value `value` before it is drawn, when it was last filled from another `source`
    (the episode shown, its person and the day; or never). The widget is then drawn without a value of its own.

    Why: widgets keyed once for every diary (the check-in, the work boxes, "Seen on", the sidebar's new episode)
    kept the first person's values: Streamlit ties a keyed widget to its key, ignores a new default, and the
    browser keeps showing (and sends back) what it last showed even when the server forgets the value. A value
    set here is sent to the browser, which then shows it (review 31: Zed's check-in saved as Chloe's; the new
    episode started for the person the session opened on).
    """
    state = st.session_state
    filled = state.setdefault(_FILLED_FOR, {})
    if key not in state or filled.get(key) != source:
        state[key] = value
        filled[key] = source


def episode_label(row: pd.Series) -> str:
    """How an episode is named in the picker: 'Anna — back pain from 3 Aug 2026'."""
    onset = plain_date(row[c.ONSET_DATE])
    return f"{row[c.PATIENT]} — back pain from {onset}"


def current_episode() -> pd.Series | None:
    """The episode chosen in the sidebar (the newest one by default), or None when the diary is empty."""
    frame = episodes()
    if frame.empty:
        return None
    chosen = _chosen(frame[c.EPISODE_ID].tolist())
    return frame.set_index(c.EPISODE_ID).loc[chosen].rename(chosen)


def _chosen(ids: list[int]) -> int:
    """The episode chosen: the plain copy of the picker's choice first, then the picker's own state, else the
    newest (a new session: a reload).

    Why the plain copy first: Streamlit draws a keyed widget on another page as a new one, so after a second page
    change the picker's own state gave its first option, and the patient's page opened the newest diary, another
    person's (review 30: Sam's days on Today and Progress, Lee's on the Diary page, with Sam's typed note gone)."""
    for candidate in (st.session_state.get(KEPT_EPISODE_KEY), st.session_state.get(EPISODE_KEY)):
        if candidate in ids:
            return int(candidate)
    return int(ids[0])


def choose_episode(episode_id: int) -> None:
    """Open `episode_id` on the patient pages (in a callback, or before the picker is drawn)."""
    st.session_state[EPISODE_KEY] = st.session_state[KEPT_EPISODE_KEY] = int(episode_id)


def _picked() -> None:
    """The picker's on_change: its choice is kept in the plain copy, which outlives the page (_chosen)."""
    st.session_state[KEPT_EPISODE_KEY] = st.session_state[EPISODE_KEY]


def episode_picker() -> None:
    """Sidebar select box to switch between patients and episodes, showing the episode chosen (_chosen)."""
    frame = episodes()
    if frame.empty:
        return
    labels = {int(row[c.EPISODE_ID]): episode_label(row) for _, row in frame.iterrows()}
    choose_episode(_chosen(list(labels)))  # set before it is drawn: the picker shows it on every page
    st.sidebar.selectbox("Diary of", options=list(labels), format_func=labels.get, key=EPISODE_KEY,
                         on_change=_picked)


def episode_with_entries(no_diary: str) -> int | None:
    """The chosen episode's id when it has diary days; else show what to do next and return None."""
    episode = current_episode()
    if episode is None:
        empty_state(no_diary)
        return None
    episode_id = int(episode.name)
    if diary().entries([episode_id]).empty:  # a new episode of a diary that has days: no demo to offer
        st.info("No days logged in this episode yet: log its first day on the **Today** page.", icon="ℹ️")
        st.page_link("screens/today.py", label="Go to Today", icon="📝")
        return None
    return episode_id


def empty_state(what: str) -> None:
    """Say what to do next when there is nothing to show yet."""
    st.info(f"{what} Start your diary on the **Today** page, or load the demo diary there to look around.",
            icon="ℹ️")
    st.page_link("screens/today.py", label="Go to Today", icon="📝")
