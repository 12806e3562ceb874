"""What a page's form holds, kept while another page is shown and put back on return.

Why: Streamlit drops a widget's value once a run goes by without it, so a look at Progress and the Back button
brought Today back empty, the typed pain, minutes and note gone (review 22).
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class FormDraft:
    """One form's inputs: its widget `keys` and key `prefixes`, kept under `name` (not a widget key: Streamlit keeps
    it while another page runs) with the episode they belong to; `required`: a key a draft must hold to be put
    back."""

    name: str
    keys: tuple[str, ...]
    prefixes: tuple[str, ...]
    required: str

    def keep(self, episode_id: object) -> None:
        """Copy what the form holds now."""
        state = st.session_state
        state[self.name] = (episode_id, {key: state[key] for key in list(state.keys()) if isinstance(key, str)
                                         and (key in self.keys or key.startswith(self.prefixes))})

    def restore(self, episode_id: object) -> bool:
        """Put the form back as it was before another page was shown (True), when it was this episode's form."""
        kept = st.session_state.get(self.name)
        if not kept or kept[0] != episode_id or self.required not in kept[1]:
            return False
        st.session_state.update(kept[1])
        return True
