"""An emergency made of numbness on the day before a new episode and on its first day names both days (review 35's
second clinical-brief round: the detail said "reported on 16 October" alone, so a GP saw one report of tingling
marked as an emergency with no reason shown; within one episode it already named both, review 33)."""
from __future__ import annotations

from pathlib import Path

from tests.cli_run import cli_json

HEADER = ("date,pain,worst_pain,activity_minutes,bed_rest_hours,medications,symptoms,notes,onset_date,"
          "normal_activity_minutes\n")


def test_the_emergency_across_a_new_episode_names_the_earlier_episodes_report(tmp_path: Path) -> None:
    rows = [f"2026-10-{day:02d},{max(1, 6 - day // 3)},,30,,,{'numbness' if day == 15 else ''},,2026-10-01,60\n"
            for day in range(1, 16)]
    rows += [f"2026-10-{day:02d},5,,30,,,{'numbness' if day == 16 else ''},,2026-10-16,60\n" for day in range(16, 20)]
    path = tmp_path / "came_back.csv"
    path.write_text(HEADER + "".join(rows))
    later = [record for record in cli_json("summary", path) if record["onset_date"] == "2026-10-16"]
    emergency = [alert for alert in later[0]["alerts"] if alert["code"] == "red_flag_emergency"]
    assert [alert["date"] for alert in emergency] == ["2026-10-16"]  # the run and its marks keep their day
    assert emergency[0]["detail"] == ("Numbness or tingling in legs, belly or buttocks first reported on 15 October "
                                      "2026, last reported 16 October 2026")
