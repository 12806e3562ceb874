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
    # made from the columns' own arrays at once (dropping, taking and inserting columns of a frame cost
    # ~1 ms a call on a small file); an object column stays object, which the constructor would make str
    columns = {name: per_value[name] for name in per_value.columns if name != "code"}
    return pd.DataFrame({ROW: index[rows], **{
        name: pd.Series(column.array.take(taken), dtype=object, copy=False) if column.dtype == object
        else column.array.take(taken) for name, column in columns.items()}})
