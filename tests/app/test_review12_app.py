"""Review 12: a patient's day (Mia in a bad first week, Tom in week 3, Ana with warning signs) on the patient pages,
met by a reviewer who did not write them (AppTest; the same steps were first taken in Chromium, screenshots in
/tmp/r12/)."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from analysis.storage import DayEntry, Diary, Dose
from tests.apptest import run, stored_day, texts

pytestmark = pytest.mark.usefixtures("fresh_diary")  # every test starts on an empty diary file (conftest.py)
TODAY = dt.date.today()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_mia_finds_co_codamol_in_todays_medicine_list(fresh_diary: Path) -> None:
    """Mia, day 1 of a bad episode, takes co-codamol 30/500 (two tablets four times) and ibuprofen. In Chromium,
    typing 'co-codamol' or 'cocodamol' in *Medicines taken* shows 'No results' (/tmp/r12/mia_03_cocodamol_search.png):
    she must know it is codeine and paracetamol and enter both, or leave the most important opioid out of the
    diary (the codeine three-day rule and the paracetamol maximum then never see it)."""
    diary = Diary(fresh_diary)
    diary.add_episode("Mia", _ago(1), normal_activity_minutes=45)
    diary.close()
    at = run("screens/today.py")
    labels = " | ".join(at.multiselect(key="log_meds").options).lower()
    assert "co-codamol" in labels or "cocodamol" in labels, labels


def _date_ticks_ok(spec: dict) -> bool:
    """Whether a plotly figure's x axis is labelled in whole days: a day-only tickformat or a tick at least a day
    apart (plotly's own choice on a 1-2 day axis is hours and milliseconds)."""
    xaxis = spec.get("layout", {}).get("xaxis", {})
    fmt, dtick = xaxis.get("tickformat"), xaxis.get("dtick")
    if fmt and not any(code in fmt for code in ("%H", "%I", "%M", "%S", "%L", "%f")):
        return True
    try:
        return float(dtick) >= 86_400_000
    except (TypeError, ValueError):
        return isinstance(dtick, str) and dtick.startswith("M")


def test_mias_progress_charts_label_days_not_milliseconds(fresh_diary: Path) -> None:
    """Mia's first day logged (pain 8, in bed, three medicines). Progress's *Medicines taken* chart reads
    '23:59:59.999 Dec 1, 2026 | 23:59:59.9995 | 00:00:00 Dec 2, 2026 | 00:00:00.0005' under her one day
    (/tmp/r12/mia_07b.png) and the activity chart '00:00 Dec 1, 2026 | 06:00 | 12:00 | 18:00'."""
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Mia", _ago(1), normal_activity_minutes=45)
    diary.save_entry(episode, DayEntry(TODAY, 8, 9, 0, 8, "stayed in bed",
                                       [Dose("codeine", 30, 4), Dose("paracetamol", 1000, 4),
                                        Dose("ibuprofen", 400, 3)]))
    diary.close()
    at = run("screens/progress.py")
    charts = {chart.proto.id: json.loads(chart.proto.spec) for chart in at.get("plotly_chart")}
    medicine = next(spec for spec in charts.values()
                    if spec.get("layout", {}).get("title", {}).get("text") == "Medicines taken")
    activity = next(spec for spec in charts.values()
                    if "walking target" in spec.get("layout", {}).get("title", {}).get("text", ""))
    assert _date_ticks_ok(medicine), medicine["layout"].get("xaxis")
    assert _date_ticks_ok(activity), activity["layout"].get("xaxis")


def ana_with_numbness_then_bladder(db: Path) -> int:
    """Ana, day 10: nine ordinary days, then today numbness (a sign that needs a doctor) and loss of bladder or
    bowel control (an emergency), both ticked on today's entry."""
    diary = Diary(db)
    episode = diary.add_episode("Ana", _ago(10), normal_activity_minutes=60)
    for ago in range(10, 0, -1):
        diary.save_entry(episode, DayEntry(_ago(ago), 5, 6, 30, 0, ""))
    diary.save_entry(episode, DayEntry(TODAY, 5, 6, None, None, "", [], ["numbness", "bladder_bowel"]))
    diary.close()
    return episode


def test_ana_resave_after_seen_does_not_say_seen_about_a_sign_still_open(fresh_diary: Path) -> None:
    """Ana ticks numbness, then bladder control, saves; on Progress she presses *I have been seen about this* on the
    emergency card; back on Today she adds a note and saves.
    Under Save: 'You were seen about this today: numb or tingling leg, tummy or buttock; can't pee, ...'
    while at the top of the same page: 'New numbness or weakness: ... needs a doctor ... I have been seen about
    this' (/tmp/r12/ana_08_resaved.png). The page said both that she was and was not seen about the numbness.

    Since review 33 the emergency's visit is a doctor's view of the same day's numbness too (seen_after.COVERED_BY):
    Progress shows the numbness in the emergency's card (one button), and the visit closes both, so the page no
    longer asks her to call her GP about numbness the emergency department has just seen."""
    ana_with_numbness_then_bladder(fresh_diary)
    progress = run("screens/progress.py")
    seen_buttons = [b for b in progress.button if b.label == "I have been seen about this"]
    assert [b.key for b in seen_buttons] == ["seen_red_flag_emergency"]  # the numbness is the emergency's card
    seen_buttons[0].click().run()
    assert not progress.exception, progress.exception
    today = run("screens/today.py")
    assert "New numbness or weakness" not in texts(today)  # seen about with the emergency
    today.text_area(key="log_notes").set_value("saw the out-of-hours GP")
    today.button(key="log_save").click().run()
    assert not today.exception, today.exception
    said = texts(today)
    assert "New numbness or weakness" not in said and "call your GP today" not in said, said


def test_tom_sees_the_check_in_he_just_saved_on_progress(fresh_diary: Path) -> None:
    """Tom, day 21, opens Today in the morning: before logging the day he does the weekly check-in ('Putting on
    socks' 5, 'Sitting at my desk' 5) and presses *Save check-in* ('Check-in saved.'). Progress has no check-in at
    all (/tmp/r12/tom_09_progress.png), while Today's Check-in button no longer says '(due)'."""
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Tom", _ago(21), normal_activity_minutes=90)
    for ago in range(21, 0, -1):
        diary.save_entry(episode, DayEntry(_ago(ago), max(2.0, 7 - 0.2 * (21 - ago)), None, 10 + 2 * (21 - ago), 0,
                                           ""))
    diary.close()
    today = run("screens/today.py")
    today.text_input(key=f"plan_psfs_name_{episode}_0").set_value("Putting on socks")
    today.text_input(key=f"plan_psfs_name_{episode}_1").set_value("Sitting at my desk")
    today.number_input(key=f"plan_psfs_score_{episode}_0").set_value(5)  # a score is given, never assumed (review 33)
    today.number_input(key=f"plan_psfs_score_{episode}_1").set_value(5)
    today.button(key=f"FormSubmitter:plan_checkin_{episode}-Save check-in").click().run()
    assert not today.exception, today.exception
    assert len(Diary(fresh_diary).answers([episode], "psfs")) == 2  # saved
    progress = run("screens/progress.py")
    assert "Everyday activities" in [s.value for s in progress.subheader]
    assert "Your last check-in (week 4)" in texts(progress)


def test_a_second_tab_save_does_not_erase_what_the_first_tab_saved(fresh_diary: Path) -> None:
    """Tom keeps Today open on his laptop (tab B) and logs the day on another tab (tab A): pain 3, 40 minutes,
    paracetamol, a note. Later he notices tab B, picks pain 4 there (his evening pain) and presses Save: 'Updated
    the entry for today.' The 40 minutes, the paracetamol and the note are gone from the diary."""
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Tom", _ago(21), normal_activity_minutes=90)
    diary.save_entry(episode, DayEntry(_ago(1), 3, 4, 50, 0, ""))
    diary.close()
    tab_b = run("screens/today.py")  # opened first, today not logged yet
    tab_a = run("screens/today.py")
    tab_a.segmented_control(key="log_pain").set_value(3)
    tab_a.number_input(key="log_activity").set_value(40)
    tab_a.multiselect(key="log_meds").set_value(["paracetamol"]).run()
    tab_a.text_area(key="log_notes").set_value("walked to the shop and back")
    tab_a.button(key="log_save").click().run()
    assert not tab_a.exception, tab_a.exception
    saved = stored_day(fresh_diary, episode, TODAY)
    assert saved.activity_minutes == 40 and saved.notes == "walked to the shop and back"
    tab_b.segmented_control(key="log_pain").set_value(4)
    tab_b.button(key="log_save").click().run()
    assert not tab_b.exception, tab_b.exception
    after = stored_day(fresh_diary, episode, TODAY)
    assert after.activity_minutes == 40, after
    assert after.notes == "walked to the shop and back", after
    assert [d.medicine for d in after.doses] == ["paracetamol"], after


def ana_with_bladder_today(db: Path) -> int:
    """Ana, day 10: nine ordinary days, then loss of bladder or bowel control ticked today."""
    diary = Diary(db)
    episode = diary.add_episode("Ana", _ago(10), normal_activity_minutes=60)
    for ago in range(10, 0, -1):
        diary.save_entry(episode, DayEntry(_ago(ago), 5, 6, 30, 0, ""))
    diary.save_entry(episode, DayEntry(TODAY, 5, 6, None, None, "", [], ["bladder_bowel"]))
    diary.close()
    return episode


def test_ana_is_not_told_closed_when_her_seen_date_is_before_the_report(fresh_diary: Path) -> None:
    """Ana logs loss of bladder control today (she logs in the evening); she was at the emergency department
    yesterday evening when it began, so on Progress she types yesterday's date in *Seen on* and presses *I have
    been seen about this*. The toast says 'Noted: this alert is closed. If the sign comes back, log it again.'
    and the red 'Act now' banner and card stay, with the same button: two answers to one press."""
    ana_with_bladder_today(fresh_diary)
    at = run("screens/progress.py")
    at.date_input(key="seen_date_red_flag_emergency").set_value(_ago(1))
    next(b for b in at.button if b.label == "I have been seen about this").click().run()
    assert not at.exception, at.exception
    toasts = [t.proto.body for t in at.toast]
    still_urgent = any(e.value.startswith("**Act now:**") for e in at.error)
    assert still_urgent  # the alert did not close (the report is after the seen date)
    assert not any("this alert is closed" in t for t in toasts), toasts


def test_the_alert_history_table_writes_dates_as_the_rest_of_the_page(fresh_diary: Path) -> None:
    """Ana's Alert history (/tmp/r12/hist_Ana_b.png): 'Emergency warning sign | urgent | 2026-12-02 | 2026-12-02 | no'
    under a card reading 'reported on 2 December 2026'."""
    ana_with_bladder_today(fresh_diary)
    at = run("screens/progress.py")
    table = next(d for d in at.dataframe if "Still applies" in list(d.value.columns))
    config = json.loads(table.proto.columns or "{}")
    formatted = {name: (cfg.get("type_config") or {}).get("format") for name, cfg in config.items()
                 if isinstance(cfg, dict)}
    for column in ("From", "To"):
        shown = [str(v) for v in table.value[column]]
        plain = all(not re_iso(v) for v in shown)
        assert plain or formatted.get(column) not in (None, "", "YYYY-MM-DD"), (column, shown, formatted)


def re_iso(text: str) -> bool:
    return re.fullmatch(r"\d{4}-\d\d-\d\d( 00:00:00)?", text) is not None


def tom_with_an_automatic_backup(db: Path) -> int:
    """Tom's diary with an automatic backup taken (as before an import), then today logged after it."""
    diary = Diary(db)
    episode = diary.add_episode("Tom", _ago(21), normal_activity_minutes=90)
    for ago in range(21, 1, -1):
        diary.save_entry(episode, DayEntry(_ago(ago), 4, 5, 40, 0, ""))
    taken = diary.backup_before_import()  # as an import takes it, and the import went ahead
    assert taken is not None
    diary.kept_import_backup(taken, changed=True)
    diary.save_entry(episode, DayEntry(_ago(1), 3, 4, 50, 0, "first full day back at work"))
    diary.close()
    return episode


def test_automatic_backups_are_named_in_words(fresh_diary: Path) -> None:
    """Tom opens the Diary page (/tmp/r12/tom_10_diary.png): under 'Automatic backup' he must pick between names
    like 'diary.backup-20261202-152856-685525-import.db'."""
    tom_with_an_automatic_backup(fresh_diary)
    at = run("screens/diary.py")
    options = at.selectbox(key="auto_backup_pick").options
    assert options and not any(".db" in o or "backup-" in o for o in options), options


def test_restoring_an_automatic_backup_asks_first(fresh_diary: Path) -> None:
    """Tom, on the Diary page to download his CSV, clicks the button under it: yesterday's entry ('first full day
    back at work') is gone from the diary at once; only a file in the backup list still has it."""
    episode = tom_with_an_automatic_backup(fresh_diary)
    at = run("screens/diary.py")
    at.button(key="auto_backup_restore").click().run()
    assert not at.exception, at.exception
    kept = stored_day(fresh_diary, episode, _ago(1))
    assert kept is not None and kept.notes == "first full day back at work", kept


def test_mias_progress_says_why_there_is_no_date_yet_in_plain_words(fresh_diary: Path) -> None:
    """Mia, day 1, pain 8 (/tmp/r12/mia_07a.png). Everywhere else the page says 'since it started'."""
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Mia", _ago(1), normal_activity_minutes=45)
    diary.save_entry(episode, DayEntry(TODAY, 8, 9, 0, 8, ""))
    diary.close()
    at = run("screens/progress.py")
    said = texts(at) + "\n".join(c.value for c in at.caption)
    assert "Days since it started" in [m.label for m in at.metric]
    for word in ("onset", "to project", "the trend uses"):
        assert word not in said, (word, said)


def test_anas_diary_table_names_her_warning_signs_in_her_words(fresh_diary: Path) -> None:
    """Ana ticked numbness, then bladder control, on Today; the Diary page (scrolled right) reads 'numbness;
    bladder_bowel' in the row of today."""
    ana_with_numbness_then_bladder(fresh_diary)
    at = run("screens/diary.py")
    table = at.data_editor[0].value
    signs = next(col for col in table.columns if "symptom" in str(col).lower() or "warning" in str(col).lower())
    shown = " | ".join(str(v) for v in table[signs] if str(v))
    assert shown, list(table.columns)
    assert "bladder_bowel" not in shown and "numbness;" not in shown, shown


def test_toms_better_days_are_said_without_statistics(fresh_diary: Path) -> None:
    """Tom, week 3, 17 logged days imported from his spreadsheet (/tmp/r12/hist_Tom_b.png)."""
    from tests.cli_run import cli

    rows = ["date,pain,worst_pain,activity_minutes,bed_rest_hours,medications,patient,onset_date,"
            "normal_activity_minutes"]
    for ago in range(21, 0, -1):
        if ago in (15, 9, 8):
            continue  # the days he missed
        k = 21 - ago
        rows.append(f"{_ago(ago)},{max(2, 7 - k * 0.2):.1f},{min(10, max(3, 8 - k * 0.2)):.1f},{10 + k * 2},"
                    f"{2 if ago > 18 else 0},paracetamol 1g x3,Tom,{_ago(21)},90")
    sheet = fresh_diary.parent / "tom.csv"
    sheet.write_text("\n".join(rows) + "\n")
    done = cli("import", sheet, "--db", fresh_diary)
    assert done.returncode == 0, done.stderr
    at = run("screens/progress.py")
    said = texts(at)
    assert "pain the next day" in said  # the section is there
    assert "rank correlation" not in said and "95% range" not in said, said


def test_mia_is_asked_about_a_paracetamol_dose_of_one_mg(fresh_diary: Path) -> None:
    """In Chromium (/tmp/r12/dose.py) typing into 'ibuprofen: mg per dose': '1,000' -> 1000.00, '1.000' -> 1.00,
    '2x200' -> 2200.00. Mia types her paracetamol as '1.000' four times a day and presses Save: 'Saved today.'
    and nothing else; the Diary and Progress say paracetamol 1 mg."""
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Mia", _ago(1), normal_activity_minutes=45)
    diary.close()
    at = run("screens/today.py")
    at.segmented_control(key="log_pain").set_value(8)
    at.multiselect(key="log_meds").set_value(["paracetamol"]).run()
    at.number_input(key="log_mg_paracetamol").set_value(1.0)
    at.number_input(key="log_times_paracetamol").set_value(4)
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    saved = stored_day(fresh_diary, episode, TODAY)
    said = texts(at) + " ".join(t.proto.body for t in at.toast)
    questioned = "1,000" in said or "1000" in said or "1 mg" in said
    assert questioned or (saved is not None and saved.doses[0].dose_mg != 1.0), (said, saved)


def _nodes(node: object):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def test_toms_first_check_in_is_drawn_in_the_check_in_panel(fresh_diary: Path) -> None:
    """/tmp/r12/tom_08b.png: 'Putting on socks' 5 and 'Sitting at my desk' 5 saved, and below the form an empty
    chart with a y axis of 0, 2, 4."""
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Tom", _ago(21), normal_activity_minutes=90)
    for ago in range(21, 0, -1):
        diary.save_entry(episode, DayEntry(_ago(ago), 4, 5, 40, 0, ""))
    diary.save_answers(episode, "psfs", TODAY, [("1", 5.0, "Putting on socks"), ("2", 5.0, "Sitting at my desk")])
    diary.close()
    at = run("screens/today.py")
    charts = [json.loads(n.proto.spec) for n in _nodes(at._tree) if getattr(n, "type", "") == "vega_lite_chart"]
    assert len(charts) == 1

    def visible(layer: dict) -> bool:
        mark = layer.get("mark", {})
        mark = {"type": mark} if isinstance(mark, str) else mark
        if layer.get("transform"):  # shown only on hover (a selection filter)
            return False
        return (mark.get("type") in ("point", "circle", "square") and mark.get("opacity", 1) > 0) or bool(
            mark.get("point"))

    layers = charts[0].get("layer", [charts[0]])
    assert any(visible(layer) for layer in layers), [layer.get("mark") for layer in layers]


def test_restoring_an_automatic_backup_after_saying_yes_puts_it_back(fresh_diary: Path) -> None:
    """The confirmation names the copy in words and, confirmed, restores it; Cancel leaves the diary as it is."""
    episode = tom_with_an_automatic_backup(fresh_diary)
    at = run("screens/diary.py")
    at.button(key="auto_backup_restore").click().run()
    asked = " ".join(w.value for w in at.warning)
    assert "Put back the diary as it was on" in asked and "before an import" in asked, asked
    at.button(key="auto_backup_cancel").click().run()
    assert stored_day(fresh_diary, episode, _ago(1)) is not None and not at.button(key="auto_backup_restore").disabled
    at.button(key="auto_backup_restore").click().run()
    at.button(key="auto_backup_confirm").click().run()
    assert not at.exception, at.exception
    assert stored_day(fresh_diary, episode, _ago(1)) is None  # the copy was made before that day was logged
