"""A "yes" about the person (cancer history, long-term steroids, a weakened immune system, the age) is carried to
their next episode until it answers the question itself (review 34, a code reader: after a new episode the plan
no longer said to see the GP first and the GP report said "not answered")."""
from __future__ import annotations

import json
from pathlib import Path

from analysis.model.screening import answers_by_episode
from analysis.storage import Diary
from tests.cli_run import cli

HEADER = ("date,pain,worst_pain,activity_minutes,bed_rest_hours,medications,symptoms,notes,patient,onset_date,"
          "normal_activity_minutes\n")


def test_a_persons_yes_reaches_their_next_episode_and_the_episodes_own_answer_wins(tmp_path: Path) -> None:
    diary = Diary(tmp_path / "d.db")
    first = diary.add_episode("Jo", "2026-01-01", normal_activity_minutes=60)
    diary.save_screening(first, {"cancer_history": True, "recent_trauma": True, "long_term_steroids": False})
    second = diary.add_episode("Jo", "2026-06-01", normal_activity_minutes=60)
    other = diary.add_episode("Kim", "2026-06-01", normal_activity_minutes=60)
    answers = answers_by_episode(diary.screening())
    assert answers[second]["cancer_history"] is True  # about the person
    assert answers[second]["recent_trauma"] is None  # about the first episode's start only
    assert answers[second]["long_term_steroids"] is None  # a "no" is not carried: asked again
    assert other not in answers  # another person's answers never
    carried = diary.screening([second])
    assert carried["carried_from"].tolist() == [first]
    diary.save_screening(second, {"cancer_history": False})  # answered in the new episode: its own answer
    assert answers_by_episode(diary.screening([second]))[second]["cancer_history"] is False
    assert diary.screening([second])["carried_from"].isna().all()
    diary.close()


def test_the_plan_and_the_screening_command_of_a_new_episode_still_say_see_the_gp(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    first, second = tmp_path / "e1.csv", tmp_path / "e2.csv"
    first.write_text(HEADER + "".join(f"2026-10-{d:02d},4,5,30,0,,,,P,2026-10-01,60\n" for d in range(1, 8)))
    second.write_text(HEADER + "".join(f"2026-10-{d:02d},4,5,30,0,,,,P,2026-10-20,60\n" for d in range(20, 25)))
    assert cli("import", "--db", db, first).returncode == 0
    assert cli("screening", "--db", db, "--yes", "cancer_history").returncode == 0
    assert cli("import", "--db", db, second).returncode == 0
    shown = json.loads(cli("screening", "--db", db, "--json").stdout)
    assert shown["answers"]["cancer_history"] is True and shown["see_gp_first"] is True
    plan = json.loads(cli("plan", "--db", db, "--date", "2026-10-24", "--json").stdout)
    assert plan["see_gp_first"]


def test_a_later_no_stands_and_a_clinicians_mark_is_not_downgraded(tmp_path: Path) -> None:
    """Review 34's code reader: "yes" in episode 1, "no" in episode 2: episode 3 carried the old "yes"."""
    diary = Diary(tmp_path / "d.db")
    first = diary.add_episode("Ann", "2026-01-01", normal_activity_minutes=60)
    diary.save_screening(first, {"cancer_history": True})
    second = diary.add_episode("Ann", "2026-03-01", normal_activity_minutes=60)
    diary.save_screening(second, {"cancer_history": False})
    third = diary.add_episode("Ann", "2026-06-01", normal_activity_minutes=60)
    assert answers_by_episode(diary.screening([third])).get(third, {}).get("cancer_history") is None
    diary.mark_seen(third, "red_flag_see_doctor", "2026-06-02", by="clinician")
    diary.mark_seen(third, "red_flag_see_doctor", "2026-06-02", by="patient")  # the same visit pressed at home
    assert diary.seen()["seen_by"].tolist() == ["clinician"]
    diary.close()
