"""What the Clinic's import results say once files leave its upload box.

Why: the page kept the last import's results until the next Import, so a refused file removed from the box still
showed "refused" with its column-matching form and a button acting on it (review 30).
"""
from __future__ import annotations


def removed_refusals(imported: dict[str, str], present: set[str], refused: set[str]) -> set[str]:
    """The refused files taken out of the upload box: their names as the results are kept (`imported`: each result's
    name and the id of the uploaded file it came from), whose file is no longer among the box's file ids (`present`).

    Why ids, not names: two files named alike are kept as "a.csv" and "a (2).csv", and taking the first out renamed
    the second, whose refusal and form then left the page while it was still in the box. A file imported stays said:
    its days are in the diary whether or not it is still in the box. Asked only when a person changes the box (its
    on_change): Streamlit also empties the box when the page is left, and the last import's results stay then."""
    return {name for name, file_id in imported.items() if file_id not in present and name in refused}
