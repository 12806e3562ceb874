"""The exact CSV round trip keeps "I have been seen about this" (the diary CSV's `seen` column).

Export, import into an empty diary, export again: the same text, and the same marks (who, which alert, the
day the person was seen), for diaries with marks and without, one patient or several.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from analysis.model import columns as c
from analysis.model.vocabulary import ALERT_CODES
from analysis.storage import Diary
from analysis.workflows.diary_io import export_csv, import_bytes
from tests.conftest import day
from tests.property_budget import examples

TODAY = dt.date(2026, 12, 1)
ONSET = dt.date(2026, 1, 1)  # three episodes 70 days apart end before TODAY


def _marks(diary: Diary) -> list[tuple]:
    """Every mark as (patient, onset, code, seen date, who): what the alerts read, without the episode's id
    (each diary numbers its own) or when it was recorded."""
    episodes = diary.episodes().set_index(c.EPISODE_ID)
    seen = diary.seen()
    return sorted((episodes.at[e, c.PATIENT], str(episodes.at[e, c.ONSET_DATE])[:10], code, str(when)[:10], by)
                  for e, code, when, by in seen[[c.EPISODE_ID, c.ALERT_CODE, c.SEEN_DATE, c.SEEN_BY]].itertuples(
                      index=False))


def _round_trip(diary: Diary) -> tuple[str, Diary]:
    text = export_csv(diary)
    other = Diary(":memory:")
    import_bytes(other, text.encode("utf-8"), "diary.csv", today=TODAY)
    return text, other


def _ann(seen_by: str | None = None) -> tuple[Diary, int]:
    """Ann's diary of one day (2 Jan, pain 6), with a mark of red_flag_emergency on 3 Jan by `seen_by`."""
    diary = Diary(":memory:")
    episode = diary.add_episode("Ann", ONSET)
    diary.save_entry(episode, day("2026-01-02", 6))
    if seen_by is not None:
        diary.mark_seen(episode, "red_flag_emergency", "2026-01-03", by=seen_by)
    return diary, episode


_MARK = st.tuples(st.sampled_from(ALERT_CODES), st.integers(-5, 70), st.sampled_from(["patient", "clinician"]))
_EPISODE = st.tuples(st.sets(st.integers(0, 60), min_size=1, max_size=12), st.lists(_MARK, max_size=4))


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(episodes=st.lists(_EPISODE, min_size=1, max_size=3), second_patient=st.booleans())
def test_export_import_export_keeps_the_marks(episodes, second_patient):
    diary = Diary(":memory:")
    for at, (offsets, marks) in enumerate(episodes):
        patient = "Bea" if second_patient and at % 2 else "Ann"
        episode = diary.add_episode(patient, ONSET + dt.timedelta(days=70 * at))
        first = ONSET + dt.timedelta(days=70 * at)
        for offset in sorted(offsets):
            diary.save_entry(episode, day((first + dt.timedelta(days=offset)).isoformat(), offset % 11))
        for code, offset, by in marks:  # seen before the first day, on a day, between days, after the last
            diary.mark_seen(episode, code, first + dt.timedelta(days=offset), by=by)
    text, other = _round_trip(diary)
    assert export_csv(other) == text
    assert _marks(other) == _marks(diary)


def test_a_diary_without_marks_exports_an_empty_seen_column_and_comes_back_the_same():
    diary = Diary(":memory:")
    episode = diary.add_episode("Ann", ONSET)
    diary.save_entry(episode, day("2026-01-02", 6, notes="=1+1"))
    text, other = _round_trip(diary)
    assert text.splitlines()[0].endswith(",episode,seen,activity_source")  # activity_source: added after seen
    assert text.splitlines()[1].endswith(",,")  # no mark (and no tracker minutes): empty last cells
    assert export_csv(other) == text and other.seen().empty


def test_importing_the_same_file_twice_records_each_mark_once():
    diary, _ = _ann(seen_by="clinician")
    text = export_csv(diary)
    other = Diary(":memory:")
    first = import_bytes(other, text.encode(), "ann.csv", today=TODAY)
    again = import_bytes(other, text.encode(), "ann.csv", today=TODAY)
    assert first.written.seen == 1 and "1 \"I have been seen about this\" mark recorded" in first.sentence()
    assert again.written.seen == 0 and "seen about this" not in again.sentence()
    assert len(other.seen()) == 1


def test_a_mark_stored_and_not_in_the_file_stays():
    # as an empty cell keeps what is stored: a file made before the mark erases nothing
    diary, episode = _ann()
    text = export_csv(diary)
    diary.mark_seen(episode, "red_flag_emergency", "2026-01-03", by="clinician")
    import_bytes(diary, text.encode(), "ann.csv", today=TODAY)
    assert _marks(diary) == [("Ann", "2026-01-01", "red_flag_emergency", "2026-01-03", "clinician")]


def test_who_recorded_a_mark_is_taken_from_the_file():
    diary, _ = _ann(seen_by="patient")
    text = export_csv(diary).replace("by patient", "by clinician")
    written = import_bytes(diary, text.encode(), "ann.csv", today=TODAY).written
    assert written.seen == 1
    assert _marks(diary) == [("Ann", "2026-01-01", "red_flag_emergency", "2026-01-03", "clinician")]


def test_a_file_saying_by_patient_keeps_a_mark_a_clinician_recorded():
    # the patient's own export of the mark they made at home, imported after the practice recorded its assessment
    diary, episode = _ann(seen_by="patient")
    text = export_csv(diary)
    diary.mark_seen(episode, "red_flag_emergency", "2026-01-03", by="clinician")
    written = import_bytes(diary, text.encode(), "ann.csv", today=TODAY).written
    assert written.seen == 0
    assert _marks(diary) == [("Ann", "2026-01-01", "red_flag_emergency", "2026-01-03", "clinician")]


def test_marks_are_written_with_the_days_or_not_at_all(monkeypatch):
    diary = Diary(":memory:")
    episode = diary.add_episode("Ann", ONSET)
    diary.save_entry(episode, day("2026-01-02", 6))
    diary.mark_seen(episode, "red_flag_emergency", "2026-01-02", by="clinician")
    text = export_csv(diary)

    def broken(self, *args):
        raise RuntimeError("disk full")

    other = Diary(":memory:")
    monkeypatch.setattr(Diary, "_write_seen_marks", broken)
    with pytest.raises(RuntimeError):
        import_bytes(other, text.encode(), "ann.csv", today=TODAY)
    assert other.entries().empty and other.seen().empty  # one transaction: the days went back out too


def test_a_date_range_exports_the_marks_dated_in_it():
    diary = Diary(":memory:")
    episode = diary.add_episode("Ann", ONSET)
    for when in ("2026-01-02", "2026-01-05", "2026-01-09"):
        diary.save_entry(episode, day(when, 6))
    diary.mark_seen(episode, "red_flag_emergency", "2026-01-03", by="clinician")
    diary.mark_seen(episode, "red_flag_see_doctor", "2026-01-09", by="patient")
    rows = pd.read_csv(pd.io.common.StringIO(export_csv(diary, start="2026-01-01", end="2026-01-06")),
                       dtype=str, keep_default_na=False)
    assert rows[c.SEEN].tolist() == ["red_flag_emergency@2026-01-03 by clinician", ""]

