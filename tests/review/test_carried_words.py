"""The medicine days before a new episode that its alerts count are named beside its medicines table
(analysis.review.carried_words; review 35's tester: the GP report's table said codeine on 3 days, longest run 3,
beside "Codeine or opioid for more than 3 days", which counted 3 more days of the earlier episode)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from analysis.alerts.carried import WHAT
from analysis.model import columns as c
from analysis.output import report
from analysis.review.carried_words import carried_medicine_line
from analysis.review.progress_for import progress_for
from analysis.storage import DayEntry, Diary, DoseEntry
from tests.pdf_text import pdf_words

TODAY = dt.date(2026, 10, 20)


def _carried(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame({c.EPISODE_ID: [2] * len(rows), c.DATE: pd.to_datetime([d for d, _ in rows]),
                         WHAT: [w for _, w in rows]})


def test_no_carried_days_say_nothing() -> None:
    assert carried_medicine_line(None) is None
    assert carried_medicine_line(_carried([])) is None
    assert carried_medicine_line(_carried([("2026-10-14", "numbness")])) is None  # a sign is no medicine


def test_each_class_is_named_with_its_days_and_their_span() -> None:
    line = carried_medicine_line(_carried([("2026-10-14", "opioid"), ("2026-10-12", "opioid"),
                                           ("2026-10-13", "opioid"), ("2026-10-13", "opioid"),
                                           ("2026-10-09", "NSAID"), ("2026-10-14", "numbness")]))
    assert line == ("The alerts also count days logged in the earlier episode: opioid on 3 days (12 Oct 2026 to "
                    "14 Oct 2026); NSAID on 1 day (9 Oct 2026).")


def _two_episodes(db: Path, codeine_in_second: bool) -> tuple[Diary, int]:
    """Zed: a first episode from 1 Oct with co-codamol on 12-14 Oct, a second from 15 Oct (co-codamol on
    15-17 Oct when `codeine_in_second`), one diary day each day to 20 Oct."""
    diary = Diary(db)
    first = diary.add_episode("Zed", dt.date(2026, 10, 1), normal_activity_minutes=60)
    second = diary.add_episode("Zed", dt.date(2026, 10, 15), normal_activity_minutes=60)
    for day in pd.date_range("2026-10-01", TODAY).date:
        dosed = dt.date(2026, 10, 12) <= day <= dt.date(2026, 10, 14) or \
            (codeine_in_second and dt.date(2026, 10, 15) <= day <= dt.date(2026, 10, 17))
        doses = [DoseEntry("codeine", 30, 8), DoseEntry("paracetamol", 500, 8)] if dosed else []
        diary.save_entry(second if day >= dt.date(2026, 10, 15) else first,
                         DayEntry(day, 6, 7, 20, 0, "", doses=doses))
    return diary, second


def test_the_gp_report_names_the_earlier_days_its_codeine_alert_counts(tmp_path: Path) -> None:
    diary, second = _two_episodes(tmp_path / "d.db", codeine_in_second=True)
    view = progress_for(diary, second, TODAY)
    assert "codeine_over_3_days" in set(view.alerts["code"])
    text = pdf_words(report.report_pdf(view, "Zed", TODAY))
    assert "codeine opioid 3 3 days" in text  # the table: this episode's own days
    assert ("The alerts also count days logged in the earlier episode: opioid on 3 days (12 Oct 2026 to 14 Oct 2026)."
            in text)
    diary.close()


def test_an_episode_without_medicines_of_its_own_says_so_and_names_the_earlier_days(tmp_path: Path) -> None:
    diary, second = _two_episodes(tmp_path / "d.db", codeine_in_second=False)
    view = progress_for(diary, second, TODAY)
    assert view.medicines.empty
    text = pdf_words(report.report_pdf(view, "Zed", TODAY))
    assert ("No medicines recorded in this episode. The alerts also count days logged in the earlier episode: opioid "
            "on 3 days") in text
    first = progress_for(diary, 1, TODAY, as_of=dt.date(2026, 10, 14))  # nothing before the first episode
    assert first.carried_medicines is None
    diary.close()
