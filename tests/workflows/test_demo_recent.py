"""The demo diaries as a person opening the app sees them: moved to end yesterday (review of the stop note: a demo
ending on its files' fixed day showed every patient gone quiet weeks later)."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.review.summary import summarise
from analysis.storage import Diary
from analysis.workflows.diary_io import load_demo, sample_files
from tests.cli_run import cli


def _rows(diary: Diary) -> pd.DataFrame:
    return diary.entries().sort_values(["patient", "date"]).reset_index(drop=True)


def test_the_demo_moved_to_end_yesterday_keeps_every_value_and_gap() -> None:
    """Every diary day moved by one number of days (the last is yesterday's), onsets with them, every value as the
    files give it; the summary's statuses and alert codes are those of the files' own dates."""
    yesterday = dt.date.today() - dt.timedelta(days=1)
    as_written, moved = Diary(":memory:"), Diary(":memory:")
    load_demo(as_written)
    load_demo(moved, yesterday)
    before, after = _rows(as_written), _rows(moved)
    shift = after["date"].max() - before["date"].max()
    assert after["date"].max().date() == yesterday
    assert (after["date"] - before["date"]).eq(shift).all()
    assert (after["onset_date"] - before["onset_date"]).eq(shift).all()
    values = ["patient", "pain", "worst_pain", "activity_minutes", "bed_rest_hours", "notes"]
    pd.testing.assert_frame_equal(after[values], before[values])
    assert len(moved.doses()) == len(as_written.doses()) and len(moved.symptoms()) == len(as_written.symptoms())

    def judged(diary: Diary) -> list[tuple]:
        table = summarise(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes())
        return [(row.patient, row.status, sorted(a.code for a in row.alerts)) for row in table.itertuples()]

    assert judged(moved) == judged(as_written)
    assert len(sample_files()) == after["patient"].nunique() == 5


def test_demo_recent_on_the_command_line(tmp_path) -> None:
    """`demo --if-empty --recent` (make run): the demo ending yesterday; the files' own dates without --recent."""
    db = tmp_path / "d.db"
    done = cli("demo", "--db", str(db), "--if-empty", "--recent")
    assert done.returncode == 0, done.stderr
    assert Diary(db).entries()["date"].max().date() == dt.date.today() - dt.timedelta(days=1)
    plain = tmp_path / "p.db"
    assert cli("demo", "--db", str(plain)).returncode == 0
    assert Diary(plain).entries()["date"].max().date() < dt.date.today() - dt.timedelta(days=30)
