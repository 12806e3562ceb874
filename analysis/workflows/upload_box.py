"""What the Clinic's import results say once files leave its upload box.

Why: the page kept the last import's results until the next Import, so a refused file removed from the box still
showed "refused" with its column-matching form and a button acting on it (review 30).
"""
from __future__ import annotations

from analysis.workflows.diary_io import distinct_names


def removed_refusals(before: list[str], now: list[str], refused: set[str]) -> set[str]:
    """The refused files (their distinct names, as the results are kept) taken out of the upload box: in `before`
    (the box's file names at the last run), not in `now`, while the box still holds other files.

    An empty box says nothing: Streamlit empties it when the page is left, and the results of the last import (an
    imported file's days are in the diary; a refused one can still be fixed from the bytes kept) stay until the next
    Import. A file imported stays said: its days are in the diary whether or not it is still in the box."""
    if not now:
        return set()
    return (set(distinct_names(before)) - set(distinct_names(now))) & refused
