"""Under Save, the medicine and bed-rest alerts of the day just saved, even when it is not the diary's last
(reviews 20 and 22)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.review.page_rules import day_warnings_on
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
    said = day_warnings_on(history, episode, yesterday)
    assert len(said) == 1 and said[0].startswith("**Two anti-inflammatories on one day**"), said
    assert "NSAID" in said[0]
    assert day_warnings_on(history, episode, TODAY) == []  # today's own medicines raised nothing
    assert day_warnings_on(history, episode + 1, yesterday) == []  # another episode's days: nothing


def test_a_symptom_alert_is_not_a_medicine_warning(tmp_path: Path) -> None:
    diary = Diary(tmp_path / "d.db")
    episode = diary.add_episode("Noor", TODAY - dt.timedelta(days=5), "", 60)
    diary.save_entry(episode, DayEntry(TODAY, 5, 6, 20, 0, "", [Dose("paracetamol", 1000, 5)], ["fever"]))
    said = day_warnings_on(alerts_now(diary, [episode], TODAY), episode, TODAY)
    assert len(said) == 1 and "paracetamol" in said[0].lower(), said  # 5 g: the liver warning, not the fever


def test_a_third_day_in_bed_is_said_under_save(tmp_path: Path) -> None:
    """Review 22: a sixth day in bed was said on Progress only (GUIDANCE.md §4: no more than two days of bed rest)."""
    diary = Diary(tmp_path / "d.db")
    episode = diary.add_episode("Bea", TODAY - dt.timedelta(days=5), "", 60)
    for ago in range(5, -1, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 6, 7, 0, 10, ""))
    said = day_warnings_on(alerts_now(diary, [episode], TODAY), episode, TODAY)
    assert len(said) == 1 and said[0].startswith("**More than two days of bed rest**"), said


def test_an_overdose_under_save_is_said_as_urgent(tmp_path: Path) -> None:
    """Review 33's second walk: paracetamol 5,000 mg under Save had the warning's icon beside the red banner."""
    from analysis.review.page_rules import day_warnings_with_severity

    diary = Diary(tmp_path / "d.db")
    episode = diary.add_episode("Noor", TODAY - dt.timedelta(days=5), "", 60)
    diary.save_entry(episode, DayEntry(TODAY, 5, 6, 20, 0, "", [Dose("paracetamol", 1000, 5),
                                                               Dose("naproxen", 250, 2), Dose("ibuprofen", 400, 3)]))
    said = day_warnings_with_severity(alerts_now(diary, [episode], TODAY), episode, TODAY)
    assert [severity for severity, _ in said] == ["urgent", "warning"], said  # the overdose; two NSAIDs
    assert said[0][1].startswith("**Daily maximum dose exceeded**: paracetamol 5,000 mg"), said
