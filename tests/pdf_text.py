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
