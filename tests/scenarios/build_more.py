"""The clinical scenario corpus, sections 12-19: the course (quiet, recovered, recurrence, six
weeks, worst pain, bed rest, activity), harder everyday phrasings, window boundaries, more course shapes,
negation scope, what a seen mark covers, doses as people write them, rules that must wait for their day
(registered when tests/scenarios/build.py imports this module)."""
from __future__ import annotations

from builders import NOISE, NUMB, SIGNS, SOON, URGENT, alert, course, day, menezes, on, put, scenario, serious

# --- 12. The course: quiet, recovered, recurrence, six weeks, worst pain, bed rest, activity ------------------
scenario("quiet_menezes_6", "Pain 6 falling at the published pace to day 28 with activity built up: quiet, on "
         "track, a recovery date projected (Menezes Costa 2012).",
         on(course(29), range(0, 5), medications="ibuprofen 400mg tds"),
         {"max_severity": "none", "status": "on_track", "projection": "date", "baseline_estimated": False,
          "recovered_date": None, "recurrence_date": None})
scenario("quiet_menezes_8_worst", "Pain 8 (worst 9.5) falling at the published pace: worst pain is coming down, "
         "so no worst-pain warning by day 21 (issue 9).",
         course(22, 8.0), {"absent": ["worst_pain_after_week", "pain_worsening"], "status": "on_track"})
scenario("quiet_rapid_recovery", "Pain 5 gone within a week and 0-1 for 10 days: recovered on the first of 7 "
         "days at 0-1 (PACE, Williams 2014); quiet.",
         course(18, pain=lambda d: [5, 4.5, 4, 3, 2.5, 2, 1.5, 1, 1, 0.5][d] if d < 10 else 0),
         {"max_severity": "none", "recovered_date": day(7), "recurrence_date": None})
scenario("recurrence_after_recovery", "Recovered on day 7, then pain 4 for a week from day 21: the pain came back "
         "(issue 9: 7-day mean 3+).",
         course(28, pain=lambda d: ([5, 4.5, 4, 3, 2.5, 2, 1.5, 1, 1, 0.5][d] if d < 10 else 0) if d < 21 else 4),
         {"recovered_date": day(7), "recurrence_date": [day(21), day(27)]})
scenario("flat_7_worst_warns", "Pain flat at 7 (worst 8.5) for three weeks: worst pain not coming down after the "
         "first week warns from day 7-14; no projection (issue 9).",
         course(22, pain=lambda d: 7 + NOISE[d % 7]),
         {"present": [alert("worst_pain_after_week", "warning", between=(7, 14))], "projection": None,
          "status": "behind"})
scenario("rising_worst_warns", "Pain rising 5 to 7 over three weeks: worst pain rising after the first week warns "
         "from day 7-14; no projection (issue 9).",
         course(22, pain=lambda d: 5 + d * 0.1),
         {"present": [alert("worst_pain_after_week", "warning", between=(7, 14))], "projection": None})
scenario("flat_8_no_projection", "Flat 8/10 with day-to-day noise for four weeks: no recovery date (README).",
         course(29, pain=lambda d: 8 + NOISE[(d * 3) % 7]), {"projection": None})
scenario("late_start_estimated", "Diary started 10 days after the onset: the baseline is an estimate (issue 9).",
         course(25, first=10), {"baseline_estimated": True})
scenario("six_weeks_not_active", "Day 45, pain easing on track but activity stuck at 25 of a normal 60 minutes: "
         "not recovered at six weeks is about activity (seeds; issue 9).",
         course(46, activity=lambda d: 25),
         {"present": [alert("not_recovered_6w", "warning")]})
scenario("six_weeks_pain_on_track", "Day 45, pain 2.6 on the usual course, fully active: pain persisting is "
         "information only; not 'not recovered' (issue 9).",
         course(46),
         {"present": [alert("pain_persisting_6w", "info")], "absent": ["not_recovered_6w"],
          "max_severity": "info", "status": "on_track"})
scenario("six_weeks_recovered", "Day 45, pain 0-1 for weeks and fully active: nothing to say at six weeks.",
         course(46, pain=lambda d: max(0.5, 6 - d * 0.5)),
         {"absent": ["pain_persisting_6w", "not_recovered_6w"], "max_severity": "none"})
scenario("bed_rest_3_days", "Three days mostly lying down (10 h) in the first week: beyond two days (NHS; "
         "Cochrane 2010).",
         on(course(12), [0, 1, 2], bed_rest_hours=10), {"present": [alert("bed_rest_over_2_days", "warning")]})
scenario("bed_rest_3_scattered", "Three days of 9 h bed rest within one week, not consecutive: still beyond two "
         "days (NHS).", on(course(12), [1, 3, 6], bed_rest_hours=9),
         {"present": [alert("bed_rest_over_2_days", "warning")]})
scenario("bed_rest_2_days", "Two days of bed rest are allowed (NHS: not more than two days).",
         on(course(12), [0, 1], bed_rest_hours=10), {"absent": ["bed_rest_over_2_days"]})
scenario("bed_rest_short_naps", "Three days with 4 h lying down are not days spent mostly in bed.",
         on(course(12), [0, 1, 2], bed_rest_hours=4), {"absent": ["bed_rest_over_2_days"]})
scenario("activity_declining", "Active minutes falling 3 a day for two weeks, below normal: less and less active "
         "(seeds).", course(20, activity=lambda d: max(5, 60 - 3 * d)),
         {"present": [alert("activity_declining", "warning")]})
scenario("activity_no_progress_3w", "Stuck at 15 minutes a day for 3.5 weeks of a normal 60: no progress building "
         "up after three weeks (seeds).", course(26, activity=lambda d: 15),
         {"present": [alert("no_activity_progress_3w", "warning")]})
scenario("pain_worsening_flare", "Pain on track to day 14, then 7 for four days: a meaningful worsening "
         "(Ostelo 2008: 2 points and 30%) that has lasted (README: 4 of the last 5 days).",
         course(19, pain=lambda d: 6 * menezes(d) if d < 15 else 7),
         {"present": [alert("pain_worsening", "warning")]})
scenario("pain_flare_three_days", "Pain on track, then 7 for three days and back on track: a flare-up, which "
         "the seeds call common in the first weeks; no warning for it alone.",
         course(22, pain=lambda d: 7 if 15 <= d < 18 else 6 * menezes(d)),
         {"absent": ["pain_worsening"]})
scenario("insufficient_entries", "Only 2 entries in the last 7 days: too few to judge (README).",
         [r for r in course(20) if r["d"] < 12 or r["d"] in (15, 19)], {"status": "insufficient_data"})


# --- 13. Harder everyday forms: more phrasings, mixed negations, more medicine text --------------------------
for sid, text in [
    ("words_cant_pee_retention", "can't pee properly, have to strain"),
    ("words_numb_when_wipe", "numb when I wipe"),
    ("words_peeing_myself_us", "peeing myself"),
    ("words_incontinance_typo", "incontinance"),
    ("words_saddle_numbnes_typo", "saddle numbnes"),
    ("words_tingling_both_feet", "tingling in both feet"),
    ("words_legs_giving_way", "both legs giving way"),
    ("words_no_numbness_but_bladder", "no numbness but can't control my bladder"),
]:
    scenario(sid, f"'{text}' reports an urgent sign (bladder/saddle/both legs; GUIDANCE §4), negation or not.",
             put(course(12), 8, symptoms=text), {"present": [alert(URGENT, "urgent", True, 8)]})
for sid, text in [("words_foot_drop", "foot drop on the left"),
                  ("words_no_fever_but_numb_leg", "no fever but my left leg is numb")]:
    scenario(sid, f"'{text}' is new numbness or weakness in one leg: at least a warning (issue 9).",
             put(course(12), 8, symptoms=text), {"present": [alert(NUMB, "warning", True, 8)]})
scenario("words_temp_38_5", "'temperature 38.5' is a fever: call the doctor (GUIDANCE §4).",
         put(course(12), 8, symptoms="temperature 38.5"), {"present": [alert(SOON, "warning", True, 8)]})
for sid, text in [("neg_no_fever_no_weight_loss", "no fever, no weight loss"),
                  ("neg_bladder_normal", "bladder and bowels normal")]:
    scenario(sid, f"'{text}' reports no warning sign: quiet.",
             put(course(12), 8, symptoms=text), {"absent": SIGNS, "max_severity": "none"})
scenario("note_leg_numb", "A note that the left leg went numb is new numbness in one leg (issue 9: phrasings in "
         "notes).", put(course(12), 8, notes="left leg went numb this afternoon"),
         {"present": [alert(NUMB, "warning", True, 8)]})
scenario("numb_left_then_right", "Numbness in the left leg one day and the right leg the next: numbness on two "
         "days running, both legs affected: urgent (README; issue 9).",
         put(put(course(12), 7, symptoms="numbness in left leg"), 8, symptoms="numbness in right leg"),
         {"present": [alert(URGENT, "urgent", True)]})

for sid, med, why in [
    ("para_cocodamol8_plus_para",
     "co-codamol 8/500 2 tablets 4 times a day; paracetamol 500 mg 2 tablets 4 times a day",
     "4 g in co-codamol plus 4 g plain is 8 g"),
    ("para_dose_first_wording", "1g paracetamol 6 times", "1 g six times is 6 g"),
    ("para_500_2tabs_q4h", "paracetamol 500mg 2 tablets q4h", "2 tablets every 4 hours is 6 g"),
    ("para_vicodin_plus_tylenol", "Vicodin 2 tablets every 4 hours; Tylenol 500 mg 2 tablets twice daily",
     "Vicodin 12 x 300 mg is 3.6 g plus 2 g is 5.6 g"),
]:
    scenario(sid, f"Paracetamol above 4 g a day is urgent ({why}; NHS; issue 9).",
             put(course(12), 6, medications=med), {"present": [alert("daily_dose_exceeded", "urgent", True, 6)]})
scenario("para_650_q4h_us", "Acetaminophen 650 mg every 4 hours is 3.9 g: within the 4 g maximum (DailyMed).",
         put(course(12), 6, medications="acetaminophen 650 mg q4h; ibuprofen 200mg x3"),
         {"absent": ["daily_dose_exceeded"]})
for sid, med in [("opioid_zapain", "Zapain 2 tablets qds"),
                 ("opioid_solpadeine_max", "Solpadeine Max 2 tablets qds"),
                 ("opioid_codydramol", "co-dydramol 10/500 2 tablets qds"),
                 ("opioid_ultracet", "Ultracet 1 tablet q6h"),
                 ("opioid_vicodin", "Vicodin 1 tablet every 6 hours"),
                 ("opioid_oxy_every_4_to_6", "oxycodone 5 mg every 4 to 6 hours as needed"),
                 ("opioid_ultram", "Ultram 50 mg q6h prn"),
                 ("opioid_codeine_phosphate", "codeine phosphate 30mg 2 tablets 4 times a day")]:
    scenario(sid, f"'{med}' on 5 days running is an opioid beyond three days (BNF; MHRA 2009; issue 9).",
             on(course(12), range(3, 8), medications=med),
             {"present": [alert("codeine_over_3_days", "warning", between=(3, 7))]})
scenario("nsaid_excedrin_ibu", "Excedrin (aspirin 250 mg) 2 tablets four times a day is 2 g of aspirin, an "
         "analgesic dose, with ibuprofen: two NSAIDs (labels).",
         put(course(12), 6, medications="Excedrin 2 tablets 4 times a day; ibuprofen 400mg tds"),
         {"present": [alert("two_nsaids_same_day", "warning", date=6)]})
scenario("nsaid_aspirin75_x3_ibu", "Aspirin 75 mg three times is 225 mg, above low dose, with ibuprofen: two NSAIDs "
         "(issue 9: low dose is up to 150 mg a day).",
         put(course(12), 6, medications="aspirin 75mg tds; ibuprofen 400mg tds"),
         {"present": [alert("two_nsaids_same_day", "warning", date=6)]})
scenario("nsaid_aspirin75_naproxen", "Low-dose aspirin with naproxen 500 mg twice daily: neither two NSAIDs nor a "
         "dose warning (issue 9).", put(course(12), 6, medications="aspirin 75 mg od; naproxen 500 mg bd"),
         {"absent": ["two_nsaids_same_day", serious("daily_dose_exceeded")]})

scenario("menezes_pain_9", "Pain 9 falling at the published pace to day 35: worst pain is coming down, so no "
         "worst-pain warning (issue 9: Menezes Costa 2012 pace does not warn).",
         course(36, 9.0), {"absent": ["worst_pain_after_week"], "status": "on_track"})
scenario("menezes_big_worst_gap", "Pain 6 at the published pace with worst pain 3 points above (9 at onset): worst "
         "pain falls with it, no worst-pain warning (issue 9).",
         course(29, worst_gap=3.0), {"absent": ["worst_pain_after_week"]})
scenario("fall_then_flat_worst", "Pain 7 falls to 5 in the first days then stays at 5 (worst 6.5) to day 21: worst "
         "pain not coming down after the first week warns from day 7-14 (issue 9: flat or rising).",
         course(22, pain=lambda d: max(5.0, 7 - 0.5 * d) + (NOISE[d % 7] / 2 if d >= 5 else 0)),
         {"present": [alert("worst_pain_after_week", "warning", between=(7, 14))], "projection": None})
scenario("recurrence_one_bad_day", "Recovered, then one day at pain 3 among zeros: the 7-day mean stays below 3, "
         "so the pain has not come back (issue 9: 7-day mean 3+).",
         course(28, pain=lambda d: 3 if d == 22 else ([5, 4.5, 4, 3, 2.5, 2, 1.5, 1, 1, 0.5][d] if d < 10 else 0)),
         {"recovered_date": day(7), "recurrence_date": None})
scenario("recurrence_mean_3", "Recovered on day 7, pain 3 every day from day 21: the 7-day mean reaches 3, the pain "
         "came back (issue 9).",
         course(29, pain=lambda d: ([5, 4.5, 4, 3, 2.5, 2, 1.5, 1, 1, 0.5][d] if d < 10 else 0) if d < 21 else 3),
         {"recovered_date": day(7), "recurrence_date": [day(21), day(27)]})
scenario("late_start_one_day", "Diary starts the day after the onset: the onset-day pain was not logged, so the "
         "baseline is estimated (issue 9).", course(15, first=1), {"baseline_estimated": True})
scenario("on_time_start", "Diary starts on the onset day: the baseline is logged, not estimated.",
         course(15), {"baseline_estimated": False})
scenario("six_weeks_mostly_active", "Day 45 at 50 of a normal 60 minutes (83%): as active as before for this rule "
         "(seeds: 75% of normal).", course(46, activity=lambda d: min(50, 15 + 5 * d)),
         {"absent": ["not_recovered_6w"]})
scenario("before_six_weeks_inactive", "Day 40 at 25 of 60 minutes: too early for the six-week rule (seeds).",
         course(41, activity=lambda d: 25), {"absent": ["not_recovered_6w"]})
scenario("bed_rest_spread_out", "Bed-rest days 0, 1 and 8 are not three within one week (NHS).",
         on(course(12), [0, 1, 8], bed_rest_hours=10), {"absent": ["bed_rest_over_2_days"]})

scenario("nsaid_aspirin81_od_ibu", "Aspirin 81 mg once a day (US low dose) with ibuprofen: not two NSAIDs (issue 9).",
         put(course(12), 6, medications="aspirin 81 mg od; ibuprofen 400mg tds"), {"absent": ["two_nsaids_same_day"]})
for sid, text in [("neg_bowels_ok", "bowels ok"), ("neg_can_move_legs", "can move both legs fine"),
                  ("neg_no_saddle_no_bladder", "no saddle numbness, no bladder problems")]:
    scenario(sid, f"'{text}' reports no warning sign: quiet.",
             put(course(12), 8, symptoms=text), {"absent": SIGNS, "max_severity": "none"})
scenario("words_not_numb_but_weak_leg", "'not numb but left leg weak' reports new weakness in one leg despite the "
         "negation: at least a warning (issue 9).", put(course(12), 8, symptoms="not numb but left leg weak"),
         {"present": [alert(NUMB, "warning", True, 8)]})

# --- 14. Boundaries of the holding windows; more words and medicine forms ------------------------------------
scenario("hold_urgent_day_14", "Judged exactly 14 days after a single bladder report: still active (issue 9: at "
         "least 14 days after last reported).", put(course(9), 8, symptoms="bladder_bowel"),
         {"present": [alert(URGENT, "urgent", True, 8)]}, as_of=22)
scenario("hold_fever_day_7", "Judged exactly 7 days after a fever report: still active (issue 9: at least 7 days).",
         put(course(9), 8, symptoms="fever"), {"present": [alert(SOON, "warning", True, 8)]}, as_of=15)
scenario("hold_numbness_day_7", "Judged exactly 7 days after new numbness in one leg: still active (issue 9).",
         put(course(9), 8, symptoms="numbness"), {"present": [alert(NUMB, "warning", True, 8)]}, as_of=15)
scenario("hold_two_day_numbness_urgent", "Numbness on days 7 and 8 became urgent: held like every urgent sign, "
         "active 12 days later (issue 9: 14 days).", on(course(9), [7, 8], symptoms="numbness"),
         {"present": [alert(URGENT, "urgent", True)]}, as_of=20)
scenario("hold_overdose_13_days", "A paracetamol overdose judged 13 days later: still active (issue 9: urgent, "
         "held like a red flag).", put(course(9), 6, medications="paracetamol 1g x6"),
         {"present": [alert("daily_dose_exceeded", "urgent", True, 6)]}, as_of=19)
scenario("opioid_four_days", "Codeine on exactly 4 days running is more than three days (MHRA 2009).",
         on(course(12), range(3, 7), medications="codeine 30mg qds"),
         {"present": [alert("codeine_over_3_days", "warning")]})
for sid, text in [("words_numb_groin", "numb groin"),
                  ("words_pins_needles_both_legs", "pins and needles in both legs")]:
    scenario(sid, f"'{text}' is saddle numbness or both legs: seek care now (GUIDANCE §4).",
             put(course(12), 8, symptoms=text), {"present": [alert(URGENT, "urgent", True, 8)]})
scenario("words_cant_lift_foot", "'can't lift my left foot' is new weakness in one leg: at least a warning (issue 9).",
         put(course(12), 8, symptoms="can't lift my left foot"), {"present": [alert(NUMB, "warning", True, 8)]})
for sid, text in [("words_lost_5kg", "lost 5 kg without trying"), ("words_night_sweats", "night sweats and shivering")]:
    scenario(sid, f"'{text}' is weight loss or feeling unwell: call the doctor (GUIDANCE §4).",
             put(course(12), 8, symptoms=text), {"present": [alert(SOON, "warning", True, 8)]})
scenario("meds_tylenol_es_caplets", "Tylenol Extra Strength 2 caplets every 6 hours is 4 g: at the maximum, no "
         "dose alert (DailyMed).", put(course(12), 6, medications="Tylenol Extra Strength 2 caplets every 6 hours; "
         "Advil 200mg x2"), {"absent": ["daily_dose_exceeded"]})
scenario("meds_naprosyn_bid", "Naprosyn 500 mg BID is an ordinary naproxen prescription: no warning (BNF).",
         put(course(12), 6, medications="Naprosyn 500mg BID"), {"absent": [serious("daily_dose_exceeded")]})
scenario("meds_mobic_advil", "Mobic (meloxicam) with Advil (ibuprofen): two NSAIDs on one day (labels).",
         put(course(12), 6, medications="Mobic 15mg od; Advil 200mg 2 tablets tid"),
         {"present": [alert("two_nsaids_same_day", "warning", date=6)]})
scenario("meds_celebrex_ok", "Celebrex 200 mg twice a day alone: no NSAID pair, no dose warning (BNF).",
         put(course(12), 6, medications="Celebrex 200mg bd"),
         {"absent": ["two_nsaids_same_day", serious("daily_dose_exceeded")]})

# --- 15. More course shapes -------------------------------------------------------------------------------------
scenario("numbness_then_weakness", "Numbness one day and weakness the next: numbness or weakness on two days running "
         "is urgent (README; GUIDANCE §4 'new or worsening').",
         put(put(course(12), 7, symptoms="numbness"), 8, symptoms="weakness"),
         {"present": [alert(URGENT, "urgent", True)]})
scenario("worst_flat_while_average_falls", "Average pain falls at the usual pace but the worst pain stays at 8 to "
         "day 21: the worst pain persists after a week, a warning from day 7-14 (seeds; issue 9).",
         [dict(r, worst_pain=8.0) for r in course(22)],
         {"present": [alert("worst_pain_after_week", "warning", between=(7, 14))]})
scenario("slow_real_fall_projection", "Pain 7 falling steadily by 0.12 a day with day-to-day wobble over four weeks: "
         "a real fall, so a recovery date is projected (README).",
         course(29, pain=lambda d: 7 - 0.12 * d + NOISE[d % 7] / 2), {"projection": "date"})
scenario("plateau_no_projection", "Pain 7 to 4 in the first week, then flat at 4 with wobble for four weeks: not "
         "falling any more, so no recovery date (issue 9: projection only for a course really falling).",
         course(36, pain=lambda d: (7 - 3 * d / 7) if d < 7 else 4 + NOISE[d % 7]), {"projection": None})
scenario("late_start_first_logged", "Diary starts on day 10 at the usual course (about 4.6): the first logged pain is "
         "the mean of the first 3 diary days and the estimated baseline is above it (README).",
         course(25, first=10),
         {"baseline_estimated": True,
          "approx": {"first_logged_pain": [round(sum(round(6 * menezes(d), 1) for d in (10, 11, 12)) / 3, 2), 0.02]},
          "baseline_above_first_logged": True})
scenario("activity_falling_above_normal", "Active minutes falling from 120 to 65 of a normal 60: still above normal, "
         "not 'less and less active' in the warning sense (seeds; README: while below normal).",
         course(20, activity=lambda d: 120 - 3 * d), {"absent": ["activity_declining"]})
scenario("nsaid_nurofen_plus_naproxen", "Nurofen Plus (ibuprofen with codeine) and naproxen on one day: two NSAIDs "
         "(labels; README: combination products count).",
         put(course(12), 6, medications="Nurofen Plus 2 tablets tds; naproxen 250mg bd"),
         {"present": [alert("two_nsaids_same_day", "warning", date=6)]})

# --- 16. Negation scope, typos, more US combination products ----------------------------------------------------
for sid, text in [("words_no_bladder_but_saddle", "no bladder problems, but numb saddle area"),
                  ("words_bladder_ok_saddle_numb", "bladder ok, saddle numb"),
                  ("words_cant_controll_bladder_typo", "cant controll bladder")]:
    scenario(sid, f"'{text}' reports an urgent sign: seek care now (GUIDANCE §4).",
             put(course(12), 8, symptoms=text), {"present": [alert(URGENT, "urgent", True, 8)]})
scenario("meds_tylenol4_codeine_over", "Tylenol #4 (codeine 60 mg) 2 tablets four times a day is 480 mg of codeine, "
         "above the 240 mg maximum: a warning (BNF).", put(course(12), 6, medications="Tylenol #4 2 tablets qid"),
         {"present": [alert("daily_dose_exceeded", "warning", date=6)]})
scenario("opioid_percocet", "'Percocet 5/325 1 tablet q6h' on 5 days running is an opioid beyond three days (issue 9).",
         on(course(12), range(3, 8), medications="Percocet 5/325 1 tablet q6h"),
         {"present": [alert("codeine_over_3_days", "warning", between=(3, 7))]})
for sid, text in [("words_no_numbness_comma_but_bladder", "no numbness, but can't control my bladder"),
                  ("words_no_bladder_but_saddle_no_comma", "no bladder problems but numb saddle area")]:
    scenario(sid, f"'{text}' reports an urgent sign after its negation: seek care now (GUIDANCE §4).",
             put(course(12), 8, symptoms=text), {"present": [alert(URGENT, "urgent", True, 8)]})
scenario("neg_bladder_fine", "'bladder fine' reports no warning sign: quiet.",
         put(course(12), 8, symptoms="bladder fine"), {"absent": SIGNS, "max_severity": "none"})
for sid, text in [("neg_temperature_normal", "temperature normal"), ("neg_saddle_area_fine", "saddle area fine"),
                  ("neg_can_feel_saddle", "can feel my saddle area normally"), ("neg_weight_stable", "weight stable")]:
    scenario(sid, f"'{text}' reports a normal finding, no warning sign: quiet.",
             put(course(12), 8, symptoms=text), {"absent": SIGNS, "max_severity": "none"})

# --- 17. Seen: only the sign that was assessed, and only reports up to the assessment ----------------------------
scenario("seen_other_code_keeps_urgent", "Bladder and fever reported on day 5; the GP saw the fever on day 6: the "
         "urgent sign has not been assessed and stays active (README: seen closes the code assessed).",
         put(course(12), 5, symptoms="bladder_bowel;fever"),
         {"present": [alert(URGENT, "urgent", True, 5), alert(SOON, "warning", False, 5, seen_date=6)]},
         seen=[(SOON, 6)])
scenario("seen_before_report", "An assessment on day 3 does not cover saddle numbness first reported on day 8: "
         "active (README: a report after the seen date starts it again).",
         put(course(12), 8, symptoms="saddle_numbness"), {"present": [alert(URGENT, "urgent", True, 8)]},
         seen=[(URGENT, 3)])
scenario("seen_closes_overdose", "A paracetamol overdose on day 4 assessed by a clinician on day 5: no longer active "
         "(issue 9: urgent until marked seen).", put(course(12), 4, medications="paracetamol 1g x6"),
         {"present": [alert("daily_dose_exceeded", "urgent", False, 4, seen_date=5)]},
         seen=[("daily_dose_exceeded", 5)])

# --- 18. Doses written the way people write them: commas inside one medicine, "2 x 500mg" ----------------------
scenario("para_commas_in_dose", "'Paracetamol 500mg, 2 tabs, 6x daily' is 6 g of paracetamol: urgent (NHS; issue 9).",
         put(course(12), 6, medications="Paracetamol 500mg, 2 tabs, 6x daily"),
         {"present": [alert("daily_dose_exceeded", "urgent", True, 6)]})
scenario("para_2_x_500mg", "'paracetamol 2 x 500mg 6 times a day' is 6 g of paracetamol: urgent (NHS; issue 9).",
         put(course(12), 6, medications="paracetamol 2 x 500mg 6 times a day"),
         {"present": [alert("daily_dose_exceeded", "urgent", True, 6)]})
scenario("ibu_commas_800_x4", "'ibuprofen 800 mg, 4 times a day' is 3,200 mg, above the adult maximum: a warning "
         "(BNF).", put(course(12), 6, medications="ibuprofen 800 mg, 4 times a day"),
         {"present": [alert("daily_dose_exceeded", "warning", date=6)]})

# --- 19. Rules that must wait for their day -------------------------------------------------------------------
scenario("flat_first_week_only", "Pain flat at 7 (worst 8.5) for the first six days only: too early to say the worst "
         "pain persists after a week (seeds; README: from day 7).",
         course(7, pain=lambda d: 7 + NOISE[d % 7]), {"absent": ["worst_pain_after_week"]})
scenario("activity_drop_first_week", "Activity falling in the first six days only: too early for the declining rule "
         "(README: from day 7).", course(7, activity=lambda d: 60 - 8 * d), {"absent": ["activity_declining"]})
scenario("no_progress_day_20", "Stuck at 15 minutes to day 20: the three-week check is not due yet (seeds: after "
         "three weeks).", course(21, activity=lambda d: 15), {"absent": ["no_activity_progress_3w"]})
scenario("bed_rest_first_day_only", "A whole first day in bed (16 h) only: not beyond two days (NHS).",
         put(course(12), 0, bed_rest_hours=16), {"absent": ["bed_rest_over_2_days"]})
