"""What every command shares: the session (the diary, opened once and closed at the end), the group that keeps
argparse's habits, and the one place where an error becomes one sentence on stderr.

Why one place: a person running `python -m analysis` (or `backtrack`) should read one calm line they can act on,
never a traceback, whichever command failed and however (a refused value, a busy or damaged diary, a full disk,
Ctrl+C). The commands themselves only parse, call the library and print.
"""
from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from analysis.model import columns as c
from analysis.model.errors import (
    BacktrackError,
    DiaryBusy,
    ImportRefused,
    NotFound,
    UsageError,
    ValidationError,
    tidy,
)
from analysis.storage import Diary, default_path
from analysis.storage.connection import kept_with_diary
from analysis.storage.guard import DatabaseError, translate
from analysis.storage.read_once import ReadOnce
from analysis.workflows.diary_io import patient_episodes

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a command stopped with Ctrl+C
PROG = "python -m analysis"
CONSOLE_SCRIPT = "backtrack"  # [project.scripts] in pyproject.toml


class Session:
    """The diaries one command run opens: the --db diary (opened once, on first use) and any private in-memory
    diary; all are closed when the command ends, so the file is left complete whatever happened."""

    def __init__(self) -> None:
        self.db: str | None = None  # --db as given; None means $BACKTRACK_DB or ~/.backtrack/diary.db
        self._diary: Diary | None = None
        self._opened: list[Diary] = []

    def path(self) -> Path:
        """The --db diary's file: --db as given, else $BACKTRACK_DB or ~/.backtrack/diary.db."""
        return Path(self.db) if self.db else default_path()

    def diary(self) -> Diary:
        """The --db diary, opened on first use (a command that refuses its input never creates a database)."""
        if self._diary is None:
            self._diary = self.keep(Diary(self.path()))
        return self._diary

    def existing_diary(self) -> Diary:
        """The --db diary for a command that only reads it (summary, triage, report, backup): a path with
        no file is refused, never created. Why: `summary --db typo.db --json` printed [] with exit 0, as for an
        empty diary, and left an empty diary (and its folder) behind."""
        path = self.path()
        if self._diary is None and str(path) != ":memory:" and not path.exists():
            raise NotFound(f"There is no diary at {path}; check the --db path or the BACKTRACK_DB setting.")
        return self.diary()

    def output(self, output: str, folder: bool = False) -> str:
        """The -o of a command that writes a file, refused (a usage error) when it is the --db diary or a file
        kept with it (storage.connection.kept_with_diary), or a folder unless `folder` (a Parquet dataset's);
        "-" (standard output) is always fine."""
        if output != "-" and kept_with_diary(self.path(), Path(output)):
            raise UsageError(f"-o {output} is the diary itself or a file kept with it; write to another file.")
        return output if output == "-" or folder else not_a_folder(output)

    def keep(self, diary: Diary) -> Diary:
        """Close `diary` with the others when the command ends."""
        self._opened.append(diary)
        return diary

    def close(self) -> None:
        """Close every diary this run opened (newest first)."""
        while self._opened:
            self._opened.pop().close()

    def latest_episode(self, patient: str | None, with_entries: bool = False, on: str | None = None,
                       reads: ReadOnce | None = None) -> int:
        """The patient's most recent episode in the --db diary (the only patient's, when there is just one);
        `with_entries`: the most recent that has entries, when the patient has any (a report of a person who
        started a new episode this morning is of the course they logged: review 8); `on` (ISO day): the most
        recent that had begun by then, when one had (a report --as-of a day of an earlier episode: review 25).
        `reads`: the command's ReadOnce of the diary (a command that only reads shares its one read of episodes)."""
        diary = reads if reads is not None else self.existing_diary()  # a mistyped --db made an empty diary
        if patient is None:
            names = diary.episodes()[c.PATIENT].unique().tolist()
            if not names:
                raise NotFound("This diary has no patients yet; import a diary first.")
            if len(names) != 1:
                raise UsageError("This diary has several patients; say which with --patient.")
            patient = names[0]
        mine = patient_episodes(diary, patient)
        import pandas as pd  # here: `--help` and the commands that never judge start without it

        if on is not None and (pd.to_datetime(mine[c.ONSET_DATE]) <= pd.Timestamp(on)).any():
            mine = mine[(pd.to_datetime(mine[c.ONSET_DATE]) <= pd.Timestamp(on)).to_numpy()]
        if with_entries and (mine["entry_count"] > 0).any():
            mine = mine[mine["entry_count"] > 0]
        return int(mine.sort_values(c.ONSET_DATE)[c.EPISODE_ID].iloc[-1])


def not_a_folder(output: str) -> str:
    """`output` (an -o file name), refused in one sentence naming it as typed when it is a folder: writing failed
    with "Is a directory: DIR/.NAME.partial", the hidden file written first (review 10)."""
    if Path(output).is_dir():
        raise ValidationError(f"-o {output} is a folder; give a file name in it.")
    return output


pass_session = click.make_pass_decorator(Session, ensure=True)


def expand_abbreviations(args: Sequence[str], long_options: set[str]) -> list[str]:
    """Each `--pat` or `--pat=Sam` that starts exactly one long option written out in full, as argparse
    accepted them (scripts written for the old CLI keep working); tokens after `--` are left alone."""
    expanded: list[str] = []
    for index, token in enumerate(args):
        if token == "--":
            return expanded + list(args[index:])
        name, sep, value = token.partition("=")
        if name.startswith("--") and len(name) > 2 and name not in long_options:
            matches = [option for option in long_options if option.startswith(name)]
            if len(matches) == 1:
                token = matches[0] + sep + value
        expanded.append(token)
    return expanded


class BacktrackCommand(click.Command):
    """A command that, like argparse did, accepts a unique abbreviation of a long option."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        long_options = {opt for param in self.get_params(ctx) for opt in (*param.opts, *param.secondary_opts)
                        if opt.startswith("--")}
        return super().parse_args(ctx, expand_abbreviations(args, long_options))


class BacktrackGroup(click.Group):
    """The `python -m analysis` group: commands listed in the order they were added (not sorted), and every
    run ending in an exit code, with errors said in one sentence (see `explain`)."""

    command_class = BacktrackCommand

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """Run one command and return its exit code (or exit with it when `standalone_mode`, as a console
        script and `CliRunner` expect); an error becomes one line on stderr, never a traceback."""
        args = sys.argv[1:] if args is None else [os.fspath(arg) for arg in args]  # a Path is a file name too
        if prog_name is None:
            prog_name = CONSOLE_SCRIPT if Path(sys.argv[0]).name == CONSOLE_SCRIPT else PROG
        self._main_shell_completion(extra, prog_name, complete_var)  # _BACKTRACK_COMPLETE=bash_source backtrack
        session = extra.setdefault("obj", Session())
        _never_unencodable()
        try:
            with self.make_context(prog_name, args, **extra) as ctx:
                result = self.invoke(ctx)
            code = EXIT_OK if result is None else int(result)
        except click.exceptions.Exit as done:  # --help
            code = done.exit_code
        except (BacktrackError, OSError, DatabaseError, click.ClickException, click.Abort,
                KeyboardInterrupt, EOFError) as error:
            message, code = explain(error, prog_name, session.db or default_path())
            if message:
                say_error(message)
        finally:
            session.close()
        if standalone_mode:
            sys.exit(code)
        return code


def say_error(message: str) -> None:
    """One error on stderr, as every command says it: "error: " and one sentence (review 27: four places printed
    errors, two without the prefix, so one bad file read "error: ..." from `summary` and not from `import`)."""
    print(f"error: {message}", file=sys.stderr)


def say_refusal(refusal: ImportRefused, report: TextIO | None = None) -> None:
    """A refused file: its sentence and each of its problems (file, row, column) on the lines below. As an error on
    stderr (say_error), or as a line of a report a command prints on `report` (`check`'s, on stdout)."""
    if report is None:
        say_error(tidy(str(refusal)))
    else:
        print(tidy(str(refusal)), file=report)
    for problem in refusal.problems:
        print(f"  {problem}", file=sys.stderr if report is None else report)


def nothing_more_on_stderr() -> None:
    """After the one line of a stopped command, nothing more on this process's stderr: a library cleaning up at
    exit (Dask closing a cluster whose start Ctrl+C cut short) printed a traceback under the line (review 21).
    Called only when the command line is this process's and it exits next (analysis.cli.main without argv), and
    only on the real stderr: a script that calls main([...]) keeps its stderr (review 23), and a test runner's or
    CliRunner's capture is left alone."""
    if sys.stderr is not sys.__stderr__ or sys.__stderr__ is None:
        return
    try:
        sys.stderr.flush()
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, sys.__stderr__.fileno())
        os.close(quiet)
    except (OSError, ValueError):  # no real file behind stderr: nothing to quieten
        pass


def _never_unencodable() -> None:
    """A character the output's encoding has no byte for (a Hebrew name, a bidi mark, through a script's ASCII or
    cp1252 pipe) is written as a backslash escape instead of ending the command in a UnicodeEncodeError
    traceback (review 18); JSON says it in \\u escapes (json_text)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass  # not a reconfigurable text stream (a test's buffer): nothing to do


def json_text(value: object) -> str:
    """`value` as indented JSON for standard output: with every character as it is where the output takes any
    (UTF-8), else in \\u escapes, which any JSON reader reads back the same."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        "\U0001f600\u05e9\u202e".encode(encoding)
        anything = True
    except (UnicodeEncodeError, LookupError):
        anything = False
    return json.dumps(value, indent=2, ensure_ascii=not anything)


def explain(error: BaseException, prog: str = PROG, db: str | Path = "the diary") -> tuple[str, int]:
    """The sentence to print after "error: " for `error`, and the exit code: 2 for a usage mistake, 130 for
    Ctrl+C, 1 for everything else (an empty sentence when there is nothing useful to say)."""
    if isinstance(error, click.exceptions.NoArgsIsHelpError):
        names = ", ".join(error.ctx.command.list_commands(error.ctx))  # type: ignore[attr-defined]
        return f"Give a command: {names}; `{prog} COMMAND --help` shows its options.", EXIT_USAGE
    if isinstance(error, click.UsageError):
        where = error.ctx.command_path if error.ctx else prog
        text = tidy(error.format_message().strip())
        return f"{text}{'' if text.endswith(('.', '?', ')')) else '.'} See `{where} --help`.", EXIT_USAGE
    if isinstance(error, click.ClickException):
        return tidy(error.format_message()), error.exit_code or EXIT_FAILED
    if isinstance(error, (click.Abort, KeyboardInterrupt, EOFError)):
        return ("Stopped before the command finished; imports and output files are written whole or not at "
                "all, so nothing half-done was kept."), EXIT_INTERRUPTED
    if isinstance(error, DiaryBusy):
        return ("The diary is busy with another import or save, so this change was not made; run the command "
                "again in a moment (a file already imported is then up to date)."), EXIT_FAILED
    if isinstance(error, UsageError):
        return tidy(str(error)), EXIT_USAGE
    if isinstance(error, BacktrackError):
        return tidy(str(error)), EXIT_FAILED
    if isinstance(error, DatabaseError):
        translated = translate(error, db)  # type: ignore[arg-type]
        if isinstance(translated, BacktrackError):
            return explain(translated, prog, db)
        return tidy(f"{db} could not be read or written ({translated}); nothing was changed."), EXIT_FAILED
    if isinstance(error, OSError):
        return _explain_os_error(error), EXIT_FAILED
    raise error  # not reached: main only passes the kinds above


def _explain_os_error(error: OSError) -> str:
    """An OSError as the old CLI said it (`No such file or directory: x.csv`); a full disk and a closed pipe
    (`... | head`) get their own words."""
    if error.errno == errno.ENOSPC:
        return (f"The disk is full; free some space and try again (nothing was written to "
                f"{_as_given(error.filename) or 'the output file'}).")
    if error.errno == errno.EPIPE:
        _silence_stdout()
        return ""
    if isinstance(error, FileNotFoundError) and error.errno is None:  # raised with a path alone (pyarrow on a
        return tidy(f"No such file or directory: {error}")  # Dask worker said only "error: ds/episodes")
    return tidy(f"{error.strerror or error}: {_as_given(error.filename)}".rstrip(": "))


def _as_given(filename: object) -> str:
    """The file an error names, as the person gave it: an output is written to a hidden `.NAME.partial` beside
    it first (a full disk never leaves half a file), and a folder that cannot take it was said under that
    hidden name (review 18: "Not a directory: notes.txt/.x.csv.partial")."""
    if filename is None:
        return ""
    text = os.fsdecode(filename) if isinstance(filename, bytes | os.PathLike) else str(filename)
    folder, _, name = text.rpartition("/")
    if name.startswith(".") and name.endswith(".partial") and len(name) > len("..partial"):
        name = name[1:-len(".partial")]
    return f"{folder}/{name}" if folder else name


def _silence_stdout() -> None:
    """After the reader of our output went away (`| head`), point stdout at /dev/null so the interpreter's
    final flush does not print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # a test's StringIO: nothing to silence

