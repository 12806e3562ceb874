"""Numbness two days running on the pages (review 33): Progress showed the emergency card and, beside it, the milder
"New numbness or weakness ... call your GP today" card for the same numbness; after "I have been seen about this" on
the emergency, Today still asked the person to call their GP about it and Progress kept its card."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.storage import DayEntry, Diary
from tests.apptest import run

TODAY = dt.date.today()


def _said(when: dt.date) -> str:
    return f"{when.day} {when:%B %Y}"


def _numbness_two_days(db: Path) -> None:
    """Una's diary of 13 days to today, numbness logged yesterday and today."""
    diary = Diary(db)
    try:
        episode = diary.add_episode("Una", TODAY - dt.timedelta(days=14), normal_activity_minutes=40)
        for back in range(12, -1, -1):
            diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 5, 6, 20,
                                               symptoms=["numbness"] if back <= 1 else []))
    finally:
        diary.close()


def _boxes(at) -> list[str]:  # noqa: ANN001
    return [str(node.value) for node in at.main if getattr(node, "type", None) in ("error", "warning", "info")]


def test_progress_shows_one_card_naming_both_days_and_the_visit_closes_it_everywhere(fresh_diary: Path) -> None:
    _numbness_two_days(fresh_diary)
    both = f"first reported on {_said(TODAY - dt.timedelta(days=1))}, last reported {_said(TODAY)}"
    at = run("screens/progress.py")
    boxes = _boxes(at)
    assert [b for b in boxes if b.startswith("**Act now:**")][0].startswith("**Act now:** Numbness"), boxes
    assert all(both in b for b in boxes if "Numbness" in b), boxes
    assert not [b for b in boxes if "New numbness or weakness" in b], boxes  # the emergency's, not a second card
    assert sum("call your GP today" in b for b in boxes) == 0, boxes
    at.button(key="seen_red_flag_emergency").click().run()
    assert not [b for b in _boxes(at) if "Numbness" in b], _boxes(at)
    today = run("screens/today.py")
    assert not [b for b in _boxes(today) if "Numbness" in b or "numbness" in b], _boxes(today)


def test_progress_leaves_out_the_usual_course_until_the_emergency_is_seen(fresh_diary: Path) -> None:
    """The headline under an urgent sign says the comparison with the usual course can wait for a doctor; the
    "Usual on day 14" figure and "Your course so far" sat under it."""
    _numbness_two_days(fresh_diary)
    at = run("screens/progress.py")
    labels = [m.label for m in at.metric]
    assert not [label for label in labels if label.startswith("Usual")], labels
    assert not [m.value for m in at.markdown if "Your course so far" in m.value]
    at.button(key="seen_red_flag_emergency").click().run()
    assert [m.label for m in at.metric if m.label.startswith("Usual")], [m.label for m in at.metric]
    assert [m.value for m in at.markdown if "Your course so far" in m.value]


def test_a_visit_about_the_new_episodes_emergency_closes_the_earlier_episodes_numbness(fresh_diary: Path) -> None:
    """Review 33's code reader: numbness logged in Robin's earlier episode the day before a new one began, numbness
    again on the new one's first day (two days running: the new episode's emergency). After "I have been seen about
    this" on the emergency, Today still asked Robin to call the GP about the earlier episode's numbness, and held
    the walk."""
    diary = Diary(fresh_diary)
    try:
        first = diary.add_episode("Robin", TODAY - dt.timedelta(days=8), normal_activity_minutes=60)
        for back in range(8, 2, -1):
            diary.save_entry(first, DayEntry(TODAY - dt.timedelta(days=back), 4, None, 20, 0, "",
                                             symptoms=["numbness"] if back == 3 else []))
        second = diary.add_episode("Robin", TODAY - dt.timedelta(days=2), normal_activity_minutes=60)
        for back in (2, 1):
            diary.save_entry(second, DayEntry(TODAY - dt.timedelta(days=back), 4, None, 20, 0, "",
                                              symptoms=["numbness"] if back == 2 else []))
    finally:
        diary.close()
    progress = run("screens/progress.py")
    assert progress.session_state["episode_id"] == second
    progress.button(key="seen_red_flag_emergency").click().run()
    assert not progress.exception, progress.exception
    today = run("screens/today.py")
    boxes = _boxes(today)
    assert not [b for b in boxes if "umbness" in b], boxes  # neither episode's numbness asks for the GP again
    marks = Diary(fresh_diary).seen()
    assert sorted(zip(marks["episode_id"], marks["code"], strict=True)) == [
        (first, "new_numbness_weakness"), (second, "red_flag_emergency")]


def test_progress_says_why_the_pain_is_a_dash(fresh_diary: Path) -> None:
    """Review 33: two entries gave "Pain on day 2 (7-day average) –" beside "Usual on day 2: 7.3 of 10", with
    the reason only in a tooltip."""
    diary = Diary(fresh_diary)
    try:
        episode = diary.add_episode("Day3", TODAY - dt.timedelta(days=2), normal_activity_minutes=40)
        for back in (2, 1):
            diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 8, 9, 10, 10, ""))
    finally:
        diary.close()
    at = run("screens/progress.py")
    assert any(m.value == "–" for m in at.metric)
    assert any(c.value.startswith("Only 2 entries in the 7 days to day") and "at least 3 are needed" in c.value
               for c in at.caption), [c.value for c in at.caption]
