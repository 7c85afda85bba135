"""``inspect`` of a text (or saved HTML) report: the source as an HTML page, highlighted.

Each source line is shown as it is in the file (markup escaped, not run), numbered, with
an anchor ``#L<n>``. The cells the reader split it into are highlighted like the PDF
picture: outlined in their kind's colour with a label of what they became; a line read
into no value is grey; a line not read at all (markup only) is red.
"""

from __future__ import annotations

import html
from collections import defaultdict

from ..read.text import _HTML_TAG, cell_separators
from ..records import Document
from .marks import Mark

_STYLE = """
body { font: 14px/1.5 "Noto Sans CJK JP", "IPAexGothic", sans-serif; margin: 1em; }
table { border-collapse: collapse; }
td.n { color: #888; text-align: right; padding-right: .8em; vertical-align: top;
       user-select: none; }
td.s { white-space: pre-wrap; }
tr.novalue td.s { background: rgba(140,140,140,.18); }
tr.unread td.s { background: rgba(230,25,25,.15); }
.v { border: 1.5px solid; border-radius: 3px; padding: 0 2px; }
.v small { font-size: 10px; margin-left: .4em; vertical-align: super; }
.table { border-color: #0059d9; } .table small { color: #0059d9; }
.metric { border-color: #008c33; } .metric small { color: #008c33; }
.incident { border-color: #d96600; } .incident small { color: #d96600; }
p.legend span { margin-right: 1.5em; }
"""


def render_text(text: str, name: str, document: Document, found: list[Mark]) -> str:
    """The whole HTML page for the decoded source ``text``."""
    lines = {line.line: line for line in document.lines}
    by_cell: dict[tuple[int, int], list[Mark]] = defaultdict(list)
    for mark in found:
        by_cell[(mark.line, mark.cell)].append(mark)
    rows = []
    for number, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r").replace("\f", "")
        if number in lines:
            marked = {cell: marks for (line, cell), marks in by_cell.items() if line == number}
            kind = "" if marked else "novalue"
            shown = _highlighted(raw, marked)
        else:
            kind = "unread" if raw.strip() else ""
            shown = html.escape(raw)
        rows.append(f'<tr id="L{number}" class="{kind}"><td class="n">{number}</td>'
                    f'<td class="s">{shown}</td></tr>')
    legend = ('<p class="legend"><span class="v table">table cell</span>'
              '<span class="v metric">key figure</span>'
              '<span class="v incident">incident field</span>'
              '<span style="background:rgba(140,140,140,.3)">read, no value</span>'
              '<span style="background:rgba(230,25,25,.25)">not read</span></p>')
    return ("<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">"
            f"<title>inspect: {html.escape(name)}</title><style>{_STYLE}</style></head>"
            f"<body><h1>{html.escape(name)}</h1>{legend}<table>\n"
            + "\n".join(rows) + "\n</table></body></html>\n")


def _pieces(raw: str) -> list[tuple[int | None, str]]:
    """``raw`` cut into cells (their index, as ``split_cells`` counts them) and separators."""
    lead = ""
    if "\t" not in _HTML_TAG.sub("", raw):
        stripped = raw.lstrip(" \u3000")
        lead, raw = raw[:len(raw) - len(stripped)], stripped
    pieces: list[tuple[int | None, str]] = [(None, lead)] if lead else []
    position, index = 0, 0
    for separator in cell_separators(raw):
        pieces += [(index, raw[position:separator.start()]), (None, separator.group())]
        position, index = separator.end(), index + 1
    pieces.append((index, raw[position:]))
    return pieces


def _highlighted(raw: str, marked: dict[int, list[Mark]]) -> str:
    out = []
    for index, piece in _pieces(raw):
        marks = marked.get(index) if index is not None else None
        if not marks:
            out.append(html.escape(piece))
            continue
        label = " | ".join(dict.fromkeys(mark.label for mark in marks))
        out.append(f'<span class="v {marks[0].kind}" title="{html.escape(label)}">'
                   f'{html.escape(piece)}<small>{html.escape(label)}</small></span>')
    return "".join(out)
