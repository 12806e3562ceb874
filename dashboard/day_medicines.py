"""Today's medicines: pick them, fill in each one's dose and times, and read them back as doses and numbers.

Why a module of its own: the medicine part of the daily form is the one with the most boxes (a product of two
medicines asks for tablets, a single medicine for milligrams, each for how many times); Today (screens/today.py)
draws it with medicine_inputs and reads it with medicine_doses and medicine_numbers, all from session state.
"""
from __future__ import annotations

import streamlit as st

from analysis.model.limits import SMALL_DOSE_MG, TABLETS_PER_DOSE, TIMES_A_DAY, dose_range
from analysis.model.vocabulary import ALIASES, MEDICINES
from analysis.review.form_numbers import TypedNumber
from analysis.review.medicine_choices import COMBINATION_CHOICES, MEDICINE_CHOICES, choice_words, combination_doses
from analysis.review.page_rules import DayQuestions
from analysis.storage import Dose

MEDICINES_KEY = "log_meds"  # the medicines chosen; each one's boxes are keyed by these prefixes + its name
TABLETS_KEY, TIMES_KEY, MG_KEY = "log_tablets_", "log_times_", "log_mg_"


def medicine_label(name: str) -> str:
    """'ibuprofen (Advil, Nurofen, ...)': generic name with the brand names people know; a combination product
    with what a tablet holds ('co-codamol 30/500: codeine 30 mg + paracetamol 500 mg')."""
    if name in COMBINATION_CHOICES:
        return choice_words(name)
    brands = [alias.title() for alias, generic in ALIASES.items() if generic == name and alias != "apap"]
    return f"{name} ({', '.join(brands[:3])})" if brands else name


def medicine_inputs(questions: DayQuestions) -> None:
    """Pick medicines; each gets its usual dose pre-filled and a number of times (on the form's date)."""
    # select_all=False: Streamlit's "Select N matches" line, first under what is typed, logged every matching
    # product on Enter (paracetamol: 64 of them; review 22): a diary holds what was taken, one line at a time
    chosen = st.multiselect("Medicines taken", options=MEDICINE_CHOICES, format_func=medicine_label, select_all=False,
                            # the name only: "ibuprofen 400mg x3", typed as people write it, found "No results" and
                            # nothing said the dose is asked next (review 36's explorer)
                            key=MEDICINES_KEY, placeholder="None — type a name, e.g. ibuprofen (dose next)",
                            # a medicine not listed (glucosamine) found "No results" and nothing said where it goes
                            help="Type the medicine's name only: its dose and how many times are asked next. Not in "
                                 "the list? Write its name and dose in the note below.")
    for name in chosen:
        left, right = st.columns(2)
        if name in COMBINATION_CHOICES:  # a product of two medicines: tablets each time, saved as its medicines
            # no min or max on a box: Save checks the numbers against their ranges (analysis.review.form_numbers)
            left.number_input(f"{name}: tablets each time", value=int(TABLETS_PER_DOSE.low), step=1,
                              key=f"{TABLETS_KEY}{name}", help="How many tablets you take each time (often 1 or 2).")
            _times(right, questions, name)
            continue
        usual = float(MEDICINES[name].usual_dose_mg)
        mg = dose_range(usual)  # analysis.model.limits: micrograms for patches, half milligrams otherwise
        small = mg is SMALL_DOSE_MG
        left.number_input(f"{name}: mg per dose", step=0.005 if small else 0.5, format="%.3f" if small else "%0.2f",
                          value=usual, key=f"{MG_KEY}{name}")
        _times(right, questions, name)


def _times(column: object, questions: DayQuestions, name: str) -> None:
    """How many times the medicine was taken that day (no bounds: Save checks limits.TIMES_A_DAY)."""
    column.number_input(questions.times(name), value=int(TIMES_A_DAY.low), step=1, key=f"{TIMES_KEY}{name}")


def medicine_numbers(questions: DayQuestions) -> list[TypedNumber]:
    """Every medicine box as filled in, with its range (analysis.model.limits), for Save's check."""
    state, numbers = st.session_state, []
    for name in state.get(MEDICINES_KEY, []):
        if name in COMBINATION_CHOICES:
            numbers.append(TypedNumber(f"{name}: tablets each time", state.get(f"{TABLETS_KEY}{name}"),
                                       TABLETS_PER_DOSE, whole=True))
        else:
            numbers.append(TypedNumber(f"{name}: mg per dose", state.get(f"{MG_KEY}{name}"),
                                       dose_range(float(MEDICINES[name].usual_dose_mg))))
        numbers.append(TypedNumber(questions.times(name), state.get(f"{TIMES_KEY}{name}"), TIMES_A_DAY, whole=True))
    return numbers


def medicine_doses() -> list[Dose]:
    """The doses of the medicines chosen, as filled in (a product of two medicines as its medicines' doses)."""
    state, doses = st.session_state, []
    for name in state.get(MEDICINES_KEY, []):
        if name in COMBINATION_CHOICES:
            doses += combination_doses(name, int(state.get(f"{TABLETS_KEY}{name}", 1)),
                                       int(state.get(f"{TIMES_KEY}{name}", 1)))
        else:
            doses.append(Dose(name, float(state.get(f"{MG_KEY}{name}", MEDICINES[name].usual_dose_mg)),
                              int(state.get(f"{TIMES_KEY}{name}", 1))))
    return doses
