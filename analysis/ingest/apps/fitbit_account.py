"""Fitbit's own account export (``fitbit_export_YYYYMMDD.csv``: an "Activities" title line, then ``Date,
Calories Burned, ..., Minutes Fairly Active, Minutes Very Active, ...``): one person's activity minutes, merged
into a patient's logged days as Fitabase's file is (analysis.ingest.apps.fitbit; review 16: it was refused for
want of a pain column no mapping could give)."""
from __future__ import annotations

import pandas as pd

from analysis.ingest.apps.format import AppFormat, Columns, Converted, active_minutes, day_text
from analysis.model import columns as c


def _fitbit_account(cols: Columns, name: str) -> Converted:
    """Fitbit's account export: one person's days; activity minutes are Minutes Very Active + Minutes Fairly
    Active (moderate or harder), as for Fitabase's file. Its numbers may carry thousands commas ("1,102")."""
    minutes, problems = active_minutes(cols, "minutesveryactive", "minutesfairlyactive")
    frame = pd.DataFrame({c.DATE: day_text(cols.text("date")), c.ACTIVITY: minutes})[minutes.notna()]
    labels = {c.DATE: cols.header("date"),
              c.ACTIVITY: f"{cols.header('minutesveryactive')} + {cols.header('minutesfairlyactive')}"}
    return Converted(frame, labels, [], problems)


FITBIT_ACCOUNT = AppFormat("Fitbit account export", ("date", "minutesveryactive", "minutesfairlyactive"),
                           ("caloriesburned", "steps", "minutessedentary", "minuteslightlyactive"), _fitbit_account,
                           activity_only=True, default_names=("fitbit_export",))
