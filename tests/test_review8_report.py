"""Review 8: the GP report (`python -m analysis report`, read with pdftotext) and the plan (`python -m analysis
plan`) for unusual patients, as the physiotherapist prepares them for the GP."""
from __future__ import annotations

from pathlib import Path

from analysis.model.dates import plain_date
from analysis.storage import DayEntry, Diary
from tests.app.test_review8_app import eve_new_episode_after_an_urgent_sign
from tests.cli_run import cli
from tests.pdf_text import pdf_words, require_cjk_font
from tests.test_review7_cli import TODAY, _ago


def report_words(db: Path, tmp_path: Path, patient: str) -> str:
    out = tmp_path / "r.pdf"
    done = cli("report", "--db", str(db), "--patient", patient, "-o", str(out))
    assert done.returncode == 0, done.stderr
    return pdf_words(out.read_bytes())


def test_the_gp_report_names_an_urgent_sign_of_the_persons_earlier_episode(tmp_path: Path) -> None:
    """Eve logged loss of bladder or bowel control 3 days ago and started a new episode the next day. `plan
    --json` is paused with 'Get medical help now ...', the Clinic lists her URGENT; the GP report the
    physiotherapist prints for her says 'No alerts apply now.' and 'No alerts during this episode.', with no
    word of the sign. README: 'starting a new episode never hides an earlier one's urgent sign'; the brief: the
    report and the pages must not disagree about the same diary on the same day."""
    db = tmp_path / "d.db"
    eve_new_episode_after_an_urgent_sign(db)
    words = report_words(db, tmp_path, "Eve")
    assert "No alerts apply now." not in words
    assert "Loss of bladder or bowel control reported on" in words


def test_pain_rising_from_a_painless_start_is_not_about_the_same(tmp_path: Path) -> None:
    """Zed's diary starts with 6 painless days (a Bearable import reads a day with no back-pain row as 0) and then
    has pain 3 every day for 6 days. The GP report (and Progress) headline: 'Day 11 (last entry): pain about the
    same as at the start (0.0) — slower than usual', beside 'Pain on day 11 ... 2.6 / 10' and a 'Pain flare'
    alert. GUIDANCE §3: a rise of 2 points is a meaningful worsening; 0.0 -> 2.6 is not 'about the same'."""
    db = tmp_path / "d.db"
    diary = Diary(db)
    episode = diary.add_episode("Zed", _ago(12), normal_activity_minutes=60)
    for ago in range(12, 0, -1):
        diary.save_entry(episode, DayEntry(_ago(ago), 0 if ago > 6 else 3, 0 if ago > 6 else 5, 30, 0, ""))
    diary.close()
    words = report_words(db, tmp_path, "Zed")
    assert "Average pain 2.6 over the 7 days to day 11 is above the expected range" in words
    assert "pain about the same as at the start" not in words
    assert "Day 11 (last entry): pain up 2.6 points from 0.0" in words


def test_the_gp_report_of_a_patient_named_in_japanese_shows_the_name_and_notes(tmp_path: Path) -> None:
    """Yamada Tarō is in the diary as '山田 太郎' and wrote '背中が痛い' (my back hurts) each day. The GP report's
    header reads 'Low back pain diary —' with no name, and 'Patient notes' lists five dates with nothing beside
    them: the GP cannot tell whose report it is, and the notes are lost. README: names are shown as typed; the
    brief: a name with accents or emoji must survive the report."""
    require_cjk_font()
    db = tmp_path / "d.db"
    diary = Diary(db)
    episode = diary.add_episode("山田 太郎", _ago(5), normal_activity_minutes=60)
    for ago in range(5, 0, -1):
        diary.save_entry(episode, DayEntry(_ago(ago), 5, 6, 20, 0, "背中が痛い"))
    diary.close()
    words = report_words(db, tmp_path, "山田 太郎")
    assert "Low back pain diary — Back pain from" not in words  # the name is missing: nothing between them
    assert "Low back pain diary — 山田 太郎" in words
    assert words.count("背中が痛い") == 5


def test_the_gp_report_of_a_patient_who_just_started_a_new_episode_is_written(tmp_path: Path) -> None:
    """Nell has 20 days logged, fever yesterday, and started a new episode this morning (nothing logged in it
    yet). Triage lists her 'Warning to follow up' with red_flag_see_doctor; `report --patient Nell` fails with
    'error: This diary has no entries yet.', so the physiotherapist has no report for the GP about the fever."""
    db = tmp_path / "d.db"
    diary = Diary(db)
    earlier = diary.add_episode("Nell", _ago(20), normal_activity_minutes=60)
    for ago in range(20, 0, -1):
        diary.save_entry(earlier, DayEntry(_ago(ago), 4, 5, 30, 0, "", symptoms=["fever"] if ago == 1 else []))
    diary.add_episode("Nell", TODAY, normal_activity_minutes=60)
    diary.close()
    out = tmp_path / "n.pdf"
    done = cli("report", "--db", str(db), "--patient", "Nell", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert (f"The newest episode (from {plain_date(TODAY)}) has no entries yet: the report is of the episode from "
            f"{plain_date(_ago(20))}.") in done.stdout
    assert "Fever reported on" in pdf_words(out.read_bytes())
