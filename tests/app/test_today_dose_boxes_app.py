"""Review 27: Today's dose boxes take their ranges from analysis.model.limits (TIMES_A_DAY, dose_range). A stored
dose outside them (an import's 30 times a day, 0.2 mg of ibuprofen) is not put into a box that would refuse it: it is
listed below the form and kept on Save, as the doses the form cannot show always were."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.model.limits import TIMES_A_DAY
from analysis.storage import DayEntry, Diary, DoseEntry
from tests.apptest import app

pytestmark = pytest.mark.usefixtures("fresh_diary")
TODAY = dt.date.today()
PAST = TODAY - dt.timedelta(days=2)


def test_a_stored_dose_outside_the_boxes_is_kept_below_the_form(fresh_diary: Path) -> None:
    many = int(TIMES_A_DAY.high) + 6
    doses = [DoseEntry("paracetamol", 500, many), DoseEntry("ibuprofen", 0.2, 1), DoseEntry("naproxen", 250, 2)]
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=10))
    diary.save_entry(episode, DayEntry(PAST, 4, None, None, None, "imported", doses))
    diary.close()
    at = app().run()
    at.date_input(key="log_date").set_value(PAST).run()
    assert not at.exception, at.exception
    assert at.multiselect(key="log_meds").value == ["naproxen"]  # the one that fits its boxes
    boxes = [box.label for box in at.checkbox if box.key and box.key.startswith("log_remove_kept_")]
    assert boxes == [f"Remove paracetamol 500 mg x{many} when I press Save",
                     "Remove ibuprofen 0.2 mg x1 when I press Save"]
    at.button(key="log_save").click().run()
    assert not at.exception
    kept = Diary(fresh_diary)
    try:
        assert sorted(kept.entry(episode, PAST).doses, key=lambda d: d.medicine) == sorted(
            doses, key=lambda d: d.medicine)
    finally:
        kept.close()
