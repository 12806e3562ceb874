"""The day's plan in plain lines (the CLI's text output), and the tip of the day on Today."""
from __future__ import annotations

from analysis.alerts.declaration import number_word
from analysis.alerts.rules import BED_REST_MAX_DAYS
from analysis.plan.daily import DailyPlan
from analysis.plan.exercises import BY_ID, exercise_lines
from analysis.plan.walking import (
    HELD_DOCTOR,
    HELD_FLARE,
    HELD_MISSED,
    HELD_SHORT,
    LOWERED,
    RESTART_DAYS,
    RESTARTED,
    SHORT_DAYS,
    START_MINUTES,
    STEP_MINUTES,
    WalkingTarget,
)
from analysis.plan.work import FULL_DAY_HOURS, HALF_DAYS

# Why the walking target did not go up today, in plain words (analysis.plan.walking's held states): the note under
# Today's walking bar (analysis.review.page_rules.walking_line) and the line under the walk of `plan` (review 24: the
# CLI cut an hour to 15 minutes with no word why).
HELD_WORDS = {
    HELD_MISSED: "Same target as yesterday: no walk was logged.",
    HELD_SHORT: "Same target as yesterday: build up from what you manage.",
    HELD_FLARE: ("Same target while the flare in your pain lasts (two days at least): that is normal, keep "
                 "moving gently."),
    HELD_DOCTOR: ("Same target as yesterday until a doctor has seen you about the warning above: "
                  "keep moving gently, but do not build up yet."),
    RESTARTED: ("Back to short walks after a few days of little walking: build up again from here, "
                "about 5 minutes more after each day you manage it."),
    LOWERED: ("Lower than before: a few days well short of the target, so it starts again from what you walked "
              "yesterday, rounded down to whole 5 minutes, plus 5. It goes up by about 5 minutes after each day you "
              "manage it."),
}
# Why the plan is paused and how it resumes, said once (Today wrote it twice: above the routine and in it, review 27)
PAUSED_WORDS = ("Your usual plan is paused until a doctor has seen you about this. When they have, mark it on the "
                "Progress page (*I have been seen about this*).")
# Under the see-the-GP-first line on Today: where the set-up answers behind it are changed
GP_FIRST_CHANGE = "You can change your answers on the Diary page."
# Under Progress's activity chart: what the dashed target line does, every way it moves (analysis.plan.walking).
# Why all of them: the caption said it only went up or stayed the same, beside a line that fell back to the short
# walks, stayed flat for a doctor and stopped while the plan was paused (review 27).
TARGET_LINE_WORDS = (
    "The dashed line is the walking target the Today page showed on each day: after a day you reached it, it goes "
    f"up to what you walked (in whole {number_word(int(STEP_MINUTES))} minutes) plus "
    f"{number_word(int(STEP_MINUTES))}, and it stays the same after a missed or "
    f"short day or a flare in your pain; after {number_word(SHORT_DAYS)} days in a row well short of it, it comes "
    f"down to what you walked (in whole {number_word(int(STEP_MINUTES))} minutes) plus "
    f"{number_word(int(STEP_MINUTES))}. After {number_word(RESTART_DAYS)} days in a row of less than "
    f"{START_MINUTES:g} minutes' walking, or in bed, it starts again from short walks; it stays the same while a "
    "warning sign that needs a doctor is open, and it stops while the plan is paused for an urgent sign.")
STALLED_WORDS = "No build-up for a week: a physiotherapist can help you build up."


def walk_note(target: WalkingTarget | None) -> str | None:
    """Why the walk stalled or was held, in the words Today and `plan` both show; None while building as planned."""
    if target is None:
        return None
    return STALLED_WORDS if target.stalled else HELD_WORDS.get(target.state)


def work_words(work: dict, where: str = "on Today") -> str:
    """The work line of Today and `plan`: "Work: full days (about 4 hours)." Why one place: when the person has not
    said their usual working day, the 8 hours are assumed, and both must say so plainly and say where to set it
    (review 24: a 4-hour part-time day was followed by "full days (about 8 hours)" without a word); `where` is
    where that is from the reader's place ("below" on Today)."""
    hours = f"about {work['hours_target']:g} hours"
    if work.get("usual_day_hours") is None:
        half = f", half of a full day of {FULL_DAY_HOURS:g} hours" if work["plan"] == HALF_DAYS else ""
        hours = f"{hours}{half}; set your usual working day {where} if yours is different"
    return f"Work: {work['plan']} ({hours})."


def day_label(day: int) -> str:
    """The plan's day: "day 12", and "day 0, the day it started" (a person on the first day of their pain read
    "day 0" with no word of what it counts; browser test, review 33)."""
    return f"day {day}, the day it started" if day == 0 else f"day {day}"


def plan_lines(plan: DailyPlan) -> list[str]:
    """What to do today, one line each; a paused plan says only what to do now."""
    if plan.paused:
        return [f"{plan.date} ({day_label(plan.day_since_onset)}): your usual plan is paused.",
                f"Now: {plan.pause_reason}"]
    done = "" if plan.walking_done_minutes is None else f" (done: {plan.walking_done_minutes:.0f})"
    target = plan.walking
    lines = [f"{plan.date} ({day_label(plan.day_since_onset)})", *([plan.see_gp_first] if plan.see_gp_first else []),
             f"Walk: {plan.walking_target_minutes:.0f} minutes in all{done}, e.g. {target.in_words()} on level "
             "ground." if target and target.minutes is not None else "Walk: no target."]
    if target and target.state == HELD_DOCTOR:  # Today's words point at the box above it, which `plan` has not
        lines.append("Walk target held until a doctor has seen you about the warning sign you logged; "
                     "record that with the `seen` command.")
    elif walk_note(target):  # as Today's note under the walking bar
        lines.append(walk_note(target))
    if plan.exercises_held:
        lines.append(plan.exercises_held)
    for item in plan.exercises:
        tick = "x" if item["done"] else " "
        lines.append(f"[{tick}] {item['name']}: {exercise_lines(BY_ID[item['id']])}")
    lines.append(f"Heat or ice: {plan.heat_or_ice}")
    if plan.work:
        lines.append(work_words(plan.work))
    if plan.checkin_due:
        lines.append("Weekly check-in due: rate up to three activities your back makes hard (0-10).")
    return lines


# The tip under Today's plan by stage of the episode (seeds; GUIDANCE.md §4: no more than a day or two of bed rest,
# keep moving, back to the usual routine and work step by step). Why here: it was the last line of a second plan
# engine on the Progress module whose walking words had drifted from the plan's own (review 13).
SITTING_TIP_UNTIL_DAY = 21  # the first three weeks (seeds: 'after three weeks' is when progress is reviewed)


def day_tip(day_since_onset: int) -> str:
    """One line of advice for the day of the episode (0 = the day the pain started)."""
    if day_since_onset <= BED_REST_MAX_DAYS:  # the days bed rest may take before it is too long
        return ("Rest if you need to, but do not stay in bed for more than a day or two: get up and move a little "
                "every hour.")
    if day_since_onset <= SITTING_TIP_UNTIL_DAY:
        return "Change position at least every half hour; if you sit for long, stand up and walk around."
    return ("Gentle stretching every day, and back to your usual routine step by step (work in half days first if "
            "needed).")
