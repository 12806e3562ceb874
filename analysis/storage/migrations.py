"""Versioned migrations of the diary database (sqlite-utils' built-in Migrations).

Each migration runs once and is recorded in ``_sqlite_migrations``; never edit
one that has shipped, add a new one. Ranges repeat analysis.model.limits as CHECK
constraints so that nothing out of range can be stored by any code path.

Every migration keeps the literal values of its day and imports nothing of the
project: a migration that read a live vocabulary would give two diaries at one
level two schemas. tests/storage/test_migrations_frozen.py checks that (ast, and a fresh
diary against one migrated step by step); tests/model/test_limits_agree.py checks the
CHECK ranges against analysis.model.limits, so a changed limit asks for a new migration.
"""
from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("backtrack")

# The warning-symptom codes as m002 and m004 shipped them. A migration that has shipped keeps the
# literal values of its day, so two diaries at one migration level always have one schema; new
# codes come with a new migration (m006).
_M002_SYMPTOM_CODES = ("'leg_pain', 'numbness', 'weakness', 'bladder_bowel', 'saddle_numbness', "
                       "'cannot_move_leg', 'fever', 'weight_loss'")
_ISO_DATE = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"


@migrations()
def m001_patients_and_episodes(db: Database) -> None:
    db.execute("""
        CREATE TABLE patients (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            created TEXT NOT NULL DEFAULT (datetime('now'))
        )""")
    db.execute(f"""
        CREATE TABLE episodes (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
            label TEXT NOT NULL DEFAULT '',
            onset_date TEXT NOT NULL CHECK (onset_date {_ISO_DATE}),
            normal_activity_minutes REAL
                CHECK (normal_activity_minutes IS NULL OR normal_activity_minutes BETWEEN 0 AND 1440),
            UNIQUE (patient_id, onset_date)
        )""")


@migrations()
def m002_entries_doses_symptoms(db: Database) -> None:
    db.execute(f"""
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
            date TEXT NOT NULL CHECK (date {_ISO_DATE}),
            pain REAL NOT NULL CHECK (pain BETWEEN 0 AND 10),
            worst_pain REAL CHECK (worst_pain IS NULL OR worst_pain BETWEEN 0 AND 10),
            activity_minutes REAL CHECK (activity_minutes IS NULL OR activity_minutes BETWEEN 0 AND 1440),
            bed_rest_hours REAL CHECK (bed_rest_hours IS NULL OR bed_rest_hours BETWEEN 0 AND 24),
            notes TEXT NOT NULL DEFAULT '',
            UNIQUE (episode_id, date)
        )""")
    db.execute("""
        CREATE TABLE doses (
            id INTEGER PRIMARY KEY,
            episode_id INTEGER NOT NULL,
            date TEXT NOT NULL,
            medicine TEXT NOT NULL CHECK (length(medicine) > 0),
            dose_mg REAL NOT NULL CHECK (dose_mg > 0),
            count INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1),
            FOREIGN KEY (episode_id, date) REFERENCES entries(episode_id, date)
                ON DELETE CASCADE ON UPDATE CASCADE
        )""")
    db.execute("CREATE INDEX doses_by_day ON doses(episode_id, date)")
    codes = _M002_SYMPTOM_CODES  # frozen: a shipped migration never reads the live vocabulary
    db.execute(f"""
        CREATE TABLE symptoms (
            episode_id INTEGER NOT NULL,
            date TEXT NOT NULL,
            code TEXT NOT NULL CHECK (code IN ({codes})),
            PRIMARY KEY (episode_id, date, code),
            FOREIGN KEY (episode_id, date) REFERENCES entries(episode_id, date)
                ON DELETE CASCADE ON UPDATE CASCADE
        )""")


@migrations()
def m003_alert_acknowledgements(db: Database) -> None:
    db.execute("""
        CREATE TABLE acknowledgements (
            episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            acknowledged_at TEXT NOT NULL DEFAULT (datetime('now')),
            PRIMARY KEY (episode_id, code)
        )""")


@migrations()
def m004_day_tables_keyed_by_day(db: Database) -> None:
    """Rebuild entries, doses and symptoms as WITHOUT ROWID tables keyed by (episode_id, date, ...).

    Why: every read and write finds a day by (episode_id, date), so a table
    clustered on that key needs one B-tree per table instead of a rowid table
    plus an index. That makes a research-sized import about a fifth faster and
    the file about 40% smaller (benchmarks/). A dose's order within its day,
    once given by its rowid, is now the explicit `position` column.

    Children are dropped before their parent so the implicit DELETE of a DROP
    TABLE cascades into nothing; renaming entries_v2 to entries rewrites the
    children's foreign keys to the new name.
    """
    db.execute(f"""
        CREATE TABLE entries_v2 (
            episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
            date TEXT NOT NULL CHECK (date {_ISO_DATE}),
            pain REAL NOT NULL CHECK (pain BETWEEN 0 AND 10),
            worst_pain REAL CHECK (worst_pain IS NULL OR worst_pain BETWEEN 0 AND 10),
            activity_minutes REAL CHECK (activity_minutes IS NULL OR activity_minutes BETWEEN 0 AND 1440),
            bed_rest_hours REAL CHECK (bed_rest_hours IS NULL OR bed_rest_hours BETWEEN 0 AND 24),
            notes TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (episode_id, date)
        ) WITHOUT ROWID""")
    db.execute("""
        CREATE TABLE doses_v2 (
            episode_id INTEGER NOT NULL,
            date TEXT NOT NULL,
            position INTEGER NOT NULL CHECK (position >= 0),
            medicine TEXT NOT NULL CHECK (length(medicine) > 0),
            dose_mg REAL NOT NULL CHECK (dose_mg > 0),
            count INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1),
            PRIMARY KEY (episode_id, date, position),
            FOREIGN KEY (episode_id, date) REFERENCES entries_v2(episode_id, date)
                ON DELETE CASCADE ON UPDATE CASCADE
        ) WITHOUT ROWID""")
    codes = _M002_SYMPTOM_CODES  # frozen: a shipped migration never reads the live vocabulary
    db.execute(f"""
        CREATE TABLE symptoms_v2 (
            episode_id INTEGER NOT NULL,
            date TEXT NOT NULL,
            code TEXT NOT NULL CHECK (code IN ({codes})),
            PRIMARY KEY (episode_id, date, code),
            FOREIGN KEY (episode_id, date) REFERENCES entries_v2(episode_id, date)
                ON DELETE CASCADE ON UPDATE CASCADE
        ) WITHOUT ROWID""")
    db.execute("""
        INSERT INTO entries_v2(episode_id, date, pain, worst_pain, activity_minutes, bed_rest_hours, notes)
        SELECT episode_id, date, pain, worst_pain, activity_minutes, bed_rest_hours, notes
        FROM entries ORDER BY episode_id, date""")
    db.execute("""
        INSERT INTO doses_v2(episode_id, date, position, medicine, dose_mg, count)
        SELECT episode_id, date, row_number() OVER (PARTITION BY episode_id, date ORDER BY id) - 1,
               medicine, dose_mg, count
        FROM doses ORDER BY episode_id, date, id""")
    db.execute("INSERT INTO symptoms_v2(episode_id, date, code) SELECT episode_id, date, code FROM symptoms")
    for table in ("doses", "symptoms", "entries"):
        db.execute(f"DROP TABLE {table}")
    for table in ("entries", "doses", "symptoms"):
        db.execute(f"ALTER TABLE {table}_v2 RENAME TO {table}")


@migrations()
def m005_activity_source(db: Database) -> None:
    """Remember which minutes an activity tracker wrote ('tracker'), so that a later export of the
    tracker may correct them (a day exported before it ended) while minutes a person typed ('')
    are never overwritten."""
    db.execute("ALTER TABLE entries ADD COLUMN activity_source TEXT NOT NULL DEFAULT ''"
               " CHECK (activity_source IN ('', 'tracker'))")


@migrations()
def m006_symptom_codes_both_legs_unwell(db: Database) -> None:
    """Allow two more warning-symptom codes: 'both_legs' (numbness, tingling or weakness in both
    legs: an emergency with any other nerve sign, GUIDANCE.md section 4) and 'unwell' (feeling
    unwell: call the doctor). SQLite cannot change a CHECK in place, so the table is rebuilt
    with the codes written out as they are today."""
    db.execute("""
        CREATE TABLE symptoms_v3 (
            episode_id INTEGER NOT NULL,
            date TEXT NOT NULL,
            code TEXT NOT NULL CHECK (code IN ('leg_pain', 'numbness', 'weakness', 'bladder_bowel',
                'saddle_numbness', 'cannot_move_leg', 'fever', 'weight_loss', 'both_legs', 'unwell')),
            PRIMARY KEY (episode_id, date, code),
            FOREIGN KEY (episode_id, date) REFERENCES entries(episode_id, date)
                ON DELETE CASCADE ON UPDATE CASCADE
        ) WITHOUT ROWID""")
    db.execute("INSERT INTO symptoms_v3(episode_id, date, code) SELECT episode_id, date, code FROM symptoms")
    db.execute("DROP TABLE symptoms")
    db.execute("ALTER TABLE symptoms_v3 RENAME TO symptoms")


@migrations()
def m007_alert_seen(db: Database) -> None:
    """The dated "a clinician has seen me about this" actions: a red flag stays active until one is
    recorded on or after its last report (analysis.alerts.engine). `seen_by` says who recorded it."""
    db.execute(f"""
        CREATE TABLE alert_seen (
            episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
            code TEXT NOT NULL CHECK (length(code) > 0),
            seen_date TEXT NOT NULL CHECK (seen_date {_ISO_DATE}),
            seen_by TEXT NOT NULL DEFAULT 'patient' CHECK (seen_by IN ('patient', 'clinician')),
            recorded_at TEXT NOT NULL DEFAULT (datetime('now')),
            PRIMARY KEY (episode_id, code, seen_date)
        )""")


@migrations()
def m008_episode_screening(db: Database) -> None:
    """The NICE NG59 set-up screening answers of an episode (analysis.model.screening, GUIDANCE.md section 4):
    one row per question, answer 1 yes, 0 no, NULL not answered. The question keys are written out
    as they are today (a migration never reads the live vocabulary); a new question comes with a
    new migration."""
    db.execute("""
        CREATE TABLE episode_screening (
            episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
            question TEXT NOT NULL CHECK (question IN ('age_over_50', 'cancer_history', 'recent_trauma',
                'long_term_steroids', 'weak_immune_system', 'unwell_or_fever', 'night_pain')),
            answer INTEGER CHECK (answer IS NULL OR answer IN (0, 1)),
            answered_at TEXT NOT NULL DEFAULT (datetime('now')),
            PRIMARY KEY (episode_id, question)
        ) WITHOUT ROWID""")


@migrations()
def m009_plan_and_checkins(db: Database) -> None:
    """The daily plan (issue 13): exercises ticked per episode, day and exercise; hours worked per
    day; and questionnaire answers in a generic shape (instrument, item, date, value, with the
    item's own words in `label`), so the weekly PSFS and later other instruments share one table.
    Literal values only (a shipped migration never reads live vocabularies)."""
    db.execute(f"""
        CREATE TABLE exercise_ticks (
            episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
            date TEXT NOT NULL CHECK (date {_ISO_DATE}),
            exercise_id TEXT NOT NULL CHECK (length(exercise_id) BETWEEN 1 AND 40),
            PRIMARY KEY (episode_id, date, exercise_id)
        ) WITHOUT ROWID""")
    db.execute(f"""
        CREATE TABLE work_hours (
            episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
            date TEXT NOT NULL CHECK (date {_ISO_DATE}),
            hours REAL NOT NULL CHECK (hours BETWEEN 0 AND 24),
            PRIMARY KEY (episode_id, date)
        ) WITHOUT ROWID""")
    db.execute(f"""
        CREATE TABLE questionnaire_answers (
            episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
            instrument TEXT NOT NULL CHECK (length(instrument) BETWEEN 1 AND 40),
            item TEXT NOT NULL CHECK (length(item) BETWEEN 1 AND 40),
            date TEXT NOT NULL CHECK (date {_ISO_DATE}),
            value REAL NOT NULL,
            label TEXT NOT NULL DEFAULT '' CHECK (length(label) <= 200),
            PRIMARY KEY (episode_id, instrument, item, date)
        ) WITHOUT ROWID""")


@migrations()
def m010_symptom_recorded_at(db: Database) -> None:
    """When a warning sign was saved from the diary form, to the millisecond (NULL: imported, or saved before
    this migration). Why: "I have been seen about this" pressed today, then the same sign logged again later
    today, is a sign that came back; compared by date alone, the mark closed it and the box stayed away.
    The seen marks of m007 carry recorded_at; a sign saved after its day's mark is newer than the mark."""
    db.execute("ALTER TABLE symptoms ADD COLUMN recorded_at TEXT")


@migrations()
def m011_patient_names_nfc(db: Database) -> None:
    """Every patient's name in Unicode NFC, the one written form names now enter the diary in
    (analysis.model.names): a name a Mac wrote decomposed ("Zoë" as e + a combining diaeresis) before it could
    not be found, typed either way, and the next import of the same person added a second, identical name
    (review 9). Two names that become one are one person: the decomposed one's episodes join the other's,
    except an episode with the same onset as one already there, which keeps its name as it was."""
    import unicodedata  # the standard library's, as it is today: NFC is a fixed Unicode form

    rows = db.execute("SELECT id, name FROM patients").fetchall()
    ids = {name: patient for patient, name in rows}
    for patient, name in rows:
        composed = unicodedata.normalize("NFC", name).strip()
        if composed == name:
            continue
        other = ids.get(composed)
        if other is None:
            db.execute("UPDATE patients SET name = ? WHERE id = ?", (composed, patient))
            ids[composed] = patient
            continue
        db.execute("UPDATE episodes SET patient_id = ? WHERE patient_id = ? AND onset_date NOT IN "
                   "(SELECT onset_date FROM episodes WHERE patient_id = ?)", (other, patient, other))
        if not db.execute("SELECT 1 FROM episodes WHERE patient_id = ?", (patient,)).fetchone():
            db.execute("DELETE FROM patients WHERE id = ?", (patient,))


@migrations()
def m012_onset_not_after_a_diary_day(db: Database) -> None:
    """An episode whose diary holds a day before its onset date (stored by an import before review 8's check) starts
    on its first diary day: every analysis refused such an episode, and the triage list and the Clinic stopped for
    every patient (review 9). The day the pain started cannot be after a day logged in pain; which of the two dates
    was typed wrong is not known, the diary's day is the one logged. An episode whose first diary day is another
    episode's onset for the same person is left as it is."""
    first = "(SELECT min(x.date) FROM entries x WHERE x.episode_id = episodes.id)"
    db.execute(f"""
        UPDATE episodes SET onset_date = {first}
        WHERE {first} < onset_date
          AND NOT EXISTS (SELECT 1 FROM episodes other WHERE other.patient_id = episodes.patient_id
                          AND other.onset_date = {first})""")


@migrations()
def m013_usual_work_day(db: Database) -> None:
    """The person's own usual working day in hours, one row per episode (none: not said). Why: the return-to-work
    plan's "full days" were always 8 hours, so someone whose working day is 4 hours was asked to work double her
    usual day after two weeks (review 24); half days and full days are now halves and wholes of her own day. The
    range is analysis.model.limits.USUAL_WORK_DAY as it is today (literal, as every migration keeps)."""
    db.execute("""
        CREATE TABLE usual_work_day (
            episode_id INTEGER PRIMARY KEY REFERENCES episodes(id) ON DELETE CASCADE,
            hours REAL NOT NULL CHECK (hours BETWEEN 1 AND 24)
        )""")


@migrations()
def m014_acknowledged_last_report(db: Database) -> None:
    """The last report of a warning the person had read when they put it aside with "Got it" (ISO date; NULL for
    the acknowledgements of before). Why: a fever or numbness reported again the next day is the same run of days,
    so "Got it" kept the warning put aside though the README says a new report brings it back (review 33); the
    engine compares the run's last report with this date (analysis.alerts.engine.visible)."""
    db.execute(f"ALTER TABLE acknowledgements ADD COLUMN last_report TEXT CHECK (last_report IS NULL OR "
               f"last_report {_ISO_DATE})")
