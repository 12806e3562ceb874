"""Small decisions the patient pages used to make themselves: which alert can be put aside or marked as seen,
which alerts were put aside, which warnings Today shows above the plan, whether Today asks for today's entry,
the walking and work lines of Today's routine, what an edited Diary cell means, which doses of a day Today's
form cannot show (kept, or removed when the person ticks them), the choices of Today's pain scales, the words
of Today's questions for the date being filled in, whether Today's Save may store the day, and which saved signs
were seen about that day (no advice repeated for them).

Why here: each is a rule on values (a severity, a code, a date), and rules live in analysis/ where they are
tested without a browser (house style: a page reads widgets, calls one function, renders). The pages
(dashboard/alerts_view.py, dashboard/screens/today.py, dashboard/screens/diary.py, dashboard/routine.py)
only lay out what these return.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

import pandas as pd

from analysis.alerts import history as h
from analysis.alerts.red_flags import RULE_SYMPTOMS, Advice, advice_to_show
from analysis.alerts.rules import RULES
from analysis.model import columns as c
from analysis.model.dates import day_in_words, plain_date
from analysis.model.limits import LIMITS, bounds, fits_the_form
from analysis.model.vocabulary import MEDICINES, SYMPTOM_TICK_BOXES
from analysis.plan.daily import DailyPlan
from analysis.plan.text import HELD_WORDS as HELD_WORDS  # the words live with the plan's text (one copy)
from analysis.plan.text import STALLED_WORDS as STALLED_WORDS
from analysis.plan.text import walk_note, work_words
from analysis.review.alert_cards import (  # noqa: F401  (re-exported: pages and tests read them here)
    can_be_put_aside,
    can_be_seen,
    doctor_first,
    put_aside,
    without_covered,
)
from analysis.review.form_numbers import TypedNumber, out_of_range
from analysis.review.triage import URGENT_PRIORITY, title_and_rest


@dataclass(frozen=True, slots=True)
class WalkingLine:
    """Today's walking target as the routine shows it: the bar's share done (0-1), its text, and a note
    saying why the target stalled or was held (None when it is building as planned)."""

    share: float
    text: str
    note: str | None


def ask_for_today(urgent: bool, onset: dt.date, today: dt.date, logged_today: bool) -> bool:
    """Whether Today shows its one line "today is not in your diary yet" (issue 13): only when the episode has
    started, today is not logged, and no urgent sign applies (then seeing a doctor matters, not the diary)."""
    return not urgent and onset <= today and not logged_today


def before_onset(day: dt.date, onset: dt.date) -> str | None:
    """What Today says instead of its form when the date chosen is before the episode's onset, else None.

    Why: the date box used to refuse such a day with a bare red mark while the form went on showing today, so a
    Save meant for the earlier day replaced today's entry (review 20). A diary day cannot come before the pain
    began (analysis.storage refuses it), but the onset given at set-up is often a guess: the page offers to move
    it back to that day (Diary.update_episode)."""
    if day >= onset:
        return None
    return (f"{plain_date(day)} is before your back pain started ({plain_date(onset)}), so nothing can be saved "
            "for it. If the pain really started earlier, move its start to that day; otherwise choose another date.")


def after_today(day: dt.date, today: dt.date) -> str | None:
    """What Today says instead of its form when the date chosen is after today, else None.

    Why: the date box had today as its latest date, and a later date typed into it (10/12 for 10/11) turned it
    red with "Date set outside allowed range" while the box kept today, so the form went on asking about today and
    Save replaced today's entry with the day meant for another (review 29). The box now takes any date, and a day
    not yet come shows no form: nothing can be saved for it."""
    if day <= today:
        return None
    return (f"{plain_date(day)} has not come yet, so nothing can be saved for it. Choose today "
            f"({plain_date(today)}) or an earlier day.")


def seen_after_today(day: dt.date, today: dt.date, by: str = "patient") -> str | None:
    """What "I have been seen about this" says when its "Seen on" date is after today (nothing is noted), else None;
    `by` "clinician": the Clinic's "Record my assessment" (it spoke to the patient there: review 34).

    Why: the box had today as its latest date, so a later date typed into it turned it red and the mark was noted
    for today all the same (review 29, as the Today date box)."""
    if day <= today:
        return None
    who = "a doctor saw you" if by == "patient" else "you assessed the patient"
    return f"{plain_date(day)} has not come yet, so nothing was noted: choose the day {who}, today or earlier."


NOT_SAVED = "Nothing was saved."


def episode_problems(onset: dt.date | None, normal: float | None, today: dt.date) -> list[str]:
    """What the set-up form and the Diary page's "When the pain started" say instead of saving (empty: it can be
    saved): an onset after today, a usual activity outside its range (analysis.model.limits).

    Why: the boxes had today as the latest date and 0-1,440 as the minutes; a later date or 2,000 minutes typed
    turned the box red and the form saved the box's last value, today or 60 minutes, without a word (review 29,
    as Today's boxes in review 28)."""
    problems = []
    if onset is None:  # the box emptied
        problems.append(f"Choose the day your back pain started, today or earlier. {NOT_SAVED}")
    elif onset > today:
        problems.append(f"{plain_date(onset)} has not come yet: choose the day your back pain started, today "
                        f"or earlier. {NOT_SAVED}")
    return problems + out_of_range([TypedNumber("Minutes a day active before it started", normal,
                                                LIMITS[c.NORMAL_ACTIVITY], whole=True)], then=NOT_SAVED)


def unsaved_signs(ticked: list[str], saved: list[str]) -> list[str]:
    """The warning signs ticked on Today's form that the day saved does not hold yet, in the order ticked.

    Why: the advice for a sign shows as soon as it is ticked (README: "the advice appears straight away"), not
    only after Save: a person who ticks "can't pee" and closes the app without choosing a pain was told nothing
    (review 29). Once the day is saved with the sign, the advice under Save and the banner say it instead."""
    return [sign for sign in ticked if sign not in saved]


def ticked_advice(ticked: list[str], saved: list[str], previous: list[str]) -> list[Advice]:
    """The advice the signs ticked but not saved yet add to what the day's saved signs already say, as Save would
    give it for all of them (red_flags.advice_to_show: while one is urgent, only what to do now). `previous`: the
    signs of the day before (numbness two days running is an emergency).

    Why not the unsaved signs alone: with an emergency sign saved, a fever ticked on top was advised in amber
    ("call your GP today") under the emergency's red, which Save's advice for the same day never shows."""
    kept = [sign for sign in ticked if sign in saved]
    already = advice_to_show(kept, previous) if kept else []
    return [item for item in advice_to_show(ticked, previous) if item not in already]


def ticked_sign_note(pain_chosen: bool) -> str:
    """The line under the advice for signs ticked but not saved yet (unsaved_signs): what keeps them."""
    needs = "choose the day's pain above and press Save" if not pain_chosen else "press Save"
    return f"Not in your diary yet: {needs} to keep it there, so your physiotherapist or GP sees it too."


def pain_scale(field: str) -> list[int]:
    """The whole-point choices of a pain field on Today (0, 1, ... 10), its ends read from analysis.model.limits:
    one tap each, and no choice made until the person makes one (nothing pre-set reads as a pain of 0)."""
    low, high = bounds(field)
    return list(range(int(low), int(high) + 1))


@dataclass(frozen=True, slots=True)
class DayQuestions:
    """Today's questions for the date being filled in: `when` is "today", or "on Mon 30 Nov" for an earlier day."""

    when: str
    pain: str
    worst: str
    symptoms: str

    def times(self, medicine: str) -> str:
        """A medicine row's count: "ibuprofen: times today" or "ibuprofen: times on Mon 30 Nov"."""
        return f"{medicine}: times {self.when}"


def day_questions(day: dt.date, today: dt.date) -> DayQuestions:
    """The words of Today's form for `day`: unchanged on today's date, naming the day on an earlier one.

    Why: a person correcting Monday on Wednesday was asked "Pain on average today" and "Any of these today?",
    and could answer for today; a question about a past day names that day (its year too when not this year).
    """
    when = "today"
    if day != today:
        when = "on " + day_in_words(day, today, "%a %-d %b")
    low, high = bounds(c.PAIN)
    return DayQuestions(when, f"Pain on average {when} ({low:g} = no pain, {high:g} = worst imaginable)",
                        f"Worst pain {when} (optional)", f"Any of these {when}?")


def pain_needed(pain: float | None, day: dt.date, today: dt.date, stored: bool = False,
                saved_since: bool = False) -> str | None:
    """The one sentence Today shows when Save is pressed without the day's pain (None: the day can be saved).

    Why: pain is the one value a day needs (the CSV's required column); a form that stored the 0 a slider starts
    at gave Progress "pain down 100%". Nothing is saved and nothing typed is cleared: the sentence says what to do.
    `stored`: the date already has a saved day (its pain was un-chosen): the sentence says it is unchanged, not
    "Nothing is saved yet", which read as if the day were not in the diary. `saved_since`: the day was saved
    elsewhere (another tab) since this form was opened empty: its pain stands, and Save keeps it (day_merge;
    review 15: a note typed in the older tab was refused for want of a pain the day already had).
    """
    if pain is not None or saved_since:
        return None
    low, high = bounds(c.PAIN)
    whose = "today's pain" if day == today else f"the pain of {plain_date(day, '%-d %b')}"
    first = "Your saved day is unchanged" if stored else "Nothing is saved yet"
    return f"{first}: choose {whose} from {low:g} to {high:g} above, then press Save."


def walking_line(plan: DailyPlan) -> WalkingLine:
    """The walking bar of Today's routine: minutes done against the target (full at the target, never more),
    the walks it splits into, and why it stalled or was held (analysis.plan.walking)."""
    target, done = plan.walking_target_minutes or 0.0, plan.walking_done_minutes
    share = 0.0 if not target or done is None else min(1.0, done / target)
    logged = "none logged yet" if done is None else f"{done:.0f} done"
    detail = plan.walking
    walks = (f": {detail.in_words()}, on level ground"  # adding up to the target (review 18)
             if detail is not None and detail.minutes_per_walk is not None else "")
    return WalkingLine(share, f"🚶 Walk {target:.0f} min today ({logged}){walks}", walk_note(detail))


def work_line(plan: DailyPlan) -> str:
    """The work popover's line: the day's plan and hours once work hours are logged (the words of `plan`, pointing
    at the usual-day box below when it is empty), else how to start back."""
    if plan.work:
        return work_words(plan.work, "below")
    return "Back at work? Start with half days; full days after about two weeks."


def urgent_triage_rows(table: pd.DataFrame) -> pd.Series:
    """Per row of a triage list (analysis.review.triage.triage_list), whether it is urgent: its priority rank, never
    the words a page built from it (review 27: the Clinic coloured rows whose own label ended in "URGENT")."""
    return table["priority"] == URGENT_PRIORITY


def edited_cells(changes: dict[str, object]) -> dict[str, object]:
    """A Diary table row's edited cells as values to store: an emptied number cell means "not recorded"
    (None), while an emptied note is kept as an empty note."""
    return {key: (None if value is None or value == "" and key != c.NOTES else value)
            for key, value in changes.items()}


class _Dose(Protocol):
    medicine: str
    dose_mg: float
    count: int


D = TypeVar("D", bound=_Dose)


def form_can_show(medicine: str, doses: Sequence[_Dose]) -> bool:
    """Whether Today's form can show this medicine's dose: in the pick list, once that day (its widgets are
    keyed by name; an import can store 'ibuprofen 400 mg x2; ibuprofen 200 mg x1', which raised
    StreamlitDuplicateElementKey), and within the form's boxes (limits.fits_the_form: a box given an imported 30
    times a day showed its default of 1 instead, and Save wrote 1)."""
    mine = [d for d in doses if d.medicine == medicine]
    return (medicine in MEDICINES and len(mine) == 1
            and fits_the_form(float(MEDICINES[medicine].usual_dose_mg), float(mine[0].dose_mg), float(mine[0].count)))


def kept_doses(doses: Sequence[D]) -> list[D]:
    """The day's doses Today cannot show, in stored order: listed below the form and kept on Save, as they are
    (a re-save must not lose a dose it cannot show)."""
    return [d for d in doses if not form_can_show(d.medicine, doses)]


def doses_left(kept: Sequence[D], remove: Sequence[bool]) -> list[D]:
    """The kept doses Save writes back: all but those the person ticked to remove (one tick per kept dose, by
    position: two identical doses are two boxes). Unticked, a dose is the same object, so stored unchanged."""
    if len(remove) != len(kept):
        raise ValueError(f"{len(remove)} remove ticks for {len(kept)} kept doses")
    return [dose for dose, ticked in zip(kept, remove, strict=True) if not ticked]


def worst_saved(pain: float | None, worst: float | None) -> float | None:
    """The worst pain to store beside `pain`: never below the average of the same day (it is saved as the
    average, as the form's help says), None when not given. One rule for Today's form and the Diary table."""
    if worst is None or pain is None:
        return None if worst is None else float(worst)
    return float(max(float(worst), float(pain)))


def signs_seen_about(history: pd.DataFrame, episode_id: int, day: object, symptoms: Sequence[str]) -> list[str]:
    """Of the signs saved on `day`, those whose alert a mark dated `day` closed after the sign was reported that
    day (`history`: the episode's alerts judged today, analysis.review.urgent_now.alerts_now).

    Why: re-saving the day (the pain corrected in the evening) keeps the sign ticked, and Save must not advise
    "make an appointment with your GP" for what the person was seen about that afternoon while the box says it
    is closed (review 6). If it came back since, the person says so ('It came back since': Diary.sign_came_back),
    which reopens the alert (analysis.alerts.seen_after). A sign that an alert still open holds (numbness logged
    with bladder control, only the emergency marked seen) is left out: its own advice still applies."""
    if not len(history) or not symptoms:
        return []
    when = pd.Timestamp(day).normalize()
    mine = history[(history[c.EPISODE_ID] == int(episode_id)) & ~history["active"].astype(bool)]
    closed = mine[(pd.to_datetime(mine["last_date"]).dt.normalize() == when)
                  & (pd.to_datetime(mine["seen_date"]).dt.normalize() == when)]
    codes = set(closed["code"].astype(str))
    # a sign another alert still holds open is not "seen about" (review 12: bladder control marked seen, the
    # numbness logged with it still open, and the Save said she was seen about both)
    still_open = set(history.loc[(history[c.EPISODE_ID] == int(episode_id)) & history["active"].astype(bool),
                                 "code"].astype(str))

    def covered(sign: str, alerts: set[str]) -> bool:
        return any(sign in RULE_SYMPTOMS.get(code, ()) for code in alerts)

    return [sign for sign in symptoms if covered(sign, codes) and not covered(sign, still_open)]


def seen_about_words(seen_about: Sequence[str], day: dt.date, today: dt.date) -> str:
    """What Save says for the signs of `day` the person was seen about (signs_seen_about): the day named as the
    form's questions name it. Why: it said "You were seen about this today" for a mark dated a past day that was
    re-saved later (review 27)."""
    words = "; ".join(SYMPTOM_TICK_BOXES.get(sign, sign).lower() for sign in seen_about)
    return (f"You were seen about this {day_questions(day, today).when}: {words}. If it has come back since you "
            "were seen, press *It came back since*.")


def reported_after_seen(history: pd.DataFrame, episode_ids: Sequence[int], code: str, day: object) -> object:
    """The last report of `code`'s active alert in these episodes when it is after `day` (a mark dated `day`
    leaves that alert open: a visit closes only what was reported by then), else None.

    Why: 'Seen on' yesterday for a sign logged today said "Noted: this alert is closed" while the banner stayed
    (review 12); the page says which report the visit came before instead."""
    rows = history[history[c.EPISODE_ID].astype(int).isin([int(e) for e in episode_ids])
                   & history["active"].astype(bool) & (history["code"] == code)]
    if rows.empty:
        return None
    last = pd.to_datetime(rows["last_date"]).max().normalize()
    return last.date() if last > pd.Timestamp(day).normalize() else None


# A dose below a hundredth of the medicine's usual one is questioned after Save: no tablet of it holds so little.
# Why: a browser's number box reads "1.000" (a thousands dot, as much of Europe writes 1,000) as 1, and Today
# saved paracetamol 1 mg x4 without a word, so a 4,000 mg day never met the maximum (review 12); the import
# names such a dot in a warning (analysis.ingest.file_notes).
IMPLAUSIBLY_SMALL_SHARE = 0.01


def doses_to_question(doses: Sequence[_Dose]) -> list[str]:
    """One sentence per dose far smaller than its medicine's usual dose (IMPLAUSIBLY_SMALL_SHARE), saying what
    was saved and how to correct it; medicines the vocabulary does not list are not judged."""
    sentences = []
    for dose in doses:
        known = MEDICINES.get(dose.medicine)
        usual = None if known is None else float(known.usual_dose_mg)
        if usual is None or float(dose.dose_mg) >= usual * IMPLAUSIBLY_SMALL_SHARE:
            continue
        sentences.append(f"{dose.medicine} was saved as {float(dose.dose_mg):g} mg a dose, far less than a tablet "
                         f"holds (usually {usual:,.0f} mg). If you meant {float(dose.dose_mg) * 1000:,.0f} mg, "
                         f"type {float(dose.dose_mg) * 1000:.0f} (no dot or comma) and save again.")
    return sentences


def day_warning_codes() -> list[str]:
    """The codes of the rules about what a person did on a day, read from their declarations: each Rule's
    Finder says whether it is about the day (analysis.alerts.declaration.Finder.about_the_day: medicines, bed
    rest), so a new medicine rule is said under Save without a list here to keep in step."""
    return [code for code, rule in RULES.items() if rule.predicate is not None and rule.predicate.about_the_day]


def day_warnings_on(history: pd.DataFrame, episode_id: int, day: object) -> list[str]:
    """What Today says under Save about the day just saved (day_warnings_with_severity's lines)."""
    return [line for _, line in day_warnings_with_severity(history, episode_id, day)]


def day_warnings_with_severity(history: pd.DataFrame, episode_id: int, day: object) -> list[tuple[str, str]]:
    """What Today says under Save about the day just saved, each with its alert's severity (an overdose is urgent,
    said as urgent: review 33 saw it with the warning's icon): each alert of what the person did that day (its
    medicines: two NSAIDs, a daily maximum, opioid days...; its bed rest) whose days include it, title once, what
    it means and what to do. `history`: the episode's alerts as they apply now
    (analysis.review.urgent_now.alerts_now).

    Why: such an alert is active on the diary's last day only, so two anti-inflammatories logged for yesterday,
    with today already logged, were never said to the person who took them (review 20; GUIDANCE.md §5: two
    different NSAIDs on one day is a warning); and a sixth day in bed was said on Progress only, never on Today,
    the page a person uses each morning (review 22; GUIDANCE.md §4: no more than two days of bed rest)."""
    codes = day_warning_codes()
    when = pd.Timestamp(day).normalize()
    mine = history[(history[c.EPISODE_ID] == int(episode_id)) & history[h.CODE].isin(codes)
                   & (pd.to_datetime(history[c.DATE]) <= when) & (pd.to_datetime(history[h.LAST_DATE]) >= when)]
    lines: dict[str, str] = {}
    for row in mine.itertuples(index=False):
        title, rest = title_and_rest(getattr(row, h.CODE), getattr(row, h.DETAIL))
        lines.setdefault(f"**{title}**{rest}. {getattr(row, h.MESSAGE)}", str(getattr(row, h.SEVERITY)))
    return [(severity, line) for line, severity in lines.items()]
