"""Review 31's browser walk, the Clinic: a renamed fitness-app file had no way to a patient; the list showed a pain of
3.25 as 3.3 beside 3.2 everywhere else, and "None" for too few entries; the column step left a notes column out with
only a folded warning after the import."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.ingest.headers import columns_left_out
from analysis.storage import DayEntry, Diary
from tests.apptest import app

TODAY = dt.date.today()


def test_a_renamed_fitness_file_asks_whose_diary_and_adds_the_minutes(fresh_diary: Path) -> None:
    alice = "date,pain\n" + "".join(f"{TODAY - dt.timedelta(days=n)},5\n" for n in range(4, 0, -1))
    fit = "Date,Move Minutes count,Calories (kcal),Distance (m)\n" + "".join(
        f"{TODAY - dt.timedelta(days=n)},{40 + n},1800,3000\n" for n in range(4, 0, -1))
    name = "pipstur_daily_activity_metrics.csv"  # named by whoever sent it, not the app's own name
    at = app().switch_page("screens/clinic.py").run()
    at.file_uploader(key="clinic_upload").set_value([("alice.csv", alice.encode(), "text/csv"),
                                                     (name, fit.encode(), "text/csv")]).run()
    at.button(key="clinic_import").click().run()
    assert not at.exception, at.exception
    at.selectbox(key=f"patient_{name}").set_value("alice").run()
    at.button(key=f"patient_{name}_import").click().run()
    diary = Diary(fresh_diary)
    try:
        minutes = diary.entries().sort_values("date")["activity_minutes"].tolist()
    finally:
        diary.close()
    assert minutes == [44.0, 43.0, 42.0, 41.0]


def test_the_list_rounds_the_pain_as_the_sentences_do_and_leaves_it_empty_when_unknown(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    anna = diary.add_episode("Anna", TODAY - dt.timedelta(days=10), normal_activity_minutes=60)
    for ago, pain in zip(range(4, 0, -1), (3, 3, 3.5, 3.5), strict=True):  # a 7-day mean of 3.25
        diary.save_entry(anna, DayEntry(TODAY - dt.timedelta(days=ago), pain, None, 30))
    ben = diary.add_episode("Ben", TODAY - dt.timedelta(days=3), normal_activity_minutes=60)
    diary.save_entry(ben, DayEntry(TODAY - dt.timedelta(days=1), 5, None, 30))
    diary.close()
    at = app().switch_page("screens/clinic.py").run()
    assert not at.exception, at.exception
    shown = at.dataframe[0].value
    pains = dict(zip(shown["Patient"], shown["Pain"], strict=True))
    assert pains["Anna"] == "3.2"  # as Progress and the GP report say it (round half to even of 3.25)
    assert pains["Ben"] == ""  # too few entries: empty, not the word "None"


def test_the_column_step_names_the_columns_left_out() -> None:
    assert columns_left_out(["Tag", "Schmerz", "Notizen"], {"Tag": "date", "Schmerz": "pain"}) == \
        "Not imported unless picked above: Notizen."
    assert columns_left_out(["Tag", "Schmerz"], {"Tag": "date", "Schmerz": "pain"}) is None


def test_the_clinics_problem_report_says_which_column_holds_what_in_the_pages_words(tmp_path: Path) -> None:
    """The report said "Give a mapping that says which column holds pain" (the CLI's words) beside a page of
    pickers."""
    from analysis.workflows.diary_io import import_many
    from analysis.workflows.problem_report import problem_report_csv
    from dashboard.clinic_import import HOW_IN_THE_REPORT

    diary = Diary(tmp_path / "d.db")
    results = list(import_many(diary, [("ute.csv", b"Tag,Schmerz\n2026-02-03,6\n")]))
    diary.close()
    report = problem_report_csv(results, HOW_IN_THE_REPORT)
    assert "column step" in report and "Give a mapping" not in report
    assert "Give a mapping" in problem_report_csv(results)  # the CLI's words where no page's are given
