"""Write the clinical scenario corpus: one diary CSV (README format) and one expectation JSON per scenario.

Written from the clinical brief (issue 9), README's alert table and GUIDANCE.md only, never from the alert
code: every expectation is what a clinician expects, and a scenario that the code disagrees with keeps its
expectation and carries an `xfail` reason naming the discrepancy.

Run from the repository root to regenerate: `python tests/scenarios/build.py` (deterministic output).
Each expectation file holds:
  id, rationale (one line), as_of (null: the diary's last day), seen ([{code, date}] recorded before the summary),
  expect: {present: [{code, severity?, active?, date?|date_between?, seen_date?}],
           absent: [code | {code, min_severity}], max_severity: none|info|warning,
           status, recovered_date, recurrence_date (null, ISO date or [first, last]),
           baseline_estimated, projection ("date" or null), approx: {key: [value, tolerance]},
           baseline_above_first_logged},
  xfail (optional): the precise discrepancy between the clinical rule and the product.
"""
from __future__ import annotations

import csv
import json

import build_more  # noqa: F401  (sections 12-19 register their scenarios when imported)
from builders import (
    COLUMNS,
    HERE,
    NUMB,
    SCENARIOS,
    SIGNS,
    SOON,
    URGENT,
    alert,
    course,
    day,
    on,
    put,
    scenario,
    serious,
)

# --- 1. Red flags as codes: one report on day 8 of a 12-day ordinary course (judged on day 11) -------------
for code, sid, text in [
    ("bladder_bowel", "code_bladder_bowel", "Loss of bladder or bowel control: seek care now (GUIDANCE §4)."),
    ("saddle_numbness", "code_saddle_numbness", "Numbness in the saddle area: seek care now (GUIDANCE §4)."),
    ("cannot_move_leg", "code_cannot_move_leg", "A leg that cannot move: seek care now (GUIDANCE §4)."),
    ("both_legs", "code_both_legs", "Numbness or weakness in both legs: suspected cauda equina, urgent (issue 9)."),
]:
    scenario(sid, text, put(course(12), 8, symptoms=code),
             {"present": [alert(URGENT, "urgent", True, 8)]})

for code, sid, text in [
    ("fever", "code_fever", "Fever with back pain: call the doctor, a see-a-doctor-soon sign (GUIDANCE §4)."),
    ("weight_loss", "code_weight_loss", "Weight loss: call the doctor (GUIDANCE §4)."),
    ("unwell", "code_unwell", "Feeling unwell: call the doctor (GUIDANCE §4)."),
]:
    scenario(sid, text, put(course(12), 8, symptoms=code),
             {"present": [alert(SOON, "warning", True, 8)], "absent": [URGENT]})

for code, sid in [("numbness", "code_numbness_one_day"), ("weakness", "code_weakness_one_day")]:
    scenario(sid, f"New {code} in a leg on one day is at least a warning, not yet urgent (issue 9).",
             put(course(12), 8, symptoms=code),
             {"present": [alert(NUMB, "warning", True, 8)], "absent": [URGENT]})

scenario("code_numbness_two_days", "Numbness reported on two days running is worsening: urgent (README; GUIDANCE §4).",
         on(course(12), [7, 8], symptoms="numbness"), {"present": [alert(URGENT, "urgent", True)]})
scenario("code_numbness_with_bladder", "Numbness with bladder changes the same day: urgent (README; GUIDANCE §4).",
         put(course(12), 8, symptoms="numbness;bladder_bowel"), {"present": [alert(URGENT, "urgent", True, 8)]})
scenario("code_leg_pain", "Pain radiating to the leg: see a doctor (GUIDANCE §4 'see a doctor if').",
         put(course(12), 8, symptoms="leg_pain"),
         {"present": [alert("radiating_leg_pain", "warning")], "absent": [URGENT]})

# --- 2. Everyday phrasings in the symptoms cell (UK and US English, typos) -------------------------------------
URGENT_WORDS = [
    ("words_lost_bladder_control", "lost control of my bladder"),
    ("words_wet_myself", "wet myself, couldn't stop it"),
    ("words_bowel_incontinence", "bowel incontinence"),
    ("words_cant_control_bowels", "can't control my bowels"),
    ("words_numb_saddle", "numb saddle area"),
    ("words_numb_bottom_genitals", "numbness around my bottom and genitals"),
    ("words_cant_move_leg_typo", "cant move my left leg"),
    ("words_leg_wont_move", "my right leg won't move"),
    ("words_both_legs_numb", "both legs numb"),
    ("words_numbness_both_legs", "numbness in both legs"),
    ("words_weakness_both_legs", "weakness in both legs"),
    ("words_pee_incontinence_us", "urinary incontinence"),
]
for sid, text in URGENT_WORDS:
    scenario(sid, f"'{text}' is an everyday way to report an urgent sign: seek care now (GUIDANCE §4).",
             put(course(12), 8, symptoms=text), {"present": [alert(URGENT, "urgent", True, 8)]})

NUMB_WORDS = [
    ("words_pins_and_needles", "pins and needles in left leg"),
    ("words_tingling_foot", "tingling in my right foot"),
    ("words_leg_feels_weak", "left leg feels weak"),
    ("words_numbess_typo", "numbess in leg"),
    ("words_numb_thigh", "numb right thigh"),
]
for sid, text in NUMB_WORDS:
    scenario(sid, f"'{text}' is new numbness/tingling/weakness in one leg on one day: at least a warning (issue 9).",
             put(course(12), 8, symptoms=text), {"present": [alert(NUMB, "warning", True, 8)]})

SOON_WORDS = [
    ("words_feverish", "feverish"),
    ("words_high_temperature_uk", "high temperature"),
    ("words_fever_us", "running a fever"),
    ("words_losing_weight", "losing weight without trying"),
]
for sid, text in SOON_WORDS:
    scenario(sid, f"'{text}' is a call-the-doctor sign (GUIDANCE §4).",
             put(course(12), 8, symptoms=text), {"present": [alert(SOON, "warning", True, 8)]})

LEG_WORDS = [("words_sciatica", "sciatica"), ("words_shooting_down_leg", "pain shooting down my leg")]
for sid, text in LEG_WORDS:
    scenario(sid, f"'{text}' is pain radiating to the leg: see a doctor (GUIDANCE §4).",
             put(course(12), 8, symptoms=text), {"present": [alert("radiating_leg_pain", "warning")]})

# --- 3. Negations and harmless text: must stay quiet --------------------------------------------------------
NEGATIONS = [
    ("neg_no_numbness", "symptoms", "no numbness"),
    ("neg_no_bladder_bowel", "symptoms", "no bladder or bowel problems"),
    ("neg_denies_saddle", "symptoms", "denies saddle numbness"),
    ("neg_not_feverish", "symptoms", "not feverish"),
    ("neg_no_tingling_weakness", "symptoms", "no tingling or weakness"),
    ("neg_none", "symptoms", "none"),
    ("neg_note_bladder_fine", "notes", "bladder fine, no numbness, walked to the shop"),
    ("neg_note_ordinary", "notes", "Stiff in the morning, better after a walk. Heat pad helped."),
]
for sid, column, text in NEGATIONS:
    scenario(sid, f"'{text}' reports no warning sign: an ordinary course must stay quiet.",
             put(course(12), 8, **{column: text}), {"absent": SIGNS, "max_severity": "none"})

# --- 4. Red flags written only in the note ----------------------------------------------------------------
scenario("note_bladder", "A note saying bladder control was lost is the urgent sign even if no box was ticked "
         "(issue 9: everyday phrasings in notes).",
         put(course(12), 8, notes="Had an accident this morning - lost control of my bladder. Scared."),
         {"present": [alert(URGENT, "urgent", True, 8)]})
scenario("note_saddle_numb", "A note reporting saddle numbness is the urgent sign (issue 9).",
         put(course(12), 8, notes="Numb between my legs when I wipe, feels strange"),
         {"present": [alert(URGENT, "urgent", True, 8)]})

# --- 5. How long signs stay active --------------------------------------------------------------------------
scenario("hold_urgent_13_days", "An urgent sign stays active at least 14 days after last reported, through "
         "ordinary days that follow (issue 9).",
         put(course(19), 5, symptoms="bladder_bowel"), {"present": [alert(URGENT, "urgent", True, 5)]})
scenario("hold_urgent_as_of", "Judged 10 days after an urgent report with no entries since: still active (issue 9).",
         put(course(9), 8, symptoms="saddle_numbness"), {"present": [alert(URGENT, "urgent", True, 8)]}, as_of=18)
scenario("hold_urgent_expired", "Thirty days after a single urgent report, with ordinary days since and no "
         "seen mark, it is still active: an urgent sign never goes quiet by itself (README).",
         put(course(36), 5, symptoms="bladder_bowel"), {"present": [alert(URGENT, "urgent", True, 5)]})
scenario("hold_urgent_half_year", "Half a year after a single urgent report that nobody has marked as seen, judged "
         "with no entries since: still active (README: however long ago it was reported).",
         put(course(9), 8, symptoms="cannot_move_leg"), {"present": [alert(URGENT, "urgent", True, 8)]}, as_of=190)
scenario("hold_urgent_last_report", "Reported on days 5 and 12: the 14 days count from the last report, so still "
         "active on day 25 (issue 9).",
         on(course(26), [5, 12], symptoms="cannot_move_leg"), {"present": [alert(URGENT, "urgent", True)]})
scenario("hold_fever_6_days", "Fever stays active at least 7 days after last reported (issue 9).",
         put(course(13), 6, symptoms="fever"), {"present": [alert(SOON, "warning", True, 6)]})
scenario("hold_fever_expired", "Fever reported once 20 days ago, ordinary since: no longer active (README: 7 days).",
         put(course(26), 5, symptoms="fever"), {"present": [alert(SOON, "warning", False, 5)]})
scenario("hold_numbness_6_days", "New numbness in one leg stays active at least 7 days after last reported (issue 9).",
         put(course(13), 6, symptoms="numbness"), {"present": [alert(NUMB, "warning", True, 6)]})
scenario("hold_weight_loss_as_of", "Weight loss judged 5 days later with no entries since: active (issue 9).",
         put(course(9), 8, symptoms="weight_loss"), {"present": [alert(SOON, "warning", True, 8)]}, as_of=13)

# --- 6. Seen by a clinician ---------------------------------------------------------------------------------
scenario("seen_closes_urgent", "A clinician saw the person two days after the bladder report: no longer active, "
         "seen date kept (issue 9).",
         put(course(12), 5, symptoms="bladder_bowel"),
         {"present": [alert(URGENT, "urgent", False, 5, seen_date=7)]}, seen=[(URGENT, 7)])
scenario("seen_then_again", "Seen on day 6, saddle numbness reported again on day 9: active again (README).",
         on(course(12), [5, 9], symptoms="saddle_numbness"),
         {"present": [alert(URGENT, "urgent", True)]}, seen=[(URGENT, 6)])
scenario("seen_closes_fever", "Fever seen by the GP the next day: no longer active (issue 9).",
         put(course(12), 7, symptoms="fever"), {"present": [alert(SOON, "warning", False, 7)]}, seen=[(SOON, 8)])

# --- 7. Paracetamol above the maximum (urgent) and ordinary paracetamol ---------------------------------------
PARA_OVER = [
    ("para_1g_q4h", "paracetamol 1g q4h", "1 g every 4 hours is 6 g a day"),
    ("para_1g_x6_typo", "paracetemol 1g x6", "misspelt paracetamol, 6 g a day"),
    ("para_cocodamol_plus_para", "co-codamol 30/500 2 tablets qds; paracetamol 500mg x2",
     "co-codamol's 4 g plus 1 g of plain paracetamol is 5 g"),
    ("para_tylenol3_plus_tylenol", "Tylenol #3 2 tablets q4h; Tylenol Extra Strength 500mg 2 tablets",
     "Tylenol #3 (300 mg APAP) 12 a day is 3.6 g, plus 1 g is 4.6 g"),
    ("para_percocet_plus_tylenol", "Percocet 10/325 2 tablets every 4-6 hours; Tylenol 500mg x1",
     "Percocet 12 x 325 mg is 3.9 g plus 500 mg is 4.4 g"),
    ("para_norco_plus_acetaminophen", "Norco 10/325 2 tabs q4h; acetaminophen 500 mg 2 tablets",
     "Norco 3.9 g plus 1 g acetaminophen is 4.9 g"),
    ("para_500_4tabs_4x", "paracetamol 500mg 4 tablets 4 times a day", "4 tablets 4 times is 8 g"),
    ("para_cocodydramol", "co-dydramol 10/500 2 tablets every 4 hours",
     "co-dydramol 12 tablets is 6 g of paracetamol"),
]
for sid, med, why in PARA_OVER:
    scenario(sid, f"Paracetamol above 4 g a day is urgent ({why}; NHS; issue 9).",
             put(course(12), 6, medications=med),
             {"present": [alert("daily_dose_exceeded", "urgent", True, 6)]})
scenario("para_overdose_held", "A paracetamol overdose stays active like a red flag through ordinary days after "
         "(held at least 14 days; issue 9).",
         put(course(17), 4, medications="paracetamol 1g x6"),
         {"present": [alert("daily_dose_exceeded", "urgent", True, 4)]})
PARA_OK = [
    ("para_1g_qds", "paracetamol 1g qds; ibuprofen 400mg tds", "1 g four times a day is exactly 4 g"),
    ("para_us_500_2tabs_q6h", "acetaminophen 500 mg 2 tablets every 6 hours; Advil 200mg 2 tablets",
     "2 x 500 mg every 6 hours is 4 g"),
    ("para_cocodamol_30_500_qds", "co-codamol 30/500 2 tablets qds; naproxen 250mg bd",
     "8 tablets of 500 mg is 4 g"),
    ("para_panadol_up_to_4", "Panadol 500mg 2 tablets up to 4 times a day; ibuprofen 200 mg x3",
     "up to 4 times a day read at its most is 4 g"),
]
for sid, med, why in PARA_OK:
    scenario(sid, f"Paracetamol at, not above, 4 g a day is an ordinary dose ({why}; NHS).",
             on(course(12), [6], medications=med), {"absent": ["daily_dose_exceeded"]})

# --- 8. Other medicines' daily maxima -------------------------------------------------------------------------
scenario("ibu_400_tds", "Ibuprofen 400 mg three times a day is the OTC maximum of 1,200 mg: no dose alert (NHS).",
         put(course(12), 6, medications="ibuprofen 400 mg three times"), {"absent": ["daily_dose_exceeded"]})
scenario("ibu_400_x4_info", "Ibuprofen 1,600 mg is above the OTC maximum only: information, not a warning "
         "(NHS, BNF; issue 9).",
         put(course(12), 6, medications="Nurofen 200mg 2 tablets 4 times a day"),
         {"present": [alert("daily_dose_exceeded", "info", date=6)], "absent": [serious("daily_dose_exceeded")]})
scenario("ibu_600_qds_prescribed", "Ibuprofen 600 mg four times a day is an ordinary prescription: no warning "
         "(BNF 2,400 mg; issue 9).",
         put(course(12), 6, medications="ibuprofen 600 mg four times a day"),
         {"absent": [serious("daily_dose_exceeded")]})
scenario("ibu_800_tds_us", "Motrin 800 mg three times a day (US prescription) is 2,400 mg: no warning (BNF).",
         put(course(12), 6, medications="Motrin 800mg tid"), {"absent": [serious("daily_dose_exceeded")]})
scenario("ibu_800_x4_warning", "Ibuprofen 3,200 mg is above the adult maximum: a warning (BNF; issue 9).",
         put(course(12), 6, medications="ibuprofen 800mg qds"),
         {"present": [alert("daily_dose_exceeded", "warning", date=6)]})
scenario("ibu_misspelt_q4h", "Ibuprofin 400 mg every 4 hours is 2,400 mg: above OTC, information at most (NHS).",
         put(course(12), 6, medications="ibuprofin 400mg q4h"),
         {"present": [alert("daily_dose_exceeded", "info")], "absent": [serious("daily_dose_exceeded")]})
scenario("naproxen_500_bd", "Naproxen 500 mg twice daily is an ordinary prescription: no warning (BNF; issue 9).",
         put(course(12), 6, medications="naproxen 500 mg twice daily"),
         {"absent": [serious("daily_dose_exceeded"), "two_nsaids_same_day"]})
scenario("naproxen_500_tds", "Naproxen 1,500 mg is above the prescribed maximum of 1,000 mg: a warning (BNF).",
         put(course(12), 6, medications="naproxen 500mg tds"),
         {"present": [alert("daily_dose_exceeded", "warning", date=6)]})
scenario("aleve_220_x3", "Aleve 220 mg three times is the OTC maximum of 660 mg: no alert (DailyMed).",
         put(course(12), 6, medications="Aleve 220mg x3"), {"absent": ["daily_dose_exceeded"]})
scenario("diclofenac_50_tds", "Diclofenac 50 mg three times is 150 mg, within 75-150 mg: no alert (BNF).",
         put(course(12), 6, medications="Voltarol 50mg tds"), {"absent": ["daily_dose_exceeded"]})
scenario("diclofenac_50_x4", "Diclofenac 200 mg is above the 150 mg maximum: a warning (BNF).",
         put(course(12), 6, medications="diclofenac 50 mg 4x/day"),
         {"present": [alert("daily_dose_exceeded", "warning", date=6)]})
scenario("codeine_60_x5", "Codeine 300 mg is above the 240 mg maximum: a warning (BNF).",
         put(course(12), 6, medications="codeine 60mg x5"),
         {"present": [alert("daily_dose_exceeded", "warning", date=6)]})

# --- 9. Opioids beyond a few days: every opioid counts --------------------------------------------------------
OPIOIDS = [
    ("opioid_codeine", "codeine 30 mg x4"),
    ("opioid_dihydrocodeine", "dihydrocodeine 30mg tds"),
    ("opioid_tramadol", "tramadol 50mg 1-2 tablets every 4-6 hours"),
    ("opioid_tapentadol", "tapentadol 50 mg bd"),
    ("opioid_oxycodone", "OxyContin 10mg bd"),
    ("opioid_morphine", "morphine sulfate 10 mg q4h prn"),
    ("opioid_hydrocodone_apap", "hydrocodone/APAP 5/325 1 tablet q6h"),
    ("opioid_hydromorphone", "hydromorphone 2 mg every 6 hours"),
    ("opioid_buprenorphine_patch", "buprenorphine 10mcg/hr patch"),
    ("opioid_fentanyl_patch", "fentanyl 25mcg/hr patch"),
    ("opioid_cocodamol", "co-codamol 30/500 2 tablets qds"),
    ("opioid_nurofen_plus", "Nurofen Plus 2 tablets tds"),
    ("opioid_tramacet", "Tramacet 2 tablets 4 times a day"),
    ("opioid_tylenol3", "Tylenol #3 1 tablet every 6 hours"),
]
for sid, med in OPIOIDS:
    scenario(sid, f"'{med}' on 5 days running is an opioid beyond three days (BNF; MHRA 2009; issue 9).",
             on(course(12), range(3, 8), medications=med),
             {"present": [alert("codeine_over_3_days", "warning", between=(3, 7))]})
scenario("opioid_three_days_only", "Codeine on three days only is within the short course: no alert (MHRA 2009).",
         on(course(12), range(3, 6), medications="codeine 30mg qds"), {"absent": ["codeine_over_3_days"]})
scenario("opioid_mixed_names", "Codeine, then tramadol, then oxycodone, then morphine on 4 days running: still "
         "an opioid on more than 3 days (issue 9: all opioids counted).",
         on(on(on(put(course(12), 3, medications="codeine 30mg x4"), [4], medications="tramadol 50mg x4"),
               [5], medications="oxycodone 5mg x4"), [6], medications="morphine 10mg x4"),
         {"present": [alert("codeine_over_3_days", "warning")]})

# --- 10. Two NSAIDs on one day ------------------------------------------------------------------------------
TWO = [
    ("nsaid_ibu_naproxen", "ibuprofen 400mg tds; naproxen 250mg bd"),
    ("nsaid_ibu_celecoxib", "ibuprofen 400mg x3; celecoxib 200mg od"),
    ("nsaid_naproxen_meloxicam", "naproxen 500mg bd; meloxicam 15mg od"),
    ("nsaid_advil_aleve", "Advil 200mg 2 tablets; Aleve 220mg x1"),
    ("nsaid_nurofen_voltarol", "Nurofen 200mg 2x; Voltarol 50mg tds"),
    ("nsaid_ibu_aspirin_300", "ibuprofen 400mg tds; aspirin 300mg x3"),
    ("nsaid_piroxicam_etoricoxib", "piroxicam 20 mg od; etoricoxib 60 mg od"),
]
for sid, med in TWO:
    scenario(sid, f"'{med}' is two different NSAIDs on one day: a warning (labels; BNF).",
             put(course(12), 6, medications=med),
             {"present": [alert("two_nsaids_same_day", "warning", date=6)]})
for sid, med in [("nsaid_aspirin75_ibu", "aspirin 75mg od; ibuprofen 400mg tds"),
                 ("nsaid_aspirin81_ibu_us", "aspirin 81 mg daily; Advil 200mg 2 tablets 3 times a day")]:
    scenario(sid, f"'{med}': low-dose aspirin for the heart is not a second NSAID (issue 9).",
             put(course(12), 6, medications=med), {"absent": ["two_nsaids_same_day"]})
scenario("nsaid_switch_days", "Ibuprofen one day and naproxen the next is a switch, not two on one day.",
         put(put(course(12), 5, medications="ibuprofen 400mg tds"), 6, medications="naproxen 250 mg bd"),
         {"absent": ["two_nsaids_same_day"]})

# --- 11. Paracetamol alone; oral steroids ------------------------------------------------------------------
scenario("para_alone_5_days", "Paracetamol as the only painkiller on 5 of the last 7 days: information (NICE NG59).",
         on(course(12), range(5, 12), medications="paracetamol 1g qds"),
         {"present": [alert("paracetamol_alone", "info")]})
scenario("para_with_ibuprofen", "Paracetamol taken with an NSAID is not paracetamol alone (NICE NG59).",
         on(course(12), range(5, 12), medications="paracetamol 1g qds; ibuprofen 400mg tds"),
         {"absent": ["paracetamol_alone"]})
scenario("para_with_aspirin75", "Paracetamol with only low-dose aspirin is still paracetamol alone (README).",
         on(course(12), range(5, 12), medications="paracetamol 1g qds; aspirin 75mg od"),
         {"present": [alert("paracetamol_alone", "info")]})
scenario("steroid_7_days", "Prednisolone on 7 days running is noted for the clinician (issue 9).",
         on(course(12), range(2, 9), medications="prednisolone 40mg od for 7 days"),
         {"present": [alert("oral_steroid_7_days", "info")]})
scenario("steroid_us_prednisone_8", "Prednisone 20 mg on 8 days is 7+ days of an oral steroid (issue 9).",
         on(course(12), range(2, 10), medications="prednisone 20 mg daily"),
         {"present": [alert("oral_steroid_7_days", "info")]})
scenario("steroid_5_days", "A 5-day steroid burst is short: not noted (issue 9: 7+ days).",
         on(course(12), range(2, 7), medications="prednisolone 40mg od"), {"absent": ["oral_steroid_7_days"]})

# Where the product disagrees with the clinical rule: the expectation stays, the gap is named (strict xfail).
XFAIL = {
    "pain_worsening_flare": "a rise from ~4 to 7 on day 15 is measured against the mean of the 14 days before "
                            "(~5.2), so +1.8 points is not a flare; measuring from the lower of that and the last "
                            "week's mean finds it but warns 3.2% of average-course diaries from day 10 at the "
                            "measured noise (benchmarks/RESULTS.md; target <= 1%)",
    "fall_then_flat_worst": "pain falls 7 to 5 by day 4 then stays flat at 5 (worst 6.5, a fall of 1.5 points, "
                            "19%) to day 21: worst_pain_after_week from day 17, not by day 14. The fast early fall "
                            "keeps the diary on the average course (pain 5 on day 14 is 71% of 7; the course is at "
                            "68%) until day 11, and the worst pain's own 10-day plateau reaches 4.3 standard errors "
                            "(its wobble) where the bar is 5.5: at 4 it is found on day 13, but 1.7% of average-course "
                            "diaries are warned from day 10 (benchmarks/RESULTS.md; target <= 1%)",
}


def rows_for(s: dict) -> list[dict]:
    out = []
    for r in sorted(s["rows"], key=lambda r: r["d"]):
        out.append({"date": day(r["d"]), "pain": r["pain"], "worst_pain": r["worst_pain"],
                    "activity_minutes": r["activity_minutes"], "bed_rest_hours": r["bed_rest_hours"],
                    "medications": r["medications"], "symptoms": r["symptoms"], "notes": r["notes"],
                    "patient": s["id"], "onset_date": day(s["onset"]), "normal_activity_minutes": s["normal"]})
    return out


def main() -> None:
    ids = [s["id"] for s in SCENARIOS]
    assert set(XFAIL) <= set(ids), set(XFAIL) - set(ids)
    for s in SCENARIOS:
        s["xfail"] = XFAIL.get(s["id"], s["xfail"])
    assert len(ids) == len(set(ids)), "scenario ids must be unique"
    for old in HERE.glob("*.csv"):
        old.unlink()
    for old in HERE.glob("*.json"):
        old.unlink()
    for s in SCENARIOS:
        with open(HERE / f"{s['id']}.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows_for(s))
        meta = {k: s[k] for k in ("id", "rationale", "as_of", "seen", "expect")}
        if s["xfail"]:
            meta["xfail"] = s["xfail"]
        (HERE / f"{s['id']}.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(SCENARIOS)} scenarios written to {HERE}")


if __name__ == "__main__":
    main()
