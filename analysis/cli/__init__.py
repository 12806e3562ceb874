"""Command line: `python -m analysis ...` and the `backtrack` console script, on click.

The CLI only parses options, calls the library and prints. Every error a user can cause becomes one clean
line on stderr in one place (`core.BacktrackGroup.main` via `core.explain`), never a traceback.
Exit codes: 0 done, 1 refused or failed, 2 usage, 130 stopped with Ctrl+C.
The command names, options, exit codes, output lines and JSON keys are a public contract: extend, don't rename.

Layout: `core` (session, group, errors), `options` (the shared options, declared once), `data` (import, check,
backup, backups, restore, export, demo), `review` (report, summary, seen, triage, screening, plan, reminder).
"""
from __future__ import annotations

from collections.abc import Sequence

import click

from analysis.cli import data, review
from analysis.cli.core import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    BacktrackGroup,
    nothing_more_on_stderr,
)
from analysis.cli.options import parse_mapping

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "cli", "main", "parse_mapping"]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 120}


@click.group(PROG, cls=BacktrackGroup, context_settings=CONTEXT)
def cli() -> None:
    """Backtrack: a private low back pain diary. Import, check, summarise and export diaries."""


# The order of `--help`'s list, as the argparse CLI listed them.
for _command in (data.import_files, data.check_files, data.backup, data.backups, data.restore, data.export,
                 review.report, review.summary, data.demo, review.seen, review.triage, review.screening,
                 review.plan, review.reminder):
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI on `argv` (default: the command line) and return the exit code; the console script
    `backtrack` and `python -m analysis` both exit with it. Without `argv` the command line is this process's own,
    which exits next: after Ctrl+C nothing more is written to its stderr (core.nothing_more_on_stderr)."""
    code = cli.main(argv, standalone_mode=False)
    if argv is None and code == EXIT_INTERRUPTED:
        nothing_more_on_stderr()
    return code
