"""The Clinic's list with a new patient who answered the set-up questions but has logged no day yet (review 10)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.storage import DayEntry, Diary
from tests.apptest import app

TODAY = dt.date.today()


def test_a_new_patient_with_a_yes_is_listed_above_on_track_and_opens(fresh_diary: Path) -> None:
    """Bea set up her diary this morning, answering "yes" to a history of cancer, and logged nothing yet; Cal is
    on track. The list shows Bea first, with the set-up reason, and opening her says there are no days yet."""
    diary = Diary(fresh_diary)
    cal = diary.add_episode("Cal", TODAY - dt.timedelta(days=8), normal_activity_minutes=60)
    for i in range(8):
        diary.save_entry(cal, DayEntry(TODAY - dt.timedelta(days=8 - i), 6 - 0.5 * i))
    bea = diary.add_episode("Bea", TODAY, normal_activity_minutes=45)
    diary.save_screening(bea, {"cancer_history": True})
    diary.close()
    at = app().switch_page("screens/clinic.py")
    at.run()
    assert not at.exception
    first = " ".join(str(v) for v in at.dataframe[0].value.iloc[0].tolist())
    assert "Bea" in first and "see the GP first" in first, first
    at.session_state["clinic_patient"] = bea  # what selecting the row does (clinic.open_selected)
    at.run()
    assert not at.exception
    assert [h.value for h in at.subheader][:1] == ["Bea"]
    assert "No diary days logged yet (day 0 since the pain started)." in " ".join(x.value for x in at.caption)
    assert [w.value for w in at.warning] == ["Set-up answers: see the GP first (history of cancer)."]
    assert at.info[0].value.startswith("No diary days logged yet")
