"""Positioned characters and ruling lines of PDF pages into the document model.

Both PDF engines reduce a page to the same simple data — ``Run`` (glyphs set one after
another on a baseline: their texts and x ranges, the baseline, the size; ``Char`` is one
glyph) and ``Segment`` (one ruling line) — and everything after that is here, so the two
engines give the same document. Every rule below is a rule about glyphs; runs are only how
they are carried (a run is placed as its glyphs would be, see ``Run``):

* **tables** are found from ruling lines alone: segments that touch form a grid; a rule
  missing inside the grid merges the cells on either side (the 種別 cell over its group,
  a group heading across both columns). A merged cell's text belongs to its top-left cell
  and the cells it covers are ``""``, so every row has the grid's full width;
* a **box** — a ruled rectangle with no rule inside it, standing alone or drawn over a
  table (a figure in a frame, a ``調査中`` note laid over a column) — is not a table and
  not part of one: its text is one line of its own, and it neither adds columns to the
  table under it nor stops that table from continuing on the next page;
* a glyph belongs to the box or cell its centre lies in; inside a cell, glyphs are ordered by
  baseline then x, and wrapped lines are joined **without** a space unless both sides are
  Latin letters or digits; no space is ever invented between glyphs on one line, except
  between two Latin letters or digits set visibly apart;
* **page headers and footers** (text in the top or bottom margin that is a page number or
  recurs on other pages) are dropped;
* text outside tables becomes lines; a line is joined to the next one (a wrapped paragraph)
  when it runs to the right margin, or when it stops short of it in mid-sentence and the
  next line carries on at its left edge (Word breaks ``…一部公開44`` / ``件、…`` before a
  counter that does not fit);
* a table that continues at the top of the next page keeps its table: the repeated header
  row is dropped, and a row split by the page break (its first cell empty) is joined back.
  Text beside a table (a box, a note to its right) is read after the whole table.

Every cell and paragraph goes through ``normalize`` once, as in the text reader.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from math import isfinite
from operator import attrgetter, sub
from typing import NamedTuple

from ..records import Line
from ..values.normalize import fold_count, normalize

TOLERANCE = 1.5  # points: rules closer than this are the same rule
RULE_WIDTH = 2.0  # points: a line or filled rectangle at most this thick is a ruling line
_CORNER = 6.0  # points: a box's sides may stop this short of its corners (rounded corners)
_CENTRE = 0.35  # ems: the centre of a glyph lies this far above its baseline
_SHORT_LINE = 4.0  # ems: a line ending further from the right margin ends its paragraph
_SENTENCE_END = ("。", "．", "！", "？", "!", "?", ":", "：")
_MARGIN = 0.07  # share of the page height holding running headers and footers
_PAGE_NUMBER = re.compile(r"^[-–—‐ー(（]?\s*\d{1,4}\s*[-–—‐ー)）]?$|^\d+\s*/\s*\d+$")
_LATIN = re.compile(r"[0-9A-Za-z]")
# A line that opens like this starts something new even right under a full line.
_STARTS_BLOCK = re.compile(r"^(?:表 ?\d|\d{1,2} \S|※|○|●|■|◆|\(\d+\) )")


class Char(NamedTuple):
    text: str
    x0: float
    x1: float
    baseline: float
    size: float

    @property
    def middle(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, self.baseline - _CENTRE * self.size


class Run(NamedTuple):
    """Glyphs set one after another: one baseline, one size, left to right, no visible gap.

    The layout places runs, not glyphs: every rule it applies to a glyph (the line it joins,
    the row it lies in, the space before it) gives the same answer for each glyph of a run,
    and a run is cut only where it crosses a column rule. A line of a cell is usually one
    run of a dozen glyphs, so there are far fewer of them to sort and place.
    """

    texts: tuple[str, ...]  # one per glyph
    lefts: tuple[float, ...]  # x0 of each glyph, never decreasing
    rights: tuple[float, ...]  # x1 of each glyph, never decreasing
    baseline: float
    size: float

    @property
    def x0(self) -> float:
        return self.lefts[0]

    @property
    def x1(self) -> float:
        return self.rights[-1]

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def piece(self, start: int, end: int) -> Run:
        return Run(self.texts[start:end], self.lefts[start:end], self.rights[start:end],
                   self.baseline, self.size)

    def glyphs(self) -> list[Char]:
        return [Char(text, x0, x1, self.baseline, self.size)
                for text, x0, x1 in zip(self.texts, self.lefts, self.rights)]


# Sort keys and fields of runs, read in C where they are fields.
_BASELINE, _LEFT, _RIGHT, _SIZE, _LEFTS, _RIGHTS = (
    attrgetter(name) for name in ("baseline", "x0", "x1", "size", "lefts", "rights"))


def _visibly_apart(gap: float, size: float) -> bool:
    """Whether a glyph starts ``gap`` after the one before it ends: a space between them."""
    return gap > 0.3 * size


def glyph_runs(chars: Iterable[Char]) -> list[Run]:
    """Glyphs, in the order the engine gives them, as runs of consecutive glyphs."""
    runs: list[Run] = []
    group: list[Char] = []
    for char in chars:
        if group and not _continues_run(group[-1], char):
            runs.append(_run_of(group))
            group = []
        group.append(char)
    if group:
        runs.append(_run_of(group))
    return runs


def _run_of(group: list[Char]) -> Run:
    texts, lefts, rights, baselines, sizes = zip(*group)
    return Run(texts, lefts, rights, baselines[0], sizes[0])


def _continues_run(last: Char, char: Char) -> bool:
    # A negative size would put each glyph on a line of its own (see _visual_lines).
    return (char.baseline == last.baseline and char.size == last.size and char.size >= 0
            and char.x0 >= last.x0 and char.x1 >= last.x1
            and not _visibly_apart(char.x0 - last.x1, char.size))


def is_run(lefts: Sequence[float], rights: Sequence[float], baselines: Sequence[float],
           size: float) -> bool:
    """Whether glyphs at these places make one run, as ``glyph_runs`` would group them."""
    return len(baselines) == 1 or (
        baselines.count(baselines[0]) == len(baselines) and size >= 0
        and _never_decreasing(lefts) and _never_decreasing(rights)
        and not _visibly_apart(max(map(sub, lefts[1:], rights)), size))


def _never_decreasing(values: Sequence[float]) -> bool:
    return sorted(values) == list(values)  # in C; sorting sorted values is one pass


def _glyph_by_glyph(runs: list[Run]) -> list[Run]:
    """Each glyph a run of its own."""
    return [Run((text,), (x0,), (x1,), run.baseline, run.size)
            for run in runs for text, x0, x1 in zip(run.texts, run.lefts, run.rights)]


def _placeable(runs: list[Run]) -> list[Run]:
    """The runs of a page, or its glyphs one by one where a position is not a finite number.

    A damaged PDF can place a glyph at infinity or NaN, where sorting by position is not
    defined: runs would not then sort as their glyphs do. A sum is finite only if every
    term is (one that overflows, from huge but finite terms, just takes the slow way).
    """
    total = (sum(map(_BASELINE, runs)) + sum(map(_SIZE, runs))
             + sum(map(sum, map(_LEFTS, runs))) + sum(map(sum, map(_RIGHTS, runs))))
    return runs if isfinite(total) else _glyph_by_glyph(runs)




class Segment(NamedTuple):
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
    runs: list[Run]  # in the order the engine gives the glyphs
    segments: list[Segment]

    @property
    def chars(self) -> list[Char]:
        return [char for run in self.runs for char in run.glyphs()]


# --- grids from ruling lines -----------------------------------------------------------


@dataclass(slots=True)  # not frozen: built in thousands, and a frozen one is slow to build
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
        if height <= RULE_WIDTH and width > 3 * TOLERANCE:
            horizontal.append(_Rule((s.top + s.bottom) / 2, s.x0, s.x1))
        elif width <= RULE_WIDTH and height > 3 * TOLERANCE:
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
    cells: dict[tuple[int, int], list[Run]] = field(default_factory=dict)

    @property
    def is_box(self) -> bool:
        """One cell only: a frame around a figure or a note, not a table."""
        return len(set(self.owner.values())) == 1

    def fill(self, glyphs: _Glyphs) -> None:
        """Put the glyphs not yet taken in the cells their centres lie in, top to bottom.

        The runs are sorted by the height of their centre, so each row takes the run of
        them between its rules; a centre on the bottom rule belongs to the last row.
        """
        start, end = glyphs.level(self.ys[0], self.ys[-1])
        cuts = [start, *(glyphs.below(y, start, end) for y in self.ys[1:-1]), end]
        left_over = glyphs.left_over
        for row, (first, after) in enumerate(zip(cuts, cuts[1:])):
            cells = [self.cells.setdefault(self.owner[(row, column)], [])
                     for column in range(len(self.xs) - 1)]
            cells.append(cells[-1])  # a centre on the right rule: in the last column
            for index in glyphs.by_height[first:after]:
                left_over[index] = [rest for run in left_over[index]
                                    for rest in self._take(run, cells)]

    def _take(self, run: Run, cells: list[list[Run]]) -> list[Run]:
        """Put the glyphs of ``run`` whose centres lie across the grid in their cells.

        Returns the pieces left outside it. The centres never decrease along a run, so the
        glyphs of each column are a piece of it; the usual run lies in one cell whole.
        """
        xs = self.xs
        first = (run.lefts[0] + run.rights[0]) / 2
        last = (run.lefts[-1] + run.rights[-1]) / 2
        column = bisect_right(xs, first) - 1
        if xs[0] <= first and last <= xs[-1] and column == bisect_right(xs, last) - 1:
            cells[column].append(run)
            return []
        centres = [(x0 + x1) / 2 for x0, x1 in zip(run.lefts, run.rights)]
        start = bisect_left(centres, xs[0])
        end = max(start, bisect_right(centres, xs[-1]))  # a frame can be narrower than its corners
        at = start
        while at < end:
            column = bisect_right(xs, centres[at]) - 1
            stop = bisect_left(centres, xs[column + 1], at, end) if column + 1 < len(xs) else end
            cells[column].append(run.piece(at, stop))
            at = stop
        return [piece for piece in (run.piece(0, start), run.piece(end, len(centres)))
                if piece.texts]


class _Glyphs:
    """A page's runs sorted by the height of their centres, each glyph taken by one grid at most.

    Sorted once, so that a grid finds the runs level with it, and each of its rows those
    between its rules, by a binary search rather than a look at every run.
    """

    def __init__(self, runs: list[Run]) -> None:
        centre_y = [run.baseline - _CENTRE * run.size for run in runs]
        self.by_height = sorted(range(len(runs)), key=centre_y.__getitem__)
        self._height = centre_y.__getitem__
        self.left_over = [[run] for run in runs]  # per run: its pieces no grid has taken

    def level(self, top: float, bottom: float) -> tuple[int, int]:
        """The stretch of ``by_height`` whose centres lie from ``top`` to ``bottom``, both included."""
        return (bisect_left(self.by_height, top, key=self._height),
                bisect_right(self.by_height, bottom, key=self._height))

    def below(self, y: float, start: int, end: int) -> int:
        """Where in ``by_height[start:end]`` the centres at or under ``y`` begin."""
        return bisect_left(self.by_height, y, start, end, key=self._height)

    def free(self) -> list[Run]:
        """What no grid took, in the engine's order."""
        return [piece for pieces in self.left_over for piece in pieces]


class _Groups:
    """Union-find over hashable items; a group is named by its smallest member."""

    def __init__(self) -> None:
        self._parent: dict = {}

    def find(self, item):
        while item in self._parent:  # only joined items have a parent: most cells have none
            item = self._parent[item]
        return item

    def join(self, a, b) -> None:
        first, second = self.find(a), self.find(b)
        if second < first:
            first, second = second, first
        if first != second:
            self._parent[second] = first

    def names(self, items: Iterable) -> dict:
        """The group of each item; looked up only for the items that were joined."""
        names = {item: item for item in items}
        names.update((item, self.find(item)) for item in self._parent)
        return names


class _Lines:
    """Rules of one direction sorted by position, to look up those near a position."""

    def __init__(self, rules: list[_Rule]) -> None:
        self.rules = sorted(rules, key=lambda r: r.position)
        self._positions = [r.position for r in self.rules]

    def near(self, position: float, reach: float = TOLERANCE) -> list[_Rule]:
        low = bisect_left(self._positions, position - reach)
        return self.rules[low:bisect_right(self._positions, position + reach)]


def _uncovered(spans: list[_Rule], middles: list[float]) -> list[int]:
    """Which of the cells (by their middles) along an edge no rule in ``spans`` closes."""
    if any(r.start - TOLERANCE <= middles[0] and middles[-1] <= r.end + TOLERANCE for r in spans):
        return []  # the usual case: one rule along the whole edge
    return [k for k, middle in enumerate(middles)
            if not any(r.start - TOLERANCE <= middle <= r.end + TOLERANCE for r in spans)]


def _grid(horizontal: list[_Rule], vertical: list[_Rule]) -> RuledGrid | None:
    xs, ys = _clusters([v.position for v in vertical]), _clusters([h.position for h in horizontal])
    if len(xs) < 2 or len(ys) < 2:
        return None
    across, down = _Lines(horizontal), _Lines(vertical)
    column_middles = [(a + b) / 2 for a, b in zip(xs, xs[1:])]
    row_middles = [(a + b) / 2 for a, b in zip(ys, ys[1:])]
    cells = _Groups()  # a merged cell is named by its top-left cell
    for i in range(1, len(ys) - 1):  # a missing rule between rows i-1 and i
        for j in _uncovered(across.near(ys[i]), column_middles):
            cells.join((i - 1, j), (i, j))
    for j in range(1, len(xs) - 1):  # a missing rule between columns j-1 and j
        for i in _uncovered(down.near(xs[j]), row_middles):
            cells.join((i, j - 1), (i, j))
    owner = cells.names((i, j) for i in range(len(ys) - 1) for j in range(len(xs) - 1))
    return RuledGrid(xs, ys, owner)


@dataclass(frozen=True)
class _Frame:
    """Four rules that close a rectangle, each ending at the corners."""

    top: _Rule
    bottom: _Rule
    left: _Rule
    right: _Rule

    def holds(self, rule: _Rule, across: bool) -> bool:
        """Whether ``rule`` lies inside the frame (a rule that crosses it does not)."""
        low, high = ((self.left.position, self.right.position) if across
                     else (self.top.position, self.bottom.position))
        side_low, side_high = ((self.top.position, self.bottom.position) if across
                               else (self.left.position, self.right.position))
        return (side_low + TOLERANCE < rule.position < side_high - TOLERANCE
                and low - TOLERANCE <= rule.start and rule.end <= high + TOLERANCE)

    def grid(self) -> RuledGrid:
        return RuledGrid([self.left.position, self.right.position],
                    [self.top.position, self.bottom.position], {(0, 0): (0, 0)})


def _frames(across: _Lines, down: _Lines) -> list[_Frame]:
    """Closed rectangles among the rules; rounded corners may leave gaps up to _CORNER."""
    def near(a: float, b: float) -> bool:
        return abs(a - b) <= _CORNER

    frames = []
    for top in across.rules:
        for left in down.near(top.start, _CORNER):
            for right in down.near(top.end, _CORNER):
                if not (near(left.start, top.position) and near(right.start, top.position)
                        and near(left.end, right.end)):
                    continue
                bottom = next((h for h in across.near(left.end, _CORNER) if h is not top
                               and near(h.start, top.start) and near(h.end, top.end)), None)
                if bottom:
                    frames.append(_Frame(top, bottom, left, right))
    return frames


def _boxes(across: _Lines, down: _Lines) -> list[_Frame]:
    """Frames with no rule inside them: boxes, whether alone or laid over a table.

    A table's outer frame has its inner rules inside it; a box drawn over a table is only
    crossed by the table's rules, which run on outside it.
    """
    return [f for f in _frames(across, down)
            if not any(f.holds(r, True) for r in across.rules)
            and not any(f.holds(r, False) for r in down.rules)]


def find_grids(segments: list[Segment]) -> list[RuledGrid]:
    """The ruled tables and boxes among ``segments``, top to bottom.

    Boxes come first (their rules are set apart); the other rules form tables: groups of
    touching rules, at least 2 × 2.
    """
    horizontal, vertical = _rules(segments)
    boxes = _boxes(_Lines(horizontal), _Lines(vertical))
    framing = {id(rule) for box in boxes for rule in (box.top, box.bottom, box.left, box.right)}
    horizontal = [r for r in horizontal if id(r) not in framing]
    vertical = [r for r in vertical if id(r) not in framing]
    touching = _Groups()  # rules by number: the horizontal ones first, then the vertical
    down = _Lines(vertical)
    number_of = {id(v): len(horizontal) + b for b, v in enumerate(vertical)}
    for a, h in enumerate(horizontal):
        middle, reach = (h.start + h.end) / 2, (h.end - h.start) / 2 + TOLERANCE
        for v in down.near(middle, reach):
            if _touch(h, v):
                touching.join(a, number_of[id(v)])
    members: dict[int, tuple[list[_Rule], list[_Rule]]] = {}
    for number, rule in enumerate(horizontal + vertical):
        members.setdefault(touching.find(number), ([], []))[number >= len(horizontal)].append(rule)
    grids = [_grid(hs, vs) for hs, vs in members.values() if len(hs) >= 2 and len(vs) >= 2]
    tables = sorted((g for g in grids if g), key=lambda g: (round(g.ys[0]), g.xs[0]))
    return [box.grid() for box in boxes] + tables


# --- text ------------------------------------------------------------------------------


def _visual_lines(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped by baseline, top to bottom, each line left to right.

    A glyph joins a line when its baseline lies within 0.4 of its size under the line's
    first glyph (glyphs are taken top to bottom, so never above it). The glyphs of a run
    share baseline and size: where the first one goes, the others follow.
    """
    lines: list[list[Run]] = []
    top = 0.0  # the baseline of the line's first glyph
    for run in sorted(runs, key=_BASELINE):
        if lines and run.baseline - top <= 0.4 * run.size:
            lines[-1].append(run)
        else:
            lines.append([run])
            top = run.baseline
    return [_left_to_right(line) for line in lines]


def _left_to_right(line: list[Run]) -> list[Run]:
    """A line's runs ordered as its glyphs are, by x0 (glyphs at the same x0 as they came).

    That is the runs in order when each ends left of where the next begins; runs that
    overlap (text drawn twice, over itself) are taken apart into their glyphs.
    """
    if len(line) == 1:
        return line
    ordered = sorted(line, key=_LEFT)
    if all(run.lefts[-1] < after.lefts[0] for run, after in pairwise(ordered)):
        return ordered
    return sorted(_glyph_by_glyph(line), key=_LEFT)


def _joined(left: str, right: str) -> str:
    """Two pieces of text that sit side by side or on consecutive lines."""
    if left and right and _LATIN.match(left[-1]) and _LATIN.match(right[0]):
        return f"{left} {right}"
    return left + right


def _line_text(line: list[Run]) -> str:
    """The text of a line, with a space only between Latin letters or digits set apart."""
    text, right = line[0].text, line[0].rights[-1]  # where the glyph before ends
    for run in line[1:]:
        if _visibly_apart(run.lefts[0] - right, run.size):
            text = _joined(text, run.texts[0]) + "".join(run.texts[1:])
        else:
            text += run.text
        right = run.rights[-1]
    return text


def cell_text(runs: list[Run]) -> str:
    if len(runs) < 2:  # most cells of a long table: one figure, a word, or nothing
        return runs[0].text if runs else ""
    text = ""
    for line in _visual_lines(runs):
        text = _joined(text, _line_text(line))
    return text


# --- pages into lines ------------------------------------------------------------------


@dataclass
class _Block:
    """One item of a page in reading order: a text line, a box or a table row."""

    order: tuple[float, float, int]  # top, left, row: a table's rows stay together
    page: int
    cells: tuple[str, ...]
    grid: int | None = None
    right: float = 0.0
    size: float = 0.0
    in_margin: bool = False
    boxed: bool = False  # the text of a box: a line of its own, never joined to another
    beside: int | None = None  # the table this text stands beside, read after that table
    boxes: list[list[Box]] = field(default_factory=list)  # per cell: where it is printed

    @property
    def left(self) -> float:
        return self.order[1]


def _in_body(y: float, page: Page) -> bool:
    return _MARGIN * page.height < y < (1 - _MARGIN) * page.height


def _assign(runs: list[Run], grids: list[RuledGrid]) -> list[Run]:
    """Put each glyph in the box or cell its centre lies in; the glyphs outside, in order.

    Boxes come first: they lie on top of any table under them.
    """
    if not grids:
        return runs
    glyphs = _Glyphs(runs)
    for grid in sorted(grids, key=lambda g: not g.is_box):
        grid.fill(glyphs)
    return glyphs.free()


def _beside(y: float, tables: list[tuple[int, RuledGrid]]) -> int | None:
    return next((number for number, grid in tables if grid.ys[0] < y < grid.ys[-1]), None)


def _rows(grid: RuledGrid) -> list[tuple[str, ...]]:
    """Every row of a table at the grid's full width; a merged cell is text then ``""``."""
    return [tuple(cell_text(grid.cells.get((i, j), [])) if grid.owner[(i, j)] == (i, j) else ""
                  for j in range(len(grid.xs) - 1))
            for i in range(len(grid.ys) - 1)]


def _text_blocks(free: list[Run], page: Page, tables: list[tuple[int, RuledGrid]],
                 where: bool) -> list[_Block]:
    """The lines of the glyphs outside every table and box (``where``: with their boxes)."""
    blocks = []
    for line in _visual_lines(free):
        text = _line_text(line).strip()
        if text:
            size = max(map(_SIZE, line))
            blocks.append(_Block((line[0].baseline, line[0].x0, 0), page.number, (text,), None,
                                 max(map(_RIGHT, line)), size,
                                 in_margin=not _in_body(line[0].baseline, page),
                                 beside=_beside(line[0].baseline - _CENTRE * size, tables),
                                 boxes=[[_text_box(page.number, line)]] if where else []))
    return blocks


def _box_blocks(boxes: list[RuledGrid], page: Page, tables: list[tuple[int, RuledGrid]]) -> list[_Block]:
    """One line for the text of each box."""
    blocks = []
    for box in boxes:
        text = cell_text(box.cells.get((0, 0), [])).strip()
        middle = (box.ys[0] + box.ys[-1]) / 2
        if text:
            blocks.append(_Block((box.ys[0], box.xs[0], 0), page.number, (text,), None,
                                 box.xs[-1], in_margin=not _in_body(middle, page), boxed=True,
                                 beside=_beside(middle, tables),
                                 boxes=[[(page.number, box.xs[0], box.ys[0], box.xs[-1],
                                          box.ys[-1])]]))
    return blocks


def _page_blocks(page: Page, grids: list[RuledGrid], first_grid_id: int,
                 where: bool) -> list[_Block]:
    """Text lines, boxes and table rows of one page, in reading order; ``where``: with the
    boxes each cell is printed in (only ``inspect`` needs them)."""
    free = _assign(_placeable(page.runs), grids)
    tables = list(enumerate((g for g in grids if not g.is_box), start=first_grid_id))
    rows = {number: _rows(grid) for number, grid in tables}
    written = [(number, grid) for number, grid in tables if any(map(any, rows[number]))]
    blocks = _text_blocks(free, page, written, where) + _box_blocks(
        [g for g in grids if g.is_box], page, written)
    for number, grid in written:
        extents = _merged_extents(grid) if where else {}
        blocks += [_Block((grid.ys[0], grid.xs[0], i), page.number, cells, number, grid.xs[-1],
                          boxes=[[(page.number, *extents[grid.owner[(i, j)]])]
                                 for j in range(len(cells))] if where else [])
                   for i, cells in enumerate(rows[number]) if any(cells)]
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


def _stitch(blocks: list[_Block], layouts: dict[int, tuple]) -> tuple[list[_Block], dict]:
    """Join tables across page breaks: one grid id, header dropped, split row rejoined.

    A grid that opens a page continues the grid that closed the page before when their
    columns line up. Its leading rows that repeat the table's first rows (a header printed
    on every page) are dropped; a first row whose first cell is empty, in a table whose
    rows all have one, is the rest of a row the page break split, and is joined back.
    Returns the blocks and the table each grid became part of.
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
    return stitched, table_of


def _first_cells_filled(blocks: list[_Block], grid: int) -> bool:
    rows = [b for b in blocks if b.grid == grid][1:]  # the header may have a blank corner
    return bool(rows) and all(b.cells[0] for b in rows)


def _with_side_text(blocks: list[_Block], layouts: dict[int, tuple]) -> list[_Block]:
    """Stitch the tables, then put the text beside each table right after its last row."""
    tables, table_of = _stitch([b for b in blocks if b.beside is None], layouts)
    waiting: dict[int, list[_Block]] = {}
    for block in blocks:
        if block.beside is not None:
            waiting.setdefault(table_of[block.beside], []).append(block)
    last_row = {b.grid: index for index, b in enumerate(tables) if b.grid is not None}
    placed: list[_Block] = []
    for index, block in enumerate(tables):
        placed.append(block)
        if block.grid is not None and last_row[block.grid] == index:
            placed += waiting.get(block.grid, [])
    return placed


def _continues_paragraph(previous: _Block, block: _Block, right_edge: float) -> bool:
    """Whether text line ``block`` carries on the paragraph that ``previous`` ends.

    It does when ``previous`` runs to the right margin, or stops a few ems short of it in
    mid-sentence (no 。) with ``block`` starting no further right: a new paragraph opens
    indented. Never across a page, a table or a box, nor into a heading or a caption.
    """
    if (previous.grid is not None or block.grid is not None or previous.boxed or block.boxed
            or previous.page != block.page or _STARTS_BLOCK.match(block.cells[0])
            or block.order[0] - previous.order[0] > 2.2 * previous.size):
        return False
    if previous.right >= right_edge - 1.5 * previous.size:
        return True
    return (not previous.cells[0].endswith(_SENTENCE_END)
            and previous.right >= right_edge - _SHORT_LINE * previous.size
            and block.left <= previous.left + 0.5 * previous.size)


def _paragraphs(blocks: list[_Block], right_edge: dict[int, float]) -> list[_Block]:
    """Join each wrapped line of a paragraph to the line before it."""
    joined: list[_Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if previous and _continues_paragraph(previous, block, right_edge[block.page]):
            previous.cells = (_joined(previous.cells[0], block.cells[0]),)
            previous.right, previous.order = block.right, block.order
            _extend(previous, block)
            continue
        joined.append(block)
    return joined


def _text_box(page: int, line: list[Run]) -> Box:
    """Where a line of runs (left to right, as ``_visual_lines`` gives it) is printed."""
    size, baseline = max(map(_SIZE, line)), max(map(_BASELINE, line))
    return (page, line[0].x0, baseline - 0.9 * size, max(map(_RIGHT, line)), baseline + 0.2 * size)


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


def _blocks(pages: list[Page], where: bool = False) -> list[_Block]:
    """Every line of the document as a block, in order: what ``document_lines`` numbers.

    ``where``: with the boxes each cell is printed in, for ``line_boxes``.
    """
    blocks: list[_Block] = []
    layouts: dict[int, tuple] = {}
    for page in pages:
        grids = find_grids(page.segments)
        first_grid_id = len(layouts) + 1
        tables = (grid for grid in grids if not grid.is_box)
        for grid_id, grid in enumerate(tables, start=first_grid_id):
            layouts[grid_id] = tuple(round(x) for x in grid.xs)
        blocks += _page_blocks(page, grids, first_grid_id, where)
    blocks = _without_running_text(blocks, len(pages))
    return _paragraphs(_with_side_text(blocks, layouts), _right_edges(blocks, pages))


def _right_edges(blocks: list[_Block], pages: list[Page]) -> dict[int, float]:
    """Each page's right margin: where its furthest text line ends (its width if it has none)."""
    ends: dict[int, float] = {}
    for block in blocks:
        if block.grid is None and not block.boxed:
            ends[block.page] = max(ends.get(block.page, block.right), block.right)
    return {page.number: ends.get(page.number, page.width) for page in pages}


def line_boxes(pages: list[Page]) -> dict[tuple[int, int], list[list[Box]]]:
    """Where each line of ``document_lines`` is printed: (page, line) -> boxes of each cell.

    A paragraph joined from several printed lines, or a table row split by a page break,
    has several boxes for one cell.
    """
    per_page: Counter[int] = Counter()
    found = {}
    for block in _blocks(pages, where=True):
        per_page[block.page] += 1
        found[(block.page, per_page[block.page])] = block.boxes
    return found


def document_lines(pages: list[Page]) -> tuple[tuple[Line, ...], int]:
    """Lines of the document model from laid-out pages, and how many glyphs were folded."""
    lines: list[Line] = []
    per_page: Counter[int] = Counter()
    folded = 0
    for block in _blocks(pages):
        folded += fold_count("".join(block.cells))  # it counts characters: the cells at once
        per_page[block.page] += 1
        lines.append(Line(tuple(normalize(cell) for cell in block.cells), block.page,
                          per_page[block.page],
                          gap_before=bool(lines) and lines[-1].page != block.page,
                          grid=block.grid))
    return tuple(lines), folded
