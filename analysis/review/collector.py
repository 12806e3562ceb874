"""Python's cycle collector paused while large results are built (the summary, analysis.review.summary).

Why a module of its own: the pause is a runtime mechanism shared by every thread of the process, not a part
of any analysis; the summary only says when it needs it.
"""
from __future__ import annotations

import gc
import threading


class CollectorPause:
    """Python's cycle collector paused while any summary is built, and restored when the last one ends.

    Why: a summary builds a dict per alert and a list per episode (a hundred thousand of them at 10,000
    patients), all alive until it returns, and none of them garbage; each batch of new containers sets off
    a collection that walks every live object again (~15% of a large summary, issue 12). Reference counting
    still frees everything as usual; a cycle made meanwhile is collected at the next collection after.
    One count for the process (it has one collector): the app runs pages on threads, and a summary that
    ends while another still runs must not switch the collector back on under it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._was_enabled = False

    def __enter__(self) -> None:
        with self._lock:
            if self._running == 0:
                self._was_enabled = gc.isenabled()  # a collector the caller switched off stays off
                gc.disable()
            self._running += 1

    def __exit__(self, *_: object) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0 and self._was_enabled:
                gc.enable()


collector_paused = CollectorPause()
