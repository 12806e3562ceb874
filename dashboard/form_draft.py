"""What a page's form holds, kept per person's episode while another page or diary is shown and put back on return.

Why: Streamlit drops a widget's value once a run goes by without it, so a look at Progress and the Back button
brought Today back empty, the typed pain, minutes and note gone (review 22); and a look at another person's diary
("Diary of" in the sidebar) and back lost the first person's typed note (review 30).
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import streamlit as st

DRAFT_PREFIX = "_draft_"  # every form draft's session key starts so: forget_gone finds them all from any page


@dataclass(frozen=True)
class FormDraft:
    """One form's inputs: its widget `keys` and key `prefixes`, plus the `hidden` state that belongs with them (the
    day as loaded, which Save merges with), kept under DRAFT_PREFIX + `name` (not a widget key: Streamlit keeps it
    while another page runs), one draft per owner (an episode's id and person), with the owner the form is filled
    for; `required`: a key a draft must hold to be put back."""

    name: str
    keys: tuple[str, ...]
    prefixes: tuple[str, ...]
    required: str
    hidden: tuple[str, ...] = ()

    @property
    def _key(self) -> str:
        return DRAFT_PREFIX + self.name

    def _ours(self, key: object) -> bool:
        return isinstance(key, str) and (key in self.keys or key in self.hidden or key.startswith(self.prefixes))

    def _held(self) -> dict:
        return st.session_state.setdefault(self._key, {"shown": None, "kept": {}})

    def open_for(self, owner: object) -> bool:
        """Make the form `owner`'s before it is drawn: what it holds is kept as the draft of the owner it was
        filled for, and `owner`'s own draft is put back. True when there is none and the form is to be filled
        afresh."""
        state, held = st.session_state, self._held()
        if self.required in state and held["shown"] == owner:
            return False
        if self.required in state and held["shown"] not in (None, owner):
            self.keep(held["shown"])  # as typed up to the switch to another diary (review 30: a note was lost)
        held["shown"] = owner
        return not self._restore(owner)

    def keep(self, owner: object) -> None:
        """Copy what the form holds now as `owner`'s draft (the other owners' drafts stay)."""
        state = st.session_state
        self._held()["kept"][owner] = {key: state[key] for key in list(state.keys()) if self._ours(key)}

    def _restore(self, owner: object) -> bool:
        """Put `owner`'s form back as it was before another page or diary was shown (True), when one was kept.
        What the form held for another owner is taken out first, so nothing of theirs shows in this one."""
        state = st.session_state
        kept = self._held()["kept"].get(owner)
        if not kept or self.required not in kept:
            return False
        for key in [key for key in list(state.keys()) if self._ours(key) and key not in kept]:
            del state[key]
        state.update(kept)
        return True


def forget_gone(owners: Collection[object]) -> None:
    """Drop every form's drafts of owners no longer in the diary (on every page, before any form is drawn).

    Why: SQLite gives a removed episode's id to the next one, so after a backup was restored (or an episode
    removed) a new episode of the same person had the same owner, and Today opened on the removed episode's typed
    day, with its note and its day as loaded, for one Save to write into the new diary (review 31)."""
    present = set(owners)
    for key in [key for key in list(st.session_state.keys()) if isinstance(key, str) and key.startswith(DRAFT_PREFIX)]:
        held = st.session_state[key]
        held["kept"] = {owner: kept for owner, kept in held["kept"].items() if owner in present}
        if held["shown"] not in present:
            held["shown"] = None
