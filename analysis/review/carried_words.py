"""The medicine days of a person's earlier episode that the alerts count in this one, in one sentence.

Why: a new episode's opioid, NSAID and steroid rules also count the days just before it began
(analysis.alerts.carried), while its medicines table counts its own days only. A GP report read "codeine:
3 days used, longest run 3 days" beside "Codeine or opioid for more than 3 days" (review 35's tester): both were
right, and nothing said why they differ. The table stays this episode's; this line names the other days.
"""
from __future__ import annotations

import pandas as pd

from analysis.alerts.carried import WHAT
from analysis.model import columns as c
from analysis.model.dates import plain_date
from analysis.model.vocabulary import NSAID, OPIOID, STEROID

# The carried drug classes in the words of the medicines table's Class column, in this order.
CLASS_ORDER = (OPIOID, NSAID, STEROID)


def carried_medicine_line(carried: pd.DataFrame | None) -> str | None:
    """One sentence naming each drug class taken on days of the person's earlier episode that this one's alerts count
    (the days before it began, and any that episode went on logging after), or None.

    `carried`: analysis.alerts.carried.carried_days rows of one episode (columns episode_id, date, what); rows
    of signs (numbness, weakness) are left out, as they are no medicine. E.g. "The alerts also count days
    logged in the earlier episode: opioid on 3 days (12 Oct 2026 to 14 Oct 2026)." (the table counts its own days)
    """
    if carried is None or carried.empty:
        return None
    parts = []
    for drug in CLASS_ORDER:
        days = pd.to_datetime(carried.loc[carried[WHAT] == drug, c.DATE]).dt.normalize().drop_duplicates().sort_values()
        if days.empty:
            continue
        when = plain_date(days.iloc[0]) if len(days) == 1 else \
            f"{plain_date(days.iloc[0])} to {plain_date(days.iloc[-1])}"
        parts.append(f"{drug} on {len(days)} day{'' if len(days) == 1 else 's'} ({when})")
    if not parts:
        return None
    return f"The alerts also count days logged in the earlier episode: {'; '.join(parts)}."
