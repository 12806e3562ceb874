"""Where the demo diaries are: sample_data/*.csv, a package shipped beside analysis/ (pyproject.toml's package-data).

Why a module of its own: found the same way from a checkout, an editable install and a wheel, and said plainly
when they are missing (review 27: a wheel without them made `demo` load nothing and exit 0).
"""
from __future__ import annotations

from importlib import util
from pathlib import Path

from analysis.model.errors import NotFound

SAMPLE_PACKAGE = "sample_data"


def sample_files() -> list[Path]:
    """The committed demo diaries (sample_data/*.csv), one per published recovery shape, read from the package
    wherever it is installed (a checkout, an editable install or a wheel). Raises NotFound when there are none: a
    copy installed without them loaded nothing and said nothing (review 27)."""
    try:  # each folder of the package (an editable install adds a placeholder entry that is not a folder)
        spec = util.find_spec(SAMPLE_PACKAGE)
        folders = [Path(place) for place in (spec.submodule_search_locations or [])] if spec else []
    except (ImportError, ValueError):
        folders = []
    found = {path.name: path for folder in folders if folder.is_dir() for path in folder.glob("*.csv")}
    files = [found[name] for name in sorted(found)]
    if not files:
        raise NotFound("The demo diaries (sample_data/*.csv) are not installed with this copy of Backtrack; "
                       "install it again from its source folder.")
    return files
