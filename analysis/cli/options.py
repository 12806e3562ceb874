"""The options several commands share, each declared once: --db, --patient, --json, the date options, --curve,
-o/--output, and the file-reading options with the import limits.

Why here: the option names are a public contract (scripts call them); declaring each once keeps its name,
metavar and checks the same in every command that takes it.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click

from analysis.cli.core import BacktrackCommand, Session
from analysis.course.curve import CURVES, DEFAULT_CURVE
from analysis.ingest.import_limits import LIMITS, ImportLimits, current_limits
from analysis.model.errors import UsageError
from analysis.storage import ENV_VAR

F = TypeVar("F", bound=Callable[..., Any])
Decorator = Callable[[F], F]

DB_HELP = f"diary database (default: ${ENV_VAR} or ~/.backtrack/diary.db)"
LATEST_EPISODE_HELP = "whose latest episode (needed when the diary has several patients)"


def command(name: str, summary: str, details: str = "") -> Callable[[Callable[..., Any]], click.Command]:
    """A Backtrack command: `summary` is the line in `--help`'s list, `details` (optional) follows it in the
    command's own help."""
    return click.command(name, cls=BacktrackCommand, short_help=summary,
                         help=f"{summary[:1].upper()}{summary[1:]}.\n\n{details}".strip())


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(Session).db = value


def db_option(function: F) -> F:
    """--db PATH: the diary the command reads or writes; it is opened once, by `Session.diary()`."""
    return click.option("--db", metavar="PATH", help=DB_HELP, expose_value=False, callback=_remember_db)(function)


def patient_option(help: str = LATEST_EPISODE_HELP) -> Decorator:
    """--patient NAME, with the meaning it has in this command."""
    return click.option("--patient", metavar="NAME", help=help)


def json_option(help: str) -> Decorator:
    """--json: print JSON instead of a table or lines (the keys are a public contract)."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def output_option(help: str) -> Decorator:
    """-o/--output FILE, always required."""
    return click.option("-o", "--output", required=True, metavar="FILE", help=help)


def curve_option(function: F) -> F:
    """--curve: the expected-recovery data set."""
    return click.option("--curve", default=DEFAULT_CURVE, show_default=True, type=click.Choice(sorted(CURVES)),
                        help="expected-recovery data set")(function)


class IsoDate(click.ParamType):
    """A YYYY-MM-DD date, given back as the ISO string; anything else is the usage error
    "--as-of: '20/08/2026' is not a date of the form YYYY-MM-DD." (exit 2)."""

    name = "date"

    def __init__(self, lived: bool = False) -> None:
        self.lived = lived  # a day already lived: today or before (--as-of)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        option = max(param.opts, key=len) if param else "date"
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            raise UsageError(f"{option}: {value!r} is not a date of the form YYYY-MM-DD.") from None
        if self.lived and day > dt.date.today():
            # a summary, triage or report judged on a day not yet lived counts days that have not happened
            # ("no entries since 24 Nov, 38 days before this report" on a report dated 3 Dec: review 25)
            raise UsageError(f"{option}: {day.isoformat()} is after today; give today or an earlier day.")
        return day.isoformat()


ISO_DATE = IsoDate()
LIVED_DATE = IsoDate(lived=True)


def date_option(*names: str, help: str, lived: bool = False) -> Decorator:
    """A date option (--as-of, --date, --from, --to), checked when the command line is read; `lived`: today or
    an earlier day only (the day a summary, triage or report is judged on)."""
    return click.option(*names, type=LIVED_DATE if lived else ISO_DATE, metavar="YYYY-MM-DD", help=help)


def parse_mapping(text: str | None) -> dict[str, str] | None:
    """Parse --map "Source header=target,Other=pain" into {"Source header": "target", ...}."""
    if not text:
        return None
    mapping = {}
    for pair in text.split(","):
        source, sep, target = pair.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise UsageError(f"--map: {pair.strip()!r} is not of the form source=target.")
        mapping[source.strip()] = target.strip()
    return mapping


def _number(_ctx: click.Context, _param: click.Parameter, value: str | None) -> float | str | None:
    """A limit as a number when it reads as one; otherwise the text, which `current_limits` refuses by name."""
    try:
        return None if value is None else float(value)
    except ValueError:
        return value


def reading_options(function: F) -> F:
    """How to read a diary file, the same for `import` and `check` so both read a file alike: --patient, --map,
    --date-order, --source-id, and the import limits (--max-file-mb ...; each overrides its env variable)."""
    defaults = current_limits({})
    for name, limit in reversed(LIMITS.items()):
        function = click.option(limit.option, name, metavar="N", callback=_number,
                                help=f"refuse files over this {limit.what} (default {getattr(defaults, name):g} "
                                     f"{limit.unit}; env {limit.env})")(function)
    function = click.option("--source-id", metavar="ID",
                            help="the person (Id) to take from a file of several, e.g. Fitbit dailyActivity")(function)
    function = click.option("--date-order", type=click.Choice(["dmy", "mdy"]),
                            help="order of day and month in ambiguous dates")(function)
    function = click.option("--map", "mapping", metavar='"SRC=DST,..."',
                            help='header mapping, e.g. "Schmerz=pain,Datum=date"')(function)
    return patient_option("patient the file belongs to, when it has no patient column")(function)


def reading(options: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of `read_diary_file` from the reading options of a command."""
    limits: ImportLimits = current_limits(**{name: options.get(name) for name in LIMITS})
    return {"patient": options.get("patient"), "mapping": parse_mapping(options.get("mapping")),
            "date_order": options.get("date_order"), "source_id": options.get("source_id"), "limits": limits}
