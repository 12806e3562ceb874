"""Review 5: the GP report (`python -m analysis report`, read with pdftotext) of a diary that stopped before the
report's day, as a GP reads it: does any line still speak of today, or contradict the line beside it?"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from analysis.storage import DayEntry, Diary
from tests.cli_run import cli
from tests.pdf_text import pdf_words

TODAY = dt.date.today()


def stopped_diary(db: Path, onset_ago: int, stop_ago: int, symptoms: dict[int, list[str]] | None = None) -> None:
    """Robin: onset `onset_ago` days ago, one entry a day (pain easing from 7, walks building up) up to
    `stop_ago` days ago; `symptoms` by days ago."""
    diary = Diary(db)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=onset_ago), normal_activity_minutes=60)
    for n in range(onset_ago - stop_ago + 1):
        ago = onset_ago - n
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), max(1.0, 7 - n * 0.2), 8, 15 + 5 * n, 0,
                                           "", symptoms=(symptoms or {}).get(ago, [])))
    diary.close()


def report_words(db: Path, tmp_path: Path) -> str:
    """The report's words (pdftotext -layout, spaces joined), as written by the CLI with its default --as-of."""
    out = tmp_path / "r.pdf"
    done = cli("report", "--db", str(db), "-o", str(out))
    assert done.returncode == 0, done.stderr
    return pdf_words(out.read_bytes())


def test_the_report_headline_names_the_day_its_pain_change_is_of(tmp_path: Path) -> None:
    """FIXED (analysis/review/status_headline.py): the report of a diary that stopped on day 10, read on day 20,
    said 'Day 20: pain down 18% from 6.8 - on track' at the top of page 1, above 'Pain on day 10 (7-day mean, last
    entry)': the change is day 10's. The headline now names that day: 'Day 10 (last entry): pain down 18% ...'."""
    db = tmp_path / "d.db"
    stopped_diary(db, onset_ago=20, stop_ago=10)
    words = report_words(db, tmp_path)
    assert "Pain on day 10 (7-day" in words and "Days since onset 20" in words  # the lines beside it (as landed)
    headline = re.search(r"Day (\d+)[^:]*: pain down (\d+)%", words)
    assert headline is not None, words[:600]
    assert headline.group(0) == "Day 10 (last entry): pain down 18%"  # it said Day 20: today's number


def test_a_stopped_diary_is_not_projected_to_recover_on_a_day_already_past(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    stopped_diary(db, onset_ago=40, stop_ago=25)
    words = report_words(db, tmp_path)
    assert "No entries since" in words  # the report knows the diary stopped
    past = [d for d in re.findall(r"reaches 1 or less around (\d+ \w+ \d{4})", words)
            if dt.datetime.strptime(d, "%d %b %Y").date() < TODAY]
    assert past == [], past
    # FIXED (analysis/output/report_sections.py projection_sentence, _outcome): the report says what the diary can
    assert re.search(r"The diary stopped on \d+ \w+ \d{4}; at that rate pain would have reached 1 or less around "
                     r"\d+ \w+ \d{4}\. Whether it did is not in the diary\.", words), words
    assert not re.search(r"\((\d+ \w+ \d{4}) to \1\)", words)  # no zero-width range


def test_a_stopped_diary_reports_its_alerts_on_one_day(tmp_path: Path) -> None:
    """FIXED (analysis/output/report.py episode_report, report_sections.stopped): of a diary that stopped 25 days
    ago, 'Pain still strong after a week' (last noted on the last entry) was 'Active now: yes' while the urgent sign
    logged 5 days before that last entry was 'no' (its 14-day hold judged on the report's day), under the key
    'Bold: still applies on the last diary day'. Every row is now judged on the last entry, and says so."""
    db = tmp_path / "d.db"
    stopped_diary(db, onset_ago=40, stop_ago=25, symptoms={30: ["saddle_numbness"]})
    words = report_words(db, tmp_path)
    assert "No entries since" in words
    assert "Active now" not in words and "Alerts now" not in words  # 25-day-old figures are not 'now'
    # the urgent sign was 5 days before the last entry: within its 14-day hold on that day, as the key reads it
    assert re.search(r"Emergency warning sign URGENT \d+ \w+ \d{4} \d+ \w+ \d{4} yes", words), words
    # the headline says the urgent sign as the last entry's, under the line saying the diary stopped
    assert re.search(r"Day 15 \(last entry\): an urgent warning sign was still open \(Emergency warning sign\): "
                     r"see the alerts first", words), words[:800]
    assert "On last entry" in words and "Alerts on the last entry (" in words
