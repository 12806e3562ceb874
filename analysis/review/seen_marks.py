"""Which "I have been seen about this" marks read from a file close nothing: said on import, not left silent.

Why: a mark closes the runs of its alert reported on or before its date (analysis.alerts.history). A mark dated
before the sign was last reported, or naming an alert the episode never had, was counted as "recorded" beside a
patient who stayed URGENT: the physiotherapist read that the sign had been dealt with (tests/app/test_review3_app.py).
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.alerts.seen_after import COVERED_BY
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


def visit_marks(history: pd.DataFrame, person_episode_ids: Sequence[int], episode_id: int, code: str,
                person: bool) -> list[tuple[int, str]]:
    """The (episode_id, alert code) marks one press of "I have been seen about this" on alert `code` of `episode_id`
    records: that one; with `person` (Today's box: one box a code), the same alert active in the person's other
    episodes; and the warnings an emergency covers (seen_after.COVERED_BY) active in the person's other episodes
    (in its own episode the engine reads the emergency's mark so). `history`: the person's alerts judged now.

    Why the other episodes' covered warnings: numbness logged in the earlier episode the day before a new one began
    makes the new one's emergency; after the visit about it, Today still asked the person to call their GP about
    the earlier episode's numbness and held the walk (review 33's code reader)."""
    active = history[history["active"].astype(bool)] if len(history) else history

    def holding(alert: str) -> list[int]:
        held = set(active.loc[active["code"] == alert, c.EPISODE_ID].astype(int))
        return [int(e) for e in person_episode_ids if int(e) in held and int(e) != int(episode_id)]

    marks = [(int(episode_id), code)] + ([(e, code) for e in holding(code)] if person else [])
    return marks + [(e, warning) for warning in COVERED_BY.get(code, ()) for e in holding(warning)]
