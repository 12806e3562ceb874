"""Review 28: a number typed outside its range on Today is said when Save is pressed, and nothing is saved until it
is changed. Before, the boxes had Streamlit's min and max: a number outside them turned the box red (its range in
words only on hover), the app kept the box's last number, and Save stored that: 60 times a day and 9,000 mg typed
were saved as 500 mg once, with "Saved today."."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.model.limits import LIMITS, TIMES_A_DAY
from analysis.storage import Diary
from tests.apptest import app

pytestmark = pytest.mark.usefixtures("fresh_diary")
TODAY = dt.date.today()


def _robin(db: Path) -> int:
    diary = Diary(db)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=10))
    diary.close()
    return episode


def _stored(db: Path, episode: int):
    diary = Diary(db)
    try:
        return diary.entry(episode, TODAY)
    finally:
        diary.close()


def test_a_dose_typed_outside_its_range_is_said_and_nothing_is_saved(fresh_diary: Path) -> None:
    episode = _robin(fresh_diary)
    at = app().run()
    at.segmented_control(key="log_pain").set_value(5)
    at.multiselect(key="log_meds").set_value(["paracetamol"]).run()
    at.number_input(key="log_times_paracetamol").set_value(60)
    at.number_input(key="log_mg_paracetamol").set_value(9000.0)
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    said = [e.value for e in at.error]
    assert len(said) == 2, said
    assert said[1].startswith("paracetamol: times") and "60 cannot be saved" in said[1] and \
        f"from {TIMES_A_DAY.low:g} to {TIMES_A_DAY.high:g}" in said[1], said
    assert said[0].startswith("paracetamol: mg per dose: 9,000 cannot be saved") and "to 5,000 mg" in said[0], said
    assert _stored(fresh_diary, episode) is None  # nothing saved, not the boxes' defaults
    assert at.number_input(key="log_times_paracetamol").value == 60  # what was typed stays, to be changed
    assert at.number_input(key="log_mg_paracetamol").value == 9000.0
    at.number_input(key="log_times_paracetamol").set_value(4)
    at.number_input(key="log_mg_paracetamol").set_value(500.0).run()
    assert not at.error  # changed: the sentences go
    at.button(key="log_save").click().run()
    saved = _stored(fresh_diary, episode)
    assert saved is not None and [(d.medicine, d.dose_mg, d.count) for d in saved.doses] == [("paracetamol", 500, 4)]


@pytest.mark.parametrize(("key", "typed", "words"), [
    ("log_activity", 2000, f"Minutes active (walking, exercise): 2,000 cannot be saved; type a whole number from 0 to "
                           f"{LIMITS['activity_minutes'].high:,g} minutes"),
    ("log_activity", -5, "Minutes active (walking, exercise): -5 cannot be saved"),
    ("log_bed_rest", 30.0, "Hours lying in bed during the day: 30 cannot be saved; type a number from 0 to 24 hours"),
])
def test_minutes_or_hours_outside_a_day_are_said_and_nothing_is_saved(fresh_diary: Path, key: str, typed: float,
                                                                     words: str) -> None:
    episode = _robin(fresh_diary)
    at = app().run()
    at.segmented_control(key="log_pain").set_value(5)
    at.number_input(key=key).set_value(typed)
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] and at.error[0].value.startswith(words), [e.value for e in at.error]
    assert _stored(fresh_diary, episode) is None
