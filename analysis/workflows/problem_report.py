"""The Clinic's problem report: every problem and warning of an upload, one per line of a CSV file."""
from __future__ import annotations

import pandas as pd

from analysis.model.errors import ColumnsNotRecognised, report_messages
from analysis.output.export import neutralise_formula
from analysis.workflows.diary_io import REFUSED, FileResult


def problem_report_csv(results: list[FileResult], how: str | None = None) -> str:
    """Every problem and warning of an upload as CSV (file, kind, message), safe to open in a spreadsheet.

    Every one, each on its row: the page shows a few alike and "and N more like it", but the report is what is
    downloaded to read them all (a result made without the full lists falls back to the lines shown). `how`: the
    page's words for saying which column holds what (ColumnsNotRecognised.worded), where the CLI's are a mapping
    (review 31: the Clinic's report said "Give a mapping" beside a page of pickers)."""
    def problems(result: FileResult) -> list[str]:
        if how and isinstance(result.refusal, ColumnsNotRecognised):
            return result.refusal.worded(how)
        return result.all_problems or result.problems or ([result.summary] if result.status == REFUSED else [])
    rows = [(r.name, "error", line) for r in results for p in problems(r) for line in report_messages(p)]
    rows += [(r.name, "warning", line) for r in results for w in (r.all_warnings or r.warnings)
             for line in report_messages(w)]
    frame = pd.DataFrame(rows, columns=["file", "kind", "message"])
    for column in ("file", "message"):
        frame[column] = frame[column].astype(str).map(neutralise_formula)
    return frame.to_csv(index=False, lineterminator="\n")
