"""The sentence that tells a person which logged days a new episode took over (Diary.take_days_from_earlier)."""
from __future__ import annotations

from analysis.model.dates import plain_date


def moved_days_sentence(days: list[str]) -> str | None:
    """E.g. "Already logged, now part of this new episode: 4 Dec 2026." (one day), "... 2 Dec 2026 to 4 Dec 2026
    (3 days)." (several); None when no day moved. Why said: the person had logged the day in the old episode and
    would otherwise look for it there (review 36)."""
    if not days:
        return None
    when = plain_date(days[0]) if len(days) == 1 else \
        f"{plain_date(days[0])} to {plain_date(days[-1])} ({len(days)} days)"
    return f"Already logged, now part of this new episode: {when}."
