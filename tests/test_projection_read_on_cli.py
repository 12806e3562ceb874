"""`summary --json` of a diary that stopped weeks ago does not say its projected day, already past, in the present
tense (analysis.review.projection_words: the GP report's wording, shared). Every key of the public contract is
kept; only the note's text changes, and only when the projected day is before the day the summary is read."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.review.record import SummaryRecord
from tests.test_review5_cli import TODAY, stopped_diary


def _summary(db: Path, capsys: pytest.CaptureFixture[str], *more: str) -> dict:
    assert main(["summary", "--db", str(db), "--json", *more]) == 0
    [record] = json.loads(capsys.readouterr().out)
    return record


def test_a_stopped_diarys_projection_is_said_in_the_past(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.db"
    stopped_diary(db, onset_ago=40, stop_ago=25)
    record = _summary(db, capsys)
    assert list(record) == list(SummaryRecord.__dataclass_fields__)  # every key, in order
    projected = dt.date.fromisoformat(record["projected_recovery_date"])
    assert projected < TODAY  # the diary's own projection, from its last entry 25 days ago
    note = record["projection_note"]
    assert "reaches 1 or less around" not in note, note  # it said: "At the current rate pain reaches ... around"
    assert re.fullmatch(rf"The diary stopped on {record['last_entry_date']}; at that rate pain would have reached 1 "
                        rf"or less around {projected.isoformat()}( \(\S+ to \S+\))?\. Whether it did is not in the "
                        r"diary\.", note), note


def test_judged_as_on_a_day_the_projection_is_made_on_it_stands(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.db"
    stopped_diary(db, onset_ago=40, stop_ago=25)
    last = (TODAY - dt.timedelta(days=25)).isoformat()
    record = _summary(db, capsys, "--as-of", last)
    assert record["projection_note"].startswith("At the current rate pain reaches 1 or less around ")


def test_a_diary_logged_yesterday_keeps_its_projection_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.db"
    stopped_diary(db, onset_ago=20, stop_ago=1)
    record = _summary(db, capsys)
    assert dt.date.fromisoformat(record["projected_recovery_date"]) >= TODAY
    assert record["projection_note"].startswith("At the current rate pain reaches 1 or less around ")
