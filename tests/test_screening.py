"""NICE NG59 set-up screening answers (analysis.screening)."""
from __future__ import annotations

from analysis.screening import QUESTIONS, flags, see_gp_first


def test_flags_name_each_yes_in_plain_words():
    answers = {key: False for key in QUESTIONS} | {"cancer_history": True, "night_pain": True}
    assert flags(answers) == ["history of cancer", "night pain that does not ease"]
    assert see_gp_first(answers).startswith("Because of your answers")


def test_no_answers_or_all_no_give_no_flag():
    assert flags({}) == [] and see_gp_first({}) is None
    assert see_gp_first({key: False for key in QUESTIONS}) is None
