"""Compatibility: other apps' exports now live in analysis.ingest.apps (one module per app) and the
readings-to-days rule in analysis.ingest.days. Import from there; this module goes once nothing uses it."""
from analysis.ingest.apps import (
    APPS,
    BEARABLE,
    FITBIT,
    GOOGLE_FIT,
    PAIN_TRACKER,
    AppFormat,
    Converted,
    Converter,
    convert_sheet,
    detect,
    header_key,
)
from analysis.ingest.days import by_day, first_of_group

__all__ = ["APPS", "BEARABLE", "FITBIT", "GOOGLE_FIT", "PAIN_TRACKER", "AppFormat", "Converted", "Converter", "by_day",
           "convert_sheet", "detect", "first_of_group", "header_key"]
