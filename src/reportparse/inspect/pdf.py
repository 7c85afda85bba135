"""``inspect`` of a PDF page: a PNG with every value outlined and labelled by what it became.

Drawn with PyMuPDF on the page itself, then rendered:

* a cell that became a value: outlined in its kind's colour, labelled in small type
  (``表2 全部開示 / 件数``, ``登録数 = 498件``, ``No23: no``);
* a line that was read but became no value (a heading, a caption, prose without a figure):
  shaded grey;
* glyphs that were not read at all (page headers, footers, page numbers): shaded red.
"""

from __future__ import annotations

from collections import defaultdict

import pymupdf

from ..read.layout import Box, Char, line_boxes
from ..read.pdf import ENGINES
from ..records import Document
from .marks import Mark

COLOURS = {"table": (0.0, 0.35, 0.85), "metric": (0.0, 0.55, 0.2), "incident": (0.85, 0.4, 0.0)}
_READ_NO_VALUE = (0.55, 0.55, 0.55)
_NOT_READ = (0.9, 0.1, 0.1)
_LABEL_SIZE = 4.5
_LABEL_CHARACTERS = 28
_DPI = 150
LEGEND = ("blue: table cell   green: key figure   orange: incident field   "
          "grey: read, no value   red: not read")


def render_page(data: bytes, name: str, engine: str, document: Document, found: list[Mark],
                page_no: int) -> bytes:
    """PNG bytes of page ``page_no`` (1-based) with ``found`` drawn over it."""
    pages, _ = ENGINES[engine](data, name)  # the damage warnings: parse reports them
    boxes = line_boxes(pages)
    pdf = pymupdf.open(stream=data, filetype="pdf")
    page = pdf[page_no - 1]
    page.insert_font(fontname="jp", fontbuffer=pymupdf.Font("japan").buffer)
    by_cell: dict[tuple[int, int, int], list[Mark]] = defaultdict(list)
    for mark in found:
        by_cell[(mark.page, mark.line, mark.cell)].append(mark)
    drawn: list[Box] = []
    for line in document.lines:
        cells = boxes.get((line.page, line.line), [])
        marked = any((line.page, line.line, i) in by_cell for i in range(len(cells)))
        for index, cell_boxes in enumerate(cells):
            on_page = [box for box in cell_boxes if box[0] == page_no]
            drawn += on_page
            cell_marks = by_cell.get((line.page, line.line, index), [])
            for number, box in enumerate(on_page):
                if cell_marks:
                    _outline(page, box, cell_marks, labelled=number == 0)
                elif not marked:
                    _shade(page, box, _READ_NO_VALUE)
    for char in pages[page_no - 1].chars:
        if char.text.strip() and not any(_inside(char, box) for box in drawn):
            _shade(page, _char_box(page_no, char), _NOT_READ)
    page.insert_text((12, 12), LEGEND, fontname="jp", fontsize=6, color=(0, 0, 0))
    return page.get_pixmap(dpi=_DPI).tobytes("png")


def _rect(box: Box) -> pymupdf.Rect:
    return pymupdf.Rect(box[1], box[2], box[3], box[4])


def _outline(page: pymupdf.Page, box: Box, cell_marks: list[Mark], labelled: bool) -> None:
    """Outline a cell's box; the first box of a cell (a wrapped paragraph has several) is
    labelled."""
    colour = COLOURS[cell_marks[0].kind]
    rect = _rect(box)
    page.draw_rect(rect, color=colour, width=0.8)
    if not labelled:
        return
    label = " | ".join(dict.fromkeys(mark.label for mark in cell_marks))
    if len(label) > _LABEL_CHARACTERS:
        label = label[:_LABEL_CHARACTERS - 1] + "…"
    page.draw_rect(pymupdf.Rect(rect.x0, rect.y0, rect.x1, rect.y0 + _LABEL_SIZE + 1),
                   color=None, fill=(1, 1, 1), fill_opacity=0.75)
    page.insert_text((rect.x0 + 1, rect.y0 + _LABEL_SIZE), label, fontname="jp",
                     fontsize=_LABEL_SIZE, color=colour)


def _shade(page: pymupdf.Page, box: Box, colour: tuple[float, float, float]) -> None:
    page.draw_rect(_rect(box), color=None, fill=colour, fill_opacity=0.25)


def _char_box(page_no: int, char: Char) -> Box:
    return (page_no, char.x0, char.baseline - 0.9 * char.size, char.x1,
            char.baseline + 0.2 * char.size)


def _inside(char: Char, box: Box) -> bool:
    x, y = char.middle
    return box[1] - 1 <= x <= box[3] + 1 and box[2] - 1 <= y <= box[4] + 1

