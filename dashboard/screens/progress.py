"""Progress: where the person stands against the usual course, in plain words and charts."""
from __future__ import annotations

import streamlit as st

from analysis.alerts.red_flags import URGENT
from analysis.course.associations import CAVEAT_TEXT
from analysis.course.dose_limit_words import limit_text, mg_text
from analysis.model import columns as c
from analysis.output import charts as figures
from analysis.output.fhir import fhir_json
from analysis.plan.adherence import TICKS_NOTE, done_words
from analysis.plan.text import TARGET_LINE_WORDS
from analysis.review import progress_text as words
from analysis.review.progress import ProgressView
from analysis.review.report_text import ALERT_TITLES
from analysis.review.status_headline import status_label
from dashboard import alerts_view, cache, gp_report, ui
from dashboard.frame import page_frame


def load(episode_id: int) -> ProgressView:
    return cache.progress(episode_id)  # computed once per diary revision (dashboard/cache.py)


def urgent_now(view: ProgressView) -> bool:
    """An urgent sign of the person applies (this episode's or another's): the comparisons wait for a doctor."""
    return bool(view.summary.active_alerts(URGENT)) or not view.urgent_elsewhere.empty


def metrics(view: ProgressView) -> None:
    s = view.summary
    # agrees with the alerts, the person's other episodes' urgent signs too (issue 9 item 5; review 8). A line, not a
    # metric: a metric's large value is cut to one line ("Not enough recent e…", review 36's explorer)
    st.markdown(f"Compared with most people: **{status_label(s, view.urgent_elsewhere_titles)}**")
    pain, usual = st.columns(2)  # the person's pain beside the usual, two to a row: a third cut their labels short
    if s.current_pain is not None:
        pain.metric(words.pain_label(s), f"{s.current_pain:.1f} of 10", delta=words.pain_delta(s),
                    delta_color=words.pain_delta_colour(s), help=words.pain_help(s))
    else:
        pain.metric(words.pain_label(s), "–", help=s.status_reason)
    if words.usual_shown(s, urgent_now(view)):
        usual.metric(words.usual_label(s), f"{s.expected_pain:.1f} of 10", help=words.usual_range_help(s))
    st.columns(2)[0].metric("Days since it started", s.days_since_onset)
    if s.current_pain is None and s.status_reason:  # the dash said, not only in a tooltip (review 33)
        st.caption(s.status_reason)


def outlook(view: ProgressView) -> None:
    urgent = urgent_now(view)
    line = words.outlook_line(view.summary, ui.today(), urgent)  # a projected day already past is said so
    if line is None:
        pass
    elif line.kind == "recovered":
        st.success(line.text, icon="🎉")
    elif line.kind == "projected":
        st.info(line.text, icon="📅")
    else:
        st.caption(line.text)
    course = words.course_line(view.summary, urgent)
    if course is not None:
        st.write(course)


def activity_section(view: ProgressView, normal: float | None) -> None:
    st.subheader("Activity")
    line = words.activity_line(view.summary, normal)
    if line is None:
        st.caption("Log your active minutes to see them against the build-up plan.")
        return
    st.write(line)
    st.plotly_chart(figures.activity_course(view.activity, normal, plan=view.walking), key="activity_chart")
    st.caption(TARGET_LINE_WORDS)


def psfs_section(view: ProgressView) -> None:
    """Each activity of the weekly check-in, 0-10 by week (the PSFS), when there are check-ins."""
    line = words.psfs_line(view.psfs)
    if line is None:
        return
    st.subheader("Everyday activities")
    st.write(line)
    st.plotly_chart(figures.psfs_weeks(view.psfs), key="psfs_chart")
    st.caption("A rise of 2 points or more on an activity is a change you would notice in daily life.")


def episodes_section(view: ProgressView) -> None:
    """This episode beside the earlier ones, on the same days-since-onset axis (only when there are earlier ones)."""
    if view.episodes.empty:
        return
    st.subheader("Compared with earlier episodes")
    if view.episodes_sentence:
        st.write(view.episodes_sentence)
    st.plotly_chart(figures.episodes_side_by_side(view.episodes), key="episodes_chart")


def adherence_section(view: ProgressView) -> None:
    """Exercises and walking target per week, with the same caveat as the associations (hidden when too few weeks)."""
    if view.adherence.empty:
        return
    with st.expander("Keeping to the plan, week by week"):
        table = view.adherence.rename(columns={
            "week": "Week", "days": "Days", "exercise_days": "Days with exercises",
            "walking_days_met": "Days walking target reached"})
        table["Exercises done"] = done_words(view.adherence)  # "none ticked", not 0%, for a week without a tick
        st.dataframe(table[["Week", "Days", "Days with exercises", "Exercises done", "Days walking target reached"]],
                     hide_index=True, width="stretch")
        if (view.adherence["exercise_days"] == 0).any():
            st.caption(TICKS_NOTE)
        if view.exercise_link is not None:
            st.write(view.exercise_link.statement)
        else:
            st.write("Not enough days yet to say whether exercise days go with less pain the next day.")
        st.caption(CAVEAT_TEXT)


def medicine_section(view: ProgressView) -> None:
    st.subheader("Medicines")
    if view.medicines.empty:
        st.caption("No medicines logged in this episode." if view.carried_medicines else "No medicines logged.")
        if view.carried_medicines:
            st.caption(view.carried_medicines)
        return
    table = view.medicines.rename(columns={
        c.MEDICINE: "Medicine", "max_daily_mg": "Most in one day (mg)", "limit_mg": "Daily maximum (mg)",
        "days_used": "Days taken", "longest_run_days": "Longest run (days)"})
    # a static table, which wraps its headers to the screen: the scrolling grid was 554 px wide on a 390-pixel
    # phone and hid the two numbers that say a dose was too high (review 22); they come first after the name.
    # st.table shows text as text (a medicine typed by the person is never read as HTML)
    shown = table[["Medicine", "Most in one day (mg)", "Daily maximum (mg)", "Days taken", "Longest run (days)"]]
    # both maxima of a medicine that has two ("660 (1,000 on prescription)"), as an overdose's alert says them
    limits = [limit_text(counter, prescribed) for counter, prescribed
              in zip(view.medicines["limit_mg"], view.medicines["prescribed_limit_mg"], strict=True)]
    st.table(shown.assign(**{"Most in one day (mg)": shown["Most in one day (mg)"].map(mg_text),
                             "Daily maximum (mg)": limits}).set_index("Medicine"))
    if view.carried_medicines:  # the days before this episode that its medicine alerts count too
        st.caption(view.carried_medicines)
    st.plotly_chart(figures.medicine_timeline(view.medicine_days), key="medicine_chart")


def associations_section(view: ProgressView) -> None:
    if view.associations.empty:
        return
    with st.expander("What goes with better days?"):
        for row in view.associations.itertuples(index=False):
            st.write(f"- {ui.plain(row.in_words)}")
        st.caption(view.associations["caveat"].iloc[0])


def share_section(episode_id: int, patient: str) -> None:
    """The PDF report for the GP or physiotherapist, and the FHIR export for their record system."""
    st.subheader("For your GP or physiotherapist")
    left, right = st.columns(2)
    gp_report.report_button(left, episode_id, key="progress_report")
    entries = ui.diary().entries([episode_id])
    right.download_button("Download for record systems (FHIR)", data=fhir_json(entries, patient, episode_id),
                          file_name="backtrack-fhir.json", mime="application/fhir+json", on_click="ignore",
                          key="progress_fhir", help="Daily pain scores as FHIR R4 Observations (LOINC 72514-3).")


def main() -> None:
    page_frame()
    st.title("Progress")
    episode_id = ui.episode_with_entries("Nothing to show yet.")
    if episode_id is None:
        chosen = ui.current_episode()
        if chosen is not None:  # a new episode: an earlier one's urgent sign can still be marked seen here
            alerts_view.other_episode_seen(int(chosen.name))
        return
    episode = ui.current_episode()
    view = load(episode_id)
    st.subheader(view.headline)
    if view.summary.recurrence_date:
        st.info("Start a new episode: open \"New episode of back pain\" in the sidebar.", icon="🔁")
    metrics(view)
    alerts_view.alert_cards(episode_id, view.alerts, others_urgent=not view.urgent_elsewhere.empty,
                            gp_first=view.summary.screening.see_gp_first)
    alerts_view.other_episode_seen(episode_id)
    st.plotly_chart(figures.pain_course(view.entries, view.expected, course=view.course), key="progress_chart")
    st.caption("The shaded area is the usual range for someone who started with your level of pain, from "
               "studies of thousands of people with acute low back pain (Menezes Costa 2012).")
    outlook(view)
    episodes_section(view)
    activity_section(view, episode[c.NORMAL_ACTIVITY])
    psfs_section(view)
    adherence_section(view)
    medicine_section(view)
    associations_section(view)
    if not view.alerts.empty:
        with st.expander("Alert history"):
            labels = {code: ALERT_TITLES.get(code, code) for code in view.alerts["code"]}
            st.plotly_chart(figures.alert_timeline(view.alerts, labels), key="alert_chart")
            st.dataframe(alerts_view.history_table(view.alerts), hide_index=True, width="stretch",
                         column_config=alerts_view.HISTORY_DATES)
    share_section(episode_id, str(episode[c.PATIENT]))


main()
