"""Review 27: the Clinic colours a row of its list by the row's priority rank (page_rules.urgent_triage_rows), not
by the words the page wrote in it ("🚨 URGENT"): one urgent patient among the demo's, and only that row coloured."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.review.page_rules import urgent_triage_rows
from analysis.storage import DayEntry, Diary
from tests.apptest import run, with_demo

pytestmark = pytest.mark.usefixtures("fresh_diary")
TODAY = dt.date.today()


def test_urgent_rows_are_read_from_the_priority() -> None:
    table = pd.DataFrame({"priority": [1, 2, 1, 6], "reason": ["URGENT", "x", "y", "URGENT"]})
    assert urgent_triage_rows(table).tolist() == [True, False, True, False]


def test_only_the_urgent_patients_row_is_coloured(fresh_diary: Path) -> None:
    with_demo(fresh_diary)
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Sam", TODAY - dt.timedelta(days=3), normal_activity_minutes=30)
    for back in (3, 2, 1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 4, None, 20, 0, "",
                                           symptoms=["bladder_bowel"] if back == 1 else []))
    diary.close()
    at = run("screens/clinic.py")
    frame = at.dataframe[0]
    table = getattr(frame.value, "data", frame.value)
    urgent = [i for i, flag in enumerate(table["Priority"]) if flag == "🚨 URGENT"]
    assert urgent == [0] and table["Patient"].iloc[0] == "Sam"
    css = frame.proto.arrow_data.styler.styles
    coloured = {int(row) for row in re.findall(r"row(\d+)_col\d+ \{ background-color: #fde2e2", css)}
    assert coloured == set(urgent)
