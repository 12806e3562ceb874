"""Tests for analysis.course.grid (the one daily grid) and analysis.course.windows (the one window engine).

The diaries are written by hand from what a person would log: gaps, a duplicate day, a combination
product split into its ingredients as the importer stores it, warning signs. The windows are checked
against a naive pandas rolling computation over random gappy diaries (hypothesis).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.course import grid as g
from analysis.course import windows as w
from analysis.model import columns as c
from analysis.model.errors import ValidationError

ONSET = pd.Timestamp("2026-03-02")


def entries(days: dict[int, float], episode: int = 1, onset: pd.Timestamp = ONSET, normal: float = 60.0,
            **extra: dict[int, float]) -> pd.DataFrame:
    """Entries: {day since onset: pain}; extra columns as {column: {day: value}}."""
    rows = []
    for day, pain in days.items():
        row = {c.PATIENT: "p", c.EPISODE_ID: episode, c.ONSET_DATE: onset, c.NORMAL_ACTIVITY: normal,
               c.DATE: onset + pd.Timedelta(days=day), c.PAIN: pain, c.WORST_PAIN: np.nan, c.ACTIVITY: np.nan,
               c.BED_REST: np.nan, c.NOTES: ""}
        for column, values in extra.items():
            row[column] = values.get(day, np.nan)
        rows.append(row)
    return pd.DataFrame(rows, columns=c.ENTRY_COLUMNS).astype(
        {c.DATE: "datetime64[us]", c.ONSET_DATE: "datetime64[us]", c.EPISODE_ID: "int64"})


def doses(rows: list[tuple[int, int, str, str, float, float]]) -> pd.DataFrame:
    """Dose rows: (episode, day, medicine, class, mg per dose, count)."""
    frame = pd.DataFrame([{c.EPISODE_ID: e, c.DATE: ONSET + pd.Timedelta(days=d), c.MEDICINE: m, c.DRUG_CLASS: k,
                           c.DOSE_MG: mg, c.COUNT: n, c.TOTAL_MG: mg * n} for e, d, m, k, mg, n in rows],
                         columns=c.DOSE_COLUMNS)
    return frame.astype({c.DATE: "datetime64[us]"})


def symptoms(rows: list[tuple[int, int, str]]) -> pd.DataFrame:
    frame = pd.DataFrame([{c.EPISODE_ID: e, c.DATE: ONSET + pd.Timedelta(days=d), c.SYMPTOM: s} for e, d, s in rows],
                         columns=c.SYMPTOM_COLUMNS)
    return frame.astype({c.DATE: "datetime64[us]"})


# --- the grid -----------------------------------------------------------------------------------

def test_a_gappy_diary_gets_a_row_for_every_calendar_day() -> None:
    grid = g.daily_grid(entries({1: 6.0, 4: 5.0, 5: 4.5}, activity_minutes={4: 20.0}, bed_rest_hours={1: 9.0}))
    assert grid[c.DATE].tolist() == [ONSET + pd.Timedelta(days=d) for d in range(1, 6)]
    assert grid[c.DAY].tolist() == [1, 2, 3, 4, 5]  # days since the onset, not since the first entry
    assert grid[g.POSITION].tolist() == [0, 1, 2, 3, 4]
    assert grid[g.LOGGED].tolist() == [True, False, False, True, True]
    assert grid[c.PAIN].tolist()[0] == 6.0 and math.isnan(grid[c.PAIN].iloc[1]) and grid[c.PAIN].iloc[4] == 4.5
    assert grid[c.ACTIVITY].iloc[3] == 20.0 and math.isnan(grid[c.ACTIVITY].iloc[0])
    assert grid[c.BED_REST].iloc[0] == 9.0
    assert (grid[c.NORMAL_ACTIVITY] == 60.0).all()
    assert (grid[c.ONSET_DATE] == ONSET).all()


def test_two_episodes_lie_end_to_end_each_from_its_own_first_day() -> None:
    both = pd.concat([entries({0: 7.0, 2: 6.0}, episode=2), entries({3: 4.0, 4: 3.0}, episode=1)])
    grid = g.daily_grid(both)
    assert grid[c.EPISODE_ID].tolist() == [1, 1, 2, 2, 2]
    assert grid[g.POSITION].tolist() == [0, 1, 0, 1, 2]
    assert grid[c.DAY].tolist() == [3, 4, 0, 1, 2]


def test_a_duplicate_day_is_refused_naming_the_episode_and_date() -> None:
    twice = pd.concat([entries({0: 6.0, 1: 5.0}), entries({1: 3.0})])
    with pytest.raises(ValidationError) as error:
        g.daily_grid(twice)
    assert str(error.value) == "The diary entries have more than one row for episode 1 on 2026-03-03."


def test_an_entry_before_the_onset_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        g.daily_grid(entries({0: 6.0}).assign(**{c.ONSET_DATE: ONSET + pd.Timedelta(days=2)}))
    assert str(error.value) == "Episode 1 has a diary entry on 2026-03-02, before its onset date 2026-03-04."


def test_unknown_onset_is_the_first_entry() -> None:
    frame = entries({3: 6.0, 5: 5.0}).assign(**{c.ONSET_DATE: pd.NaT}).astype({c.ONSET_DATE: "datetime64[us]"})
    grid = g.daily_grid(frame)
    assert grid[c.DAY].tolist() == [0, 1, 2]


def test_doses_are_summed_per_ingredient_and_flag_their_class() -> None:
    # co-codamol 30/500 x2 as the importer stores it (one row per ingredient), ibuprofen twice in a day,
    # low-dose aspirin (not an NSAID as a painkiller), prednisolone
    log = doses([(1, 1, "codeine", "opioid", 30, 2), (1, 1, "paracetamol", "paracetamol", 500, 2),
                 (1, 2, "ibuprofen", "NSAID", 400, 1), (1, 2, "ibuprofen", "NSAID", 400, 2),
                 (1, 3, "aspirin", "NSAID", 75, 1), (1, 3, "prednisolone", "oral steroid", 40, 1)])
    grid = g.daily_grid(entries({0: 6.0, 3: 5.0}), log)
    assert grid[g.mg_column("codeine")].tolist() == [0, 60, 0, 0]
    assert grid[g.mg_column("paracetamol")].tolist() == [0, 1000, 0, 0]
    assert grid[g.mg_column("ibuprofen")].tolist() == [0, 0, 1200, 0]
    assert grid[g.mg_column("aspirin")].tolist() == [0, 0, 0, 75]
    assert grid["takes_opioid"].tolist() == [False, True, False, False]
    assert grid["takes_paracetamol"].tolist() == [False, True, False, False]
    assert grid["takes_nsaid"].tolist() == [False, False, True, False]  # aspirin 75 mg does not count
    assert grid["takes_steroid"].tolist() == [False, False, False, True]
    assert grid[g.DOSED].tolist() == [False, True, True, True]
    assert grid[g.NSAID_COUNT].tolist() == [0, 0, 1, 0]  # ibuprofen twice is one NSAID


def test_two_different_nsaids_on_a_day_are_counted() -> None:
    log = doses([(1, 0, "ibuprofen", "NSAID", 400, 1), (1, 0, "naproxen", "NSAID", 250, 1),
                 (1, 1, "ibuprofen", "NSAID", 400, 1), (1, 1, "aspirin", "NSAID", 75, 1),
                 (1, 2, "aspirin", "NSAID", 300, 2), (1, 2, "diclofenac", "NSAID", 50, 1)])
    grid = g.daily_grid(entries({0: 5.0, 2: 5.0}), log)
    assert grid[g.NSAID_COUNT].tolist() == [2, 1, 2]  # aspirin counts from above 150 mg a day


def test_symptoms_are_one_flag_per_code_and_extend_the_grid() -> None:
    signs = symptoms([(1, 2, "leg_pain"), (1, 2, "leg_pain"), (1, 4, "bladder_bowel")])
    grid = g.daily_grid(entries({0: 6.0, 1: 5.0}), None, signs)
    assert grid[c.DAY].tolist() == [0, 1, 2, 3, 4]  # the red flag on day 4 has a row, without an entry
    assert grid[g.symptom_column("leg_pain")].tolist() == [False, False, True, False, False]
    assert grid[g.symptom_column("bladder_bowel")].tolist() == [False, False, False, False, True]
    assert grid[g.DIARY_DAY].tolist() == [True, True, True, False, True]
    assert grid[g.LOGGED].tolist() == [True, True, False, False, False]


def test_as_of_leaves_out_later_records_per_episode() -> None:
    both = pd.concat([entries({0: 7.0, 1: 6.0, 2: 5.0}, episode=1), entries({0: 3.0, 1: 2.0, 2: 1.0}, episode=2)])
    cut = pd.Series([ONSET + pd.Timedelta(days=1), ONSET], index=[1, 2])
    grid = g.daily_grid(both, as_of=cut)
    assert grid[c.EPISODE_ID].tolist() == [1, 1, 2]
    assert grid[c.PAIN].tolist() == [7.0, 6.0, 3.0]


def test_the_cache_gives_the_same_grid_for_the_same_diary_and_a_new_one_after_a_change() -> None:
    diary = entries({0: 6.0, 2: 5.0})
    first = g.cached_grid(diary)
    assert g.cached_grid(diary.copy()) is first  # same contents: not built again
    changed = diary.assign(**{c.PAIN: [6.0, 4.0]})
    assert g.cached_grid(changed)[c.PAIN].iloc[2] == 4.0


def test_an_empty_diary_gives_an_empty_grid() -> None:
    grid = g.daily_grid(entries({}))
    assert len(grid) == 0 and {c.EPISODE_ID, c.DATE, c.DAY, g.POSITION, g.LOGGED, c.PAIN} <= set(grid.columns)


# --- the windows against a naive rolling computation ----------------------------------------------

gappy = st.lists(st.lists(st.one_of(st.none(), st.integers(0, 10)), min_size=1, max_size=30), min_size=1, max_size=4)


def _laid(episodes: list[list[int | None]]) -> tuple[pd.DataFrame, np.ndarray]:
    """A grid-shaped frame for the episodes' daily values (None: no entry that day) and the values."""
    frame = pd.DataFrame([{"episode": e, "position": p, "value": np.nan if v is None else float(v)}
                          for e, days in enumerate(episodes) for p, v in enumerate(days)])
    return frame, frame["value"].to_numpy()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gappy, st.integers(4, 15), st.integers(1, 4))
def test_windows_match_pandas_rolling(episodes: list[list[int | None]], days: int, min_count: int) -> None:
    frame, values = _laid(episodes)
    position = frame["position"].to_numpy()
    by_episode = frame.groupby("episode")["value"]
    expected_mean = by_episode.transform(lambda s: s.rolling(days, min_periods=min_count).mean()).to_numpy()
    expected_count = by_episode.transform(lambda s: s.rolling(days, min_periods=1).count()).to_numpy()
    assert np.allclose(w.mean(values, position, days, min_count), expected_mean, equal_nan=True)
    assert np.array_equal(w.sums(values, position, days)[1], expected_count)
    flags = values >= 5
    expected_flags = frame.assign(f=flags.astype(float)).groupby("episode")["f"].transform(
        lambda s: s.rolling(days, min_periods=1).sum()).to_numpy()
    assert np.array_equal(w.count(flags, position, days), expected_flags)


def test_a_mean_of_equal_values_is_exact() -> None:
    values = np.array([7.0, 7.0, np.nan, 7.0] * 5)
    position = np.arange(len(values))
    assert (w.mean(values, position, 7)[~np.isnan(values)] == 7.0).all()


def test_matrix_reads_back_from_a_date_past_the_diary() -> None:
    values = np.arange(10, dtype=float)
    position = np.arange(10)
    out = w.matrix(values, position, 4, np.array([9, 9]), beyond=np.array([0, 2]))
    assert out[:, 0].tolist() == [6, 7, 8, 9]
    assert out[:2, 1].tolist() == [8, 9] and np.isnan(out[2:, 1]).all()
