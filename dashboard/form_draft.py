"""What a page's form holds, kept per person's episode while another page or diary is shown and put back on return.

Why: Streamlit drops a widget's value once a run goes by without it, so a look at Progress and the Back button
brought Today back empty, the typed pain, minutes and note gone (review 22); and a look at another person's diary
("Diary of" in the sidebar) and back lost the first person's typed note (review 30).
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class FormDraft:
    """One form's inputs: its widget `keys` and key `prefixes`, plus the `hidden` state that belongs with them (the
    day as loaded, which Save merges with), kept under `name` (not a widget key: Streamlit keeps it while another
    page runs), one draft per owner (an episode and its person); `required`: a key a draft must hold to be put
    back."""

    name: str
    keys: tuple[str, ...]
    prefixes: tuple[str, ...]
    required: str
    hidden: tuple[str, ...] = ()

    def _ours(self, key: object) -> bool:
        return isinstance(key, str) and (key in self.keys or key in self.hidden or key.startswith(self.prefixes))

    def keep(self, owner: object) -> None:
        """Copy what the form holds now as `owner`'s draft (the other owners' drafts stay)."""
        state = st.session_state
        drafts = dict(state.get(self.name) or {})
        drafts[owner] = {key: state[key] for key in list(state.keys()) if self._ours(key)}
        state[self.name] = drafts

    def restore(self, owner: object) -> bool:
        """Put `owner`'s form back as it was before another page or diary was shown (True), when one was kept.
        What the form held for another owner is taken out first, so nothing of theirs shows in this one."""
        state = st.session_state
        kept = (state.get(self.name) or {}).get(owner)
        if not kept or self.required not in kept:
            return False
        for key in [key for key in list(state.keys()) if self._ours(key) and key not in kept]:
            del state[key]
        state.update(kept)
        return True
