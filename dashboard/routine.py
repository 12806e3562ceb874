"""Today's routine (issue 13): the walking target with progress, exercise tick boxes, heat or ice with a
timer, the weekly check-in when due, a calendar reminder and work hours. Compact: it fits one laptop
screen below the log form, in plain words, and nothing nags (the check-in waits in a closed panel).

The rules live in analysis.plan; this module reads widgets, calls them and renders.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analysis.model import columns as c
from analysis.model.dates import day_since_onset
from analysis.model.errors import BacktrackError
from analysis.model.limits import USUAL_WORK_DAY, WORK_HOURS
from analysis.plan import checkin, heat_ice
from analysis.plan.daily import DailyPlan
from analysis.plan.exercises import BY_ID, EXERCISES, exercise_lines
from analysis.plan.reminder import reminder_ics
from analysis.plan.text import day_label, day_tip
from analysis.review.form_numbers import TypedNumber, out_of_range
from analysis.review.page_rules import walking_line, work_line
from dashboard import cache, ui

TICKS_FOR = "_plan_ticks_for"  # (episode, date) the tick boxes were filled for
HEAT_STARTED = "_plan_heat_started"
CHECKIN_PROBLEM = "_plan_checkin_problem"  # why the check-in was not saved, said in its box


def show(row: pd.Series, plan: DailyPlan) -> None:
    """The routine for the episode `row` (index: episode id) today, from its `plan` (never a paused one: Today says
    what to do now instead)."""
    with st.container(key="plan_routine"):  # the key gives the browser test one element to measure
        _routine(row, plan)


def _routine(row: pd.Series, plan: DailyPlan) -> None:
    episode_id, today = int(row.name), ui.today()
    st.markdown(f"**Today's plan** · {day_label(plan.day_since_onset)}")
    st.caption(day_tip(day_since_onset(row[c.ONSET_DATE], today)))
    left, right = st.columns([3, 2])
    with left:
        _walking(plan)
    with right:
        _heat_or_ice()
    _exercises(plan, episode_id, today)
    _this_week(episode_id, today)
    how, check, remind, work = st.columns(4)
    with how.popover("📋 How to", width="stretch"):
        for exercise in EXERCISES:
            st.markdown(f"**{exercise.name}** ({exercise_lines(exercise)}). {exercise.how}  \n"
                        f"*Normal:* {exercise.normal}  \n*Take care:* {exercise.caution}")  # our own text
    with check.popover("📝 Check-in" + (" (due)" if plan.checkin_due else ""), width="stretch"):
        _checkin(episode_id, today, plan.checkin_due)
    with remind.popover("📅 Reminder", width="stretch"):
        at = st.time_input("Remind me daily at", dt.time(19, 0), key="plan_reminder_time")
        calendar_file = reminder_ics(at, today, dt.datetime.now(dt.UTC))
        st.download_button("Download (.ics)", calendar_file, "backtrack-reminder.ics", "text/calendar",
                           key="plan_reminder_download", help="Open the file with your calendar app.")
    with work.popover("💼 Work", width="stretch"):
        _work(plan, episode_id, today)


def _walking(plan: DailyPlan) -> None:
    line = walking_line(plan)
    st.progress(line.share, text=line.text)
    if line.note:
        st.caption(line.note)


def _heat_or_ice() -> None:
    st.button(f"🧊 Heat or ice: start {heat_ice.MAX_MINUTES} min", key="plan_heat_start", width="stretch",
              on_click=lambda: st.session_state.__setitem__(HEAT_STARTED, dt.datetime.now()),
              help=heat_ice.ADVICE)
    started = st.session_state.get(HEAT_STARTED)
    if started:
        ends = heat_ice.timer_end(started)
        st.caption(f"Started {started:%H:%M}, take it off at {ends:%H:%M}. A cloth between pack and skin.")
    else:
        st.caption(f"{heat_ice.MINUTES_WORDS}, with a cloth between the pack and your skin.")


def _exercises(plan: DailyPlan, episode_id: int, today: dt.date) -> None:
    # each box from the diary: afresh for another person or day, and when Streamlit dropped the box's value while
    # another page was shown (the boxes read unticked after Progress and back, review 33)
    stale = st.session_state.get(TICKS_FOR) != (episode_id, today)
    for item in plan.exercises:
        if stale or f"plan_ex_{item['id']}" not in st.session_state:
            st.session_state[f"plan_ex_{item['id']}"] = item["done"]
    st.session_state[TICKS_FOR] = (episode_id, today)
    if plan.exercises_held:  # a sign that needs a doctor: the exercises wait as the walk does (plan.daily)
        st.markdown(f"**Exercises**: {plan.exercises_held}")
        return
    st.markdown("**Exercises**: tick what you did today")
    columns = st.columns(2)
    for i, item in enumerate(plan.exercises):
        label = f"{item['name']}: {exercise_lines(BY_ID[item['id']])}"
        columns[i % 2].checkbox(label, key=f"plan_ex_{item['id']}", help=item["caution"],
                                on_change=ui.action(_save_tick, episode_id, today, item["id"]))


def _this_week(episode_id: int, today: dt.date) -> None:
    """This week's counts, and the exercise/next-day-pain link as Progress gates it (today_plan.week_line)."""
    line = cache.week(episode_id, today)
    if line:
        st.caption(line)


def _save_tick(episode_id: int, today: dt.date, exercise_id: str) -> None:
    """The box just changed, alone: the day's other ticks stay as the diary holds them."""
    ui.diary().set_exercise_done(episode_id, today, exercise_id, bool(st.session_state.get(f"plan_ex_{exercise_id}")))


def _checkin(episode_id: int, today: dt.date, due: bool) -> None:
    answers = ui.diary().answers([episode_id], checkin.PSFS)
    last = answers[answers["date"] == answers["date"].max()] if len(answers) else answers
    names = last.sort_values("item")["label"].tolist() + [""] * checkin.PSFS_ITEMS
    # each score starts at the activity's last score (a check-in is a change from the last), a new one's empty: a
    # score the person never gave was saved as 5 (review 33), and feeds the six-week rule
    scores = [float(round(v)) for v in last.sort_values("item")["value"]] + [None] * checkin.PSFS_ITEMS
    st.caption("Up to three activities your back makes hard. 0 = cannot do it, 10 = as well as before."
               + ("" if due else " Next one is due a week after the last."))
    stored = (episode_id, today, tuple(names), tuple(scores))  # filled afresh for another day or answers (ui.fill)
    # a form of each diary's own: the browser sent the values typed in one person's form from the next one's
    # under the same key, whatever it showed (review 31's browser walk: Zed's check-in saved Chloe's typing)
    with st.form(checkin_key(episode_id), border=False, enter_to_submit=False):
        for i in range(checkin.PSFS_ITEMS):
            name, score = st.columns([3, 2])
            ui.fill(checkin_key(episode_id, "name", i), names[i], stored)
            ui.fill(checkin_key(episode_id, "score", i), scores[i], stored)
            # the value too: the browser draws a closed popover's boxes when it opens, from the value given here
            name.text_input(f"Activity {i + 1}", names[i], key=checkin_key(episode_id, "name", i), max_chars=80)
            # no min or max, and decimals taken: the browser refused 11 without a rerun (an earlier press's error
            # stayed on screen) and made 5.5 a 5 without a word (review 33); check_answers says both in the box
            score.number_input(f"Score {i + 1} (0-10)", value=scores[i], step=1.0, format="%g",
                               placeholder="0 to 10", key=checkin_key(episode_id, "score", i))
        st.form_submit_button("Save check-in", on_click=_save_checkin, args=(episode_id, today))
    for message in st.session_state.pop(CHECKIN_PROBLEM, []):  # here, in the open box: at the top of the page it
        st.error(ui.plain(message), icon="⛔")  # sat under the box and a press seemed to do nothing (review 33)
    course = checkin.psfs_course(answers)
    if len(course):  # a line with its points on the whole 0-10 scale: one check-in is one point (review 12)
        import altair as alt  # only when a check-in is drawn: not on every Today run's start

        scale = alt.Scale(domain=[checkin.PSFS_MIN, checkin.PSFS_MAX])
        st.altair_chart(alt.Chart(course).mark_line(point=True).encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%-d %b", tickCount="day")),
            y=alt.Y("psfs_mean:Q", title="score", scale=scale)).properties(height=120), width="stretch")


def checkin_key(episode_id: int, box: str = "", item: int = 0) -> str:
    """The key of an episode's check-in form ("plan_checkin_7"), or of one of its boxes ("plan_psfs_name_7_0")."""
    return f"plan_checkin_{episode_id}" if not box else f"plan_psfs_{box}_{episode_id}_{item}"


def _save_checkin(episode_id: int, today: dt.date) -> None:
    """Save the check-in typed; a problem is said in the check-in's box (CHECKIN_PROBLEM), and nothing saved."""
    state = st.session_state
    try:
        clean = checkin.check_answers([(state.get(checkin_key(episode_id, "name", i), ""),
                                        state.get(checkin_key(episode_id, "score", i)))
                                       for i in range(checkin.PSFS_ITEMS)])
        rows = [(str(i + 1), value, name) for i, (name, value) in enumerate(clean.items())]
        ui.diary().save_answers(episode_id, checkin.PSFS, today, rows)
    except BacktrackError as error:
        state.setdefault(CHECKIN_PROBLEM, []).append(str(error))
        return
    st.toast("Check-in saved.", icon="✅")


def _work(plan: DailyPlan, episode_id: int, today: dt.date) -> None:
    st.caption(work_line(plan))
    saved = ui.diary().work_hours([episode_id])
    hours = saved.loc[saved["date"] == pd.Timestamp(today), "hours"]
    usual = ui.diary().usual_work_days([episode_id])["hours"]
    worked, day = st.columns(2)
    # no min or max on the boxes: a number outside them kept the box's last one and was never saved, the range said
    # only on hover (review 28); one is now said under the boxes, naming what they take, and not saved
    # filled afresh for another diary or day, or when what is stored changed (ui.fill)
    hours = float(hours.iloc[0]) if len(hours) else 0.0
    ui.fill("plan_work_hours", hours, (episode_id, today, hours))
    worked.number_input(WORK_WORDS["plan_work_hours"][0], value=hours, step=0.5, key="plan_work_hours",
                        on_change=ui.action(_save_work, episode_id, today))
    # empty: not said (the plan assumes 8 hours and says so); the person's own day sets full and half days
    usual = float(usual.iloc[0]) if len(usual) else None
    ui.fill("plan_usual_work_day", usual, (episode_id, usual))
    day.number_input(WORK_WORDS["plan_usual_work_day"][0], value=usual, step=0.5, key="plan_usual_work_day",
                     on_change=ui.action(_save_usual_day, episode_id))
    for problem in _hours_problems():
        st.error(problem, icon="✏️")


WORK_WORDS = {"plan_work_hours": ("Hours worked today", WORK_HOURS),
              "plan_usual_work_day": ("Your usual working day (hours)", USUAL_WORK_DAY)}


def _hours_problems(keys: tuple[str, ...] = tuple(WORK_WORDS)) -> list[str]:
    """The work boxes' numbers (of `keys`) outside their ranges (analysis.model.limits), one sentence each
    (form_numbers). An empty usual working day, or 0, is not said (the plan assumes 8 hours), never a problem."""
    numbers = []
    for key in keys:
        words, allowed = WORK_WORDS[key]
        value = st.session_state.get(key)
        numbers.append(TypedNumber(words, value or None if key == "plan_usual_work_day" else value, allowed))
    return out_of_range(numbers, then="It is not saved until it is changed.")


def _save_work(episode_id: int, today: dt.date) -> None:
    hours = st.session_state.get("plan_work_hours")
    if not _hours_problems(("plan_work_hours",)):  # outside its range: said under the boxes (_work), not saved
        ui.diary().set_work_hours(episode_id, today, hours if hours else None)


def _save_usual_day(episode_id: int) -> None:
    hours = st.session_state.get("plan_usual_work_day")
    if not _hours_problems(("plan_usual_work_day",)):
        ui.diary().set_usual_work_day(episode_id, hours if hours else None)
