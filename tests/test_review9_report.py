"""Review 9: the Progress headline and the GP report (`summary --json`, `report` read with pdftotext)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.storage import DayEntry, Diary
from tests.pdf_text import pdf_words

TODAY = dt.date.today()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def report_words(diary: Diary, episode: int) -> str:
    """The GP report of `episode` as `python -m analysis report` writes it (in process: the CLI's episode_report),
    read with pdftotext."""
    from analysis.output.report import episode_report

    return pdf_words(episode_report(diary, episode, None, today=TODAY))


def test_a_start_of_almost_no_pain_is_not_worded_as_hundreds_of_percent(tmp_path: Path) -> None:
    """Ida's first three days read 0, 0 and 1 (baseline 0.3), then pain 3 every day for 9 days. Progress and
    the GP report: 'Day 11 (last entry): pain up 800% from 0.3', 'Change since baseline up 800%'. Review 8's fix
    words a start of 0.0 in points ('pain up 3.0 points from 0.0'); one point more on the first days makes it
    an alarming, meaningless percentage (GUIDANCE §3: 2 points or 30%)."""
    db = tmp_path / "d.db"
    diary = Diary(db)
    pains = [0, 0, 1] + [3] * 9
    episode = diary.add_episode("Ida", _ago(12), normal_activity_minutes=60)
    for i, pain in enumerate(pains):
        diary.save_entry(episode, DayEntry(_ago(12 - i), pain, pain, 30, 0, ""))
    words = report_words(diary, episode)
    diary.close()
    assert "800%" not in words, words[:300]
    assert "pain up 2.7 points from 0.3" in words and "Change since baseline up 2.7 points" in words


def test_the_gp_report_of_a_korean_patient_shows_her_name_and_note(tmp_path: Path) -> None:
    """Kim Min-jun (김민준) keeps his diary in Korean: 'my back hurts' (허리가 아파요) on one day. The GP report
    prints 'Low back pain diary — ???' and the note '??가 ???': only 가 is in the fallback font. Review 8's fix:
    'Chinese, Japanese and Korean names and notes print'."""
    from tests.pdf_text import require_cjk_font

    require_cjk_font()
    db = tmp_path / "d.db"
    diary = Diary(db)
    episode = diary.add_episode("김민준", _ago(10), normal_activity_minutes=60)
    for ago in range(10, 0, -1):
        diary.save_entry(episode, DayEntry(_ago(ago), 5, 6, 30, 0, "허리가 아파요" if ago == 2 else ""))
    words = report_words(diary, episode)
    diary.close()
    assert "Low back pain diary — 김민준" in words
    assert "허리가 아파요" in words and "?" not in words
