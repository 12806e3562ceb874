"""A request reads each frame of the diary once (analysis.storage.read_once; issue 12: a GP report read the
episodes table five times, the person's days twice and the "seen" marks three times)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from analysis.output.report import episode_report
from analysis.review.progress_for import progress_for
from analysis.review.today_plan import plan_for, week_line
from analysis.storage import DayEntry, Diary, DoseEntry
from analysis.storage.read_once import ReadOnce, read_once

TODAY = dt.date.today()
READS = ("episodes", "entries", "doses", "symptoms", "seen", "screening", "answers", "exercise_ticks", "work_hours",
         "usual_work_days")


class CountingDiary:
    """A Diary whose reads are counted (per read and episodes asked for)."""

    def __init__(self, diary: Diary) -> None:
        self.diary, self.calls = diary, Counter()

    def __getattr__(self, name: str):
        method = getattr(self.diary, name)
        if name not in READS:
            return method

        def counted(*args, **kwargs):
            ids = args[0] if args else kwargs.get("episode_ids")
            self.calls[name, None if ids is None else tuple(sorted(ids))] += 1
            return method(*args, **kwargs)
        return counted


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def dev(tmp_path: Path) -> tuple[Diary, int, int, int]:
    """Dev's two episodes (numbness and co-codamol in the first, marked seen) and Ana's one."""
    diary = Diary(tmp_path / "diary.db")
    first = diary.add_episode("Dev", _ago(30), normal_activity_minutes=60)
    for ago in range(30, 14, -1):
        diary.save_entry(first, DayEntry(_ago(ago), 6, 7, 20, 0, "", symptoms=["numbness"] if ago == 20 else [],
                                         doses=[DoseEntry("codeine", 30, 4)] if ago < 18 else []))
    diary.mark_seen(first, "red_flag_see_doctor", _ago(19), by="clinician")
    second = diary.add_episode("Dev", _ago(10), normal_activity_minutes=60)
    for ago in range(10, 0, -1):
        diary.save_entry(second, DayEntry(_ago(ago), 5 - 0.3 * (10 - ago), None, 30, 0, ""))
    other = diary.add_episode("Ana", _ago(8), normal_activity_minutes=45)
    for ago in range(8, 0, -1):
        diary.save_entry(other, DayEntry(_ago(ago), 4, 5, 25, 0, "", doses=[DoseEntry("ibuprofen", 400, 3)]))
    yield diary, first, second, other
    diary.close()


def test_a_report_reads_each_frame_from_the_file_once(dev) -> None:
    diary, first, second, _ = dev
    counting = CountingDiary(diary)
    report = episode_report(counting, second, today=TODAY)
    assert report.startswith(b"%PDF")
    repeated = {key: times for key, times in counting.calls.items() if times > 1}
    assert not repeated, repeated
    assert counting.calls["episodes", None] == 1
    # the person's days are read once for both episodes; neither Ana's nor the whole diary's
    read_ids = {ids for (name, ids) in counting.calls if name in ("entries", "doses", "symptoms")}
    assert read_ids == {tuple(sorted((first, second)))}, read_ids


def test_the_report_and_the_view_are_what_reading_the_diary_directly_gives(dev) -> None:
    diary, _, second, _ = dev
    assert episode_report(CountingDiary(diary), second, today=TODAY) == episode_report(diary, second, today=TODAY)
    once, direct = progress_for(diary, second, TODAY), progress_for(ReadOnce(diary), second, TODAY)
    assert once.summary == direct.summary
    pd.testing.assert_frame_equal(once.alerts, direct.alerts)


def _same(cut: pd.DataFrame, direct: pd.DataFrame) -> None:
    """Row for row what the direct read gives; without rows, the same columns (a read of no rows types its columns
    as text, a cut keeps the wider read's types)."""
    if direct.empty:
        assert cut.empty and list(cut.columns) == list(direct.columns)
    else:
        pd.testing.assert_frame_equal(cut, direct)


@pytest.mark.parametrize("name", ["entries", "doses", "symptoms", "seen", "screening", "answers", "exercise_ticks",
                                  "work_hours", "usual_work_days"])
def test_a_cut_from_a_wider_read_is_the_direct_read(dev, name: str) -> None:
    diary, first, second, other = dev
    reads = ReadOnce(diary)
    getattr(reads, name)(None)  # every episode first
    for ids in ([first], [second], [other], [second, first], []):
        _same(getattr(reads, name)(ids), getattr(diary, name)(ids))
    narrow = ReadOnce(diary)
    getattr(narrow, name)([first, second])
    _same(getattr(narrow, name)([second]), getattr(diary, name)([second]))
    _same(getattr(narrow, name)([other]), getattr(diary, name)([other]))  # not within the wider read: read


def test_one_questionnaire_is_cut_from_every_answer_read(dev) -> None:
    diary, first, second, _ = dev
    diary.save_answers(first, "psfs", _ago(3), [("walking", 4.0, "Walking")])
    diary.save_answers(first, "other", _ago(3), [("sleep", 2.0, "Sleep")])
    counting = CountingDiary(diary)
    reads = ReadOnce(counting)
    reads.answers([first, second])
    for ids in ([first], [second], [first, second]):
        _same(reads.answers(ids, "psfs"), diary.answers(ids, "psfs"))
    assert sum(counting.calls.values()) == 1


def test_todays_plan_and_week_line_read_each_frame_once(dev) -> None:
    """The plan's pause, walking days, ticks and work, and the week line's course (two engine calls' worth of
    reads before)."""
    diary, _, second, _ = dev
    for make in (lambda d: plan_for(d, second, TODAY), lambda d: week_line(d, second, TODAY)):
        counting = CountingDiary(diary)
        assert make(counting) == make(diary)
        assert max(counting.calls.values()) == 1, counting.calls
        assert sum(times for (name, _), times in counting.calls.items() if name == "episodes") == 1


def test_a_frame_changed_by_one_reader_is_not_changed_for_the_next(dev) -> None:
    diary, first, _, _ = dev
    reads = read_once(diary)
    assert read_once(reads) is reads
    frame = reads.entries([first])
    frame["pain"] = -1.0
    frame["added"] = 1
    again = reads.entries([first])
    assert "added" not in again and (again["pain"] >= 0).all()


def test_the_report_command_reads_the_episodes_once(dev, tmp_path: Path, monkeypatch) -> None:
    """`report` picks the newest episode with days, says which it reported on, and writes the PDF: one read of the
    episodes table (it read it four times: twice to choose the episode, once for the report, once for the line)."""
    from tests.cli_run import cli

    diary, _, second, _ = dev
    reads: Counter = Counter()
    original = Diary.episodes

    def counted(self: Diary) -> pd.DataFrame:
        reads["episodes"] += 1
        return original(self)

    monkeypatch.setattr(Diary, "episodes", counted)
    out = tmp_path / "dev.pdf"
    said = cli("report", "--db", str(diary.path), "--patient", "Dev", "-o", str(out))
    assert said.returncode == 0, said.stderr
    assert out.read_bytes().startswith(b"%PDF") and "Wrote the report" in said.stdout
    assert reads["episodes"] == 1, reads
