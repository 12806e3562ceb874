"""Reading alerts for the pages (filled in by the alert engine)."""
from __future__ import annotations


def urgent_alerts(episode_id: int) -> list[str]:
    """Messages of the urgent alerts active for the episode today."""
    return []
