"""The example diaries' notice (dashboard/setup.py demo_notice) is shown while example days are in the diary, and not
after "Remove the example diaries" kept a day the person typed into one (review 28: the notice came back, saying
"You are looking at example diaries", with a Remove button that did nothing more)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.storage import DayEntry, Diary
from analysis.workflows.diary_io import load_demo
from analysis.workflows.examples import remove_examples
from tests.apptest import run

NOTICE = "You are looking at example diaries"


def _notice_shown(at) -> bool:
    return any(NOTICE in box.value for box in at.info) and any(b.key == "remove_demo" for b in at.button)


def test_the_notice_goes_with_the_examples_and_stays_gone_beside_a_kept_day(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    load_demo(diary, dt.date.today() - dt.timedelta(days=1))
    episode = int(diary.episodes()["episode_id"].iloc[0])
    diary.save_entry(episode, DayEntry(dt.date.today(), 3.0, notes="my own day"))
    diary.close()
    assert _notice_shown(run("screens/today.py"))
    diary = Diary(fresh_diary)
    remove_examples(diary)
    diary.close()
    at = run("screens/today.py")
    assert not _notice_shown(at)
    assert not at.exception


def test_beside_an_imported_diary_the_examples_can_still_be_removed(fresh_diary: Path) -> None:
    """Review 36's explorer: after one Clinic import the button was gone from every page, and "URGENT Anna (demo)"
    stayed at the top of the physiotherapist's list. Now a line and the button show on Today and in the Clinic."""
    from analysis.workflows.diary_io import import_bytes

    diary = Diary(fresh_diary)
    load_demo(diary, dt.date.today() - dt.timedelta(days=1))
    rows = "".join(f"Olivia,{dt.date.today() - dt.timedelta(days=d)},5\n" for d in range(14, 0, -1))
    import_bytes(diary, ("patient,date,pain\n" + rows).encode(), "olivia.csv")
    diary.close()
    for page in ("screens/today.py", "screens/clinic.py"):
        at = run(page)
        assert not at.exception, at.exception
        assert not _notice_shown(at)  # not "You are looking at example diaries": Olivia's is real
        assert any("example diaries" in c.value for c in at.caption), page
        assert any(b.key == "remove_demo" for b in at.button), page
    at.button(key="remove_demo").click().run()
    assert not at.exception
    diary = Diary(fresh_diary)
    try:
        assert diary.patient_names() == ["Olivia"]
    finally:
        diary.close()
    at = run("screens/clinic.py")
    assert not any(b.key == "remove_demo" for b in at.button)
