"""A new episode takes the days already logged from its onset on (Diary.take_days_from_earlier; review 36's browser
explorer: back pain started again from the sidebar on a day already logged left two diary rows for one person and
one date, and Today's form for that day empty)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.plan.exercises import EXERCISES
from analysis.review.moved_days import moved_days_sentence
from analysis.storage import DayEntry, Diary, DoseEntry

DAY = dt.date(2026, 12, 4)


def _sam(path: Path) -> tuple[Diary, int]:
    """Sam from 24 Nov, one day logged each day to 4 Dec; ibuprofen and a fever on 4 Dec, exercises ticked and work
    hours on 3 and 4 Dec, a check-in on 4 Dec."""
    diary = Diary(path)
    first = diary.add_episode("Sam", dt.date(2026, 11, 24), normal_activity_minutes=45)
    for ago in range(10, -1, -1):
        day = DAY - dt.timedelta(days=ago)
        doses = [DoseEntry("ibuprofen", 400, 3)] if ago == 0 else []
        diary.save_entry(first, DayEntry(day, 6, 7, 20, 0, f"day {day:%d}", doses=doses,
                                         symptoms=["fever"] if ago == 0 else []))
        if ago <= 1:
            diary.set_exercises_done(first, day, [EXERCISES[0].id])
            diary.set_work_hours(first, day, 4)
    diary.save_answers(first, "psfs", DAY, [("1", 5, "walking")])
    return diary, first


def _dates(frame, episode: int) -> list[str]:
    return sorted({f"{d:%Y-%m-%d}" for d in frame.loc[frame["episode_id"] == episode, "date"]})


def test_the_days_from_the_new_onset_move_with_everything_logged_on_them(tmp_path: Path) -> None:
    diary, first = _sam(tmp_path / "d.db")
    second = diary.add_episode("Sam", DAY - dt.timedelta(days=1), normal_activity_minutes=45)
    assert diary.take_days_from_earlier(second) == ["2026-12-03", "2026-12-04"]
    entries = diary.entries()
    assert _dates(entries, second) == ["2026-12-03", "2026-12-04"]
    assert _dates(entries, first)[-1] == "2026-12-02" and len(_dates(entries, first)) == 9
    assert entries.groupby("date").size().max() == 1  # one row per date for the person
    assert _dates(diary.doses(), second) == ["2026-12-04"] and _dates(diary.doses(), first) == []
    assert _dates(diary.symptoms(), second) == ["2026-12-04"]
    assert _dates(diary.exercise_ticks(), second) == ["2026-12-03", "2026-12-04"]
    assert _dates(diary.work_hours(), second) == ["2026-12-03", "2026-12-04"]
    assert _dates(diary.answers(), second) == ["2026-12-04"]
    assert diary.take_days_from_earlier(second) == []  # nothing left to take
    diary.close()


def test_the_usual_working_day_goes_on_in_the_new_episode(tmp_path: Path) -> None:
    """Review 36's second explorer: the usual working day set on Today was gone after a new episode (the plan then
    assumed 8 hours); one set for the new episode already is kept."""
    diary, first = _sam(tmp_path / "d.db")
    diary.set_usual_work_day(first, 4)
    second = diary.add_episode("Sam", DAY + dt.timedelta(days=1))
    diary.take_days_from_earlier(second)
    assert diary.usual_work_days([second])["hours"].tolist() == [4.0]
    third = diary.add_episode("Sam", DAY + dt.timedelta(days=2))
    diary.set_usual_work_day(third, 6)
    diary.take_days_from_earlier(third)
    assert diary.usual_work_days([third])["hours"].tolist() == [6.0]
    diary.close()


def test_a_first_episode_or_one_before_every_day_takes_nothing_it_should_not(tmp_path: Path) -> None:
    diary, first = _sam(tmp_path / "d.db")
    assert diary.take_days_from_earlier(first) == []  # no earlier episode
    other = diary.add_episode("Robin", DAY, normal_activity_minutes=30)
    assert diary.take_days_from_earlier(other) == []  # another person's days are never taken
    later = diary.add_episode("Sam", DAY + dt.timedelta(days=1))
    assert diary.take_days_from_earlier(later) == []  # nothing logged from its onset on
    # an episode put between two: it takes the earlier one's days up to the later one's onset only
    diary.save_entry(later, DayEntry(DAY + dt.timedelta(days=1), 3, None, None, None, "", []))
    between = diary.add_episode("Sam", DAY - dt.timedelta(days=2))
    assert diary.take_days_from_earlier(between) == ["2026-12-02", "2026-12-03", "2026-12-04"]
    assert _dates(diary.entries(), later) == ["2026-12-05"]
    diary.close()


def test_the_person_is_told_which_days_moved() -> None:
    assert moved_days_sentence([]) is None
    assert moved_days_sentence(["2026-12-04"]) == "Already logged, now part of this new episode: 4 Dec 2026."
    assert moved_days_sentence(["2026-12-02", "2026-12-03", "2026-12-04"]) == (
        "Already logged, now part of this new episode: 2 Dec 2026 to 4 Dec 2026 (3 days).")


def test_a_day_logged_in_one_episode_is_not_logged_again_in_another(tmp_path: Path) -> None:
    """Review 36's second explorer: a new episode dated before the current one, then today saved again in it, left
    two pains for one date of one person (the export held both, the pages read one)."""
    import pytest

    from analysis.model.errors import ValidationError

    diary, first = _sam(tmp_path / "d.db")
    before = diary.add_episode("Sam", dt.date(2026, 11, 10))
    with pytest.raises(ValidationError, match="already logged in this person's back pain from 2026-11-24"):
        diary.save_entry(before, DayEntry(DAY, 3, None, None, None, ""))
    diary.save_entry(before, DayEntry(dt.date(2026, 11, 12), 3, None, None, None, ""))  # a day of its own: kept
    diary.save_entry(first, DayEntry(DAY, 2, None, None, None, "changed"))  # the day in its own episode: changed
    entries = diary.entries()
    assert entries.groupby("date").size().max() == 1
    other = diary.add_episode("Robin", dt.date(2026, 11, 1))
    diary.save_entry(other, DayEntry(DAY, 5, None, None, None, ""))  # another person's same day: their own
    diary.close()


def test_a_new_episode_starts_after_the_latest_one_began() -> None:
    import pandas as pd

    from analysis.review.moved_days import onset_problem

    episodes = pd.DataFrame({"patient": ["Fay", "Fay", "Gus"], "onset_date": pd.to_datetime(
        ["2026-10-01", "2026-11-16", "2026-12-01"])})
    assert onset_problem("Fay", dt.date(2026, 11, 17), episodes) is None
    assert onset_problem("Gus", dt.date(2026, 11, 10), episodes).startswith("A new episode starts after Gus's latest")
    said = onset_problem("Fay", dt.date(2026, 11, 10), episodes)
    assert said == ("A new episode starts after Fay's latest one began (16 Nov 2026); 10 Nov 2026 is not after it. If "
                    "that back pain began earlier, correct its start on the Diary page.")
    assert onset_problem("Fay", dt.date(2026, 11, 16), episodes) is not None  # the same day: not after
    assert onset_problem("Hal", dt.date(2026, 11, 10), episodes) is None  # a new person
