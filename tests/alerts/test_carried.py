"""Days of a person's earlier episode count in the next one's day-counting rules (analysis.alerts.carried;
review 11): opioids, NSAIDs and steroids "on N of the last M days", and numbness or weakness on two days
running, across the day a new episode is started. Checked everywhere the person's alerts are read: the summary
(in one piece and in chunks on threads), the Progress view (and so the GP report and the Clinic), the banner."""
from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.alerts import day_kernels
from analysis.alerts.carried import CARRY_DAYS, carried_days, prior_counts
from analysis.course.grid import POSITION
from analysis.model import columns as c
from analysis.review import episode_chunks
from analysis.review import summary as summary_module
from analysis.review.progress_for import progress_for
from analysis.review.summary import summarise, to_records
from analysis.review.urgent_now import urgent_messages
from analysis.storage import DayEntry, Diary, DoseEntry

TODAY = dt.date(2026, 11, 22)


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def _person(diary: Diary, name: str, new_onset_ago: int, dosed: range = range(0), signs: dict | None = None,
            first_ago: int = 20) -> tuple[int, int]:
    """`name`'s first episode from `first_ago` days ago and a second from `new_onset_ago`; co-codamol on the
    days `dosed` (days ago), the warning signs `signs` ({days ago: [codes]}); one diary day each day."""
    first = diary.add_episode(name, _ago(first_ago), normal_activity_minutes=60)
    second = diary.add_episode(name, _ago(new_onset_ago), normal_activity_minutes=60)
    for ago in range(first_ago, -1, -1):
        doses = [DoseEntry("codeine", 30, 8), DoseEntry("paracetamol", 500, 8)] if ago in dosed else []
        episode = second if ago <= new_onset_ago else first
        diary.save_entry(episode, DayEntry(_ago(ago), 5, None, 40, 0, "", doses=doses,
                                           symptoms=(signs or {}).get(ago, [])))
    return first, second


def _codes(table: pd.DataFrame, episode: int, active: bool = True) -> list[str]:
    row = table[table[c.EPISODE_ID] == episode].iloc[0]
    return [a.code for a in row["alerts"] if a.active or not active]


def _summary(diary: Diary) -> pd.DataFrame:
    return summarise(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), seen=diary.seen())


def test_codeine_before_and_after_a_new_onset_warns_in_the_summary_and_on_progress() -> None:
    """Codeine on 5 days running, 2 before the new episode and 3 in it: the new episode warns (summary, the
    Progress view of that episode, which the GP report and the Clinic read); Ann, the same days in one
    episode, and Bo, codeine in a new episode only, are the controls."""
    diary = Diary(":memory:")
    _, leo = _person(diary, "Leo", new_onset_ago=2, dosed=range(5))
    _, bo = _person(diary, "Bo", new_onset_ago=2, dosed=range(3))  # only 3 days: not more than 3
    table = _summary(diary)
    assert "codeine_over_3_days" in _codes(table, leo)
    assert "codeine_over_3_days" not in _codes(table, bo, active=False)
    view = progress_for(diary, leo, TODAY)
    assert "codeine_over_3_days" in view.alerts.loc[view.alerts["active"].astype(bool), "code"].tolist()
    assert "codeine_over_3_days" in [a.code for a in view.summary.alerts if a.active]


def test_the_earlier_episode_keeps_only_its_own_days() -> None:
    """The new episode's days never count in the earlier one (it warns on its own days only), and days older
    than the longest window (CARRY_DAYS) before the new onset count in nothing."""
    diary = Diary(":memory:")
    first, second = _person(diary, "Leo", new_onset_ago=CARRY_DAYS + 3, dosed=range(CARRY_DAYS + 4, CARRY_DAYS + 6),
                            first_ago=CARRY_DAYS + 20)
    # codeine on 2 of the first episode's days just before the new onset, none after: nothing to warn about
    table = _summary(diary)
    assert "codeine_over_3_days" not in _codes(table, first, active=False)
    assert "codeine_over_3_days" not in _codes(table, second, active=False)
    carried = carried_days(diary.entries(), diary.doses(), diary.symptoms())
    assert carried[c.EPISODE_ID].eq(second).all() and len(carried) == 2  # the two days, carried forward only
    far = Diary(":memory:")
    _, late = _person(far, "Leo", new_onset_ago=2, dosed=range(CARRY_DAYS + 2, CARRY_DAYS + 8), first_ago=30)
    assert carried_days(far.entries(), far.doses(), far.symptoms()).empty  # all of them too long before
    assert "codeine_over_3_days" not in _codes(_summary(far), late)


def test_numbness_the_day_before_a_new_onset_and_on_its_first_day_is_the_emergency() -> None:
    """Numbness in one leg yesterday (the earlier episode) and today, the new episode's first day: two days
    running is the urgent sign in the new episode, on the banner and the summary; another patient's numbness
    the day before counts in nothing of Leo's."""
    diary = Diary(":memory:")
    _, leo = _person(diary, "Leo", new_onset_ago=0, signs={1: ["numbness"], 0: ["numbness"]})
    _, mia = _person(diary, "Mia", new_onset_ago=0, signs={0: ["numbness"]})
    other = diary.add_episode("Zed", _ago(5), normal_activity_minutes=60)
    diary.save_entry(other, DayEntry(_ago(1), 5, None, 40, 0, "", symptoms=["numbness"]))
    table = _summary(diary)
    urgent = [a for a in table[table[c.EPISODE_ID] == leo].iloc[0]["alerts"]
              if a.code == "red_flag_emergency" and a.active]
    assert urgent and urgent[0].severity == "urgent"
    assert "red_flag_emergency" not in _codes(table, mia, active=False)  # one day only: a warning
    assert urgent_messages(diary, leo, TODAY)
    assert not urgent_messages(diary, mia, TODAY)


def test_chunks_read_a_persons_earlier_episode_in_another_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    """A summary cut into whole-episode chunks on threads: Leo's two episodes lie in different chunks (other
    people's episodes between them) and his new one still warns; the JSON is the one piece's, byte for byte."""
    diary = Diary(":memory:")
    first = diary.add_episode("Leo", _ago(20), normal_activity_minutes=60)
    for k in range(12):
        other = diary.add_episode(f"P{k}", _ago(10), normal_activity_minutes=60)
        diary.save_entry(other, DayEntry(_ago(3), 4, None, 30, 0, ""))
    second = diary.add_episode("Leo", _ago(2), normal_activity_minutes=60)
    for ago in range(20, -1, -1):
        doses = [DoseEntry("tramadol", 50, 2)] if ago <= 4 else []
        diary.save_entry(second if ago <= 2 else first, DayEntry(_ago(ago), 6, None, 40, 0, "", doses=doses))
    arguments = (diary.entries(), diary.doses(), diary.symptoms(), diary.episodes())
    whole = summary_module._summarise_episodes(*arguments,
                                               carried=carried_days(*arguments[:3]))
    monkeypatch.setattr(episode_chunks, "MIN_EPISODES_PER_CHUNK", 1)
    monkeypatch.setattr(episode_chunks, "cores", lambda: 3)
    chunked = summarise(*arguments)
    assert "codeine_over_3_days" in _codes(chunked, second)
    assert json.dumps(to_records(chunked)) == json.dumps(to_records(whole))


@settings(max_examples=60, deadline=None)
@given(flags=st.lists(st.booleans(), min_size=2, max_size=40), cut=st.integers(1, 39),
       days=st.sampled_from([7, 14]), bar=st.sampled_from([3, 7, 10]), above=st.booleans())
def test_a_split_counts_as_one_episode_would(flags: list[bool], cut: int, days: int, bar: int, above: bool) -> None:
    """Any days cut into two episodes at any day: the later episode's rule days (its own count plus the carried
    days, prior_counts) are those one unbroken episode gives on the same days."""
    cut = min(cut, len(flags) - 1)
    flag = np.array(flags, dtype=bool)
    one = day_kernels.held(flag, np.arange(len(flag), dtype=np.int64), days, bar, above, np.zeros(0, np.int64))
    dates = pd.date_range("2026-01-01", periods=len(flag)).astype("datetime64[us]")
    grid = pd.DataFrame({c.EPISODE_ID: 2, c.DATE: dates[cut:], POSITION: np.arange(len(flag) - cut)})
    carried = pd.DataFrame({c.EPISODE_ID: 2, c.DATE: dates[:cut][flag[:cut]], "what": "opioid"})
    prior = prior_counts(grid, carried[carried[c.DATE] >= dates[cut] - pd.Timedelta(days=CARRY_DAYS)], "opioid",
                         days, flag[cut:])
    later = day_kernels.held(flag[cut:], grid[POSITION].to_numpy(), days, bar, above, prior)
    np.testing.assert_array_equal(later, one[cut:])
