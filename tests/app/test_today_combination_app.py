"""Today's medicine list offers combination products (analysis.review.medicine_choices; review 12): co-codamol is
saved as its codeine and paracetamol, each counted once per tablet, so the codeine days and the paracetamol
maximum see them."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.storage import Diary
from tests.apptest import run, stored_day

pytestmark = pytest.mark.usefixtures("fresh_diary")
TODAY = dt.date.today()


def test_two_tablets_of_co_codamol_four_times_are_saved_as_codeine_and_paracetamol(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Mia", TODAY - dt.timedelta(days=1), normal_activity_minutes=45)
    diary.close()
    at = run("screens/today.py")
    at.segmented_control(key="log_pain").set_value(8)
    at.multiselect(key="log_meds").set_value(["co-codamol 30/500", "ibuprofen"]).run()
    assert "co-codamol 30/500: tablets each time" in [n.label for n in at.number_input]
    at.number_input(key="log_tablets_co-codamol 30/500").set_value(2)
    at.number_input(key="log_times_co-codamol 30/500").set_value(4)
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    saved = stored_day(fresh_diary, episode, TODAY)
    assert sorted((d.medicine, d.dose_mg, d.count) for d in saved.doses) == [
        ("codeine", 30.0, 8), ("ibuprofen", 400.0, 1), ("paracetamol", 500.0, 8)]
    at.text_area(key="log_notes").set_value("a bad night")  # saving again keeps the same doses, not twice
    at.button(key="log_save").click().run()
    again = stored_day(fresh_diary, episode, TODAY)
    assert sorted((d.medicine, d.dose_mg, d.count) for d in again.doses) == sorted(
        (d.medicine, d.dose_mg, d.count) for d in saved.doses) and again.notes == "a bad night"
