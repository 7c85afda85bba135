"""Positioned characters and ruling lines of PDF pages into the document model.

Both PDF engines reduce a page to the same simple data — ``Char`` (one glyph: text, x range,
baseline, size) and ``Segment`` (one ruling line) — and everything after that is here, so
the two engines give the same document:

* **tables** are found from ruling lines alone: segments that touch form a grid; a rule
  missing inside the grid merges the cells on either side (the 種別 cell over its group,
  a group heading across both columns). A merged cell's text belongs to its top-left cell;
* a glyph belongs to the cell its centre lies in; inside a cell, glyphs are ordered by
  baseline then x, and wrapped lines are joined **without** a space unless both sides are
  Latin letters or digits; no space is ever invented between glyphs on one line, except
  between two Latin letters or digits set visibly apart;
* **page headers and footers** (text in the top or bottom margin that is a page number or
  recurs on other pages) are dropped;
* text outside tables becomes lines, and a line that runs to the right margin is joined to
  the next one (a wrapped paragraph);
* a table that continues at the top of the next page keeps its table: the repeated header
  row is dropped, and a row split by the page break (its first cell empty) is joined back.

Every cell and paragraph goes through ``normalize`` once, as in the text reader.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..records import Line
from ..values.normalize import fold_count, normalize

TOLERANCE = 1.5  # points: rules closer than this are the same rule
_MARGIN = 0.07  # share of the page height holding running headers and footers
_PAGE_NUMBER = re.compile(r"^[-–—‐ー(（]?\s*\d{1,4}\s*[-–—‐ー)）]?$|^\d+\s*/\s*\d+$")
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\uffef]")
_LATIN = re.compile(r"[0-9A-Za-z]")
# A line that opens like this starts something new even right under a full line.
_STARTS_BLOCK = re.compile(r"^(?:表 ?\d|\d{1,2} \S|※|○|●|■|◆|\(\d+\) )")


@dataclass(frozen=True, slots=True)
class Char:
    text: str
    x0: float
    x1: float
    baseline: float
    size: float

    @property
    def middle(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, self.baseline - 0.35 * self.size


@dataclass(frozen=True, slots=True)
class Segment:
    x0: float
    top: float
    x1: float
    bottom: float


Box = tuple[int, float, float, float, float]  # page, x0, top, x1, bottom


@dataclass
class Page:
    number: int
    width: float
    height: float
    chars: list[Char]
    segments: list[Segment]


# --- grids from ruling lines -----------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    position: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


def _merge_rules(rules: list[_Rule]) -> list[_Rule]:
    """Join collinear rules that overlap or touch (a rule drawn twice, or in pieces)."""
    merged: list[_Rule] = []
    for rule in sorted(rules, key=lambda r: (round(r.position / TOLERANCE), r.start)):
        last = merged[-1] if merged else None
        if (last and abs(last.position - rule.position) <= TOLERANCE
                and rule.start <= last.end + TOLERANCE):
            merged[-1] = _Rule(last.position, last.start, max(last.end, rule.end))
        else:
            merged.append(rule)
    return merged


def _rules(segments: list[Segment]) -> tuple[list[_Rule], list[_Rule]]:
    horizontal, vertical = [], []
    for s in segments:
        width, height = s.x1 - s.x0, s.bottom - s.top
        if height <= TOLERANCE and width > 3 * TOLERANCE:
            horizontal.append(_Rule((s.top + s.bottom) / 2, s.x0, s.x1))
        elif width <= TOLERANCE and height > 3 * TOLERANCE:
            vertical.append(_Rule((s.x0 + s.x1) / 2, s.top, s.bottom))
    return _merge_rules(horizontal), _merge_rules(vertical)


def _touch(h: _Rule, v: _Rule) -> bool:
    return (h.start - TOLERANCE <= v.position <= h.end + TOLERANCE
            and v.start - TOLERANCE <= h.position <= v.end + TOLERANCE)


def _clusters(values: list[float]) -> list[float]:
    """Distinct positions: values closer than TOLERANCE are one position (their mean)."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= TOLERANCE:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


@dataclass
class RuledGrid:
    """A ruled table on one page: column edges ``xs``, row edges ``ys``, cell owners."""

    xs: list[float]
    ys: list[float]
    owner: dict[tuple[int, int], tuple[int, int]]
    cells: dict[tuple[int, int], list[Char]] = field(default_factory=dict)

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def add(self, char: Char) -> None:
        x, y = char.middle
        row = min(bisect_right(self.ys, y) - 1, len(self.ys) - 2)
        column = min(bisect_right(self.xs, x) - 1, len(self.xs) - 2)
        self.cells.setdefault(self.owner[(row, column)], []).append(char)


class _Groups:
    """Union-find over hashable items; a group is named by its smallest member."""

    def __init__(self) -> None:
        self._parent: dict = {}

    def find(self, item):
        self._parent.setdefault(item, item)
        while self._parent[item] != item:
            self._parent[item] = self._parent[self._parent[item]]
            item = self._parent[item]
        return item

    def join(self, a, b) -> None:
        first, second = sorted((self.find(a), self.find(b)))
        self._parent[second] = first


def _covered(rules: list[_Rule], position: float, middle: float) -> bool:
    return any(abs(r.position - position) <= TOLERANCE and r.start - TOLERANCE <= middle
               <= r.end + TOLERANCE for r in rules)


def _grid(horizontal: list[_Rule], vertical: list[_Rule]) -> RuledGrid | None:
    xs, ys = _clusters([v.position for v in vertical]), _clusters([h.position for h in horizontal])
    if len(xs) < 2 or len(ys) < 2:
        return None
    cells = _Groups()  # a merged cell is named by its top-left cell
    for i in range(len(ys) - 1):
        for j in range(len(xs) - 1):
            middle_x, middle_y = (xs[j] + xs[j + 1]) / 2, (ys[i] + ys[i + 1]) / 2
            if i + 1 < len(ys) - 1 and not _covered(horizontal, ys[i + 1], middle_x):
                cells.join((i, j), (i + 1, j))
            if j + 1 < len(xs) - 1 and not _covered(vertical, xs[j + 1], middle_y):
                cells.join((i, j), (i, j + 1))
    owner = {(i, j): cells.find((i, j)) for i in range(len(ys) - 1) for j in range(len(xs) - 1)}
    return RuledGrid(xs, ys, owner)


def find_grids(segments: list[Segment]) -> list[RuledGrid]:
    """The ruled tables among ``segments``: groups of touching rules, at least 2 × 2."""
    horizontal, vertical = _rules(segments)
    touching = _Groups()
    for a, h in enumerate(horizontal):
        touching.find(("h", a))
        for b, v in enumerate(vertical):
            if _touch(h, v):
                touching.join(("h", a), ("v", b))
    members: dict[tuple, tuple[list[_Rule], list[_Rule]]] = {}
    for kind, rules in (("h", horizontal), ("v", vertical)):
        for index, rule in enumerate(rules):
            members.setdefault(touching.find((kind, index)), ([], []))[kind == "v"].append(rule)
    grids = [_grid(hs, vs) for hs, vs in members.values() if len(hs) >= 2 and len(vs) >= 2]
    return sorted((g for g in grids if g), key=lambda g: (round(g.ys[0]), g.xs[0]))


# --- text ------------------------------------------------------------------------------


def _visual_lines(chars: list[Char]) -> list[list[Char]]:
    """Glyphs grouped by baseline, top to bottom, each line left to right."""
    lines: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: c.baseline):
        if lines and abs(char.baseline - lines[-1][0].baseline) <= 0.4 * char.size:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _joined(left: str, right: str) -> str:
    """Two pieces of text that sit side by side or on consecutive lines."""
    if left and right and _LATIN.match(left[-1]) and _LATIN.match(right[0]):
        return f"{left} {right}"
    return left + right


def _line_text(line: list[Char]) -> str:
    text = ""
    for before, char in zip([None, *line], line):
        apart = before is not None and char.x0 - before.x1 > 0.3 * char.size
        text = _joined(text, char.text) if apart else text + char.text
    return text


def cell_text(chars: list[Char]) -> str:
    text = ""
    for line in _visual_lines(chars):
        text = _joined(text, _line_text(line))
    return text


# --- pages into lines ------------------------------------------------------------------


@dataclass
class _Block:
    """One item of a page in reading order: a text line or a table row."""

    order: tuple[float, float, int]  # top, left, row: a table's rows stay together
    page: int
    cells: tuple[str, ...]
    grid: int | None = None
    right: float = 0.0
    size: float = 0.0
    in_margin: bool = False
    boxes: list[list[Box]] = field(default_factory=list)  # per cell: where it is printed


def _in_body(char: Char, page: Page) -> bool:
    return _MARGIN * page.height < char.baseline < (1 - _MARGIN) * page.height


def _page_blocks(page: Page, grids: list[RuledGrid], first_grid_id: int) -> list[_Block]:
    """Text lines and table rows of one page, in reading order (a table's rows together)."""
    free: list[Char] = []
    for char in page.chars:
        owner = next((g for g in grids if g.contains(*char.middle)), None)
        if owner:
            owner.add(char)
        else:
            free.append(char)
    blocks: list[_Block] = []
    for line in _visual_lines(free):
        text = _line_text(line).strip()
        if text:
            blocks.append(_Block((line[0].baseline, line[0].x0, 0), page.number, (text,), None,
                                 max(c.x1 for c in line), max(c.size for c in line),
                                 in_margin=not _in_body(line[0], page),
                                 boxes=[[_text_box(page.number, line)]]))
    for number, grid in enumerate(grids, start=first_grid_id):
        extents = _merged_extents(grid)
        for i in range(len(grid.ys) - 1):
            cells = tuple(cell_text(grid.cells.get((i, j), []))
                          if grid.owner[(i, j)] == (i, j) else ""
                          for j in range(len(grid.xs) - 1))
            if any(cells):
                boxes = [[(page.number, *extents[grid.owner[(i, j)]])] for j in range(len(cells))]
                blocks.append(_Block((grid.ys[0], grid.xs[0], i), page.number, cells, number,
                                     grid.xs[-1], boxes=boxes))
    return sorted(blocks, key=lambda b: b.order)


def _without_running_text(blocks: list[_Block], pages: int) -> list[_Block]:
    """Drop page numbers, and text lines that recur page after page (headers, footers).

    In the top or bottom margin a line recurs when the same text, digits aside, stands on
    another page (``- 3 -``, ``2021年3月 … 1/4``); in the body only the very same text on most
    pages (at least three) counts, so that ``表1 …`` and ``表2 …`` are never taken for one.
    """
    def masked(block: _Block) -> str:
        return re.sub(r"\d+", "#", block.cells[0])

    text_blocks = [b for b in blocks if b.grid is None]
    in_margins = Counter(text for _, text in {(b.page, masked(b)) for b in text_blocks
                                              if b.in_margin})
    anywhere = Counter(text for _, text in {(b.page, b.cells[0]) for b in text_blocks})

    def running(block: _Block) -> bool:
        if block.in_margin:
            return bool(_PAGE_NUMBER.match(block.cells[0])) or in_margins[masked(block)] >= 2
        count = anywhere[block.cells[0]]
        return count >= 3 and count > pages / 2

    return [b for b in blocks if b.grid is not None or not running(b)]


def _continues(previous: _Block | None, block: _Block, layouts: dict[int, tuple]) -> bool:
    """Whether a grid that opens a page continues the grid that closed the page before."""
    return (previous is not None and previous.grid is not None and block.grid is not None
            and previous.page + 1 == block.page
            and layouts[previous.grid] == layouts[block.grid])


def _stitch(blocks: list[_Block], layouts: dict[int, tuple]) -> list[_Block]:
    """Join tables across page breaks: one grid id, header dropped, split row rejoined.

    A grid that opens a page continues the grid that closed the page before when their
    columns line up. Its leading rows that repeat the table's first rows (a header printed
    on every page) are dropped; a first row whose first cell is empty, in a table whose
    rows all have one, is the rest of a row the page break split, and is joined back.
    """
    stitched: list[_Block] = []
    table_of: dict[int, int] = {}
    first_rows: dict[int, list[tuple[str, ...]]] = {}
    repeating: dict[int, int] = {}  # rows of a continued part that may still repeat the header
    for block in blocks:
        previous = stitched[-1] if stitched else None
        if block.grid is None:
            stitched.append(block)
            continue
        if block.grid not in table_of:
            continued = _continues(previous, block, layouts)
            table_of[block.grid] = previous.grid if continued and previous and previous.grid \
                is not None else block.grid
            repeating[block.grid] = 0 if continued else -1
        part, block.grid = block.grid, table_of[block.grid]
        head = first_rows.setdefault(block.grid, [])
        if repeating[part] >= 0:
            if repeating[part] < len(head) and block.cells == head[repeating[part]]:
                repeating[part] += 1
                continue
            repeating[part] = -1
            if (previous and previous.grid == block.grid and not block.cells[0]
                    and _first_cells_filled(stitched, block.grid)):
                previous.cells = tuple(_joined(a, b) for a, b in zip(previous.cells, block.cells))
                _extend(previous, block)
                continue
        if len(head) < 5:
            head.append(block.cells)
        stitched.append(block)
    return stitched


def _first_cells_filled(blocks: list[_Block], grid: int) -> bool:
    rows = [b for b in blocks if b.grid == grid][1:]  # the header may have a blank corner
    return bool(rows) and all(b.cells[0] for b in rows)


def _paragraphs(blocks: list[_Block], right_edge: dict[int, float]) -> list[_Block]:
    """Join a text line that runs to the right margin with the line after it."""
    joined: list[_Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (previous and previous.grid is None and block.grid is None
                and previous.page == block.page
                and previous.right >= right_edge[block.page] - 1.5 * previous.size
                and not _STARTS_BLOCK.match(block.cells[0])
                and block.order[0] - previous.order[0] <= 2.2 * previous.size):
            previous.cells = (_joined(previous.cells[0], block.cells[0]),)
            previous.right, previous.order = block.right, block.order
            _extend(previous, block)
            continue
        joined.append(block)
    return joined


def _text_box(page: int, line: list[Char]) -> Box:
    size = max(c.size for c in line)
    baseline = max(c.baseline for c in line)
    return (page, min(c.x0 for c in line), baseline - 0.9 * size, max(c.x1 for c in line),
            baseline + 0.2 * size)


def _merged_extents(grid: RuledGrid) -> dict[tuple[int, int], tuple[float, float, float, float]]:
    """Each owning cell's rectangle (x0, top, x1, bottom), with every cell merged into it."""
    extents: dict[tuple[int, int], tuple[float, float, float, float]] = {}
    for (i, j), owner in grid.owner.items():
        x0, top, x1, bottom = grid.xs[j], grid.ys[i], grid.xs[j + 1], grid.ys[i + 1]
        if owner in extents:
            a, b, c, d = extents[owner]
            x0, top, x1, bottom = min(a, x0), min(b, top), max(c, x1), max(d, bottom)
        extents[owner] = (x0, top, x1, bottom)
    return extents


def _extend(block: _Block, joined: _Block) -> None:
    for boxes, more in zip(block.boxes, joined.boxes):
        boxes.extend(more)


def _blocks(pages: list[Page]) -> list[_Block]:
    """Every line of the document as a block, in order: what ``document_lines`` numbers."""
    blocks: list[_Block] = []
    layouts: dict[int, tuple] = {}
    for page in pages:
        grids = find_grids(page.segments)
        first_grid_id = len(layouts) + 1
        for grid_id, grid in enumerate(grids, start=first_grid_id):
            layouts[grid_id] = tuple(round(x) for x in grid.xs)
        blocks += _page_blocks(page, grids, first_grid_id)
    blocks = _without_running_text(blocks, len(pages))
    right_edge = {p.number: max((b.right for b in blocks if b.page == p.number and b.grid is None),
                                default=p.width) for p in pages}
    return _paragraphs(_stitch(blocks, layouts), right_edge)


def line_boxes(pages: list[Page]) -> dict[tuple[int, int], list[list[Box]]]:
    """Where each line of ``document_lines`` is printed: (page, line) -> boxes of each cell.

    A paragraph joined from several printed lines, or a table row split by a page break,
    has several boxes for one cell.
    """
    per_page: Counter[int] = Counter()
    found = {}
    for block in _blocks(pages):
        per_page[block.page] += 1
        found[(block.page, per_page[block.page])] = block.boxes
    return found


def document_lines(pages: list[Page]) -> tuple[tuple[Line, ...], int]:
    """Lines of the document model from laid-out pages, and how many glyphs were folded."""
    lines: list[Line] = []
    per_page: Counter[int] = Counter()
    folded = 0
    for block in _blocks(pages):
        folded += sum(fold_count(cell) for cell in block.cells)
        per_page[block.page] += 1
        lines.append(Line(tuple(normalize(cell) for cell in block.cells), block.page,
                          per_page[block.page],
                          gap_before=bool(lines) and lines[-1].page != block.page,
                          grid=block.grid))
    return tuple(lines), folded
