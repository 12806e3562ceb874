"""Gaps a patient would notice, as the pages show them (AppTest): a projected day already past said in the present
on Progress, and "None" in the Diary table's empty cells."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from analysis.model.dates import plain_date
from tests.apptest import run
from tests.test_review5_cli import stopped_diary

pytestmark = pytest.mark.usefixtures("fresh_diary")  # every test starts on an empty diary file (conftest.py)
TODAY = dt.date.today()


def test_progress_of_a_diary_that_stopped_says_its_projection_in_the_past(fresh_diary: Path) -> None:
    """Logged from 40 to 25 days ago, pain easing: the projection from the last entry is of a day already past.
    Progress said 'At your current pace, pain should be down to 0-1 around <that day>. This is an estimate, not a
    promise.'; it now says what the GP report says (analysis.review.projection_words)."""
    stopped_diary(fresh_diary, onset_ago=40, stop_ago=25)
    at = run("screens/progress.py")
    shown = [i.value for i in at.info] + [c.value for c in at.caption]
    assert not [t for t in shown if "should be down to 0-1" in t], shown
    last = plain_date(TODAY - dt.timedelta(days=25))
    [said] = [t for t in shown if t.startswith("The diary stopped on")]
    assert re.fullmatch(rf"The diary stopped on {last}; at that rate pain would have reached 1 or less around "
                        r"\d+ \w+ \d{4}( \(\d+ \w+ \d{4} to \d+ \w+ \d{4}\))?\. Whether it did is not in the diary\.",
                        said), said


def test_the_diary_tables_empty_cells_are_empty_not_none(fresh_diary: Path) -> None:
    """A day logged with its average pain only: worst pain, minutes, hours in bed and notes not given. The table
    drew each such cell as 'None' (Streamlit's default text for a missing value), which a patient reads as a value;
    it now draws it empty, for every column, while what is stored stays missing (not 0, not 'None')."""
    from analysis.storage import DayEntry, Diary

    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=3), normal_activity_minutes=60)
    diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=1), 3, None, None, None, ""))
    diary.close()
    at = run("screens/diary.py")
    [editor] = at.dataframe
    shown = editor.value.iloc[0]
    assert shown[["worst_pain", "activity_minutes", "bed_rest_hours"]].isna().all()  # missing, drawn as below
    assert editor.proto.HasField("placeholder") and editor.proto.placeholder == ""  # drawn empty, not "None"
    diary = Diary(fresh_diary)
    stored = diary.entries([episode]).iloc[0]
    assert stored[["worst_pain", "activity_minutes", "bed_rest_hours"]].isna().all()
    diary.close()
