"""Today: log a day in under 30 seconds (or fix an earlier one), and start a diary on first use."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from analysis.alerts.red_flags import URGENT
from analysis.ingest.symptoms import note_hints
from analysis.model import columns as c
from analysis.model.dates import plain_date
from analysis.model.limits import LIMITS
from analysis.model.vocabulary import SYMPTOM_TICK_BOXES, SYMPTOMS
from analysis.plan.text import GP_FIRST_CHANGE, PAUSED_WORDS
from analysis.review.day_merge import PART_WORDS, merged_day
from analysis.review.form_numbers import TypedNumber, out_of_range
from analysis.review.page_rules import (
    DayQuestions,
    after_today,
    ask_for_today,
    before_onset,
    day_questions,
    day_warnings_with_severity,
    doses_left,
    doses_to_question,
    form_can_show,
    kept_doses,
    pain_needed,
    pain_scale,
    seen_about_words,
    signs_seen_about,
    ticked_advice,
    ticked_sign_note,
    unsaved_signs,
)
from analysis.review.urgent_now import signs_before
from analysis.storage import DayEntry, Dose
from dashboard import alerts_view, cache, routine, setup, ui
from dashboard.advice import show_saved_advice, show_ticked_advice
from dashboard.day_medicines import medicine_doses, medicine_inputs, medicine_numbers
from dashboard.form_draft import FormDraft
from dashboard.frame import page_frame
from dashboard.setup import EARLIEST_DAY

# every number starts empty on a new date: pain must be chosen before Save stores the day (page_rules.pain_needed);
# worst pain, minutes and bed rest left empty are saved as not recorded, never as 0
FIELDS = {"log_pain": None, "log_worst": None, "log_activity": None, "log_bed_rest": None, "log_notes": "",
          "log_meds": []}


def fill_from_saved(episode_id: int) -> None:
    """Put the saved values of the chosen date into the form (empty values for a new date)."""
    saved = ui.diary().entry(episode_id, st.session_state["log_date"])
    for key, default in FIELDS.items():
        st.session_state[key] = default
    for code in SYMPTOMS:
        st.session_state[f"log_symptom_{code}"] = False
    remember_loaded(saved)
    st.session_state.pop(PAIN_ASKED, None)  # the sentence was about the date left behind
    if saved is None:
        return
    st.session_state.update({key: value for key, (value, _) in st.session_state["_log_loaded"].items()})
    shown = [d for d in saved.doses if form_can_show(d.medicine, saved.doses)]
    st.session_state.update({"log_notes": saved.notes, "log_meds": [d.medicine for d in shown]})
    for dose in shown:
        st.session_state[f"log_mg_{dose.medicine}"] = float(dose.dose_mg)
        st.session_state[f"log_times_{dose.medicine}"] = int(dose.count)
    for code in saved.symptoms:
        st.session_state[f"log_symptom_{code}"] = True


def remember_loaded(saved: DayEntry | None, doses: bool = True) -> None:
    """Keep what the number widgets were given for a saved day, beside the stored values they stand for.

    Why: the widgets hold whole pain points and no "not recorded", so a day re-saved on Today (to add a note)
    turned an imported 4.5 into 4 and an empty minutes field into 0 minutes. A widget the person leaves as
    loaded saves the stored value (entry_from_form); so do the doses the form cannot show (`doses`: note them
    afresh; after a save they are the same ones, while the day's stored doses also hold the form's).
    """
    st.session_state[LOADED_DAY] = saved  # the day as loaded: Save merges with what is stored then (day_merge)
    if saved is None:
        st.session_state["_log_loaded"] = {}
        keep_doses([])
        return
    st.session_state["_log_loaded"] = {
        "log_pain": (int(round(saved.pain)), saved.pain),
        "log_worst": (None if saved.worst_pain is None else int(round(saved.worst_pain)), saved.worst_pain),
        "log_activity": (None if saved.activity_minutes is None else int(saved.activity_minutes),
                         saved.activity_minutes),
        "log_bed_rest": (None if saved.bed_rest_hours is None else float(saved.bed_rest_hours),
                         saved.bed_rest_hours)}
    if doses:
        keep_doses(kept_doses(saved.doses))


LOADED_DAY = "_log_loaded_day"  # the stored day the form was filled from (None: not saved then)
# The pain scales on one row at any width: on a phone (390 px) the eleven buttons wrapped to 0-7 over three wide
# 8-9-10, which reads as a different scale (review 22). Equal shares of the row, no side padding, and 44 px tall
# (WCAG 2.5.5's target size) for a finger; a static style, no user text.
PAIN_SCALE_STYLE = """<style>
.st-key-log_pain [role='radiogroup'], .st-key-log_worst [role='radiogroup'] { flex-wrap: nowrap; }
.st-key-log_pain button, .st-key-log_worst button { flex: 1 1 0; min-width: 0; padding-left: 0; padding-right: 0;
  min-height: 44px; }
</style>"""
PAIN_ASKED = "_log_pain_asked"  # Save was pressed without a pain: the sentence shows until one is chosen
RANGE_ASKED = "_log_range_asked"  # Save was pressed with a number outside its range: said until it is changed
ACTIVITY_WORDS, BED_REST_WORDS = "Minutes active (walking, exercise)", "Hours lying in bed during the day"
REMOVE_KEY = "log_remove_kept_"  # + the kept dose's position: "Remove ... when I press Save" (never a name)


def keep_doses(kept: list[Dose]) -> None:
    """Note the doses the form cannot show (kept on Save), each with its remove box unticked: a tick belongs to
    the dose it was given for, never to the dose at that position on another day or after a save."""
    st.session_state["_log_other_doses"] = kept
    for key in [key for key in st.session_state if str(key).startswith(REMOVE_KEY)]:
        del st.session_state[key]


def _removals(kept: list[Dose]) -> list[bool]:
    """The remove boxes of the kept doses, in their order (unticked when not drawn)."""
    return [bool(st.session_state.get(f"{REMOVE_KEY}{i}", False)) for i in range(len(kept))]


def _kept(key: str) -> float | None:
    """The widget's value, or the stored value it was loaded from when the person left it as loaded."""
    value = st.session_state[key]
    if value is None:  # an empty box: not recorded
        return None
    shown, stored = st.session_state.get("_log_loaded", {}).get(key, (None, None))
    return stored if shown is not None and value == shown else float(value)


def typed_numbers(questions: DayQuestions) -> list[TypedNumber]:
    """Every number box of the form as filled in, with its range (analysis.model.limits), for Save's check."""
    state = st.session_state
    return [TypedNumber(ACTIVITY_WORDS, state.get("log_activity"), LIMITS[c.ACTIVITY], whole=True),
            TypedNumber(BED_REST_WORDS, state.get("log_bed_rest"), LIMITS[c.BED_REST]),
            *medicine_numbers(questions)]


def _range_problems() -> list[str]:
    """out_of_range of the form as it is now (the questions name its date)."""
    return out_of_range(typed_numbers(day_questions(st.session_state["log_date"], ui.today())))


def entry_from_form() -> DayEntry:
    """The day as filled in on the form (widget values live in session state under log_* keys)."""
    state = st.session_state
    doses = medicine_doses()
    kept = state.get("_log_other_doses", [])  # medicines the form cannot show (imported) are kept, unless ticked
    doses += doses_left(kept, _removals(kept))
    symptoms = [code for code in SYMPTOMS if state.get(f"log_symptom_{code}")]
    pain, worst = _kept("log_pain"), _kept("log_worst")
    # the worst pain as typed: Save raises it to the pain after merging (day_merge), so one left as loaded can
    # take another window's
    return DayEntry(state["log_date"], pain, worst,
                    _kept("log_activity"), _kept("log_bed_rest"), state.get("log_notes", ""), doses, symptoms)


def save(episode_id: int) -> None:
    """Save button callback: runs before the page, so the banner and charts already show the new day.

    Without a pain nothing is stored and the form keeps what was typed (the page shows _pain_sentence)."""
    if after_today(st.session_state["log_date"], ui.today()):  # the page shows no form for it; never stored either
        return
    stored = ui.diary().entry(episode_id, st.session_state["log_date"])  # read once: the check and the merge
    # a day saved elsewhere since this form was opened empty (another tab) has its pain, which Save keeps
    saved_since = st.session_state.get(LOADED_DAY) is None and stored is not None
    if pain_needed(st.session_state.get("log_pain"), st.session_state["log_date"], ui.today(), _stored(),
                   saved_since):
        st.session_state[PAIN_ASKED] = True
        return
    st.session_state.pop(PAIN_ASKED, None)
    if _range_problems():  # nothing is stored and nothing typed is cleared: the sentences say what to change
        st.session_state[RANGE_ASKED] = True
        return
    st.session_state.pop(RANGE_ASKED, None)
    form = entry_from_form()
    # the day may have been saved elsewhere since the form was filled (another tab): what the person left as
    # loaded keeps what is stored now (analysis.review.day_merge)
    entry, elsewhere = merged_day(st.session_state.get(LOADED_DAY), form, stored)
    kept = st.session_state.get("_log_other_doses", [])
    unchanged = stored is not None and stored == entry  # "Updated" was said for a Save that changed nothing (review 22)
    result = ui.diary().save_entry(episode_id, entry)
    removed = [dose for dose, ticked in zip(kept, _removals(kept), strict=True) if ticked]
    if elsewhere:  # the form shows the day as now saved, the other window's parts too
        fill_from_saved(episode_id)
    else:
        remember_loaded(entry, doses=False)  # the form now shows the day as saved
        keep_doses(doses_left(kept, _removals(kept)))
        st.session_state[LOADED_DAY] = ui.diary().entry(episode_id, entry.date)  # as stored, for the next Save
    when = "today" if entry.date == ui.today() else plain_date(entry.date, "%-d %b")
    gone = f" Removed: {'; '.join(_dose_words(d) for d in removed)}." if removed else ""
    other = (" Kept what was saved for this day in another window: "
             + ", ".join(PART_WORDS[part] for part in elsewhere) + ".") if elsewhere else ""
    said = (f"Saved {when}." if result == "added" else f"Nothing new for {when}: it is saved as shown." if unchanged
            else f"Updated the entry for {when}.")
    st.toast(said + gone + other, icon="✅")
    st.session_state["log_saved_symptoms"] = entry.symptoms
    st.session_state["log_saved_previous"] = signs_before(ui.diary(), episode_id, entry.date)  # as the engine reads
    st.session_state["log_note_hints"] = note_hints(entry.notes, entry.symptoms)  # asked, never ticked for them
    st.session_state["log_dose_questions"] = doses_to_question(entry.doses)  # "1.000" read as 1 mg: asked
    history = alerts_view.episode_alerts_now(episode_id)  # the episode's alerts with the day just saved
    # the day's medicine and bed-rest alerts, said even when the day is not the diary's last (page_rules)
    st.session_state["log_day_warnings"] = day_warnings_with_severity(history, episode_id, entry.date)
    # signs seen about that day are said, not advised again (page_rules.signs_seen_about)
    st.session_state["log_saved_seen"] = (entry.date, signs_seen_about(history, episode_id, entry.date,
                                                                       entry.symptoms))


def came_back(episode_id: int, day: dt.date, signs: list[str]) -> None:
    """'It came back since' under Save: the day's signs seen about are logged again, as saved now."""
    ui.diary().sign_came_back(episode_id, day, signs)
    st.toast("Logged again: the warning is open until a doctor has seen you about it again.", icon="✅")


def _dose_words(dose: Dose) -> str:
    """'ibuprofen 400 mg x2', the name escaped: it is the person's (imported) text, never markdown."""
    return f"{ui.plain(dose.medicine)} {dose.dose_mg:g} mg x{dose.count}"


def _stored_decimals() -> None:
    """Under the scales: a saved pain that is not a whole point (an imported 4.5), shown on its nearest button.

    Why: the button read 4 while the diary and Progress say 4.5; Save keeps 4.5 while the button is left as
    loaded (_kept), and the person is told so."""
    loaded = st.session_state.get("_log_loaded", {})
    for key, words in (("log_pain", "Pain on average"), ("log_worst", "Worst pain")):
        shown, stored = loaded.get(key, (None, None))
        if shown is not None and stored != shown and st.session_state.get(key) == shown:
            st.caption(f"{words} is saved as {stored:g}; it stays {stored:g} unless you choose another number.")


def _stored() -> bool:
    """Whether the form's date has a saved day (remember_loaded noted its values)."""
    return bool(st.session_state.get("_log_loaded"))


def _ticked_advice(episode_id: int) -> None:
    """The advice for the signs ticked but not saved yet, as soon as they are ticked (page_rules.unsaved_signs)."""
    loaded = st.session_state.get(LOADED_DAY)
    ticked = [code for code in SYMPTOMS if st.session_state.get(f"log_symptom_{code}")]
    saved = loaded.symptoms if loaded is not None else []
    if unsaved_signs(ticked, saved):
        previous = signs_before(ui.diary(), episode_id, st.session_state["log_date"])
        show_ticked_advice(ticked_advice(ticked, saved, previous),
                           ticked_sign_note(st.session_state.get("log_pain") is not None))


def _pain_sentence() -> None:
    """After a Save without a pain: the one sentence saying what to do, until a pain is chosen."""
    if not st.session_state.get(PAIN_ASKED):
        return
    message = pain_needed(st.session_state.get("log_pain"), st.session_state["log_date"], ui.today(), _stored())
    if message is None:
        st.session_state.pop(PAIN_ASKED, None)
    else:
        st.warning(message, icon="👆")


def _range_sentences() -> None:
    """After a Save with a number outside its range: a sentence per such box, until each is changed."""
    problems = _range_problems() if st.session_state.get(RANGE_ASKED) else []
    if not problems:
        st.session_state.pop(RANGE_ASKED, None)
    for problem in problems:
        st.error(problem, icon="✏️")


# The form's own inputs (widget keys, or their prefixes): what a look at another page must not lose (form_draft).
DRAFT = FormDraft("log", ("log_date", *FIELDS), ("log_tablets_", "log_times_", "log_mg_", "log_symptom_",
                                                          REMOVE_KEY), required="log_date",
                  hidden=(LOADED_DAY, "_log_loaded", "_log_other_doses", PAIN_ASKED, RANGE_ASKED))


def log_form(episode: dict) -> None:
    """The daily log for one episode."""
    episode_id = int(episode["id"])
    # whose form: the id with the person, as a deleted episode's id is given to the next one (review 30: a note typed
    # in the demo's diary came back in a new person's diary after "Remove the example diaries"; the drafts of
    # episodes gone are dropped on every page, for the same person's next episode: form_draft.forget_gone); not the
    # onset, which "My back pain started on ..." moves under a form that must stay on its date (review 20)
    if DRAFT.open_for(episode["whose"]):
        st.session_state["log_date"] = ui.today()
        fill_from_saved(episode_id)
    DRAFT.keep(episode["whose"])
    # no bounds but the earliest: a day before the onset or after today is said in words (before_onset,
    # after_today), never kept as the box's last date while it shows another (review 20, review 29)
    st.date_input("Date", min_value=EARLIEST_DAY, key="log_date",
                  on_change=fill_from_saved, args=(episode_id,), format="DD/MM/YYYY",
                  help="Choose an earlier date to fill in or correct a past day.")
    chosen = st.session_state["log_date"]
    later = after_today(chosen, ui.today())
    if later:  # no form, so no Save that could land on another day (review 29)
        st.warning(later, icon="📅")
        return
    earlier = before_onset(chosen, episode["onset"])
    if earlier:  # no form, so no Save that could land on another day (review 20)
        st.warning(earlier, icon="📅")
        st.button(f"My back pain started on {plain_date(chosen)}", key="log_move_onset",
                  on_click=ui.action(setup.move_onset, episode_id, chosen,
                                     done=f"The start of your back pain is now {plain_date(chosen)}."))
        return
    # the questions name the date being filled in ("Pain on average on Mon 30 Nov"); the keys never change, so a
    # value survives its label changing (tests/app/test_today_past_day_app.py)
    questions = day_questions(st.session_state["log_date"], ui.today())
    st.html(PAIN_SCALE_STYLE)
    with st.container(border=True):
        # one tap each, nothing chosen on a new date (FIELDS); the day's pain, once chosen, is not un-chosen by a
        # second tap (a double tap left no pain and Save said "Nothing is saved yet": review 22)
        st.segmented_control(questions.pain, pain_scale(c.PAIN), key="log_pain", width="stretch", required=True)
        st.segmented_control(questions.worst, pain_scale(c.WORST_PAIN), key="log_worst",
                             width="stretch", help="Lower than the average? It is saved as the average.")
        _stored_decimals()
        left, right = st.columns(2)
        left.number_input(ACTIVITY_WORDS, value=None, step=5, key="log_activity")
        right.number_input(BED_REST_WORDS, value=None, step=0.5, key="log_bed_rest")
        medicine_inputs(questions)
        other = st.session_state.get("_log_other_doses", [])
        if other:  # kept on saving unless ticked to remove (remember_loaded, doses_left)
            st.caption("Also logged this day, kept as they are: "
                       + "; ".join(_dose_words(d) for d in other) + ".")
            for i, dose in enumerate(other):
                st.checkbox(f"Remove {_dose_words(dose)} when I press Save", key=f"{REMOVE_KEY}{i}")
        st.write(f"**{questions.symptoms}**")
        columns = st.columns(2)
        for i, (code, words) in enumerate(SYMPTOM_TICK_BOXES.items()):
            columns[i % 2].checkbox(words, key=f"log_symptom_{code}")
        _ticked_advice(episode_id)
        st.text_area("Notes (optional)", key="log_notes", height=68)  # no cap: an imported long note stays whole
        st.button("Save", type="primary", key="log_save", icon="💾",
                  on_click=ui.action(save, episode_id))
        _pain_sentence()
        _range_sentences()
        day, seen_about = st.session_state.pop("log_saved_seen", (None, []))
        show_saved_advice(st.session_state.pop("log_saved_symptoms", []),
                          st.session_state.pop("log_saved_previous", []), seen_about,
                          ui.action(came_back, episode_id, day, seen_about) if seen_about else None,
                          seen_about_words(seen_about, day, ui.today()) if seen_about else "",
                          episode.get("said_below", frozenset()))
        for hint in st.session_state.pop("log_note_hints", []):
            st.info(hint, icon="📝")
        for question in st.session_state.pop("log_dose_questions", []):
            st.warning(question, icon="💊")
        for severity, warning in st.session_state.pop("log_day_warnings", []):
            if severity == URGENT:  # an overdose: said as urgent, as the banner says it
                st.error(warning, icon="🚨")
            else:
                st.warning(warning, icon="⚠️")


def main() -> None:
    page_frame()
    if ui.diary().is_empty():
        setup.welcome()
        return
    row = ui.current_episode()
    st.title("Today")
    setup.demo_notice()
    st.caption(f"Diary of {ui.plain(row[c.PATIENT])}. Takes half a minute; fill in what you know.")
    onset = row[c.ONSET_DATE].date() if hasattr(row[c.ONSET_DATE], "date") else dt.date.fromisoformat(
        str(row[c.ONSET_DATE]))
    # the plan decides the pause, what to do now and "see the GP first" (analysis.review.today_plan.plan_for);
    # once per diary revision (dashboard/cache.py), and the save callback runs first, so it has the day just saved
    plan = cache.plan(int(row.name), ui.today())
    # issue 13: one calm line when today is not logged yet, gone once saved (the save callback runs first).
    # Not while an urgent sign shows: then seeing a doctor matters, not the diary.
    # a sign that needs a doctor: first on the page, above the form, until seen; while an urgent sign pauses the
    # plan too (the banner says the urgent one; a fever is not dealt with by being seen about a paracetamol
    # overdose: review 29)
    alerts_view.doctor_box(int(row.name))
    if ask_for_today(plan.paused, onset, ui.today(), ui.diary().entry(int(row.name), ui.today()) is not None):
        st.info("Today is not in your diary yet: the form below takes half a minute.", icon="🗓️")
    log_form({"id": row.name, "onset": min(onset, ui.today()), "whose": ui.owner(row.name, row[c.PATIENT]),
              "said_below": frozenset(plan.to_do_now) if plan.paused else frozenset()})
    with st.container(border=True):
        if plan.paused:  # issue 9: the emergency outranks the plan; no walking target until seen
            st.markdown("**What to do now**")
            for message in plan.to_do_now:
                st.error(message, icon="🚨")
            st.markdown(PAUSED_WORDS)
            return
        if plan.see_gp_first:  # NICE NG59: a "yes" at set-up; below what to do now, above the plan
            st.warning(f"{plan.see_gp_first} {GP_FIRST_CHANGE}", icon="🩺")
        routine.show(row, plan)  # issue 13: the daily routine (dashboard/routine.py)


main()
