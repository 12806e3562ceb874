"""Entry point for `python -m analysis`."""
import os
import signal
import sys


def _stopped_while_loading(signum: int, frame: object) -> None:
    """Ctrl+C while the libraries load (about a second): one line and 130, as in a command. Exits at once
    (nothing was read or written yet): a KeyboardInterrupt raised inside the import machinery's own callbacks
    printed "Exception ignored in ... Traceback" on the way out (seen in CI)."""
    sys.stderr.write("error: Stopped before the command started; nothing was read or written.\n")
    sys.stderr.flush()
    os._exit(130)


signal.signal(signal.SIGINT, _stopped_while_loading)
from analysis.cli import main  # noqa: E402  (after the handler: the import is what Ctrl+C may interrupt)

signal.signal(signal.SIGINT, signal.default_int_handler)  # the commands handle Ctrl+C themselves
sys.exit(main())
