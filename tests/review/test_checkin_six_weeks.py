"""The weekly check-in (PSFS) feeds the six-week "as active as before" rule (issue 13).

A course on track for pain, at 20 of a normal 60 minutes a day: by minutes it is "not as active as
before" at six weeks. A recent check-in decides instead: 8+ of 10 (within the PSFS's minimal
important change of 2 of "as before", Stratford 1995; Horn 2012) clears it, below 8 sets it even when
the minutes are back to normal; a check-in older than 14 days leaves the minutes to decide.
"""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.review.summary import summarise, to_records
from analysis.storage import DayEntry, Diary

ONSET = dt.date(2026, 3, 1)
LAST_DAY = 49  # judged on day 49: the six-week rule applies from day 42


def _diary(tmp_path, minutes: float) -> tuple[Diary, int]:
    diary = Diary(tmp_path / "d.db")
    episode = diary.add_episode("Sam", ONSET, normal_activity_minutes=60)
    for day in range(LAST_DAY + 1):
        pain = max(0.0, round(6 * (0.95 ** day)))  # falling steadily, on track
        diary.add_entry(episode, DayEntry(date=ONSET + dt.timedelta(days=day), pain=pain, worst_pain=pain + 1,
                                          activity_minutes=minutes))
    return diary, episode


def _codes(diary: Diary) -> set[str]:
    table = summarise(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), seen=diary.seen(),
                      answers=diary.answers())
    return {a["code"] for a in to_records(table)[0]["alerts"] if a["active"]}


def _check_in(diary: Diary, episode: int, day: int, scores: list[float]) -> None:
    diary.save_answers(episode, "psfs", ONSET + dt.timedelta(days=day),
                       [(f"a{i}", score, f"activity {i}") for i, score in enumerate(scores)])


def test_minutes_alone_say_not_as_active_at_six_weeks(tmp_path):
    diary, _ = _diary(tmp_path, minutes=20)
    assert "not_recovered_6w" in _codes(diary)


@pytest.mark.parametrize(("scores", "fires"), [([9, 8, 9], False), ([8, 8, 8], False), ([8, 7, 8], True)])
def test_a_recent_check_in_decides_instead_of_minutes(tmp_path, scores, fires):
    diary, episode = _diary(tmp_path, minutes=20)
    _check_in(diary, episode, 45, scores)
    assert ("not_recovered_6w" in _codes(diary)) is fires


def test_a_low_check_in_sets_the_rule_even_with_normal_minutes(tmp_path):
    diary, episode = _diary(tmp_path, minutes=60)
    assert "not_recovered_6w" not in _codes(diary)
    _check_in(diary, episode, 47, [4, 5, 3])
    assert "not_recovered_6w" in _codes(diary)


def test_a_check_in_older_than_two_weeks_leaves_it_to_the_minutes(tmp_path):
    diary, episode = _diary(tmp_path, minutes=20)
    _check_in(diary, episode, LAST_DAY - 15, [10, 10, 10])
    assert "not_recovered_6w" in _codes(diary)
    _check_in(diary, episode, LAST_DAY - 14, [10, 10, 10])
    assert "not_recovered_6w" not in _codes(diary)


@pytest.mark.parametrize(("minutes", "scores"), [(20, [9, 9, 9]), (60, [4, 5, 3])])
def test_the_progress_page_and_the_report_list_what_the_summary_decided(tmp_path, minutes, scores):
    """The Progress view (its alert cards and history, the GP report, the Clinic's patient view) reads the same
    check-in as the summary behind its headline: never a six-week warning the headline does not know of, nor
    one missing that it names."""
    from analysis.review.progress import progress_view

    diary, episode = _diary(tmp_path, minutes=minutes)
    _check_in(diary, episode, 47, scores)
    view = progress_view(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), episode,
                         seen=diary.seen(), answers=diary.answers())
    in_summary = {a.code for a in view.summary.alerts if a.active}
    in_view = set(view.alerts.loc[view.alerts["active"].astype(bool), "code"])
    assert in_view == in_summary == _codes(diary)
