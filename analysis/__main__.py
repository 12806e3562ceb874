"""Entry point for `python -m analysis`."""
import sys

try:
    from analysis.cli import main
except KeyboardInterrupt:  # Ctrl+C while the libraries load (about a second): one line and 130, as in a command
    print("error: Stopped before the command started; nothing was read or written.", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
