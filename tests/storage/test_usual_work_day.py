"""The person's usual working day (migration m013, PlanStore.set_usual_work_day): one value per episode, in the range
of analysis.model.limits.USUAL_WORK_DAY; an old diary gains the table keeping its days, and an old diary opened
read-only (never upgraded) reads as "not said", so the plan stays as it was (review 24's part-time worker)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from analysis.model.errors import ValidationError
from analysis.model.limits import USUAL_WORK_DAY
from analysis.review.today_plan import plan_for
from analysis.storage import Diary
from tests.old_diary import old_diary


def test_the_usual_day_is_set_replaced_and_removed(tmp_path: Path) -> None:
    diary = Diary(tmp_path / "d.db", keep_backups=0)
    fay, gus = diary.add_episode("Fay", "2026-11-01"), diary.add_episode("Gus", "2026-11-01")
    assert diary.usual_work_days().empty
    diary.set_usual_work_day(fay, 4)
    diary.set_usual_work_day(gus, 7.5)
    diary.set_usual_work_day(fay, 5)  # replaced, one row per episode
    assert diary.usual_work_days().to_dict("records") == [{"episode_id": fay, "hours": 5.0},
                                                          {"episode_id": gus, "hours": 7.5}]
    assert diary.usual_work_days([gus])["hours"].tolist() == [7.5]
    diary.set_usual_work_day(fay, None)  # not said again
    assert diary.usual_work_days([fay]).empty
    diary.close()


def test_the_write_check_is_one_sentence_at_the_limits_ends(tmp_path: Path) -> None:
    diary = Diary(tmp_path / "d.db", keep_backups=0)
    episode = diary.add_episode("Fay", "2026-11-01")
    diary.set_usual_work_day(episode, USUAL_WORK_DAY.low)
    diary.set_usual_work_day(episode, USUAL_WORK_DAY.high)
    for wrong in (USUAL_WORK_DAY.low - 0.5, USUAL_WORK_DAY.high + 0.5, 0):
        with pytest.raises(ValidationError, match=r"^Your usual working day must be between 1 and 24 hours "
                                                  r"\(got .*\)\.$"):
            diary.set_usual_work_day(episode, wrong)
    assert diary.usual_work_days([episode])["hours"].tolist() == [USUAL_WORK_DAY.high]
    with pytest.raises(sqlite3.IntegrityError):  # the database's CHECK holds whatever code path writes
        diary.db.execute("INSERT OR REPLACE INTO usual_work_day(episode_id, hours) VALUES (?, 30)", [episode])
    diary.close()


def test_deleting_the_person_deletes_the_usual_day(tmp_path: Path) -> None:
    diary = Diary(tmp_path / "d.db", keep_backups=0)
    episode = diary.add_episode("Fay", "2026-11-01")
    diary.set_usual_work_day(episode, 4)
    diary.delete_patient("Fay")
    assert diary.db.execute("SELECT count(*) FROM usual_work_day").fetchone()[0] == 0
    diary.close()


def test_m013_adds_the_table_to_an_old_diary_keeping_its_days(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_diary(path, "m013_usual_work_day", "2026-11-01", "2026-11-02")
    diary = Diary(path, keep_backups=0)
    assert diary.entry(3, "2026-11-02").pain == 6
    assert diary.usual_work_days().empty
    diary.set_usual_work_day(3, 4)
    diary.set_work_hours(3, "2026-11-02", 4)
    assert plan_for(diary, 3, "2026-11-02").work == {"plan": "full days", "hours_target": 4.0,
                                                    "usual_day_hours": 4.0}
    diary.close()


def test_an_old_diary_opened_read_only_has_no_usual_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    old_diary(path, "m013_usual_work_day", "2026-11-01", "2026-11-02",
              ("INSERT INTO work_hours(episode_id, date, hours) VALUES (3, '2026-11-02', 3)",))
    monkeypatch.setattr("analysis.storage.connection.os.access", lambda *_: False)  # tests run as root
    diary = Diary(path)
    assert diary.read_only and diary.usual_work_days().empty
    assert list(diary.usual_work_days().columns) == ["episode_id", "hours"]
    assert plan_for(diary, 3, "2026-11-02").work == {"plan": "half days", "hours_target": 4.0,
                                                    "usual_day_hours": None}
    diary.close()
