"""Table headers of one or several rows, resolved into one leaf name and group per column.

A header spanning two rows reaches us as two rows of cells with empty fillers under or beside
the spans, exactly as a browser copy, a ruled PDF grid or an HTML table (colspan/rowspan
expanded) gives it::

    実施機関 | 令和3年度末の登録数(A) | 令和4年度内の登録 |        |        | 令和4年度末の登録数
             |                        | 新規(B)           | 廃止(C) | 変更(D) |

Each column's leaf is its lowest printed header cell; the cells above it — a filler to the right
of a spanning cell inherits that cell — are its groups, joined with `` / ``.

A copy often prints the lower row from the left, without the fillers under the upper row's
vertical spans. Then the lower row is placed under the one upper span as wide as it, where the
upper row kept its fillers; where it lost them too (``決定内容等`` over five columns printed as
one cell), under the one upper cell whose span makes the widths agree: the last upper cell that
is not a note column (``(注記)…``).

A span may also hold a column of its own, unnamed in the lower row: the span's total
(``開示計`` over ``開示 | 一部開示 | 非開示``, its own total first; ``公開状況`` with its total
last). Where the copy lost the fillers that show this, the rows' own sums tell it: the one
way to lay the spans out in which every such column is the sum of the leaves beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import record
from ..values.normalize import compact_label
from ..values.numbers import parse_quantity
from .vocabulary import GROUP_HEADING, NOTE_HEADER


@record
class Columns:
    leaves: tuple[str, ...]
    groups: tuple[str, ...]


def _padded(row: tuple[str, ...], width: int) -> list[str]:
    return list(row) + [""] * (width - len(row))


def _needs_realigning(upper: list[str], lower: tuple[str, ...]) -> bool:
    """Whether ``lower`` was printed from the left although it belongs under a span."""
    return bool(lower) and lower[0] != "" and upper[0] != "" and all(cell for cell in lower)


def _kept_spans(upper: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, width) of each span whose fillers the copy kept (``内訳`` and four empty cells)."""
    spans = []
    for i, cell in enumerate(upper):
        width = 1
        while i + width < len(upper) and not upper[i + width]:
            width += 1
        if cell and width > 1:
            spans.append((i, width))
    return spans


def _under_kept_spans(upper: tuple[str, ...], lower: tuple[str, ...]) -> tuple[str, ...] | None:
    """``lower`` placed under the spans of ``upper`` when together they are exactly as wide."""
    spans = _kept_spans(upper)
    if not spans or sum(width for _, width in spans) != len(lower):
        return None
    placed, leaves = [""] * len(upper), iter(lower)
    for start, width in spans:
        for j in range(start, start + width):
            placed[j] = next(leaves)
    return tuple(placed)


def _span_holder(printed: list[str]) -> int | None:
    """Which upper cell spans the leaves when the copy lost its fillers: the one group heading
    (``決定内容``, ``処理状況``), else the last cell that is not a note column; None when
    several group headings could."""
    candidates = [i for i in range(1, len(printed)) if not NOTE_HEADER.match(printed[i])]
    groups = [i for i in candidates if GROUP_HEADING.search(printed[i])]
    if len(groups) > 1:
        return None
    return groups[0] if groups else (candidates[-1] if candidates else None)


def _realigned(upper: tuple[str, ...], lower: tuple[str, ...],
               width: int) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """``upper`` with its span filled out and ``lower`` placed under it, or None when no
    single span makes the widths agree."""
    kept = _under_kept_spans(upper, lower)
    if kept is not None:
        return upper, kept
    printed = [cell for cell in upper if cell]
    span = max(width - len(printed) + 1, len(lower))
    at = _span_holder(printed)
    if at is None or span != len(lower):
        return None
    new_upper = printed[:at + 1] + [""] * (span - 1) + printed[at + 1:]
    new_lower = [""] * at + list(lower) + [""] * (len(printed) - at - 1)
    return tuple(new_upper), tuple(new_lower)


def _aligned_rows(rows: list[tuple[str, ...]], width: int) -> list[list[str]]:
    if len(rows) == 2 and _needs_realigning(list(rows[0]), rows[1]):
        realigned = _realigned(rows[0], rows[1], width)
        if realigned:
            rows = list(realigned)
    elif len(rows) == 3 and _needs_realigning(list(rows[1]), rows[2]):
        rows = _three_realigned(rows, width) or rows
    full = max([width] + [len(row) for row in rows])
    return [_padded(row, full) for row in rows]


def _three_realigned(rows: list[tuple[str, ...]], width: int) -> list[tuple[str, ...]] | None:
    """Three header rows printed from the left: the lowest goes under a span of the middle
    one, then both under a span of the top one (``事務区分及び件数`` over ``…所属固有事務`` over
    ``本庁 | 出先機関``)."""
    top, middle, lower = rows
    inner = _realigned(middle, lower, sum(bool(cell) for cell in middle) + len(lower) - 1)
    if inner is None or not _needs_realigning(list(top), middle):
        return None
    middle, lower = inner
    outer = _realigned(top, middle, width)
    if outer is None:
        return None
    top, placed = outer
    at = next(i for i in range(len(placed)) if placed[i:i + len(middle)] == middle)
    return [top, placed, ("",) * at + lower + ("",) * (len(placed) - at - len(lower))]


def _spans_filled(rows: list[list[str]]) -> list[list[str]]:
    """Upper rows with each colspan filler holding its spanning cell's text."""
    filled = [list(row) for row in rows]
    for level in reversed(range(len(filled) - 1)):  # a middle row's spans first: they hold up the top's
        row, below = filled[level], filled[level + 1]
        for j in range(1, len(row)):
            if not row[j] and below[j] and row[j - 1] and _spans_into(rows, level, j):
                row[j] = row[j - 1]
    return filled


def _spans_into(rows: list[list[str]], level: int, j: int) -> bool:
    """A filler continues the span on its left only where the span has cells below it."""
    left = j - 1
    while left >= 0 and not rows[level][left]:
        left -= 1
    return left >= 0 and any(rows[level + 1][left:j + 1])


def resolve(rows: list[tuple[str, ...]], width: int,
            body: Sequence[tuple[str, ...]] = ()) -> Columns:
    """Leaf names and groups of ``width`` (or more) columns from the printed header rows;
    ``body``, the data rows, tells spans with a total of their own apart."""
    if not rows:
        return Columns(("",) * width, ("",) * width)
    totalled = _spans_with_own_totals(rows, width, body)
    if totalled is not None:
        return totalled
    aligned = _aligned_rows(rows, width)
    filled = _spans_filled(aligned)
    leaves, groups = [], []
    for j in range(len(aligned[0])):
        column = [filled[level][j] for level in range(len(filled))]
        printed = [level for level in range(len(aligned)) if aligned[level][j]]
        leaf_level = printed[-1] if printed else len(aligned) - 1
        above = [compact_label(cell) for cell in column[:leaf_level] if cell]
        leaves.append(aligned[leaf_level][j])
        groups.append(" / ".join(dict.fromkeys(above)))
    return Columns(tuple(leaves), tuple(groups))


# --- spans with a total of their own ------------------------------------------------------

_Heading = tuple[str, str, bool]  # leaf, group, whether it is its span's own total
_SEARCH_BUDGET = 5_000  # layouts tried before giving up: a header of this kind has few spans


class _OwnTotals:
    """The layouts of the upper ``names`` over the ``lower`` cells and ``width`` value columns
    in which each span holding a column of its own — first or last, the same side for every
    span — has in it the sum of its leaves in every row of ``values``."""

    def __init__(self, names: list[str], lower: tuple[str, ...], width: int,
                 values: list[tuple[str, ...]]):
        self.names, self.lower, self.width = names, lower, width
        self.numbers = [[_count(cell) for cell in row] for row in values]
        self.found: list[list[_Heading]] = []
        self.budget = _SEARCH_BUDGET

    def search(self) -> list[list[_Heading]]:
        for side in ("first", "last"):
            self._place(0, 0, [], side, summed=False)
        return self.found if self.budget > 0 else []

    def _place(self, span: int, leaf: int, columns: list[_Heading], side: str, summed: bool) -> None:
        """Lay out spans ``span`` on, from leaf ``leaf`` on, after ``columns``."""
        self.budget -= 1
        if self.budget <= 0 or len(self.found) > 1:
            return
        if span == len(self.names):
            if leaf == len(self.lower) and len(columns) == self.width and summed:
                self.found.append(columns)
            return
        name, spans_left = self.names[span], len(self.names) - span - 1
        for count in range(len(self.lower) - leaf + 1):
            under = [(self.lower[leaf + i], name, False) for i in range(count)]
            for own in ("alone",) if count == 0 else ("", side):
                placed = (under + [(name, "", True)] if own == "last" else
                          [(name, "", True)] + under if own else under)
                left = self.width - len(columns) - len(placed)
                rest = len(self.lower) - leaf - count
                if not rest <= left <= rest + spans_left:
                    continue
                if own in ("first", "last") and not self._sums(len(columns), own, count):
                    continue
                self._place(span + 1, leaf + count, columns + placed, side,
                            summed or (own in ("first", "last") and count >= 2))

    def _sums(self, at: int, own: str, count: int) -> bool:
        """Whether the span placed from column ``at`` holds the sum of its ``count`` leaves,
        in every row printing them all (and in one at least)."""
        total = at if own == "first" else at + count
        leaves = range(at + 1, at + 1 + count) if own == "first" else range(at, at + count)
        rows = [row for row in self.numbers
                if row[total] is not None and all(row[j] is not None for j in leaves)]
        return bool(rows) and all(row[total] == sum(row[j] or 0 for j in leaves) for row in rows)


def _count(cell: str) -> float | None:
    quantity = parse_quantity(cell)
    return quantity.value if quantity else None


def _spans_with_own_totals(rows: list[tuple[str, ...]], width: int,
                           body: Sequence[tuple[str, ...]]) -> Columns | None:
    """Two header rows whose lower row, printed from the left, is narrower than the data: the
    one layout of the upper cells in which every own column sums its leaves, if exactly one."""
    if len(rows) != 2 or not body:
        return None
    upper, lower = rows
    names = [cell for cell in upper[1:] if cell]
    if not lower or not all(lower) or not names or len(lower) >= width - 1:
        return None
    values = [row[1:] for row in body if len(row) == width]
    found = _OwnTotals(names, lower, width - 1, values).search() if values else []
    if len(found) != 1:
        return None
    leaves = (upper[0], *(leaf for leaf, _, _ in found[0]))
    groups = ("", *(compact_label(group) for _, group, _ in found[0]))
    return Columns(leaves, groups)
