"""Review 30 (a second reader of the change): a note typed and not saved in a diary that was then removed must not
come back in the next person's diary, whose episode gets the removed one's number."""
from __future__ import annotations

from pathlib import Path

from analysis.storage import Diary
from tests.apptest import run, with_demo


def test_a_removed_examples_typed_note_never_reaches_the_next_persons_diary(fresh_diary: Path) -> None:
    with_demo(fresh_diary)
    first = int(Diary(fresh_diary).episodes()["episode_id"].min())
    at = run("screens/today.py")
    at.selectbox(key="episode_id").set_value(first).run()
    at.text_area(key="log_notes").set_value("typed in the example's diary, not saved").run()
    at.button(key="remove_demo").click().run()
    assert Diary(fresh_diary).is_empty()
    at.text_input(key="onboarding_name").set_value("Me").run()
    next(b for b in at.button if b.label == "Start my diary").click().run()
    assert not at.exception, at.exception
    episodes = Diary(fresh_diary).episodes()
    assert episodes["patient"].tolist() == ["Me"] and int(episodes["episode_id"].iloc[0]) == first  # the id again
    assert at.text_area(key="log_notes").value == ""
