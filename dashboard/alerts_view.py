"""Alerts on the pages: the urgent banner, the active-alert cards with "Got it", and the history."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import alerts
from analysis import columns as c
from analysis.red_flags import URGENT, WARNING
from analysis.report_text import ALERT_TITLES
from dashboard import ui


def alert_history(episode_id: int) -> pd.DataFrame:
    """Every alert of the episode up to its last diary day (see analysis.alerts.alert_history).

    Computed once per diary revision: the banner and the Progress page ask for the same one.
    """
    diary = ui.diary()
    return _history_at(str(diary.path), int(episode_id), diary.revision())


@st.cache_data(max_entries=16, show_spinner=False)
def _history_at(path: str, episode_id: int, revision: tuple[int, int]) -> pd.DataFrame:
    del revision  # only the cache key: a new revision means the diary changed
    diary, ids = ui.diary_at(path), [episode_id]
    return alerts.alerts(diary.entries(ids), diary.doses(ids), diary.symptoms(ids))


def visible_alerts(episode_id: int, history: pd.DataFrame | None = None) -> pd.DataFrame:
    """Active alerts the person has not put aside (urgent ones can never be put aside)."""
    history = alert_history(episode_id) if history is None else history
    return alerts.visible(history, ui.diary().acknowledged())


def urgent_alerts(episode_id: int) -> list[str]:
    """Messages of the urgent alerts active for the episode (for the banner on every page)."""
    shown = visible_alerts(episode_id)
    return shown.loc[shown["severity"] == URGENT, "message"].drop_duplicates().tolist()


def alert_cards(episode_id: int, history: pd.DataFrame) -> None:
    """Active alerts, most urgent first; warnings and advice can be put aside with 'Got it'."""
    shown = visible_alerts(episode_id, history)
    if shown.empty:
        st.success("No warnings right now. Keep going!", icon="✅")
        return
    for row in shown.itertuples(index=False):
        title = ALERT_TITLES.get(row.code, row.code)
        since = f"since {row.date:%-d %b}"
        box = st.error if row.severity == URGENT else st.warning if row.severity == WARNING else st.info
        box(f"**{title}** ({since}). {row.message}")
        if row.severity != URGENT:
            st.button("Got it, hide this", key=f"ack_{row.code}",
                      on_click=ui.action(ui.diary().acknowledge, episode_id, row.code, row.fingerprint))


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """The alert history in words, for a table: what, how serious, from, to, still active."""
    return pd.DataFrame({
        "Alert": history["code"].map(lambda code: ALERT_TITLES.get(code, code)),
        "Severity": history["severity"], "From": history[c.DATE].dt.date, "To": history["last_date"].dt.date,
        "Still applies": history["active"].map({True: "yes", False: "no"}),
    })
