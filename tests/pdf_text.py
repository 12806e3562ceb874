"""A PDF's words as `pdftotext -layout` reads them, for tests that check a report's values, not only its bytes."""
from __future__ import annotations

import shutil
import subprocess

import pytest


def pdf_words(pdf: bytes) -> str:
    """The PDF's text with runs of spaces and lines joined by one space (skips the test without poppler-utils)."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return " ".join(text.decode().split())


def require_cjk_font() -> None:
    """Skip a test of Chinese/Japanese/Korean text in the report without Debian's fonts-droid-fallback and
    fonts-nanum (`make test` installs them as root); in CI, where .ci/run installs them, their absence fails it."""
    import os
    from pathlib import Path

    from analysis.output.report import FALLBACK_FONTS

    if not all(Path(path).is_file() for path in FALLBACK_FONTS):
        if os.environ.get("CI"):
            pytest.fail("CI must install fonts-droid-fallback and fonts-nanum (.ci/run does) for the report's CJK.")
        pytest.skip("fonts-droid-fallback or fonts-nanum is not installed: CJK text prints as '?' in the report")
