"""One request's reads of a diary, each frame read from the file once (issue 12: the data climbs back up).

Why: a GP report is put together by several parts that each need the person's frames: the view of the episode,
the alerts of the person's other episodes, the walking target a sign held elsewhere, the urgent signs of earlier
episodes, the report's own "seen" lines. Each read the diary itself, so one report read the episodes table five
times, the person's days twice and the "seen" marks three times. Wrapped in ReadOnce, the same parts read the file
once per frame: a frame asked for again is the one read, and the days of some of the person's episodes are cut
from the days of all of them when those were read first.

Only the reads are here: a request that writes uses the Diary itself. Every frame handed out is a new DataFrame
object (pandas copies on write), so a caller that adds a column changes nobody else's frame.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

import pandas as pd

from analysis.model import columns as c

EpisodeIds = Iterable[int] | None


class DiaryReader(Protocol):
    """What a request reads from a diary (analysis.storage.Diary, or ReadOnce around it)."""

    def episodes(self) -> pd.DataFrame: ...
    def entries(self, episode_ids: EpisodeIds = None) -> pd.DataFrame: ...
    def doses(self, episode_ids: EpisodeIds = None) -> pd.DataFrame: ...
    def symptoms(self, episode_ids: EpisodeIds = None) -> pd.DataFrame: ...
    def seen(self, episode_ids: EpisodeIds = None) -> pd.DataFrame: ...
    def screening(self, episode_ids: EpisodeIds = None) -> pd.DataFrame: ...
    def answers(self, episode_ids: EpisodeIds = None, instrument: str | None = None) -> pd.DataFrame: ...
    def exercise_ticks(self, episode_ids: EpisodeIds = None) -> pd.DataFrame: ...
    def work_hours(self, episode_ids: EpisodeIds = None) -> pd.DataFrame: ...
    def usual_work_days(self, episode_ids: EpisodeIds = None) -> pd.DataFrame: ...


class ReadOnce:
    """A DiaryReader that reads each frame of `diary` once (see the module's docstring).

    Every read by episode comes ordered by episode id first (storage's ORDER BY; answers then by instrument): the
    rows of some episodes, or of one questionnaire, cut from a read of more of them are, row for row, what reading
    those gives."""

    def __init__(self, diary: DiaryReader) -> None:
        self.diary = diary
        self._read: dict[tuple[str, frozenset[int] | None, str | None], pd.DataFrame] = {}

    def episodes(self) -> pd.DataFrame:
        return self._once("episodes", None, None, lambda: self.diary.episodes())

    def patient_names(self) -> list[str]:
        """Every patient's name (read when asked: only a name that is not there asks for them)."""
        return self.diary.patient_names()  # type: ignore[attr-defined]

    def entries(self, episode_ids: EpisodeIds = None) -> pd.DataFrame:
        return self._by_episode("entries", episode_ids)

    def doses(self, episode_ids: EpisodeIds = None) -> pd.DataFrame:
        return self._by_episode("doses", episode_ids)

    def symptoms(self, episode_ids: EpisodeIds = None) -> pd.DataFrame:
        return self._by_episode("symptoms", episode_ids)

    def seen(self, episode_ids: EpisodeIds = None) -> pd.DataFrame:
        return self._by_episode("seen", episode_ids)

    def screening(self, episode_ids: EpisodeIds = None) -> pd.DataFrame:
        return self._by_episode("screening", episode_ids)

    def answers(self, episode_ids: EpisodeIds = None, instrument: str | None = None) -> pd.DataFrame:
        return self._by_episode("answers", episode_ids, instrument)

    def exercise_ticks(self, episode_ids: EpisodeIds = None) -> pd.DataFrame:
        return self._by_episode("exercise_ticks", episode_ids)

    def work_hours(self, episode_ids: EpisodeIds = None) -> pd.DataFrame:
        return self._by_episode("work_hours", episode_ids)

    def usual_work_days(self, episode_ids: EpisodeIds = None) -> pd.DataFrame:
        return self._by_episode("usual_work_days", episode_ids)

    def _by_episode(self, name: str, episode_ids: EpisodeIds, instrument: str | None = None) -> pd.DataFrame:
        ids = _key(episode_ids)
        read: Callable[..., pd.DataFrame] = getattr(self.diary, name)

        def cut_or_read() -> pd.DataFrame:
            cut = self._cut(name, ids, instrument)
            if cut is not None:
                return cut
            return read(_ids(ids)) if instrument is None else read(_ids(ids), instrument)

        return self._once(name, ids, instrument, cut_or_read)

    def _cut(self, name: str, ids: frozenset[int] | None, instrument: str | None) -> pd.DataFrame | None:
        """The rows of `ids` (and of one questionnaire's `instrument`) from a wider read (None: no such read yet).
        Without rows, the cut keeps the wider read's column types (a read of no rows types its ids as objects and
        its dates in seconds: a cut is the better typed of the two)."""
        for (kind, wider, option), frame in self._read.items():
            if kind != name or option not in (None, instrument):
                continue
            if wider is None or (ids is not None and ids <= wider):
                keep = pd.Series(True, index=frame.index) if ids is None else frame[c.EPISODE_ID].isin(list(ids))
                if instrument is not None:
                    keep &= frame["instrument"] == instrument
                return frame[keep].reset_index(drop=True)
        return None

    def _once(self, name: str, ids: frozenset[int] | None, option: str | None,
              read: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        key = (name, ids, option)
        if key not in self._read:
            self._read[key] = read()
        return self._read[key].copy(deep=False)


def read_once(diary: DiaryReader) -> ReadOnce:
    """`diary` wrapped in ReadOnce (a ReadOnce as it is: its reads so far are kept)."""
    return diary if isinstance(diary, ReadOnce) else ReadOnce(diary)


def _key(episode_ids: EpisodeIds) -> frozenset[int] | None:
    return None if episode_ids is None else frozenset(int(e) for e in episode_ids)


def _ids(key: frozenset[int] | None) -> list[int] | None:
    return None if key is None else sorted(key)
