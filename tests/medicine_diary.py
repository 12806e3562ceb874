"""A one-episode diary built from medicine text, for tests of what the medicine checks make of it
(tests/ingest/test_medicines.py, tests/ingest/test_real_world_medicines.py)."""
from __future__ import annotations

import pandas as pd

from analysis.alerts import engine as alerts
from analysis.ingest.medicine_column import parse_medication_column
from analysis.model import columns as c
from analysis.model.columns import ROW

START = pd.Timestamp("2026-03-02")  # day 0


def dose_log(by_day: dict[int, str]) -> pd.DataFrame:
    """The dose log of one episode from {day: medicine text}, as the importer builds it."""
    doses, unparsed = parse_medication_column(pd.Series(by_day))
    assert unparsed.empty
    dates = START + pd.to_timedelta(doses[ROW], unit="D")
    return doses.drop(columns=ROW).assign(**{c.EPISODE_ID: 1, c.DATE: dates.astype("datetime64[us]")})


def medicine_alerts(by_day: dict[int, str], days: int) -> list[tuple[int, str, str]]:
    """(day, code, severity) of every alert on a diary of pain 2 on days 0..days-1, no warning signs,
    with these medicine texts."""
    log = dose_log(by_day)
    dates = pd.date_range(START, periods=days).astype("datetime64[us]")
    entries = pd.DataFrame({c.EPISODE_ID: 1, c.DATE: dates, c.PAIN: 2.0})
    symptoms = pd.DataFrame({c.EPISODE_ID: pd.Series(dtype="int64"), c.DATE: pd.Series(dtype="datetime64[us]"),
                             c.SYMPTOM: pd.Series(dtype="str")})
    hits = alerts.alert_days(entries, log, symptoms)
    return [((when - dates[0]).days, code, severity)
            for when, code, severity in hits[[c.DATE, alerts.CODE, alerts.SEVERITY]].itertuples(index=False)]
