"""Which "I have been seen about this" marks read from a file close nothing: said on import, not left silent.

Why: a mark closes the runs of its alert reported on or before its date (analysis.alerts.history). A mark dated
before the sign was last reported, or naming an alert the episode never had, was counted as "recorded" beside a
patient who stayed URGENT: the physiotherapist read that the sign had been dealt with (tests/app/test_review3_app.py).
"""
from __future__ import annotations

import pandas as pd

from analysis.model import columns as c
from analysis.model.dates import plain_date
from analysis.review.report_text import ALERT_TITLES


def marks_closing_nothing(source: str, history: pd.DataFrame, marks: tuple[tuple[int, str, str], ...]) -> list[str]:
    """One warning per mark (episode_id, alert code, ISO date) that closes no alert of its episode in `history`
    (analysis.alerts.engine.alert_history's columns, judged now): none of its alert reported on or before its
    date, or one still active because it was reported again after the mark (on a later day, or later that day:
    analysis.alerts.seen_after)."""
    said = []
    for episode, code, day in marks:
        when = pd.Timestamp(day)
        runs = history[(history[c.EPISODE_ID] == episode) & (history["code"] == code)] if len(history) else history
        title = ALERT_TITLES.get(code, code)
        if not len(runs) or not (runs[c.DATE] <= when).any():
            said.append(f"{source}: the mark {code}@{day} ({title}) names an alert not reported on or before "
                        f"{plain_date(when)} in that episode: it is kept, and closes nothing.")
            continue
        later = runs[runs["active"].astype(bool) & (runs["last_date"] >= when)]
        if len(later) and later["last_date"].max() > when:
            said.append(f"{source}: the mark {code}@{day} ({title}) is dated before the sign was last reported "
                        f"({plain_date(later['last_date'].max())}): the sign still applies.")
        elif len(later):  # reported on the mark's day and still open: it came back after the mark (seen_after)
            said.append(f"{source}: the mark {code}@{day} ({title}) was made before the sign came back that day: "
                        "the sign still applies.")
    return said
