"""The project's exceptions: one base class, one subclass per kind of problem.

Every message is a complete sentence a user can act on. The CLI and the
dashboard each turn these into output in exactly one place.
"""
from __future__ import annotations

import re

MAX_VALUE_CHARS = 80  # a value quoted in a message: enough to recognise it, never a whole 1.8 MB cell
MAX_MESSAGE_CHARS = 600  # a whole message: its start (file, row, column) and end (what to do) are kept
MAX_ALIKE = 5  # messages alike but for their numbers and quoted values, shown before "and N more like it"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\x00": "\\0", "\t": "\\t", "\r": "\\r", "\x1b": "\\e"}
_QUOTED = re.compile(rf'"[^"]{{{MAX_VALUE_CHARS + 1},}}"')
_UNBROKEN = re.compile(rf"[^\s\"]{{{MAX_VALUE_CHARS + 1},}}")
_ALIKE = re.compile(r'"[^"]*"|\d[\d,.]*')
ROWS_SHOWN = 8  # of a long list of rows, the first ones shown, then "and N more" (a problem report gives them all)
_ROW_LIST = re.compile(rf"\brows ((?:\d+, ){{{ROWS_SHOWN + 1},}}\d+) and (\d[\d,]*)( more)?\b")


def escaped(text: str) -> str:
    """Control characters (NUL, ESC, CR, tab, a bidi override or mark) written visibly, e.g. ``\\e``, ``\\x07``,
    so a terminal never runs them and a message never hides what follows them. Line feeds too: a
    message is one line."""
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                                             else f"\\u{ord(m.group()):04x}"), text.replace("\n", "\\n"))


def shortened(text: str, limit: int = MAX_VALUE_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis and the full length, when longer."""
    if len(text) <= limit:
        return text
    return f"{text[:limit - 1]}… ({len(text):,} characters)"


def _shortened_run(text: str) -> str:
    """An unbroken run shortened: a path (it holds a "/") keeps its start and its end, the file's own name, and
    loses the middle ("/srv/clinic_data/…/patient_diary_missing.csv (139 characters)"; review 18: cut from the
    end, the missing file was the one part not shown); anything else keeps its start (`shortened`)."""
    if len(text) <= MAX_VALUE_CHARS or "/" not in text.rstrip("/"):
        return shortened(text)
    path = text.rstrip(";,.:")  # the sentence's own punctuation after the path stays after it
    tail = path.rstrip("/").rsplit("/", 1)[1]
    keep = max(MAX_VALUE_CHARS - len(tail) - 2, MAX_VALUE_CHARS // 4)
    if len(tail) > MAX_VALUE_CHARS * 3 // 4:  # a name longer than the value's room: its start and end
        tail = f"{tail[:MAX_VALUE_CHARS // 4]}…{tail[-MAX_VALUE_CHARS // 2:]}"
    return f"{path[:keep]}…/{tail} ({len(path):,} characters){text[len(path):]}"


def tidy(message: str) -> str:
    """A message fit to show: control characters escaped, each quoted value or unbroken run of text
    longer than MAX_VALUE_CHARS shortened, a long list of rows cut to its first ROWS_SHOWN, and the whole
    at most about MAX_MESSAGE_CHARS (report_messages keeps every row, for a problem report)."""
    message = _ROW_LIST.sub(_fewer_rows, message)
    message = escaped(message)
    message = _QUOTED.sub(lambda m: '"' + shortened(m.group()[1:-1]) + '"', message)
    message = _UNBROKEN.sub(lambda m: _shortened_run(m.group()), message)
    if len(message) > MAX_MESSAGE_CHARS:
        head, tail = MAX_MESSAGE_CHARS * 2 // 3, MAX_MESSAGE_CHARS // 3
        message = f"{message[:head]} … ({len(message) - head - tail:,} characters left out) … {message[-tail:]}"
    return message


ROWS_PER_CELL = 2_000  # rows one report cell lists: ~14,000 characters, under a spreadsheet's 32,767 a cell


def report_messages(message: str) -> list[str]:
    """`message` for a problem report: tidied as `tidy` tidies, but its list of rows kept whole, over as many
    messages as it takes to list ROWS_PER_CELL rows in each ("... (part 2 of 3)").

    Why: the report is where each row is read (review 31: "rows 89, ... 162 and 26 more" in the report), and a
    cell longer than a spreadsheet holds was cut, "and N more" and the sentence's end with it (review 32)."""
    found = _ROW_LIST.search(message)
    if found is None:
        return [tidy(message)]
    head, tail = tidy(message[:found.start()]), tidy(message[found.end():])
    rows = [*found.group(1).split(", "), found.group(2)]
    more = rows.pop() if found.group(3) else None  # "and 9,999 more": past the rows a message names
    chunks = [rows[at:at + ROWS_PER_CELL] for at in range(0, len(rows), ROWS_PER_CELL)]
    lists = [_listed(chunk) for chunk in chunks]
    if more:
        lists[-1] = "rows " + ", ".join(chunks[-1]) + f" and {more} more"
    if len(lists) == 1:
        return [f"{head}{lists[0]}{tail}"]
    return [f"{head}{listed}{tail} (part {at} of {len(lists)})" for at, listed in enumerate(lists, 1)]


def _listed(rows: list[str]) -> str:
    """``row 3`` or ``rows 3, 5 and 8`` (analysis.ingest.cells.describe_rows' words)."""
    return f"row {rows[0]}" if len(rows) == 1 else "rows " + ", ".join(rows[:-1]) + f" and {rows[-1]}"


def _fewer_rows(match: re.Match[str]) -> str:
    """``rows 1, 2, ..., 40 and 41`` as ``rows 1, ..., 8 and 33 more``."""
    rows = match.group(1).split(", ")
    last = match.group(2).replace(",", "")
    more = len(rows) + 1 - ROWS_SHOWN if not match.group(3) else len(rows) - ROWS_SHOWN + int(last)
    return "rows " + ", ".join(rows[:ROWS_SHOWN]) + f" and {more:,} more"


def tidy_all(messages: list[str], limit: int = MAX_ALIKE) -> list[str]:
    """Each message tidied; of messages alike but for numbers and quoted values (the same warning on
    999,995 rows), the first ``limit`` are kept, followed by one "and N more like it" line."""
    counts: dict[str, int] = {}
    for message in messages:
        key = _ALIKE.sub("#", message)
        counts[key] = counts.get(key, 0) + 1
    shown: dict[str, int] = {}
    result = []
    for message in messages:
        key = _ALIKE.sub("#", message)
        seen = shown[key] = shown.get(key, 0) + 1
        if seen <= limit:
            result.append(tidy(message))
        if seen == limit and counts[key] > limit:
            result.append(f"… and {counts[key] - limit:,} more like it.")
    return result


class BacktrackError(Exception):
    """Base class for every error Backtrack reports to a user."""


class ValidationError(BacktrackError):
    """A value is outside what the diary accepts (range, vocabulary, date)."""


class NotFound(BacktrackError):
    """A patient, episode or diary entry that was asked for does not exist."""


class PatientNotFound(NotFound):
    """No diary of the patient named: `patient` is the name looked for (a fitness file's minutes named after it)."""

    def __init__(self, message: str, patient: str) -> None:
        super().__init__(message)
        self.patient = patient


class ImportRefused(BacktrackError):
    """A file was refused; `problems` holds every problem found in it, as shown (alike ones counted after
    MAX_ALIKE), `all_problems` every one as found (untidied: tidy each where it is written, e.g. a report file)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(tidy(message))
        self.all_problems = list(problems or [])  # a problem report lists every row, not "and 11 more like it"
        self.problems = tidy_all(self.all_problems)


class DateOrderUnclear(ImportRefused):
    """A file's only problem is that its dates read either day-first or month-first; choose the order."""


class PatientNeeded(ImportRefused):
    """A file of activity minutes from a fitness app that names nobody: it can be imported once someone says whose
    diary the minutes belong to (the Clinic's patient step, the CLI's --patient)."""


class SourceNeeded(ImportRefused):
    """A file holding several people's activity (Fitbit's dailyActivity_merged.csv, keyed by Id): it can be imported
    once someone says whose (the Clinic's person step, the CLI's --source-id). `sources`: the file's Ids."""

    HOW = "choose one with --source-id."  # how the CLI says it; a page words it its own way (worded)

    def __init__(self, message: str, problems: list[str] | None = None, sources: list[str] | None = None) -> None:
        super().__init__(message, problems)
        self.sources = list(sources or [])

    def worded(self, how: str) -> list[str]:
        """The problems, ending with `how` ("choose whose below.") instead of HOW."""
        return [p[:-len(self.HOW)] + how if p.endswith(self.HOW) else p for p in self.problems]


class ColumnsNotRecognised(ImportRefused):
    """A file's date or pain column was not found, or a mapping named columns that do not fit: the file can be
    imported once someone says which column holds what (the Clinic's column step, the CLI's --map).

    A missing column's problem ends with how to say which column holds it: HOW, for the CLI and the report
    (a mapping); a page whose way is its pickers words that ending its own way with `worded`."""

    HOW = "Give a mapping that says which column holds {}."  # {}: the missing columns, "date and which pain"

    def __init__(self, message: str, problems: list[str] | None = None, missing: list[str] | None = None) -> None:
        super().__init__(message, problems)
        self.missing = list(missing or [])  # the required columns not found (date, pain)

    @classmethod
    def how(cls, missing: list[str], how: str | None = None) -> str:
        """The closing sentence of the missing columns' problem: `how` (default HOW) for these columns."""
        return (how or cls.HOW).format(" and which ".join(missing))

    def worded(self, how: str) -> list[str]:
        """The problems, the missing columns' one ending with `how` (a template like HOW) instead of HOW."""
        if not self.missing:
            return list(self.problems)
        said, page = self.how(self.missing), self.how(self.missing, how)
        return [p[:-len(said)] + page if p.endswith(said) else p for p in self.problems]


class UsageError(BacktrackError):
    """A command was called with options that do not fit together."""


class DiaryBusy(BacktrackError):
    """Another program (an import) held the diary for longer than a save waits; nothing was lost."""


class DiaryUnusable(BacktrackError):
    """The diary file cannot be used as it is: not a diary, damaged, read-only, disk full or too new."""


class NotADiary(DiaryUnusable):
    """The file given as the diary is not a SQLite database (a text file, a picture)."""


class DiaryDamaged(DiaryUnusable):
    """The diary file is a database but damaged (truncated, corrupted) or breaks its own rules."""


class DiaryReadOnly(DiaryUnusable):
    """The diary lies where it cannot be changed; it can still be read."""


class DiskFull(DiaryUnusable):
    """The disk holding the diary (or an output file) is full; nothing was half-written."""


class DiaryReplaced(DiaryUnusable):
    """The diary file was replaced (a restore) or moved since it was opened: a write to it is refused, not sent to
    the file renamed aside."""


class DiaryTooNew(DiaryUnusable):
    """The diary was made by a newer version of Backtrack; this one only reads it."""
