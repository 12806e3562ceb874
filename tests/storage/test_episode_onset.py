"""Correcting an episode's onset (review 20: the set-up form offers today, often a guess)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.model.errors import ValidationError
from analysis.review.page_rules import before_onset
from analysis.storage import DayEntry, Diary

DAY = dt.date(2026, 11, 20)


def _diary(tmp_path: Path) -> tuple[Diary, int]:
    diary = Diary(tmp_path / "d.db")
    episode = diary.add_episode("Robin", DAY, "", 60)
    diary.save_entry(episode, DayEntry(DAY + dt.timedelta(days=2), 5, 6, 10, 0, ""))
    return diary, episode


def _onset(diary: Diary, episode: int) -> dt.date:
    return diary.episodes().set_index("episode_id").loc[episode, "onset_date"].date()


def test_the_onset_moves_back_and_its_default_label_follows(tmp_path: Path) -> None:
    diary, episode = _diary(tmp_path)
    diary.update_episode(episode, onset_date=DAY - dt.timedelta(days=3))
    row = diary.episodes().set_index("episode_id").loc[episode]
    assert _onset(diary, episode) == DAY - dt.timedelta(days=3)
    assert row["episode"] == "Back pain from 2026-11-17"
    diary.save_entry(episode, DayEntry(DAY - dt.timedelta(days=2), 7, 8, 5, 2, ""))  # now a day of the diary


def test_an_onset_after_a_logged_day_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    diary, episode = _diary(tmp_path)
    with pytest.raises(ValidationError, match="after the first day in this diary"):
        diary.update_episode(episode, onset_date=DAY + dt.timedelta(days=3), normal_activity_minutes=30)
    assert _onset(diary, episode) == DAY
    assert diary.episodes()["normal_activity_minutes"].iloc[0] == 60
    diary.update_episode(episode, onset_date=DAY + dt.timedelta(days=2))  # on the first logged day: fine
    assert _onset(diary, episode) == DAY + dt.timedelta(days=2)


def test_an_onset_on_another_episodes_onset_is_refused(tmp_path: Path) -> None:
    diary, episode = _diary(tmp_path)
    later = diary.add_episode("Robin", DAY + dt.timedelta(days=30), "", 60)
    with pytest.raises(ValidationError, match="already has an episode starting"):
        diary.update_episode(later, onset_date=DAY)


def test_a_custom_label_is_kept(tmp_path: Path) -> None:
    diary = Diary(tmp_path / "d.db")
    episode = diary.add_episode("Robin", DAY, "Lifting the sofa", 60)
    diary.update_episode(episode, onset_date=DAY - dt.timedelta(days=1))
    assert diary.episodes()["episode"].iloc[0] == "Lifting the sofa"


def test_today_says_a_day_before_the_onset_in_words() -> None:
    assert before_onset(DAY, DAY) is None and before_onset(DAY + dt.timedelta(days=1), DAY) is None
    said = before_onset(DAY - dt.timedelta(days=2), DAY)
    assert said.startswith("18 Nov 2026 is before your back pain started (20 Nov 2026)")
