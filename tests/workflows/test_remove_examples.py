"""Removing the example diaries keeps what the person typed, and takes an automatic backup first (review 26)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.ingest.synthetic import is_demo
from analysis.storage import DayEntry, Diary
from analysis.workflows.diary_io import load_demo
from analysis.workflows.examples import examples_left, remove_examples, typed_days

YESTERDAY = dt.date.today() - dt.timedelta(days=1)


def _loaded(path: Path) -> tuple[Diary, dict[str, int]]:
    diary = Diary(path)
    load_demo(diary, YESTERDAY)
    episodes = diary.episodes()
    return diary, dict(zip(episodes["patient"], episodes["episode_id"], strict=True))


def test_the_examples_go_and_nothing_typed_is_left_over(tmp_path: Path) -> None:
    diary, _ = _loaded(tmp_path / "diary.db")
    assert typed_days(diary).empty  # the demo as loaded: no day counts as typed
    done = remove_examples(diary)
    assert len(done.removed) == 5 and not done.kept
    assert diary.is_empty()
    copy = Diary(diary.automatic_backups()[0])
    assert "removal" in diary.automatic_backups()[0].name and len(copy.patient_names()) == 5


def test_a_typed_day_and_a_changed_day_are_kept_with_their_details(tmp_path: Path) -> None:
    diary, episodes = _loaded(tmp_path / "diary.db")
    anna, ben = sorted(name for name in episodes if is_demo(name))[:2]
    diary.save_entry(episodes[anna], DayEntry(dt.date.today(), 3.0, notes="my own day", symptoms=["leg_pain"]))
    last = diary.entries([episodes[ben]])["date"].max().date()
    diary.update_entry(episodes[ben], last, pain=0.5)  # a demo day the person corrected
    diary.add_episode("Sam", YESTERDAY)
    done = remove_examples(diary)
    assert done.kept == {anna: [dt.date.today().isoformat()], ben: [last.isoformat()]}
    assert len(done.removed) == 3 and "the 2 days you typed are kept" in done.sentence()
    left = diary.entries()
    assert sorted(left["notes"]) == ["", "my own day"] and set(left["patient"]) == {anna, ben}
    assert diary.symptoms()["symptom"].tolist() == ["leg_pain"]
    assert "Sam" in diary.patient_names()  # a person's own diary is no example


def test_no_examples_no_copy(tmp_path: Path) -> None:
    diary = Diary(tmp_path / "diary.db")
    diary.save_entry(diary.add_episode("Sam", YESTERDAY), DayEntry(YESTERDAY, 4.0))
    assert remove_examples(diary).removed == [] and diary.automatic_backups() == []


def test_examples_are_left_until_removed_even_where_a_typed_day_stays(tmp_path: Path) -> None:
    """The page's example notice asks examples_left (review 28): after the removal kept a typed day in an example
    patient, no example day is left, and the notice with its Remove button is not shown again."""
    diary, episodes = _loaded(tmp_path / "diary.db")
    assert examples_left(diary)
    anna = sorted(name for name in episodes if is_demo(name))[0]
    diary.save_entry(episodes[anna], DayEntry(dt.date.today(), 3.0, notes="my own day"))
    assert examples_left(diary)  # the examples are still there beside it
    remove_examples(diary)
    assert not examples_left(diary) and len(diary.entries()) == 1
