"""The Progress page shows the plan against what was done (AppTest, issue 13), and Today says once,
gently, when today is not logged yet."""
from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from analysis.storage import DayEntry, Diary
from tests.apptest import run, texts

pytestmark = pytest.mark.usefixtures("fresh_diary")  # every test starts on an empty diary file (conftest.py)
TODAY = dt.date.today()
BANNER = "Today is not in your diary yet: the form below takes half a minute."


def diary_with(path: Path, days: int, minutes: dict[int, float] | None = None, pain: dict[int, float] | None = None,
               onset: dt.date | None = None, symptoms: dict[int, list[str]] | None = None) -> int:
    """One episode of Robin's (normal 60 minutes) starting `days` days before today (or at `onset`), logged on
    its first `days` days (up to yesterday by default): 20 minutes a day unless `minutes` says otherwise."""
    onset = onset or TODAY - dt.timedelta(days=days)
    diary = Diary(path)
    episode = diary.add_episode("Robin", onset, normal_activity_minutes=60)
    for n in range(days):
        diary.save_entry(episode, DayEntry(onset + dt.timedelta(days=n), (pain or {}).get(n, 4), None,
                                           (minutes or {}).get(n, 20), 0, "", symptoms=(symptoms or {}).get(n, [])))
    diary.close()
    return episode


def values(array: object) -> list:
    """A plotly array as a list (plotly 6+ writes numeric arrays as base64 typed arrays)."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def chart(at, title_start: str) -> dict:
    """The plotly figure on the page whose title starts with `title_start`."""
    for element in at.get("plotly_chart"):
        figure = json.loads(element.proto.spec)
        if figure["layout"]["title"]["text"].replace("<br>", " ").startswith(title_start):  # a title's lines
            return figure
    raise AssertionError(f"no chart titled {title_start!r}")


def test_the_activity_chart_plan_is_the_walking_target_held_on_a_short_day(fresh_diary: Path) -> None:
    diary_with(fresh_diary, 6, minutes={0: 15, 1: 20, 2: 25, 4: 25, 5: 30})
    at = run("screens/progress.py")
    figure = chart(at, "Minutes active each day, against your walking target")
    line = next(t for t in figure["data"] if t["name"] == "Walking target (as on Today)")
    # 15 met -> 20 met -> 25 met -> 30; day 3 only 20 (held at 30); day 4: 25 (held); day 5: 30 met -> 35
    assert values(line["y"])[:6] == [15.0, 20.0, 25.0, 30.0, 30.0, 30.0]
    assert "stays the same after a missed or short day or a flare" in "\n".join(c.value for c in at.caption)


@pytest.mark.parametrize("sign", ["numbness", "fever"])
def test_the_chart_holds_the_target_where_today_held_it_for_a_sign_that_needs_a_doctor(fresh_diary: Path,
                                                                                     sign: str) -> None:
    """Today held the walking target at 35 the day after the sign; Progress's chart draws that same target, not
    the 40 an ordinary course would have reached (analysis.plan.doctor_hold feeds both)."""
    # logged up to today (the chart ends on the last diary day), the sign yesterday
    diary_with(fresh_diary, 6, minutes={0: 15, 1: 20, 2: 25, 3: 30, 4: 35, 5: 35}, symptoms={4: [sign]},
               onset=TODAY - dt.timedelta(days=5))
    today = run("screens/today.py")
    assert today.get("progress")[0].proto.text.startswith("🚶 Walk 35 min today (35 done)")
    at = run("screens/progress.py")
    line = next(t for t in chart(at, "Minutes active each day, against your walking target")["data"]
                if t["name"] == "Walking target (as on Today)")
    assert values(line["y"]) == [15.0, 20.0, 25.0, 30.0, 35.0, 35.0]  # onset to today: today's 35 as Today says


def test_the_psfs_chart_shows_each_activity_by_week(fresh_diary: Path) -> None:
    episode = diary_with(fresh_diary, 14)
    diary = Diary(fresh_diary)
    onset = TODAY - dt.timedelta(days=14)
    diary.save_answers(episode, "psfs", onset + dt.timedelta(days=1), [("1", 2, "Putting on socks")])
    diary.save_answers(episode, "psfs", onset + dt.timedelta(days=8), [("1", 5, "Putting on socks")])
    diary.close()
    at = run("screens/progress.py")
    figure = chart(at, "How your chosen activities are going")
    assert [(t["name"], values(t["x"]), values(t["y"])) for t in figure["data"]] == [
        ("Putting on socks", [1, 2], [2.0, 5.0])]
    assert "Your last check-in (week 2): on average **5.0 of 10**" in texts(at)


def test_no_psfs_chart_and_no_comparison_without_checkins_or_earlier_episodes(fresh_diary: Path) -> None:
    diary_with(fresh_diary, 10)
    at = run("screens/progress.py")
    titles = [json.loads(e.proto.spec)["layout"]["title"]["text"] for e in at.get("plotly_chart")]
    assert not [t for t in titles if t.startswith(("How your chosen", "This episode and earlier"))]
    assert "Compared with earlier episodes" not in [s.value for s in at.subheader]
    assert "Keeping to the plan, week by week" not in [e.label for e in at.expander]  # one whole week only


def test_an_earlier_episode_is_drawn_beside_this_one(fresh_diary: Path) -> None:
    diary_with(fresh_diary, 14, pain={n: max(1, 7 - n // 2) for n in range(14)}, onset=TODAY - dt.timedelta(days=200))
    diary_with(fresh_diary, 10, pain={n: 7 for n in range(10)})
    at = run("screens/progress.py")
    figure = chart(at, "This episode and earlier ones")
    assert [t["name"] for t in figure["data"]][-1] == "This episode"
    assert values(figure["data"][-1]["y"]) == [7.0] * 10
    assert "your pain this week averages 7.0 of 10, higher than at the same point of your episode" in texts(at)


def test_weekly_adherence_shows_after_two_whole_weeks_with_the_caveat(fresh_diary: Path) -> None:
    episode = diary_with(fresh_diary, 15)
    diary = Diary(fresh_diary)
    onset = TODAY - dt.timedelta(days=15)
    for n in (0, 2, 4, 6, 8):
        diary.set_exercises_done(episode, onset + dt.timedelta(days=n), ["knee_rolls"])
    diary.close()
    at = run("screens/progress.py")
    assert "Keeping to the plan, week by week" in [e.label for e in at.expander]
    frames = [d.value for d in at.dataframe if "Days with exercises" in d.value.columns]
    assert frames and frames[0]["Days with exercises"].tolist()[:2] == [4, 1]
    assert "not proof of cause and effect" in "\n".join(c.value for c in at.caption)


def test_today_says_once_when_today_is_not_logged_and_not_after_saving(fresh_diary: Path) -> None:
    diary_with(fresh_diary, 5)
    at = run("screens/today.py")
    assert [i.value for i in at.info].count(BANNER) == 1
    at.segmented_control(key="log_pain").set_value(3)
    at.button(key="log_save").click().run()
    assert not at.exception
    assert BANNER not in [i.value for i in at.info]


def test_no_banner_while_an_urgent_sign_shows(fresh_diary: Path) -> None:
    diary_with(fresh_diary, 5, symptoms={4: ["saddle_numbness"]})
    at = run("screens/today.py")
    assert "What to do now" in "\n".join(m.value for m in at.markdown)
    assert BANNER not in [i.value for i in at.info]


@pytest.mark.browser
def test_progress_at_laptop_size_with_a_30_day_diary(app_diary: tuple[str, Path]) -> None:
    """Chromium at 1366x768 on a 30-day diary with an earlier episode, weekly check-ins and exercises:
    every new Progress element is drawn (artifacts/progress-plan.png, looked at by a person)."""
    from playwright.sync_api import expect

    from tests.browser import browser_page, screenshot, settle, wait_for_heading

    url, db = app_diary
    diary_with(db, 28, pain={n: max(1, 7 - n // 3) for n in range(28)}, onset=TODAY - dt.timedelta(days=300),
               minutes={n: 15 + 5 * n for n in range(28)})
    walked = {n: [15, 20, 25, 30, 20, 0, 30, 35, 40][n % 9] + n for n in range(30)}
    episode = diary_with(db, 30, pain={n: max(1, 7 - n // 5) for n in range(30)}, minutes=walked)
    diary = Diary(db)
    onset = TODAY - dt.timedelta(days=30)
    for week in range(4):
        diary.save_answers(episode, "psfs", onset + dt.timedelta(days=7 * week + 1),
                           [("1", 2 + 2 * week, "Putting on socks"), ("2", 4 + week, "Sitting at my desk")])
    for n in range(0, 30, 2):
        diary.set_exercises_done(episode, onset + dt.timedelta(days=n), ["knee_rolls", "press_up"])
    diary.close()
    with browser_page(1366, 768) as page:
        page.goto(f"{url}/progress")
        wait_for_heading(page, "Progress", exact=True)
        expect(page.locator('[data-testid="stPlotlyChart"]').first).to_be_visible(timeout=30_000)
        settle(page)  # the whole page drawn: the first screenshot showed the heading alone
        path = screenshot(page, "progress-plan")
        for i, title in enumerate(("This episode and earlier ones", "Minutes active each day",  # first lines
                                   "How your chosen activities")):
            chart = page.locator('[data-testid="stPlotlyChart"]').filter(has_text=title)
            chart.scroll_into_view_if_needed(timeout=30_000)
            expect(chart).to_be_visible(timeout=30_000)
            settle(page)  # plotly has finished drawing before the screenshot
            page.screenshot(path=str(path).replace(".png", f"-{i + 1}.png"))  # the window as a person sees it
