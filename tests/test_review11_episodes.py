"""Review 11: rules that count days in a row (opioid days, numbness on consecutive days) across the day a new
episode is started (README: 'Back pain often comes back; start a new episode from the sidebar')."""
from __future__ import annotations

import datetime as dt

from analysis.storage import DayEntry, Diary, DoseEntry
from tests.cli_run import cli_json

TODAY = dt.date.today()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_codeine_on_five_days_running_warns_across_a_new_episode(tmp_path) -> None:
    """Leo recovered from an episode (20 days ago); 4 days ago his back got bad again and he took co-codamol 30/500
    two tablets four times a day. On day 3 of the codeine he started a new episode in the app (onset 2 days ago)
    and kept logging co-codamol every day up to today: codeine 5 days running. In one episode the same days
    warn (checked first)."""
    def leo(db, new_episode: bool) -> None:
        diary = Diary(db)
        first = diary.add_episode("Leo", _ago(20), normal_activity_minutes=60)
        second = diary.add_episode("Leo", _ago(2), normal_activity_minutes=60) if new_episode else first
        for ago in range(20, -1, -1):
            doses = [DoseEntry("codeine", 30, 8), DoseEntry("paracetamol", 500, 8)] if ago <= 4 else []
            diary.save_entry(second if ago <= 2 else first, DayEntry(_ago(ago), 2 if ago > 4 else 6, None, 40, 0, "",
                                                                     doses=doses))
        diary.close()

    one = tmp_path / "one.db"
    leo(one, new_episode=False)
    assert "codeine_over_3_days" in [a["code"] for s in cli_json("summary", "--db", str(one)) for a in s["alerts"]]
    db = tmp_path / "leo.db"
    leo(db, new_episode=True)
    records = cli_json("summary", "--db", str(db))
    assert len(records) == 2
    codes = [a["code"] for s in records for a in s["alerts"]]
    assert "codeine_over_3_days" in codes, codes
