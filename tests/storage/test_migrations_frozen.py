"""Frozen migrations (issue 12): a shipped migration creates the same schema whatever the live vocabularies say.

Two diaries at one migration level must have one schema, so no migration reads a module-level
vocabulary (checked with ast), a fresh diary's schema equals that of a diary migrated one step
at a time, and adding a symptom code or a screening question to the live vocabulary changes
nothing a migration creates; the new code needs a new migration, which the last test asks for.
"""
from __future__ import annotations

import ast
import builtins
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from analysis.model import screening, vocabulary
from analysis.storage import Diary
from analysis.storage import migrations as m

SOURCE = Path(m.__file__)
TREE = ast.parse(SOURCE.read_text())


def migration_functions() -> list[ast.FunctionDef]:
    return [node for node in TREE.body if isinstance(node, ast.FunctionDef)
            and any(isinstance(d, ast.Call) and getattr(d.func, "id", "") == "migrations" for d in node.decorator_list)]


def literal_module_names() -> set[str]:
    """Module-level names bound to a literal (a string, number or tuple of them): frozen with the file."""
    names = set()
    for node in TREE.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                ast.literal_eval(node.value)
            except ValueError:
                continue
            names.add(node.targets[0].id)
    return names


def schema(path: Path) -> list[tuple[str, str, str]]:
    """Every table, index and trigger of the file: (type, name, sql), whitespace normalised."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")
        return [(kind, name, " ".join(sql.split())) for kind, name, sql in rows]


def test_the_migrations_are_found() -> None:
    names = [f.name for f in migration_functions()]
    assert names == [each.name for each in m.migrations._migrations]
    assert names[:2] == ["m001_patients_and_episodes", "m002_entries_doses_symptoms"]


def test_migrations_import_nothing_of_the_project() -> None:
    for node in ast.walk(TREE):
        if isinstance(node, ast.ImportFrom):
            assert not (node.module or "").startswith("analysis"), node.module
        if isinstance(node, ast.Import):
            assert not any(alias.name.startswith("analysis") for alias in node.names)


@pytest.mark.parametrize("function", migration_functions(), ids=lambda f: f.name)
def test_no_migration_reads_a_live_name(function: ast.FunctionDef) -> None:
    """Every name a migration reads is its parameter, its own local, a builtin or a literal of this file."""
    allowed = {a.arg for a in function.args.args} | set(dir(builtins)) | literal_module_names()
    body = [n for statement in function.body for n in ast.walk(statement)]  # not the decorator or annotations
    allowed |= {n.id for n in body if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    # a module a migration imports itself (the standard library's: test_migrations_import_nothing_of_the_project)
    allowed |= {(a.asname or a.name) for n in body if isinstance(n, ast.Import | ast.ImportFrom) for a in n.names}
    read = {n.id for n in body if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    assert read <= allowed, f"{function.name} reads {sorted(read - allowed)}"


def test_the_frozen_codes_are_those_m002_shipped_with() -> None:
    """git show b8ad0c5:analysis/vocabulary.py (m002) and 073c9bb (m004): these eight codes, in this order."""
    assert ast.literal_eval(f"({m._M002_SYMPTOM_CODES})") == (
        "leg_pain", "numbness", "weakness", "bladder_bowel", "saddle_numbness", "cannot_move_leg", "fever",
        "weight_loss")


def test_a_fresh_diary_equals_one_migrated_step_by_step(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    Diary(fresh).close()
    stepped = tmp_path / "stepped.db"
    names = [each.name for each in m.migrations._migrations]
    for upcoming in names[1:]:
        db = Database(sqlite3.connect(stepped))
        m.migrations.apply(db, stop_before=upcoming)
        db.conn.commit()
        db.conn.close()
    Diary(stepped).close()  # the last step, through the app's own opening
    assert schema(fresh) == schema(stepped)
    assert any(name == "symptoms" for _, name, _ in schema(fresh))


def test_a_new_live_code_changes_nothing_a_migration_creates(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    before = tmp_path / "before.db"
    Diary(before).close()
    monkeypatch.setattr(vocabulary, "SYMPTOMS", {**vocabulary.SYMPTOMS, "new_sign": "A new sign"})
    monkeypatch.setattr(vocabulary, "SYMPTOM_CODES", (*vocabulary.SYMPTOM_CODES, "new_sign"))
    monkeypatch.setattr(screening, "QUESTIONS", {**screening.QUESTIONS, "new_question": ("New?", "new")})
    after = tmp_path / "after.db"
    Diary(after).close()
    assert schema(before) == schema(after)


def test_every_live_code_is_accepted_by_the_latest_schema(tmp_path: Path) -> None:
    """A code or question added to the vocabulary needs a new migration that allows it: this fails until then."""
    diary = Diary(tmp_path / "codes.db")
    try:
        episode = diary.add_episode("Ida", "2026-11-01")
        diary.db.execute("INSERT INTO entries(episode_id, date, pain) VALUES (?, '2026-11-02', 3)", (episode,))
        for code in vocabulary.SYMPTOM_CODES:
            diary.db.execute("INSERT INTO symptoms(episode_id, date, code) VALUES (?, '2026-11-02', ?)",
                             (episode, code))
        for question in screening.QUESTIONS:
            diary.db.execute("INSERT INTO episode_screening(episode_id, question, answer) VALUES (?, ?, 1)",
                             (episode, question))
        with pytest.raises(sqlite3.IntegrityError):
            diary.db.execute("INSERT INTO symptoms(episode_id, date, code) VALUES (?, '2026-11-02', 'new_sign')",
                             (episode,))
    finally:
        diary.close()
