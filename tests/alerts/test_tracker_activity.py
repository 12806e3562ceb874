"""The real trackers' minutes through the activity rule (benchmarks/tracker_activity.py): the measurement the
README and RESULTS.md quote, from the real files in ../shared/real-files."""
from __future__ import annotations

from benchmarks import tracker_activity


def test_every_real_tracker_series_is_read_and_judged() -> None:
    people = tracker_activity.series()
    assert sum(name.startswith("fitbit:") for name, _ in people) == 33  # SOURCES.md: 33 users keyed by Id
    table = tracker_activity.run().set_index("source")
    assert table.loc["fitbit", "people"] == 32  # one user has 4 days only: too few for a 14-day trend
    # the measured false-alarm share on real trackers (RESULTS.md); a change to the rule moves it, and the text
    assert table.loc["fitbit", "fired"] == 4  # 16 before the Mann-Kendall test (review 34)
    assert 20 <= table.loc["fitbit", "median_day_to_day_sd"] <= 30
