"""Review 19: today's changes (a561997..e1b526a) read by someone who did not write them.

Each strict xfail asserts the right behaviour (README.md, /work/shared/clinical/GUIDANCE.md) and fails now: the
day-counting rules carried across a new episode, triage's dropping of an earlier episode, the medicine text
"Lemsip Max N sachets", the restore of a damaged diary, the demo moved to end yesterday and the advice under Save.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from analysis.ingest.medicines import parse_medications
from analysis.model import columns as c
from analysis.review.summary import summarise
from analysis.review.triage import to_triage_records, triage_list
from analysis.review.urgent_now import urgent_messages
from analysis.storage import DayEntry, Diary
from analysis.workflows.diary_io import load_demo
from tests.cli_run import cli

TODAY = dt.date.today()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def _active(diary: Diary, episode: int) -> list[tuple[str, str]]:
    """The active alerts (code, severity) of `episode` in the summary of the whole diary."""
    table = summarise(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), seen=diary.seen())
    row = table[table[c.EPISODE_ID] == episode].iloc[0]
    return sorted((alert.code, alert.severity) for alert in row["alerts"] if alert.active)


def test_numbness_on_two_days_running_across_an_overlapping_new_episode_is_the_emergency() -> None:
    """Leo logged in his first episode up to yesterday (numbness yesterday); today he starts a new episode from the
    sidebar with the onset two days ago (when the pain came back) and logs numbness today. Numbness on two days
    running is the emergency (README: 'numbness or weakness reported on two consecutive days'; 'starting a new
    episode ... never restarts a count of days'; GUIDANCE §4 'new or worsening numbness ... seek care now').
    Only the days *before* the new first day are carried (analysis/alerts/carried.py), so yesterday counts in
    nothing (the same miss for codeine on days 3, 2, 1 ago in the old episode and today in the new: no warning)."""
    diary = Diary(":memory:")
    first = diary.add_episode("Leo", _ago(20), normal_activity_minutes=60)
    for ago in range(20, 0, -1):
        diary.save_entry(first, DayEntry(_ago(ago), 5, None, 40, 0, "", symptoms=["numbness"] if ago == 1 else []))
    second = diary.add_episode("Leo", _ago(2), normal_activity_minutes=60)
    diary.save_entry(second, DayEntry(TODAY, 5, None, 40, 0, "", symptoms=["numbness"]))

    assert ("red_flag_emergency", "urgent") in _active(diary, second)  # now: only new_numbness_weakness (warning)
    assert urgent_messages(diary, second, TODAY)  # now: [] (the plan is not paused)


def test_numbness_a_silent_day_and_numbness_on_a_new_onset_is_the_emergency() -> None:
    """Numbness two days ago (the earlier episode), nothing at all logged yesterday, a new episode today with
    numbness: each rule alone makes it the emergency (a silent day between two reports counts as one with the sign;
    the earlier episode's numbness counts in the new one: README, red_flag_emergency), and one episode with the
    same days is urgent; together they are not (silent_days_between_signs reads one episode's days only)."""
    diary = Diary(":memory:")
    first = diary.add_episode("Leo", _ago(20), normal_activity_minutes=60)
    for ago in range(20, 1, -1):
        diary.save_entry(first, DayEntry(_ago(ago), 5, None, 40, 0, "", symptoms=["numbness"] if ago == 2 else []))
    second = diary.add_episode("Leo", TODAY, normal_activity_minutes=60)
    diary.save_entry(second, DayEntry(TODAY, 5, None, 40, 0, "", symptoms=["numbness"]))

    assert ("red_flag_emergency", "urgent") in _active(diary, second)  # now: only new_numbness_weakness (warning)
    assert urgent_messages(diary, second, TODAY)


def test_a_set_up_answer_to_see_the_gp_first_stays_on_the_clinic_list_after_a_new_episode() -> None:
    """Sue answered 'history of cancer: yes' at set-up (GUIDANCE §4: a flag asked once at set-up; README: such
    answers rank the patient with the warnings, reason 'Set-up answers: see the GP first'). She starts a new
    episode; the new one has no answers of its own. Before today the earlier row kept her flag on the Clinic list;
    now the earlier episode is dropped (it holds no urgent or warning *alert*) and she is 'On track', the cancer
    history gone from the list."""
    diary = Diary(":memory:")
    first = diary.add_episode("Sue", _ago(40), normal_activity_minutes=60)
    diary.save_screening(first, {"cancer_history": True})
    for ago in range(40, 20, -1):
        diary.save_entry(first, DayEntry(_ago(ago), 2, None, 40, 0, ""))
    second = diary.add_episode("Sue", _ago(10), normal_activity_minutes=60)
    for ago in range(10, -1, -1):
        diary.save_entry(second, DayEntry(_ago(ago), 2, None, 40, 0, ""))

    table = triage_list(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), TODAY, live=True,
                        seen=diary.seen(), screening=diary.screening(), answers=diary.answers())
    records = to_triage_records(table)

    assert any(record["screening"] for record in records), records  # now: [('Sue', 2, 'On track', screening [])]


def test_lemsip_max_with_a_count_in_words_between_brand_and_form_counts_every_sachet() -> None:
    """The change reads a count between a brand and its form ('Lemsip Max 1 sachet') and its pattern takes number
    words too, but the word is then lost: 'Lemsip Max 2 sachets 3 times' is 6 sachets of 1,000 mg, 'Lemsip Max two
    sachets 3 times' is 3 (and 'Lemsip Max two sachets' 1). 6 g is over the 4,000 mg a day of GUIDANCE §5, the
    urgent paracetamol alert; 3 g is under it."""
    digits, _ = parse_medications("Lemsip Max 2 sachets 3 times")
    words, _ = parse_medications("Lemsip Max two sachets 3 times")

    assert sum(dose.total_mg for dose in digits) == 6000
    assert sum(dose.total_mg for dose in words) == 6000  # now: 3000.0 (count 3)


def test_restore_of_a_damaged_diary_held_by_another_program_says_busy(tmp_path: Path, quick_busy: None) -> None:
    """A diary with damaged pages is open in another program that is writing (it holds the write lock: an import,
    the app saving). `restore` renames the diary file to diary.damaged-TIME.db and puts the backup in its place
    under that program, whose writes then go to the renamed file (lost to the diary). A restore of an undamaged
    diary held so says RESTORE_BUSY ('busy ... so it was not restored; try again in a moment'): so must this."""
    rows = "".join(f"2026-{m:02d}-{d:02d},5,P{k},2026-01-01\n" for k in range(3) for m in range(1, 12)
                   for d in range(1, 28))
    source = tmp_path / "in.csv"
    source.write_text("date,pain,patient,onset_date\n" + rows, encoding="utf-8")
    db = tmp_path / "d" / "diary.db"
    db.parent.mkdir()
    assert cli("import", source, "--db", db).returncode == 0
    backup = tmp_path / "safe.bak"
    assert cli("backup", "--db", db, "-o", backup).returncode == 0
    assert db.stat().st_size >= 4096 * 12
    with open(db, "r+b") as damaged:  # a disk error: pages in the middle overwritten, the header intact
        damaged.seek(4096 * 3)
        damaged.write(b"\xff" * 4096 * 5)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3,sys,time\nc=sqlite3.connect(sys.argv[1],isolation_level=None)\nc.execute('BEGIN IMMEDIATE')\n"
         "print('locked',flush=True)\ntime.sleep(30)", str(db)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        done = cli("restore", backup, "--db", db)
    finally:
        holder.kill()
        holder.wait()

    assert not list(db.parent.glob("diary.damaged-*")), done.stdout  # now: renamed away under the holder
    assert done.returncode == 1 and "busy" in done.stderr, (done.stdout, done.stderr)


def test_the_recent_demo_loaded_again_the_next_day_does_not_double_the_patients() -> None:
    """`demo --recent` (README: 'load the five demo diaries (--recent: every date moved so the last diary day is
    yesterday)') run today and again tomorrow: the files' dates loaded twice stay five episodes ('0 new days, 53
    already up to date'), but moved by one more day every onset is new, so each demo person gets a second,
    overlapping episode (and the import warns 'two people with one name?' about its own demo)."""
    diary = Diary(":memory:")
    load_demo(diary, dt.date(2026, 12, 1))
    load_demo(diary, dt.date(2026, 12, 2))

    assert len(diary.episodes()) == 5  # now: 10


def test_advice_under_save_after_a_silent_day_is_the_emergency_the_banner_shows(fresh_diary: Path) -> None:
    """Robin logged numbness two days ago and nothing yesterday; today he ticks numbness and saves. The engine now
    counts the silent day as one with numbness (README red_flag_emergency), so the banner says 'Act now'; the advice
    straight under Save reads only the day before, finds it empty, and says in amber 'call your GP today'
    (red_flags.advice_for_symptoms promises that advice 'is never milder than the banner the engine raises above
    it'). With numbness logged yesterday instead, the advice under Save is the red emergency and no amber line."""
    from analysis.alerts.red_flags import NUMBNESS_MESSAGE, PROGRESSIVE_MESSAGE
    from tests.apptest import robin_on_today

    _, at = robin_on_today(fresh_diary, DayEntry(_ago(2), 4, None, 20, 0, "", symptoms=["numbness"]))
    at.segmented_control(key="log_pain").set_value(5).run()
    at.checkbox(key="log_symptom_numbness").check().run()
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception

    assert any(str(e.value).startswith("**Act now:**") for e in at.error)  # the banner: the emergency
    assert NUMBNESS_MESSAGE not in [w.value for w in at.warning]  # now: the amber 'call your GP today' under Save
    # the red emergency under the form, once: Save's advice leaves it to "What to do now" just below it, which says
    # the same (review 32: two identical red boxes one under the other)
    assert [e.value for e in at.error].count(PROGRESSIVE_MESSAGE) == 1


def test_export_to_a_non_utf8_stdout_never_changes_the_data(tmp_path: Path) -> None:
    """`export -o -` piped where stdout is ASCII or cp1252 (a Windows pipe): the change made every stdout
    `errors="backslashreplace"` so a table never ends in a traceback, and the exported CSV (README: UTF-8) now holds
    'Pawe\\u0142' and 'ok \\U0001f600', exit 0; imported again it is another patient. Before, it was an error.
    Data written for another program is the UTF-8 text itself, or a refusal, never silently other text."""
    source = tmp_path / "in.csv"
    source.write_text("date,pain,patient,notes\n2026-11-01,5,Pawe\u0142,ok \U0001f600\n", encoding="utf-8")
    db = tmp_path / "d.db"
    assert cli("import", source, "--db", db).returncode == 0
    root = Path(__file__).resolve().parents[1]

    done = subprocess.run([sys.executable, "-m", "analysis", "export", "--db", str(db), "-o", "-"], cwd=root,
                          capture_output=True, timeout=60, env={**os.environ, "PYTHONIOENCODING": "ascii"})

    assert b"Pawe\\u0142" not in done.stdout, done.stdout  # now: the name as a backslash escape, exit 0
    assert done.returncode != 0 or "Pawe\u0142".encode() in done.stdout


def test_lemsip_max_sachet_with_its_strength_typed_is_paracetamol_or_said_unread() -> None:
    """The count moved before the brand ('1 lemsip max sachet 1000mg x4') leaves the brand unread when a strength
    follows, so the line becomes 4 x 1,000 mg of 'lemsip max sachet', drug class 'other', with no warning: its
    paracetamol counts toward nothing (GUIDANCE §5: max 4,000 mg per 24 h, all products together). Before today the
    same text was returned as not understood, so the person was asked. Either is right; a silent 'other' is not."""
    doses, unread = parse_medications("Lemsip Max 1 sachet 1000mg x4")

    paracetamol = sum(dose.total_mg for dose in doses if dose.medicine == "paracetamol")
    assert paracetamol == 4000 or unread, [(d.medicine, d.dose_mg, d.count) for d in doses]


def test_restore_of_a_diary_copied_with_its_wal_restores_every_day(tmp_path: Path) -> None:
    """The diary folder copied to a stick while the app runs (diary.db and diary.db-wal, WAL mode: 'a copy made
    before backups were one file is WAL-mode', backups.open_backup), then `restore` on the new computer. Read with
    `immutable=1` the -wal is ignored: 5 of the 10 days come back and it says 'Restored the diary', exit 0 (the
    copy without its first checkpoint is even 'not a Backtrack backup'). Before today all 10 came back. A restore
    is all or nothing (README backup/restore: 'the whole diary'): every day, or a refusal that says why."""
    live = tmp_path / "home" / "diary.db"
    live.parent.mkdir()
    diary = Diary(live)
    try:
        episode = diary.add_episode("Ann", dt.date(2026, 11, 1), normal_activity_minutes=60)
        for day in range(1, 6):
            diary.save_entry(episode, DayEntry(dt.date(2026, 11, day), 5, None, 30, 0, ""))
        with contextlib.closing(sqlite3.connect(live)) as other:
            other.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # what SQLite does by itself every 1,000 pages
        for day in range(6, 11):
            diary.save_entry(episode, DayEntry(dt.date(2026, 11, day), 5, None, 30, 0, ""))
        stick = tmp_path / "stick"
        stick.mkdir()
        for name in ("diary.db", "diary.db-wal"):
            shutil.copy(live.with_name(name), stick / name)
    finally:
        diary.close()
    new = tmp_path / "new" / "diary.db"

    done = cli("restore", stick / "diary.db", "--db", new)

    if done.returncode == 0:
        days = Diary(new)
        try:
            assert len(days.entries()) == 10, done.stdout  # now: 5 (up to 5 Nov), 'Restored the diary from ...'
        finally:
            days.close()


def test_plan_of_a_past_day_in_an_earlier_episode_is_that_days_plan(tmp_path: Path) -> None:
    """README plan: 'a past --date is read as it was that day, nothing logged after it counted'. Leo logged 1-14 Nov
    (pain from 1 Nov) and a new episode from 20 Nov. On 10 Nov his latest episode was the first; `plan --date
    2026-11-10` refuses with 'error: --date: 2026-11-10 is before the pain started (2026-11-20)', which is untrue
    (he logged pain on that day) and uses the episode started after it."""
    source = tmp_path / "leo.csv"
    source.write_text("date,pain,patient,onset_date,activity_minutes\n"
                      + "".join(f"2026-11-{day:02d},5,Leo,2026-11-01,20\n" for day in range(1, 15))
                      + "".join(f"2026-11-{day:02d},6,Leo,2026-11-20,20\n" for day in range(20, 30)), encoding="utf-8")
    db = tmp_path / "d.db"
    assert cli("import", source, "--db", db).returncode == 0

    done = cli("plan", "--db", db, "--patient", "Leo", "--date", "2026-11-10", "--json")

    assert "before the pain started" not in done.stderr, done.stderr  # now: exit 2 with that sentence
    assert done.returncode == 0 and '"2026-11-10"' in done.stdout


def test_a_file_name_that_is_not_utf8_does_not_stop_the_import_list(tmp_path: Path) -> None:
    """Review 18's change: 'an import list goes on past a missing file or a folder'. A file copied from an old
    Windows zip is named in Latin-1 ('Jos\\xe9.csv'); without a patient column its name is the patient's, a lone
    surrogate, and pandas ends the whole command: 'AssertionError: Something has gone wrong, please report a bug'
    (a traceback; ok.csv after it is never read). Older than today, but the list still stops at such a file."""
    weird = tmp_path / os.fsdecode(b"Jos\xe9.csv")
    weird.write_text("date,pain\n2026-11-01,5\n", encoding="utf-8")
    after = tmp_path / "ok.csv"
    after.write_text("date,pain\n2026-11-02,4\n", encoding="utf-8")
    db = tmp_path / "d.db"

    done = cli("import", weird, after, "--db", db)  # now: raises (a real process prints the traceback)

    assert "ok.csv" in done.stdout, (done.stdout, done.stderr)


def test_restore_reads_a_backup_path_that_starts_with_two_slashes(tmp_path: Path) -> None:
    """open_backup now quotes the path into `file:PATH?mode=ro&immutable=1` ('?', '#', '%' in names work), but a
    path with two leading slashes (POSIX keeps them; a script's "$DIR/$FILE" with DIR="/tmp/" style joins) becomes
    `file://tmp/...`: 'error: .../x.db could not be read or written (invalid uri authority: tmp); nothing was
    changed' - the backup is fine and the diary named is not the file that failed."""
    source = tmp_path / "in.csv"
    source.write_text("date,pain,patient\n2026-11-01,5,Ann\n", encoding="utf-8")
    db = tmp_path / "d" / "diary.db"
    db.parent.mkdir()
    assert cli("import", source, "--db", db).returncode == 0
    backup = tmp_path / "b.bak"
    assert cli("backup", "--db", db, "-o", backup).returncode == 0

    done = cli("restore", "/" + str(backup), "--db", tmp_path / "new" / "x.db")

    assert done.returncode == 0, done.stderr  # now: exit 1, 'invalid uri authority'


def test_the_overlapping_episode_warnings_remedy_works_for_a_file_with_a_patient_column(tmp_path: Path) -> None:
    """A second clinic's file for another 'Sam' (patient column 'Sam', onset 5 Nov) overlaps the stored Sam's days:
    the import warns '... if these are two people with one name, restore the automatic backup and import again
    with --patient and another name.' Done as said, the file's patient column wins over --patient (README: the
    file belongs to --patient only 'without it'), so the two are merged again with the same warning. The sentence
    must name what works for such a file (the patient column), as the names-alike warning does."""
    db = tmp_path / "d.db"
    first = tmp_path / "a.csv"
    first.write_text("date,pain,patient,onset_date\n"
                     + "".join(f"2026-11-{day:02d},5,Sam,2026-11-01\n" for day in range(1, 11)), encoding="utf-8")
    other = tmp_path / "b.csv"
    other.write_text("date,pain,patient,onset_date\n"
                     + "".join(f"2026-11-{day:02d},3,Sam,2026-11-05\n" for day in range(5, 9)), encoding="utf-8")
    assert cli("import", first, "--db", db).returncode == 0
    warned = cli("import", other, "--db", db)
    assert "overlap" in warned.stdout
    backup = sorted(tmp_path.glob("d.backup-*.db"))[-1]
    assert cli("restore", backup, "--db", db).returncode == 0

    again = cli("import", other, "--db", db, "--patient", "Sam Jones")  # as the warning says

    patients = {row["patient"] for row in json.loads(cli("summary", "--db", db, "--json").stdout)}
    assert "Sam Jones" in patients or "patient column" in warned.stdout, (patients, again.stdout)


def test_the_live_clinic_list_shows_a_new_episode_started_a_time_zone_ahead() -> None:
    """Kai's diary is kept a time zone ahead (triage_list live=True keeps the day after today, as the Clinic page and
    `triage` without --as-of do). On his today (the clinic's tomorrow) he starts a new episode and logs it. README:
    'A person is listed by their latest episode'. _without_finished counts only episodes whose onset is by the
    clinic's today, so his finished episode (last entry 22 days ago) is 'latest' and the new one, holding no alert
    yet, is dropped. Before today both were listed."""
    diary = Diary(":memory:")
    first = diary.add_episode("Kai", _ago(40), normal_activity_minutes=60)
    for ago in range(40, 9, -1):
        diary.save_entry(first, DayEntry(_ago(ago), 2, None, 40, 0, ""))
    second = diary.add_episode("Kai", _ago(-1), normal_activity_minutes=60)
    diary.save_entry(second, DayEntry(_ago(-1), 6, None, 10, 0, ""))

    table = triage_list(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), TODAY, live=True,
                        seen=diary.seen(), screening=diary.screening(), answers=diary.answers())

    assert second in [record["episode_id"] for record in to_triage_records(table)]  # now: only the first episode
