"""Table rows as a copy prints them, put back into the shape of the table before it is read.

* ``令和5年度812 | 540``: a year label with its first value run into it is split where the
  year ends (no label goes on in digits after 年度);
* bulleted lines under a row (``住民課 1件`` / ``- 住居表示台帳``) are the items of its last,
  text cell, printed as a list;
* a row that opens with an empty cell (a label cell spanning the row above) is read without it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import Line
from . import vocabulary as words

_GLUED_YEAR = re.compile(r"^(?P<year>\S*年度)(?P<value>\d[\d,]*)$")


def without_empty_label(cells: tuple[str, ...]) -> tuple[str, ...]:
    return cells[1:] if cells and not cells[0] else cells


def year_labels_unglued(rows: tuple[Line, ...]) -> tuple[Line, ...]:
    """``令和5年度812 | 540``: a year label with its first value run into it, split where the
    year ends (no label goes on in digits after 年度)."""
    unglued = []
    for row in rows:
        glued = _GLUED_YEAR.match(row.cells[0]) if row.cells else None
        unglued.append(replace(row, cells=(glued["year"], glued["value"], *row.cells[1:]))
                       if glued else row)
    return tuple(unglued)


def list_items_joined(rows: tuple[Line, ...], width: int) -> tuple[Line, ...]:
    """Bulleted lines under a row (``住民課 1件`` / ``- 住居表示台帳``) are the items of its last,
    text cell, printed as a list, where the row has room for that cell."""
    joined: list[Line] = []
    items: dict[int, list[str]] = {}  # the list items of each row, by its place in joined
    for row in rows:
        item = words.LIST_ITEM.match(row.cells[0]) if len(row.cells) == 1 else None
        above = joined[-1].cells if joined else ()
        if item and len(above) > 1 and (len(above) < width or not above[-1]):
            items.setdefault(len(joined) - 1, []).append(item["text"])
        else:
            joined.append(row)
    for at, texts in items.items():
        cells = joined[at].cells
        cells = cells[:-1] if not cells[-1] else cells  # the text cell the copy left empty
        joined[at] = replace(joined[at], cells=(*cells, " / ".join(texts)))
    return tuple(joined)
