"""Review 6: what landed this morning, as a patient, a physiotherapist and a GP meet it.

1. A sign logged again after "I have been seen about this" the same day (analysis.alerts.seen_after; the diary
   CSV's "... before it came back"): which alert reopens, and what an import does to a practice's own mark.
2. The GP report (`python -m analysis report`, read with pdftotext) of a diary that stopped more than a week
   before it, its alerts judged on the last entry: does a line contradict the line beside it, or the diary?
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.alerts.engine import alerts
from analysis.model.dates import plain_date
from analysis.storage import DayEntry, Diary
from analysis.workflows.diary_io import export_csv, import_bytes
from tests.cli_run import cli
from tests.pdf_text import pdf_words
from tests.test_review5_cli import report_words, stopped_diary

TODAY = dt.date.today()
ONSET = dt.date(2026, 3, 1)


def day(n: int) -> dt.date:
    return ONSET + dt.timedelta(days=n)


def five_days(path: Path, symptoms: dict[int, list[str]]) -> tuple[Diary, int]:
    """Robin: days 0-4 of an episode from ONSET logged, `symptoms` by day number."""
    diary = Diary(path)
    episode = diary.add_episode("Robin", ONSET, normal_activity_minutes=60)
    for n in range(5):
        diary.save_entry(episode, DayEntry(day(n), 4, None, 20, 0, "", symptoms=symptoms.get(n, [])))
    return diary, episode


def active(diary: Diary, on: dt.date) -> dict[str, bool]:
    """Each alert code's newest run: active on `on`, as the pages and the Clinic judge it."""
    found = alerts(diary.entries(), diary.doses(), diary.symptoms(), as_of=on, seen=diary.seen())
    newest = found.sort_values("date").groupby("code").tail(1)
    return dict(zip(newest["code"], newest["active"].astype(bool), strict=True))


def report_on(db: Path, tmp_path: Path, *extra: str) -> str:
    """The report's words with extra CLI options (e.g. --as-of)."""
    out = tmp_path / "r.pdf"
    done = cli("report", "--db", str(db), "-o", str(out), *extra)
    assert done.returncode == 0, done.stderr
    return pdf_words(out.read_bytes())


# ---- 1. a sign logged again after the day's "I have been seen about this" ---------------------------------


def test_fever_seen_then_logged_again_reopens_only_its_own_alert(tmp_path: Path) -> None:
    """As landed (the scenarios of the brief that hold): fever seen, the day re-saved with the pain changed stays
    closed; fever again reopens; leg pain after the mark opens its own alert only."""
    diary, episode = five_days(tmp_path / "d.db", {4: ["fever"]})
    diary.mark_seen(episode, "red_flag_see_doctor", day(4))
    diary.save_entry(episode, DayEntry(day(4), 7, 8, 10, 0, "worse tonight", symptoms=["fever"]))
    assert active(diary, day(4)) == {"red_flag_see_doctor": False}
    diary.save_entry(episode, DayEntry(day(4), 7, 8, 10, 0, "worse tonight", symptoms=["fever", "leg_pain"]))
    assert active(diary, day(4)) == {"red_flag_see_doctor": False, "radiating_leg_pain": True}


def test_numbness_after_a_saddle_numbness_mark_does_not_reopen_the_emergency(tmp_path: Path) -> None:
    """FIXED (analysis/alerts/seen_after.py overtaken, Diary.seen's signs_day_before): RULE_SYMPTOMS gives
    red_flag_emergency numbness and weakness (they raise it on a SECOND day running), so numbness logged for the
    first time after the day's saddle-numbness mark reopened the URGENT emergency alert ('Get medical help now:
    call 999'), though only new_numbness_weakness (a warning) applied. Now they overtake an emergency mark only
    when the day before had numbness or weakness."""
    diary, episode = five_days(tmp_path / "d.db", {4: ["saddle_numbness"]})
    diary.mark_seen(episode, "red_flag_emergency", day(4))  # seen at A&E that afternoon
    assert active(diary, day(4)) == {"red_flag_emergency": False}
    # that evening a tingly leg, the first numbness of the diary (none on day 3): a warning to call the GP today
    diary.save_entry(episode, DayEntry(day(4), 4, None, 20, 0, "", symptoms=["saddle_numbness", "numbness"]))
    assert active(diary, day(4)) == {"red_flag_emergency": False, "new_numbness_weakness": True}
    assert "came back" not in export_csv(diary)  # the diary CSV says the mark as it reads it


def test_numbness_on_a_second_day_after_the_emergency_mark_reopens_it(tmp_path: Path) -> None:
    """Numbness on day 3, saddle numbness on day 4 seen that afternoon, numbness saved that evening: a second day
    running of numbness is the emergency back."""
    diary, episode = five_days(tmp_path / "d.db", {3: ["numbness"], 4: ["saddle_numbness"]})
    diary.mark_seen(episode, "red_flag_emergency", day(4))
    diary.mark_seen(episode, "new_numbness_weakness", day(4))
    assert active(diary, day(4)) == {"red_flag_emergency": False, "new_numbness_weakness": False}
    diary.save_entry(episode, DayEntry(day(4), 4, None, 20, 0, "", symptoms=["saddle_numbness", "numbness"]))
    assert active(diary, day(4)) == {"red_flag_emergency": True, "new_numbness_weakness": True}
    assert "red_flag_emergency@2026-03-05 by patient before it came back" in export_csv(diary)


def test_numbness_two_days_running_seen_then_logged_again_reopens_the_emergency(tmp_path: Path) -> None:
    """As landed: numbness on days 3 and 4 (the emergency rule), both alerts seen on day 4, numbness again on
    day 5 (a third day running): the emergency and the warning open again."""
    diary, episode = five_days(tmp_path / "d.db", {3: ["numbness"], 4: ["numbness"]})
    for code in ("red_flag_emergency", "new_numbness_weakness"):
        diary.mark_seen(episode, code, day(4))
    assert active(diary, day(4)) == {"red_flag_emergency": False, "new_numbness_weakness": False}
    diary.save_entry(episode, DayEntry(day(5), 4, None, 20, 0, "", symptoms=["numbness"]))
    assert active(diary, day(5)) == {"red_flag_emergency": True, "new_numbness_weakness": True}


def _came_back_file(tmp_path: Path) -> str:
    """Home: fever on day 3, 'seen' on day 4, fever logged again that evening; the diary CSV says so."""
    home, episode = five_days(tmp_path / "home.db", {3: ["fever"]})
    home.mark_seen(episode, "red_flag_see_doctor", day(4))
    home.save_entry(episode, DayEntry(day(4), 4, None, 20, 0, "", symptoms=["fever"]))
    text = export_csv(home)
    home.close()
    assert "red_flag_see_doctor@2026-03-05 by patient before it came back" in text
    return text


@pytest.mark.parametrize("by", ["clinician", "patient"])
def test_reimporting_the_same_file_keeps_the_practices_later_seen(tmp_path: Path, by: str) -> None:
    """FIXED (analysis/storage/alerts_seen.py _write_seen_marks): the practice imported a diary whose fever came
    back after the patient's mark (open, as at home), the physiotherapist assessed it and recorded it
    (`python -m analysis seen`, the same day): closed. The same file imported again (a re-sent e-mail) re-stamped
    the day's fever as saved after the newest mark, so the assessed sign was open again at triage ('importing
    the same file twice changes nothing'). Now a sign already stamped keeps its stamp; only a sign the import
    wrote (no save time) is stamped after the mark."""
    text = _came_back_file(tmp_path)
    practice = Diary(tmp_path / "practice.db")
    import_bytes(practice, text.encode(), "home.csv")
    assert active(practice, day(4)) == {"red_flag_see_doctor": True}  # as at home
    episode = int(practice.episodes()["episode_id"].iloc[0])
    practice.mark_seen(episode, "red_flag_see_doctor", day(4), by=by)  # assessed after the sign came back
    assert active(practice, day(4)) == {"red_flag_see_doctor": False}
    import_bytes(practice, text.encode(), "home.csv")
    assert active(practice, day(4)) == {"red_flag_see_doctor": False}


def test_a_came_back_file_into_a_diary_with_a_plain_mark_opens_the_sign(tmp_path: Path) -> None:
    """The practice first had the noon export (mark, no 'came back'), then the evening's (came back): open, and a
    third import of the evening file leaves it open."""
    home, episode = five_days(tmp_path / "home.db", {3: ["fever"], 4: ["fever"]})
    home.mark_seen(episode, "red_flag_see_doctor", day(4))
    noon = export_csv(home)
    home.save_entry(episode, DayEntry(day(4), 4, None, 20, 0, "", symptoms=[]))
    home.save_entry(episode, DayEntry(day(4), 4, None, 20, 0, "", symptoms=["fever"]))  # ticked again tonight
    evening = export_csv(home)
    assert "came back" not in noon and "before it came back" in evening
    practice = Diary(tmp_path / "practice.db")
    import_bytes(practice, noon.encode(), "home.csv")
    assert active(practice, day(4)) == {"red_flag_see_doctor": False}
    for _ in range(2):
        import_bytes(practice, evening.encode(), "home.csv")
        assert active(practice, day(4)) == {"red_flag_see_doctor": True}


# ---- 2. the GP report of a diary that stopped --------------------------------------------------------------


def test_a_stopped_report_says_a_clinicians_seen_after_the_last_entry(tmp_path: Path) -> None:
    """FIXED (analysis/output/report_sections.py seen_after_lines): a clinician's 'seen' recorded after the last
    entry of a stopped diary closed nothing on it (the table is judged on that day) and the report said 'no entry
    since says a doctor has seen it' and 'nothing is known of the days since', with no 'Seen:' line."""
    db = tmp_path / "d.db"
    stopped_diary(db, onset_ago=40, stop_ago=9, symptoms={10: ["saddle_numbness"]})
    seen_on = TODAY - dt.timedelta(days=5)  # assessed at A&E; the patient logged no more days
    diary = Diary(db)
    diary.mark_seen(int(diary.episodes()["episode_id"].iloc[0]), "red_flag_emergency", seen_on, by="clinician")
    diary.close()
    words = report_words(db, tmp_path)
    assert "No entries since" in words and "on the last entry (" in words  # judged on the last entry
    assert "no entry since says a doctor has seen it" not in words, words[:900]
    assert re.search(rf"seen on {re.escape(plain_date(seen_on))}[^.]*by a clinician", words), words


def test_a_report_as_of_after_the_diary_stopped_titles_its_alerts_by_their_day(tmp_path: Path) -> None:
    """FIXED (analysis/output/report.py report_pdf takes episode_report's --as-of, _judged_on): the table said
    'On last entry' (and 'Alerts on the last entry (2 Nov 2026)', 'Bold: applied on the last entry ...; nothing is
    known of the days since') whenever the last entry kept was over a week before the report, though with --as-of
    the alerts are judged on --as-of: an emergency sign 2 days before the last entry, open on it (14-day hold),
    read 'On last entry: no' and was left out of 'Alerts on the last entry'. Every alert line now names the
    --as-of day."""
    db = tmp_path / "d.db"
    stopped_diary(db, onset_ago=40, stop_ago=30, symptoms={32: ["saddle_numbness"]})
    as_of = TODAY - dt.timedelta(days=10)
    words = report_on(db, tmp_path, "--as-of", as_of.isoformat())
    on = plain_date(as_of)
    assert f"Alerts on {on}:" in words and "On as-of day" in words and f"Bold: applied on {on}, the day" in words
    assert "On last entry" not in words and "Alerts on the last entry" not in words
    row = re.search(r"Emergency warning sign URGENT \d+ \w+ \d{4} \d+ \w+ \d{4} (yes|no)", words)
    assert row is not None, words
    # the column says the last entry: the sign was open on it; or the column says the day it was judged on
    assert ("On last entry" in words and row.group(1) == "yes") or ("On last entry" not in words and
                                                                      "Alerts on the last entry" not in words), words


def test_a_report_as_of_an_earlier_day_does_not_say_the_diary_stopped(tmp_path: Path) -> None:
    """FIXED (analysis/output/report.py report_pdf reads the diary on --as-of): a report --as-of 20 days ago of a
    diary logged every day to today said 'No entries since <as-of>, 20 days before this report' and 'The diary
    stopped on ...', though 20 later days are in the diary."""
    db = tmp_path / "d.db"
    stopped_diary(db, onset_ago=40, stop_ago=0)  # logged every day up to today
    words = report_on(db, tmp_path, "--as-of", (TODAY - dt.timedelta(days=20)).isoformat())
    assert "Days since onset 20" in words  # the report is of that day, as landed
    assert "No entries since" not in words and "nothing is known of the days since" not in words, words[:900]
    assert "The diary stopped on" not in words, words


@pytest.mark.parametrize("stop_ago", [6, 7, 8, 30])
def test_a_stopped_report_never_says_now_beside_last_entry(tmp_path: Path, stop_ago: int) -> None:
    """As landed: while the diary is kept the report speaks of now ('Active now', 'Alerts now'); once it has gone
    quiet (a week without entries, the Clinic's cut since review 13) every alert line speaks of the last entry, and
    nothing says 'now' of the alerts."""
    db = tmp_path / "d.db"
    stopped_diary(db, onset_ago=40, stop_ago=stop_ago, symptoms={stop_ago + 2: ["saddle_numbness"]})
    words = report_words(db, tmp_path)
    last = plain_date(TODAY - pd.Timedelta(days=stop_ago))
    if stop_ago >= 7:
        assert "Active now" not in words and "Alerts now" not in words and "still applies" not in words
        assert f"Alerts on the last entry ({last})" in words and "On last entry" in words
        assert re.search(r"Emergency warning sign URGENT \d+ \w+ \d{4} \d+ \w+ \d{4} yes", words), words
    else:
        assert "Active now" in words and "Alerts now" in words and "On last entry" not in words
