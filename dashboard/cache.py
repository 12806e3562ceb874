"""Analysis results for the pages, computed once per diary revision (Streamlit's st.cache_data).

Why: every click reruns a page script from the top. A rerun that changed nothing in
the diary (switching pages, opening a popover, the reminder's time) must not redo the
analyses, while a rerun after a save must never show the old result. The key is a cheap
token from storage: Diary.revision() (SQLite's data_version, which moves when another
connection commits, plus this connection's total_changes) together with the identity of
the connection itself, because both counters start again on a new connection.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

from analysis.plan.daily import DailyPlan
from analysis.review.progress import ProgressView
from analysis.review.progress_for import progress_for
from analysis.review.today_plan import plan_for, week_line
from analysis.storage import Diary
from analysis.workflows.examples import examples_left
from dashboard import ui

Token = tuple[str, int, tuple[int, int]]


def token(diary: Diary | None = None) -> Token:
    """(path, connection, revision): equal only while the diary is unchanged, read in a few microseconds."""
    diary = diary or ui.diary()
    return str(diary.path), id(diary), diary.revision()


def progress(episode_id: int) -> ProgressView:
    """The Progress page's view of episode `episode_id` (analysis.review.progress.progress_view)."""
    return _progress_at(token(), int(episode_id), dt.date.today())  # a new day is a new view (as of today)


@st.cache_data(max_entries=8, show_spinner=False)
def _progress_at(key: Token, episode_id: int, today: dt.date) -> ProgressView:
    return progress_for(ui.diary_at(key[0]), episode_id, today)  # as the GP report and the Clinic read it


def plan(episode_id: int, today: dt.date) -> DailyPlan:
    """Today's plan of episode `episode_id` (analysis.review.today_plan.plan_for), its pause and urgent messages
    the plan's own."""
    return _plan_at(token(), int(episode_id), today)


@st.cache_data(max_entries=8, show_spinner=False)
def _plan_at(key: Token, episode_id: int, today: dt.date) -> DailyPlan:
    return plan_for(ui.diary_at(key[0]), episode_id, today)


def week(episode_id: int, today: dt.date) -> str | None:
    """The line under Today's exercises (analysis.review.today_plan.week_line): its course reads the person's alerts
    (one engine call), so it is worked out once per diary revision, as the plan above it is."""
    return _week_at(token(), int(episode_id), today)


@st.cache_data(max_entries=8, show_spinner=False)
def _week_at(key: Token, episode_id: int, today: dt.date) -> str | None:
    return week_line(ui.diary_at(key[0]), episode_id, today)


def example_days_left() -> bool:
    """Whether example days are still in the diary (analysis.workflows.examples.examples_left: it reads the demo
    files), once per diary revision: the notice that offers to remove them is on every page run."""
    return _examples_left_at(token())


@st.cache_data(max_entries=4, show_spinner=False)
def _examples_left_at(key: Token) -> bool:
    return examples_left(ui.diary_at(key[0]))
