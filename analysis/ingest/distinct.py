"""Read each distinct value of a column once, then give every row the results of its value.

Why: diary columns repeat the same text on many rows ("ibuprofen 400mg x3"), and
parsing is the slow part of an import; medicines and symptoms both use this.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.model.columns import ROW


def spread_by_value(codes: np.ndarray, index: pd.Index, per_value: pd.DataFrame, n_values: int) -> pd.DataFrame:
    """Give every row the results of its distinct value, in row order.

    ``codes`` is ``pd.factorize`` output over ``n_values`` distinct values (-1
    for missing); ``per_value`` has a ``code`` column and is sorted by it. Returns ``per_value``'s other columns
    plus ROW (the row's ``index`` label), one row per result.
    """
    counts = np.bincount(per_value["code"].to_numpy(dtype=np.int64), minlength=n_values)
    counts = np.append(counts, 0)  # code -1 (missing) has no results
    per_row = counts[codes]
    rows = np.repeat(np.arange(len(codes)), per_row)
    starts = np.cumsum(counts) - counts  # first result of each code
    within = np.arange(len(rows)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    taken = starts[codes[rows]] + within
    # made from the columns' arrays at once: dropping, taking and inserting columns of a frame cost ~1 ms a call
    return pd.DataFrame({ROW: index[rows], **{name: column_values(per_value[name], taken)
                                              for name in per_value.columns if name != "code"}})


def column_values(values: pd.Series, positions: np.ndarray | None = None) -> pd.api.extensions.ExtensionArray:
    """The cells of `values` (those at `positions` when given), to build a frame from a dict of columns at once.

    The column's own array keeps its dtype; an object column comes wrapped in a Series (of a fresh
    RangeIndex), as the frame constructor would infer str from an object array.
    """
    array = values.array if positions is None else values.array.take(positions)
    return pd.Series(array, dtype=object, copy=False) if values.dtype == object else array  # type: ignore[return-value]
