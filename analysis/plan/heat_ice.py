"""Heat or ice: 10-20 minutes at a time, with a cloth between the pack and the skin.

Seed 003 ("Back spasm"): heat or ice for 10 to 20 minutes at a time, several times a day,
with a thin cloth against the skin; seed 001 (NHS): never ice straight on the skin (a cold
burn); GUIDANCE.md section 4: heat or ice for 10-20 minutes.
"""
from __future__ import annotations

import datetime as dt

MIN_MINUTES = 10  # seed 003 / GUIDANCE.md section 4
MAX_MINUTES = 20  # seed 003 / GUIDANCE.md section 4

MINUTES_WORDS = f"{MIN_MINUTES}-{MAX_MINUTES} minutes"  # the range as every surface says it
ADVICE = (f"Heat or ice, whichever feels better, for {MINUTES_WORDS} at a time. Always put a cloth or towel "
          "between the pack and your skin, and stop if the skin goes very red, white or numb.")


def timer_end(start: dt.datetime, minutes: int = MAX_MINUTES) -> dt.datetime:
    """When a session started at `start` should end: `minutes` kept within MIN_MINUTES-MAX_MINUTES (seed 003)."""
    return start + dt.timedelta(minutes=min(MAX_MINUTES, max(MIN_MINUTES, int(minutes))))
