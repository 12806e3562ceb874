"""Dates of one file read once per distinct text, in the day-month order the file settles (or is given).

A mixin of ``FileReading``: ``03/02/2026`` is settled by the file's other dates
(a day above 12), else the file is refused with ``DateOrderUnclear`` so the
caller can ask and read again.
"""
from __future__ import annotations

from calendar import month_name

import numpy as np
import pandas as pd

from analysis.ingest import schema
from analysis.ingest.cells import cell_texts
from analysis.ingest.file_state import FileState

_EARLIEST = np.datetime64("1900-01-01")  # before it a date is a typing slip (0001-01-01), not a diary day


class FileDates(FileState):
    """The date columns of one file."""

    def _dates(self, date_order: str | None) -> dict[str, pd.Series]:
        """Date columns read once per distinct text, in the order the file settles (or ``date_order``)."""
        distinct = {column: pd.factorize(cell_texts(self._cells(column))) for column in schema.DATE_COLUMNS}
        parts = {column: schema.date_parts(pd.Series(uniques, dtype="str"))
                 for column, (_, uniques) in distinct.items()}
        order = date_order or self._date_order(distinct, parts)
        in_order = {"dmy": " in day-month-year order", "mdy": " in month-day-year order"}
        result = {}
        for column, (codes, uniques) in distinct.items():
            dates = schema.read_dates(parts[column], order).to_numpy()
            values = np.append(dates, np.datetime64("NaT"))[codes]
            for position in np.flatnonzero(pd.isna(dates)):
                order_dependent = pd.notna(parts[column].at[position, "first"])
                if self.unclear and order_dependent:  # judged once the order is chosen
                    self.deferred.update((row, column) for row in self.raw.index[codes == position])
                    continue
                stated = date_order is not None and order_dependent
                for row in self.raw.index[codes == position]:
                    self.problem(row, column, f'"{uniques[position]}" is not a date'
                                              f'{in_order[order] if stated else ""}.')
            early = np.flatnonzero(pd.notna(dates) & (dates < _EARLIEST))
            for position in early:
                for row in self.raw.index[codes == position]:
                    self.problem(row, column, f'"{uniques[position]}" is before {_EARLIEST}, the '
                                              "earliest date a diary takes.")
            if early.size:
                values[np.isin(codes, early)] = np.datetime64("NaT")
            result[column] = pd.Series(values, index=self.raw.index)
        return result

    def _date_order(self, distinct: dict[str, tuple[np.ndarray, pd.Index]],
                    parts: dict[str, pd.DataFrame]) -> str:
        """"dmy" or "mdy" as the file settles it; when it cannot, "dmy" for now and ``self.unclear`` says why."""
        if all(np.isnan(p["first"].to_numpy()).all() for p in parts.values()):
            return "dmy"  # no date depends on the order (ISO dates, months in words): "any", read as dmy
        labelled = [p.assign(column=column) for column, p in parts.items()]
        both = pd.concat(labelled).dropna(subset=["first"])
        order = schema.date_order(both)
        if order is not None:
            return "dmy" if order == "any" else order

        def example(found: pd.DataFrame) -> str:
            column, position = found["column"].iloc[0], found.index[0]
            codes, uniques = distinct[column]
            return f"{uniques[position]} (row {self.raw.index[codes == position][0]})"

        day_first, month_first = both[schema.day_first_evidence(both)], both[both["second"] > 12]
        mixed = bool(len(day_first) and len(month_first))
        if mixed:
            text = (f"{self.name} mixes day-first dates like {example(day_first)} with month-first "
                    f"dates like {example(month_first)}; correct them or choose the date order "
                    "(day-month-year or month-day-year).")
        else:
            unclear = both[both["first"] != both["second"]]
            a, b = int(unclear["first"].iloc[0]), int(unclear["second"].iloc[0])
            text = (f"{self.name}: dates like {example(unclear)} could be {a} {month_name[b]} "
                    f"or {b} {month_name[a]}; choose the date order (day-month-year or "
                    "month-day-year).")
        self.unclear = (text, not mixed)
        return "dmy"  # provisional, so that every other problem is found too
