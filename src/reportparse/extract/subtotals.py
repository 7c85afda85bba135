"""Subtotals printed at the head of their groups: ``町長 8件`` over ``住民活動推進課 7件`` and
``住民課 1件``, then ``合計 8件``. A table whose every row above the grand total falls into such
groups — a head, then the rows that sum to it — and whose grand total sums the heads is read
with the heads as totals and their rows in their groups; any other table stays as it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import groupby

from ..records import TableCell


def heads_with_their_sums(cells: list[TableCell]) -> list[TableCell]:
    """``cells`` (one table's) with its group heads as totals and their rows in their groups,
    where the table is laid out so; else ``cells`` as they are."""
    rows = [list(row) for _, row in groupby(cells, key=lambda cell: cell.row_no)]
    if len(rows) < 4 or not rows[-1][0].is_total or any(row[0].is_total or row[0].row_group
                                                        for row in rows[:-1]):
        return cells
    numbers = [{c.column_no: c.value_num for c in row if c.value_num is not None} for row in rows]
    heads = _group_heads(numbers[:-1])
    if heads is None or _summed([numbers[i] for i in heads]) != numbers[-1]:
        return cells
    regrouped: list[TableCell] = []
    head = ""
    for index, row in enumerate(rows[:-1]):
        if index in heads:
            head = row[0].row_label
            regrouped += [replace(cell, is_total=True) for cell in row]
        else:
            regrouped += [replace(cell, row_group=head) for cell in row]
    return regrouped + rows[-1]


def _group_heads(rows: list[dict[int, float]]) -> list[int] | None:
    """The places of the heads, where ``rows`` split into a head then rows summing to it, with
    one group of two rows or more at least; else None."""
    heads, index = [], 0
    while index < len(rows):
        running: Counter[int] = Counter()
        end = index + 1
        while end < len(rows) and dict(running) != rows[index]:
            running.update(rows[end])  # the rows after the head, summed as they come
            end += 1
        if end == index + 1 or dict(running) != rows[index]:
            return None
        heads.append(index)
        index = end
    return heads if any(b - a > 2 for a, b in zip(heads, [*heads[1:], len(rows)])) else None


def _summed(rows: list[dict[int, float]]) -> dict[int, float]:
    total: Counter[int] = Counter()
    for row in rows:
        total.update(row)
    return dict(total)
