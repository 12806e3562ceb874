"""analysis.review.alert_runs: the runs of one alert said as one, and a "Got it" on the newest run putting aside
the earlier ones (analysis.alerts.engine.visible)."""
from __future__ import annotations

import pandas as pd

from analysis.alerts.engine import visible
from analysis.review.alert_runs import merge_runs, newest_run, together


def _runs(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame([{"episode_id": e, "code": code, "severity": sev, "date": pd.Timestamp(d),
                          "last_date": pd.Timestamp(last), "active": True, "detail": detail,
                          "fingerprint": f"{code}:{d}"} for e, code, sev, d, last, detail in rows])


def test_three_reports_of_one_sign_are_one_row_naming_each() -> None:
    flag = "red_flag_emergency"
    rows = _runs((1, flag, "urgent", "2026-10-23", "2026-10-23", "Loss of control reported on 23 October 2026"),
                 (1, flag, "urgent", "2026-10-15", "2026-10-15", "Loss of control reported on 15 October 2026"),
                 (1, flag, "urgent", "2026-10-19", "2026-10-20",
                  "Loss of control first reported on 19 October 2026, last reported 20 October 2026"),
                 (2, flag, "urgent", "2026-10-01", "2026-10-01", "Fever reported on 1 October 2026"))
    merged = merge_runs(rows)
    assert merged["detail"].tolist() == [
        "Loss of control reported on 15 October 2026, again from 19 October 2026 to 20 October 2026 and on 23 "
        "October 2026", "Fever reported on 1 October 2026"]  # another episode's stays its own
    assert merged["date"].tolist() == [pd.Timestamp("2026-10-15"), pd.Timestamp("2026-10-01")]
    assert merged["last_date"].tolist() == [pd.Timestamp("2026-10-23"), pd.Timestamp("2026-10-01")]
    assert merged["fingerprints"].iloc[0] == ("red_flag_emergency:2026-10-15", "red_flag_emergency:2026-10-19",
                                              "red_flag_emergency:2026-10-23")
    assert newest_run(merged["fingerprints"].iloc[0]) == "red_flag_emergency:2026-10-23"


def test_runs_worded_differently_keep_their_own_words() -> None:
    assert together(["Fever reported on 1 May 2026", "Loss of control reported on 3 May 2026"]) == \
        "Fever reported on 1 May 2026; Loss of control reported on 3 May 2026"
    assert together(["Something odd", "Something odd"]) == "Something odd"
    assert together(["Fever reported on 1 May 2026", "Fever reported on 3 May 2026"]) == \
        "Fever reported on 1 May 2026, again on 3 May 2026"


def test_one_run_per_alert_is_left_as_it_is() -> None:
    rows = _runs((1, "pain_worsening", "warning", "2026-10-02", "2026-10-04", "Pain flare first noted on 2 October"))
    merged = merge_runs(rows)
    assert merged.drop(columns="fingerprints").equals(rows)
    assert merge_runs(rows.iloc[:0]).empty


def test_got_it_on_the_newest_run_puts_aside_the_earlier_ones_not_a_later_one() -> None:
    rows = _runs((1, "numbness_new", "warning", "2026-10-02", "2026-10-02", "a"),
                 (1, "numbness_new", "warning", "2026-10-06", "2026-10-06", "b"),
                 (1, "numbness_new", "warning", "2026-10-09", "2026-10-09", "c"),
                 (1, "red_flag_emergency", "urgent", "2026-10-01", "2026-10-01", "d"))
    shown = visible(rows, {(1, "numbness_new:2026-10-06"), (1, "red_flag_emergency:2026-10-01")})
    assert shown["detail"].tolist() == ["c", "d"]  # the run after it is new; an urgent one is never put aside
    assert visible(rows, set())["detail"].tolist() == ["a", "b", "c", "d"]
    assert visible(rows, {(2, "numbness_new:2026-10-09")})["detail"].tolist() == ["a", "b", "c", "d"]


def test_a_run_put_aside_of_an_alert_reported_again_joins_its_card() -> None:
    from analysis.review.alert_runs import cards_and_aside

    new = _runs((1, "red_flag_see_doctor", "warning", "2026-10-06", "2026-10-06", "Fever reported on 6 October 2026"))
    old = _runs((1, "red_flag_see_doctor", "warning", "2026-10-01", "2026-10-01", "Fever reported on 1 October 2026"),
                (1, "pain_worsening", "warning", "2026-10-02", "2026-10-03", "Pain flare first noted on 2 October"))
    cards, aside = cards_and_aside(new, old)
    assert cards["detail"].tolist() == ["Fever reported on 1 October 2026, again on 6 October 2026"]
    assert newest_run(cards["fingerprints"].iloc[0]) == "red_flag_see_doctor:2026-10-06"
    assert aside["code"].tolist() == ["pain_worsening"]
    cards, aside = cards_and_aside(new, old.iloc[1:])
    assert len(cards) == 1 and aside["code"].tolist() == ["pain_worsening"]


def test_the_gp_report_gives_one_line_per_alert_naming_each_report() -> None:
    """Page 1's "Alerts now" listed a sign reported on two days as two lines, the pages as one (review 32)."""
    from analysis.output.report_sections import alert_lines

    runs = _runs((1, "red_flag_see_doctor", "warning", "2026-10-06", "2026-10-06", "Fever reported on 6 October 2026"),
                 (1, "red_flag_see_doctor", "warning", "2026-10-01", "2026-10-01", "Fever reported on 1 October 2026"))
    texts = [text for text, _, _ in alert_lines(runs.assign(message="See a doctor."))]
    assert [t for t in texts if "Fever" in t] == ["- Fever or weight loss: Fever reported on 1 October 2026, again on "
                                                  "6 October 2026."], texts
