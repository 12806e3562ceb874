"""The day's plan in plain lines (the CLI's text output)."""
from __future__ import annotations

from analysis.plan.daily import DailyPlan
from analysis.plan.exercises import BY_ID, exercise_lines
from analysis.plan.walking import HELD_DOCTOR


def plan_lines(plan: DailyPlan) -> list[str]:
    """What to do today, one line each; a paused plan says only what to do now."""
    if plan.paused:
        return [f"{plan.date} (day {plan.day_since_onset}): your usual plan is paused.", f"Now: {plan.pause_reason}"]
    done = "" if plan.walking_done_minutes is None else f" (done: {plan.walking_done_minutes:.0f})"
    target = plan.walking
    lines = [f"{plan.date} (day {plan.day_since_onset})", *([plan.see_gp_first] if plan.see_gp_first else []),
             f"Walk: {plan.walking_target_minutes:.0f} minutes in all{done}, e.g. {target.walks} walks of "
             f"{target.minutes_per_walk:.0f} minutes on level ground." if target else "Walk: no target."]
    if target and target.state == HELD_DOCTOR:  # as Today's note under the walking bar (page_rules.HELD_WORDS)
        lines.append("Walk target held until a doctor has seen you about the warning sign you logged; "
                     "record that with the `seen` command.")
    if plan.exercises_held:
        lines.append(plan.exercises_held)
    for item in plan.exercises:
        tick = "x" if item["done"] else " "
        lines.append(f"[{tick}] {item['name']}: {exercise_lines(BY_ID[item['id']])}")
    lines.append(f"Heat or ice: {plan.heat_or_ice}")
    if plan.work:
        lines.append(f"Work: {plan.work['plan']} (about {plan.work['hours_target']:g} hours).")
    if plan.checkin_due:
        lines.append("Weekly check-in due: rate up to three activities your back makes hard (0-10).")
    return lines
