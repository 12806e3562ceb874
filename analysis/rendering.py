"""Drawing plotly figures to PNG in the local Chromium (kaleido), for the PDF report.

One shared kaleido server, started on first use with mathjax=False: by default
kaleido loads MathJax from a CDN, and nothing may be fetched from the internet
(ECOSYSTEM.md §4). The server is not safe for two callers at once, so calls hold
a lock. No Chromium, or one that does not start: ChartsUnavailable in one
sentence, never a traceback or a hang.
"""
from __future__ import annotations

import os
import threading
import time

import kaleido
import plotly.graph_objects as go
from choreographer.browsers.chromium import Chromium

from analysis.errors import BacktrackError

CHART_WIDTH_PX, CHART_HEIGHT_PX, CHART_SCALE = 900, 400, 2
NO_CHROMIUM = "Charts for the report need Chromium (apt-get install chromium)."
RENDER_TIMEOUT_S = 120  # kaleido's own per-image timeout is 90 s


class ChartsUnavailable(BacktrackError):
    """The report's charts cannot be drawn because Chromium is missing or did not respond."""


_kaleido_lock = threading.Lock()
_kaleido_broken = False


def browser_path() -> str | None:
    """The Chromium kaleido would use ($BROWSER_PATH or chromium on PATH), or None if there is none."""
    path = Chromium.find_browser(skip_local=False)
    return path if path and os.path.isfile(path) and os.access(path, os.X_OK) else None


def chart_png(fig: go.Figure, width: int = CHART_WIDTH_PX, height: int = CHART_HEIGHT_PX,
              scale: int = CHART_SCALE) -> bytes:
    """One plotly figure as PNG, drawn by the shared kaleido server (started on first use); thread-safe.

    Raises ChartsUnavailable if Chromium is missing, fails or does not answer within RENDER_TIMEOUT_S."""
    global _kaleido_broken
    with _kaleido_lock:
        if _kaleido_broken or browser_path() is None:
            raise ChartsUnavailable(NO_CHROMIUM)
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)  # no-op when already running
        opts = {"format": "png", "width": width, "height": height, "scale": scale}
        result: list[object] = []

        def render() -> None:
            try:
                result.append(kaleido.calc_fig_sync(fig, opts=opts))
            except Exception as error:  # noqa: BLE001 - any failure inside Chromium means "no charts"
                result.append(error)

        # kaleido's sync server waits forever if Chromium died while starting: wait in a helper thread
        # and watch the server's thread, so a broken browser is an error at once, not a hang.
        worker = threading.Thread(target=render, daemon=True)
        worker.start()
        deadline = time.monotonic() + RENDER_TIMEOUT_S
        while worker.is_alive() and time.monotonic() < deadline and _server_running():
            worker.join(0.05)
        if not _server_running():
            kaleido.stop_sync_server(silence_warnings=True)  # let a later call start a fresh one
            raise ChartsUnavailable(f"{NO_CHROMIUM[:-1]}; the browser at {browser_path()} did not start.")
        if worker.is_alive() or not result:
            _kaleido_broken = True  # the server is stuck; asking again would hang too
            raise ChartsUnavailable(NO_CHROMIUM)
        if not isinstance(result[0], bytes):
            raise ChartsUnavailable(f"The report's charts could not be drawn in Chromium ({result[0]}).")
        return result[0]


def _server_running() -> bool:
    thread = getattr(getattr(kaleido, "_global_server", None), "_thread", None)  # private: checked defensively
    return thread is None or thread.is_alive()
