"""The gentle exercises of the seeds, each written anew in plain, short words.

Why these seven: they are the ones the seeds name for acute low back pain (seed
002: the 90/90 rest position, knee-to-chest, knee rolls, the glute and hamstring
stretch and the prone press-up; seed 001 sends people to simple back stretches,
of which the pelvic tilt is the gentlest). The numbers come from the seeds where
they give one, else they are a stated project choice. Every text here is our
own wording; nothing is copied (tests/plan/test_plan.py checks that no sentence of a
seed appears).
"""
from __future__ import annotations

from dataclasses import dataclass

STOP_NERVE = ("Stop and call your doctor if pain spreads down a leg, or you feel numbness, tingling "
              "or weakness.")  # GUIDANCE.md section 4: leg pain, numbness or weakness -> see a doctor


@dataclass(frozen=True)
class Exercise:
    """One exercise: how to do it, how much, how often, and when to stop."""

    id: str
    name: str
    how: str
    sets: int
    hold_seconds: int
    times_a_day: int
    caution: str
    normal: str  # what discomfort is expected and fine


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "rest_90_90", "90/90 rest position",
        "Lie on your back on the floor. Rest your lower legs on a chair or sofa, hips and knees bent at "
        "a right angle. Let your back go heavy. A rolled towel under the small of the back "
        "may feel good.",
        1, 20 * 60,  # seed 002: "about 30 minutes", and "20 minutes" with ice; the shorter: keep moving
        3,  # seed 002: "3-5 times a day"; the lower number
        "Use it to ease a bad spell, then get up and move again. " + STOP_NERVE,
        "Your back may feel stiff when you get up; that eases as you walk."),
    Exercise(
        "knee_to_chest", "Knee to chest",
        "Lie on your back with both knees bent. Draw one knee towards your chest with your hands. "
        "Stop at a mild stretch low in the back and buttock. Let it down slowly and swap legs.",
        3, 20,  # seed 002: hold 20-30 seconds, 3 times each side
        2,  # project choice: morning and evening (the seed gives no number)
        "Do one leg at a time while the pain is strong. " + STOP_NERVE,
        "A gentle pull in the buttock or low back is fine; sharp pain is not."),
    Exercise(
        "knee_rolls", "Knee rolls",
        "Lie on your back, knees bent, feet flat and arms out to the sides. Let both knees sink slowly "
        "to one side, shoulders staying down. Bring them back, then go to the other side.",
        5, 5,  # seed 002: hold 5-10 seconds each side; 5 each way is a project choice
        2,  # project choice
        "Move slowly and only as far as is comfortable. " + STOP_NERVE,
        "A stretch along the side of the back and hip is expected."),
    Exercise(
        "glute_stretch", "Buttock stretch",
        "Lie on your back with both knees bent. Cross one ankle over the other knee. Hold the lower "
        "thigh and draw it gently towards you until you feel the stretch deep in the buttock. Swap sides.",
        2, 30,  # seed 002: hold 30 seconds, 2-3 sets each side
        2,  # project choice
        "Pull gently; do not bounce. " + STOP_NERVE,
        "A deep pull in the buttock is what you want."),
    Exercise(
        "hamstring_stretch", "Back-of-thigh stretch",
        "Lie on your back with one knee bent. Loop a towel round the other foot. Raise "
        "that leg, knee nearly straight, until the back of the thigh feels a stretch. Lower it and swap legs.",
        2, 30,  # seed 002 (stretch of glutes and hamstrings): hold 30 seconds, 2-3 sets
        2,  # project choice
        "Keep the other knee bent so your back stays flat. " + STOP_NERVE,
        "Tightness behind the thigh is fine; tingling in the foot is not."),
    Exercise(
        "pelvic_tilt", "Pelvic tilt",
        "Lie on your back, knees bent and feet flat. Tighten your tummy a little and press the small of "
        "your back into the floor, tipping the pelvis up. Breathe out, hold, then relax.",
        10, 5,  # project choice: a short hold repeated, like the press-up below (seed 002: 5-10 s)
        2,  # project choice
        "It is a small movement; no lifting of the buttocks is needed. " + STOP_NERVE,
        "You may feel the tummy muscles work; that is all."),
    Exercise(
        "press_up", "Lying press-up",
        "Lie on your front with your hands under your shoulders. Push down through your hands and lift "
        "your chest slowly, letting your hips and belly stay on the floor. Come down slowly.",
        6, 5,  # seed 002: hold 5-10 seconds, 6-10 times; the lower numbers
        2,  # project choice
        "Go only as high as is comfortable; lying on your front is not for everyone. " + STOP_NERVE,
        "A mild stretch across the belly and some ache in the low back is fine if it settles soon after."),
)
BY_ID = {exercise.id: exercise for exercise in EXERCISES}


def exercise_lines(exercise: Exercise) -> str:
    """'3 x 20 s hold, twice a day': the dose in a few words (short enough for a tick box label)."""
    hold = f"{exercise.hold_seconds // 60} min" if exercise.hold_seconds >= 60 else f"{exercise.hold_seconds} s hold"
    times = {1: "once", 2: "twice"}.get(exercise.times_a_day, f"{exercise.times_a_day} times")
    sets = "" if exercise.sets == 1 else f"{exercise.sets} x "
    return f"{sets}{hold}, {times} a day"
