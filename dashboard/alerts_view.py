"""Alerts on the pages: the urgent banner, the active-alert cards with "Got it", and the history."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import streamlit as st

from analysis.alerts import engine as alerts
from analysis.alerts.red_flags import URGENT, WARNING
from analysis.model import columns as c
from analysis.model.dates import plain_date
from analysis.model.screening import SEE_GP_FIRST_ELSEWHERE
from analysis.plan.text import GP_FIRST_CHANGE
from analysis.review import urgent_now
from analysis.review.alert_runs import cards_and_aside, merge_runs, newest_run
from analysis.review.page_rules import (
    can_be_put_aside,
    can_be_seen,
    doctor_first,
    put_aside,
    reported_after_seen,
    seen_after_today,
    without_covered,
)
from analysis.review.report_text import ALERT_TITLES
from analysis.review.seen_marks import visit_marks
from analysis.review.triage import alert_text, title_and_rest
from dashboard import ui


def episode_alerts_now(episode_id: int) -> pd.DataFrame:
    """Every alert of the episode as it applies today (analysis.review.urgent_now.alerts_now: judged on today,
    as the Clinic judges them). Computed once per diary revision and day for all the person's episodes."""
    history = person_history(episode_id)
    return history[history[c.EPISODE_ID] == int(episode_id)]


def person_history(episode_id: int) -> pd.DataFrame:
    """The alerts of every episode of the person `episode_id` belongs to (one engine call, cached)."""
    diary = ui.diary()
    ids = tuple(urgent_now.person_episode_ids(ui.episodes(), episode_id))
    return _history_at(str(diary.path), ids, diary.revision(), ui.today())


@st.cache_data(max_entries=16, show_spinner=False)
def _history_at(path: str, episode_ids: tuple[int, ...], revision: tuple[int, int], today: dt.date) -> pd.DataFrame:
    del revision  # only the cache key: a new revision means the diary changed
    return urgent_now.alerts_now(ui.diary_at(path), list(episode_ids), today)


def visible_alerts(episode_id: int, history: pd.DataFrame | None = None) -> pd.DataFrame:
    """Active alerts the person has not put aside (urgent ones can never be put aside)."""
    history = episode_alerts_now(episode_id) if history is None else history
    return alerts.visible(history, ui.diary().acknowledged())


def _urgent(episode_id: int) -> pd.DataFrame:
    """The urgent alerts active today on any of the person's episodes, this one's first (urgent_now)."""
    return urgent_now.urgent_rows(person_history(episode_id),
                                  urgent_now.person_episode_ids(ui.episodes(), episode_id))


def urgent_alerts(episode_id: int) -> list[str]:
    """What was reported and when, then what to do, for each urgent alert active for the person (the banner on
    every page). Another episode's says which: its "I have been seen" button is on that episode's Progress, and on
    this one's (other_episode_seen)."""
    onsets = ui.episodes().set_index(c.EPISODE_ID)[c.ONSET_DATE]
    lines = []
    for row in _urgent(episode_id).itertuples(index=False):
        other = int(row.episode_id) != int(episode_id)
        where = f"In your back pain episode from {plain_date(onsets.get(int(row.episode_id)))}: " if other else ""
        lines.append(f"{where}{row.detail}. {row.message}")
    return list(dict.fromkeys(lines))


def doctor_box(episode_id: int) -> bool:
    """Today's warning box at the top of the page, above the form and the plan: each active sign that needs a
    doctor (page_rules.doctor_first, the alerts Progress lists as active) of any of the person's episodes, this
    one's first, what was reported and when, what to do, and "I have been seen about this" (on the episode that
    holds it). Returns whether one showed (this episode's walking target is then held:
    analysis.plan.walking.HELD_DOCTOR).

    Why the person's: fever logged in the earlier episode two days before a new one was started is still the
    person's fever (review 5), as an urgent sign of an earlier episode stays on the banner (other_episode_seen)."""
    history = person_history(episode_id)
    mine_first = history.iloc[np.argsort((history[c.EPISODE_ID] != int(episode_id)).to_numpy(), kind="stable")]
    active = mine_first[mine_first["active"].astype(bool)] if len(mine_first) else mine_first
    rows = doctor_first(merge_runs(active))  # every report of a sign still applying, in its one box (alert_runs)
    onsets = ui.episodes().set_index(c.EPISODE_ID)[c.ONSET_DATE]
    for row in rows.itertuples(index=False):
        holder = int(row.episode_id)
        where = "" if holder == int(episode_id) else (
            f"In your back pain episode from {plain_date(onsets.get(holder))}: ")
        # what, when, what to do; why the target is held is said once, under the walking bar (HELD_WORDS)
        title, rest = title_and_rest(row.code, row.detail)
        st.warning(f"{where}**{title}**{rest}.  \n{row.message}", icon="🩺")
        seen_control(holder, row.code, key="_today" if holder == int(episode_id) else f"_today_episode_{holder}",
                     person=True)
    return not rows.empty


def seen_control(episode_id: int, code: str, key: str = "", person: bool = False, by: str = "patient") -> None:
    """'I have been seen about this': the day a clinician assessed it (default today), then a button.
    `key` tells apart the same alert of another episode shown on this page (other_episode_seen). `person`: the
    mark closes `code` in every episode of the person holding it (Today's doctor box shows one box a code).
    `by` "clinician": the Clinic's own words, and the mark is recorded as the clinician's (clinic_seen)."""
    left, right = st.columns([1, 2])
    # no latest date: a later one typed is said in words by _mark_seen, never noted as today (review 29)
    ui.fill(f"seen_date_{code}{key}", ui.today(), (episode_id, code, ui.today()))  # afresh for another diary
    left.date_input("Seen on" if by == "patient" else "Assessed on", value=ui.today(), key=f"seen_date_{code}{key}",
                    format="DD/MM/YYYY")
    right.button("I have been seen about this" if by == "patient" else "Record my assessment",
                 key=f"seen_{code}{key}", on_click=ui.action(_mark_seen, episode_id, code, key, person, by))


def other_episode_seen(episode_id: int) -> None:
    """The "I have been seen" button for urgent signs of the person's other episodes, on this episode's Progress.

    Why: the banner and Today's "What to do now" tell the person to mark it on the Progress page; after a new
    episode, that is the page they open, and without this the plan stayed paused until they found the older
    episode in the sidebar (the walk, tests/app/test_walk_app.py)."""
    rows = urgent_now.urgent_elsewhere(_urgent(episode_id), episode_id)
    onsets = ui.episodes().set_index(c.EPISODE_ID)[c.ONSET_DATE]
    on_banner = set(urgent_alerts(episode_id))
    for row in rows.itertuples(index=False):
        other = int(row.episode_id)
        where = f"In your back pain episode from {plain_date(onsets.get(other))}"
        said = f"{where}: {row.detail}. {row.message}" in on_banner
        st.error(f"**{where}**: {row.detail}. {SEE_BANNER if said else row.message}")
        seen_control(other, row.code, key=f"_episode_{other}")


def _mark_seen(episode_id: int, code: str, key: str = "", person: bool = False, by: str = "patient") -> None:
    """Record the mark on `episode_id`; with `person`, on every episode of the person whose `code` is active too:
    Today's box shows one box a code (page_rules.doctor_first), so the same fever logged in the earlier and the
    new episode is one visit, one click (review 7: the box came back naming the earlier episode, the walk held)."""
    day = st.session_state.get(f"seen_date_{code}{key}") or ui.today()
    day = day if isinstance(day, dt.date) else ui.today()
    not_yet = seen_after_today(day, ui.today(), by)
    if not_yet:
        st.toast(not_yet, icon="📅")
        return
    # the person's alerts as the page showed them (cached for this diary revision): no engine call again
    history, ids = person_history(episode_id), urgent_now.person_episode_ids(ui.episodes(), episode_id)
    marks = visit_marks(history, ids, episode_id, code, person)  # this alert, and what the visit covers too
    later = reported_after_seen(history, [e for e, alert in marks if alert == code], code, day)
    with ui.diary().transaction():  # all or none
        for episode, alert in marks:
            ui.diary().mark_seen(episode, alert, day, by=by)
    if later is not None:  # the visit came before the last report: the alert stays open, and the page says why, on
        # the page: a toast faded and nothing showed the press had done anything (review 32)
        ui.warn_on_page(f"Noted your visit on {plain_date(day)}, but this sign was last reported on "
                        f"{plain_date(later)}, after that visit, so the warning stays open. If a doctor has seen you "
                        "since, choose that date." if by == "patient" else
                        f"Noted your assessment on {plain_date(day)}, but this sign was last reported on "
                        f"{plain_date(later)}, after it, so the alert stays open. If you have assessed the patient "
                        "since, choose that date.")
        return
    st.toast("Noted: this alert is closed. If the sign comes back, log it again." if by == "patient" else
             "Noted: your assessment closes this alert. A new report of the sign opens it again.", icon="✅")


# an urgent card whose advice the banner at the top of the page already gives word for word: a patient in pain read
# the same long advice twice in a row on Progress (three times on a phone with the other episode's); the card keeps
# what was reported and when, and the "I have been seen about this" button
SEE_BANNER = "What to do now is in the red box at the top of this page."


def alert_cards(episode_id: int, history: pd.DataFrame, others_urgent: bool = False, gp_first: bool = False) -> None:
    """Active alerts, most urgent first; warnings and advice can be put aside with 'Got it'. `others_urgent`: an
    urgent sign of the person's other episode applies (shown below by other_episode_seen); `gp_first`: a set-up
    answer asks the person to see their GP first (said here as on Today). Either: never "No warnings" (review 31's
    browser walk: "No warnings right now. Keep going!" beside a set-up answer of cancer)."""
    history = without_covered(history)  # a warning an open emergency covers is that emergency's card (page_rules)
    runs = visible_alerts(episode_id, history)
    shown, aside = cards_and_aside(runs, put_aside(history, runs))  # one card or line per alert (alert_runs)
    if gp_first:
        st.warning(f"{SEE_GP_FIRST_ELSEWHERE} {GP_FIRST_CHANGE}", icon="🩺")
    if shown.empty and aside.empty and not others_urgent:
        if not gp_first:
            st.success("No warnings right now. Keep going!", icon="✅")
        return
    on_banner = set(urgent_alerts(episode_id)) if (shown["severity"] == URGENT).any() else set()
    for row in shown.itertuples(index=False):
        title, rest = title_and_rest(row.code, row.detail)
        box = st.error if row.severity == URGENT else st.warning if row.severity == WARNING else st.info
        said = f"{row.detail}. {row.message}" in on_banner  # word for word in the banner above: not again
        box(f"**{title}**{rest}. {SEE_BANNER if said else row.message}")
        if can_be_seen(row.code, row.severity):
            seen_control(episode_id, row.code)
        if can_be_put_aside(row.severity):
            st.button("Got it, hide this", key=f"ack_{row.code}",  # the newest run: the earlier ones with it, and
                      # its last report as read: a sign reported after it shows again (engine.visible)
                      on_click=ui.action(ui.diary().acknowledge, episode_id, row.code, newest_run(row.fingerprints),
                                         row.last_date))
    for row in aside.itertuples(index=False):
        st.caption(f"Put aside with Got it, still applies: {alert_text(row.code, row.detail)}.")
        if can_be_seen(row.code, row.severity):
            seen_control(episode_id, row.code)


# the table's dates as the rest of the page writes them ("2 Dec 2026"), still sorted as dates (review 12: ISO)
HISTORY_DATES = {column: st.column_config.DateColumn(column, format="D MMM YYYY") for column in ("From", "To")}


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """The alert history in words, for a table: what, how serious, from, to, still active."""
    return pd.DataFrame({
        "Alert": history["code"].map(lambda code: ALERT_TITLES.get(code, code)),
        "Severity": history["severity"], "From": history[c.DATE].dt.date, "To": history["last_date"].dt.date,
        "Still applies": history["active"].map({True: "yes", False: "no"}),
    })
