"""Reading a text report into the document model.

A text report is what comes out of copying a PDF or a web page: one printed line per text
line, table cells separated by TABs or by runs of two or more spaces (ASCII or U+3000),
stray HTML tags, and blank lines where the original broke pages.

``read_text(data, name)`` decodes the bytes (UTF-8 with or without BOM, cp932/Shift_JIS, EUC-JP),
removes markup, splits each line into cells and normalises every cell once
(``normalize.normalize``). Single spaces stay inside a cell (``合 計``,
``【4年1月】 区民…``), and so does a label justified letter by letter (``公  開``). A form feed starts a new page; otherwise a text file is one page.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from ..records import Document, Line, ReportError
from ..values.normalize import fold_count, normalize

_JAPANESE_ENCODINGS = ("utf_8", "cp932", "euc_jp")
_CELL_SEPARATOR = re.compile(r"\t|[ \u3000]{2,}")
# ``公  開``, ``合  計``: a label justified across its cell, one letter and a run of spaces at a
# time, is one cell, not one a letter
_SPREAD_LETTER = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def decode(data: bytes, name: str) -> str:
    """Decode report bytes, detecting the encoding; raise ``unreadable_text`` when binary.

    UTF-8 (a BOM is dropped) is tried first because it almost never decodes other encodings
    by accident; cp932 and EUC-JP are told apart by charset-normalizer.
    """
    if b"\x00" in data:
        raise ReportError("unreadable_text", f"{name}: binary data (NUL bytes), not a text report")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf_8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=list(_JAPANESE_ENCODINGS[1:])).best()
    if best is None:
        raise ReportError(
            "unreadable_text", f"{name}: not UTF-8, Shift_JIS (cp932) or EUC-JP text"
        )
    return str(best)


def split_cells(raw_line: str) -> tuple[str, ...]:
    """Split one line into normalised cells; HTML tags are dropped first.

    A leading TAB keeps its empty first cell (a blank corner of a header row) and inner
    empty cells are kept; trailing empty cells are dropped.
    """
    if raw_line.isspace() or not raw_line:  # a third of a report's lines; every cell would be ""
        return ()
    text = (_HTML_TAG.sub("", raw_line) if "<" in raw_line else raw_line).rstrip("\r\n")
    if "\t" not in text:
        text = text.strip(" \u3000")
    cells = [normalize(cell) for cell in _cells(text)]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _cells(text: str) -> list[str]:
    if "  " not in text and "\u3000" not in text:  # the usual line: TABs or nothing between cells
        return text.split("\t")
    cells, start = [], 0
    for separator in cell_separators(text):
        cells.append(text[start:separator.start()])
        start = separator.end()
    return [*cells, text[start:]]


def cell_separators(text: str) -> list[re.Match[str]]:
    """Where ``text`` splits into cells: at TABs and runs of spaces, except a run of spaces
    between two single letters (``公  開``)."""
    pieces = _CELL_SEPARATOR.split(text)  # piece i is before separator i, piece i + 1 after
    return [separator for separator, before, after
            in zip(_CELL_SEPARATOR.finditer(text), pieces, pieces[1:])
            if separator.group() == "\t"
            or not (_is_spread_letter(before) and _is_spread_letter(after))]


def _is_spread_letter(piece: str) -> bool:
    return len(piece) == 1 and bool(_SPREAD_LETTER.match(piece))


def lines_of(text: str) -> tuple[tuple[Line, ...], int]:
    """The non-blank lines of ``text`` as ``Line`` records, and the number of pages."""
    lines: list[Line] = []
    page, gap = 1, False
    for number, raw in enumerate(text.split("\n"), start=1):
        if "\f" in raw:  # rare: most text files are one page
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        cells = split_cells(raw)
        if not cells:
            gap = gap or bool(lines)
            continue
        lines.append(Line(cells=cells, page=page, line=number, gap_before=gap))
        gap = False
    return tuple(lines), page


def read_text(data: bytes, name: str) -> Document:
    """Read the bytes of a text report (``name`` is used in error messages)."""
    if not data.strip():
        raise ReportError("unreadable_text", f"{name}: the file is empty")
    text = decode(data, name)
    lines, pages = lines_of(text)
    return Document(lines=lines, pages=pages, source_format="text", engine="text",
                    folded=fold_count(text))
