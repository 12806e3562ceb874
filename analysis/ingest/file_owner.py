"""Whose diary a renamed fitness-app file is: the name left once the app's own name for the file is taken off.

Why: a fitness app's minutes in a file renamed after someone ask whose diary they go into, and the page's choice
started on the first diary of the list: one press gave a stranger's minutes to "Anna (demo)" while a diary
"pipstur" was there for pipstur_daily_activity_metrics.csv (review 31's browser walk). A guess from any word of the
file's name was worse: patients named after their files ("export", "2", "activity") were offered Fitbit's own
fitbit_export_20261117.csv or a second "Daily activity metrics (2).csv" (review 32). So the guess is strict: what is
left of the name, less the app's own words and any number, must be one diary's whole name; else nobody is chosen.
"""
from __future__ import annotations

from analysis.ingest.apps.registry import APPS
from analysis.model.names import patient_name


def _words(text: str) -> list[str]:
    """`text` as lower-case words of letters and digits: "Tom_Smith-daily" -> ["tom", "smith", "daily"]."""
    return "".join(ch if ch.isalnum() else " " for ch in patient_name(text).casefold()).split()


# words of a file's name that name no one: a diary named after such a file ("export.csv" -> "export") is never guessed
# (review 32: "daily_activity_metrics_export.csv" offered to the patient "export")
_NOT_NAMES = {"export", "exports", "data", "activity", "activities", "steps", "fit", "fitness", "metrics", "daily",
              "tracker", "download", "downloads", "backup", "file", "diary", "copy", "merged", "summary", "summaries"}
_APP_NAMES = sorted({tuple(_words(name)) for app in APPS for name in app.default_names}, key=len, reverse=True)


def owner_named(file_name: str, names: list[str]) -> str | None:
    """The one diary of `names` whose whole name is what is left of `file_name` once the apps' own names for the
    file ("daily activity metrics", "fitbit export", "dailyActivity_merged") and every number ("(2)", a date) are
    taken off; None when nothing is left, or no name, or more than one, is exactly that.

    "pipstur_daily_activity_metrics.csv" -> "pipstur"; "Tom_Smith_Daily activity metrics.csv" -> "Tom Smith";
    "fitbit_export_20261117.csv", "Daily activity metrics (2).csv", "fit export.csv" -> None."""
    left = [word for word in _words(file_name.rsplit(".", 1)[0]) if not word.isdigit()]
    for app_words in _APP_NAMES:
        size = len(app_words)
        at = next((i for i in range(len(left) - size + 1) if tuple(left[i:i + size]) == app_words), None)
        if at is not None:
            left = left[:at] + left[at + size:]
    if not left or set(left) <= _NOT_NAMES:
        return None
    found = [name for name in names if _words(name) == left]
    return found[0] if len(found) == 1 else None
