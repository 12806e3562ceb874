"""Backtrack's pure-Python core: storage, import, analyses, alerts and the CLI.

Nothing in this package imports streamlit; the dashboard builds on it, never the
other way round.
"""
