"""The columns a mapping can name, as the Clinic's pickers offer them, and a refusal worded for a page."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.ingest.headers import mapping_targets
from analysis.ingest.importer import read_diary
from analysis.model import columns as c
from analysis.model.errors import ColumnsNotRecognised, ImportRefused

TODAY = dt.date(2026, 3, 10)


def test_the_pickers_offer_every_column_the_mapping_takes_date_and_pain_first() -> None:
    targets = mapping_targets()
    assert list(targets) == c.CSV_COLUMNS  # the vocabulary the CLI's --map names in its errors, no second list
    assert list(targets)[:2] == c.CSV_REQUIRED
    assert targets[c.PAIN] == "Pain (0-10)" and targets[c.WORST_PAIN] == "Worst pain (0-10)"
    assert targets[c.ACTIVITY] == "Activity minutes" and targets[c.NOTES] == "Notes"


@pytest.mark.parametrize("column", c.CSV_COLUMNS)
def test_each_picker_makes_a_mapping_the_importer_takes(column: str) -> None:
    """A file whose headers no spelling knows, mapped the way the pickers do ({header: column}): the mapping is
    taken (a value may still not fit its column: "5" is not an onset date, nor a seen mark)."""
    mapping = {"Tag": c.DATE, "Schmerz": c.PAIN} | ({} if column in c.CSV_REQUIRED else {"Extra": column})
    try:
        read_diary(b"Tag,Schmerz,Extra\n2026-03-02,6,5\n", "k.csv", mapping=mapping, today=TODAY)
    except ImportRefused as refused:
        assert not isinstance(refused, ColumnsNotRecognised), refused.problems
        assert [p.startswith('k.csv row 2, Extra: "5" is not a') for p in refused.problems] == [True], refused.problems


def test_two_columns_mapped_to_one_are_refused_not_a_crash() -> None:
    """`--map "Schmerz=pain,Extra=pain"` raised pandas' TypeError (a traceback) before it was a problem."""
    with pytest.raises(ColumnsNotRecognised) as refused:
        read_diary(b"Tag,Schmerz,Extra\n2026-03-02,6,5\n", "k.csv", today=TODAY,
                   mapping={"Tag": c.DATE, "Schmerz": c.PAIN, "Extra": c.PAIN})
    assert refused.value.problems == [
        "The mapping sends both Schmerz and Extra to pain; a diary column takes one column of the file."]


def test_a_refusal_is_worded_for_the_page_that_shows_it() -> None:
    with pytest.raises(ColumnsNotRecognised) as refused:
        read_diary(b"Tag,Schmerz\n2026-03-02,6\n", "knee.csv")
    said = "knee.csv has no date or pain column; columns found: Tag, Schmerz."
    assert refused.value.problems == [f"{said} Give a mapping that says which column holds date and which pain."]
    assert refused.value.worded("Pick the columns for {} below.") == [
        f"{said} Pick the columns for date and which pain below."]
