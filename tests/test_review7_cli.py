"""Review 7: what landed an hour before (a sign of the person's earlier episode holds the new episode's walking
target; a projected day already past said in the past tense), met from the CLI as a physiotherapist uses it."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from analysis.review.today_plan import plan_for
from analysis.storage import DayEntry, Diary
from tests.cli_run import cli
from tests.test_review5_cli import stopped_diary

TODAY = dt.date.today()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)




def test_seen_from_the_cli_closes_the_sign_in_every_episode_of_the_person(tmp_path: Path) -> None:
    """FIXED (analysis/cli/review.py seen, analysis/review/urgent_now.episodes_holding): Robin logged fever on the
    earlier episode's last day (3 days ago), started a new episode the next day and logged fever again on its
    first day. `seen --code red_flag_see_doctor` marked the latest episode only and printed 'Recorded that
    red_flag_see_doctor was seen': the earlier episode's warning stayed active and held the new episode's walking
    target at 15 min ('held: see your doctor first') after the clinician had seen the person. One visit is about
    the person's sign: every episode holding it is marked."""
    db = tmp_path / "d.db"
    diary = Diary(db)
    first = diary.add_episode("Robin", _ago(30), normal_activity_minutes=60)
    for ago in range(30, 2, -1):
        diary.save_entry(first, DayEntry(_ago(ago), 3, 4, 30, 0, "", symptoms=["fever"] if ago == 3 else []))
    second = diary.add_episode("Robin", _ago(2), normal_activity_minutes=60)
    for ago in (2, 1):
        diary.save_entry(second, DayEntry(_ago(ago), 5, 6, 60, 0, "", symptoms=["fever"] if ago == 2 else []))
    assert plan_for(diary, second, TODAY).walking.state == "held: see your doctor first"  # before the visit
    diary.close()
    done = cli("seen", "--db", str(db), "--patient", "Robin", "--code", "red_flag_see_doctor")
    assert done.returncode == 0, done.stderr
    diary = Diary(db)
    marked = sorted(diary.seen()["episode_id"].astype(int))
    assert marked == sorted([first, second])  # it marked [second] only
    walking = plan_for(diary, second, TODAY).walking
    diary.close()
    assert walking.state != "held: see your doctor first", walking
    plan = json.loads(cli("plan", "--db", str(db), "--patient", "Robin", "--json").stdout)
    assert plan["walking_target_minutes"] == walking.minutes


def test_summary_json_says_no_zero_width_likely_range(tmp_path: Path) -> None:
    """FIXED (analysis/course/outlook.py _projection_note). A diary stopped 3 days ago, read today, said 'At the
    current rate pain reaches 1 or less around 2026-12-09 (likely between 2026-12-09 and 2026-12-09).' in
    summary --json (and on the Dask engine, the same JSON): a range with no width, which the GP report printed
    too while the day was ahead."""
    db = tmp_path / "d.db"
    stopped_diary(db, onset_ago=23, stop_ago=3)
    done = cli("summary", "--db", str(db), "--json")
    assert done.returncode == 0, done.stderr
    [row] = json.loads(done.stdout)
    day = row["projected_recovery_date"]
    assert row["projected_earliest"] == row["projected_latest"] == day  # the case: a range with no width
    assert row["projection_note"] == f"At the current rate pain reaches 1 or less around {day}."


def test_summary_as_of_today_projects_as_summary_read_today(tmp_path: Path) -> None:
    """A diary stopped 40 days ago: `summary` and `summary --as-of <today>` are two readings of it on one day."""
    db = tmp_path / "d.db"
    stopped_diary(db, onset_ago=60, stop_ago=40)
    plain = cli("summary", "--db", str(db), "--json")
    dated = cli("summary", "--db", str(db), "--json", "--as-of", TODAY.isoformat())
    assert plain.returncode == 0 and dated.returncode == 0, plain.stderr + dated.stderr
    [a], [b] = json.loads(plain.stdout), json.loads(dated.stdout)
    assert a["projection_note"].startswith("The diary stopped on ")  # as landed: said in the past tense
    keys = ["projected_recovery_date", "projected_earliest", "projected_latest", "projection_note"]
    assert {k: b[k] for k in keys} == {k: a[k] for k in keys}
