"""Under Save, the medicine alerts of the day just saved, even when it is not the diary's last (review 20)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.review.page_rules import medicine_warnings_on
from analysis.review.urgent_now import alerts_now
from analysis.storage import DayEntry, Diary, Dose

TODAY = dt.date(2026, 12, 3)


def test_two_nsaids_yesterday_are_said_for_yesterday_only(tmp_path: Path) -> None:
    diary = Diary(tmp_path / "d.db")
    episode = diary.add_episode("Noor", TODAY - dt.timedelta(days=5), "", 60)
    diary.save_entry(episode, DayEntry(TODAY, 5, 6, 20, 0, ""))
    yesterday = TODAY - dt.timedelta(days=1)
    diary.save_entry(episode, DayEntry(yesterday, 6, 7, 20, 0, "",
                                       [Dose("ibuprofen", 400, 3), Dose("naproxen", 250, 2)], []))
    history = alerts_now(diary, [episode], TODAY)
    said = medicine_warnings_on(history, episode, yesterday)
    assert len(said) == 1 and said[0].startswith("**Two anti-inflammatories on one day**"), said
    assert "NSAID" in said[0]
    assert medicine_warnings_on(history, episode, TODAY) == []  # today's own medicines raised nothing
    assert medicine_warnings_on(history, episode + 1, yesterday) == []  # another episode's days: nothing


def test_a_symptom_alert_is_not_a_medicine_warning(tmp_path: Path) -> None:
    diary = Diary(tmp_path / "d.db")
    episode = diary.add_episode("Noor", TODAY - dt.timedelta(days=5), "", 60)
    diary.save_entry(episode, DayEntry(TODAY, 5, 6, 20, 0, "", [Dose("paracetamol", 1000, 5)], ["fever"]))
    said = medicine_warnings_on(alerts_now(diary, [episode], TODAY), episode, TODAY)
    assert len(said) == 1 and "paracetamol" in said[0].lower(), said  # 5 g: the liver warning, not the fever
