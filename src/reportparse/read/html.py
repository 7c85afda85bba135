"""Reading a saved web page (``.html``/``.htm``) into the document model.

A page gives the same ``Document`` as its text copy, with the table structure that the text
copy loses kept explicit:

* **encoding**: a BOM, else the charset the page declares (``<meta charset>``, the
  ``http-equiv`` content type, an XML declaration), else detected as for a text report
  (``text.decode``). ``Shift_JIS`` is read as cp932, as browsers do. A declaration that the
  bytes contradict is ignored in favour of detection.
* **blocks** in reading order: headings, paragraphs, list items, ``dt``/``dd``, ``div`` text
  and captions are one-cell lines; ``<br>`` ends a line; ``<pre>`` is split like a text report.
* **tables**: one line per ``<tr>``, ``grid`` numbering the table (as the PDF reader numbers
  ruled tables), its ``<caption>`` a one-cell line right before the rows. Spans are expanded
  as a browser's copy gives them: a cell's text in its first row and column, ``""`` in the
  rows and columns it spans, so every row has the table's full width. A table holding
  another table, or marked ``role=presentation``, only lays out the page: its cells are read
  as blocks. So is a table one column wide.
* **page chrome** is not read (``CHROME_TAGS``, ``CHROME_WORDS`` below), nor hidden text.
* **whitespace**: a line break in the source between two wide (Japanese) characters is
  dropped, as CSS Text 3 has browsers do; elsewhere it is a space. ``Line.line`` is the
  source line where the text starts; a page is one page.

Every cell and line goes through ``normalize`` once, as in the text reader.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from ..records import Document, Line, ReportError
from ..values.normalize import fold_count, normalize
from .text import decode, split_cells

# --- what a reader of the page never sees as the report -------------------------------

CHROME_TAGS = frozenset({
    "head", "script", "style", "noscript", "template", "nav", "aside", "form", "iframe",
    "object", "svg", "button", "select", "textarea",
})
# <header>/<footer>, as tags or class/id names, are the site's banner and footer only
# outside the content (HTML's landmark rule); inside <main>, <article> or <section> they
# carry the report's own title (``<header class="entry-header"><h1>``).
LANDMARK_TAGS = frozenset({"header", "footer"})
CONTENT_TAGS = frozenset({"main", "article", "section"})
# A class or id containing one of these marks chrome (``gnavi``, ``tmp_lnavi``,
# ``pankuzu_list``, ``footerArea``, ``side-menu``); ``topicpath`` is the breadcrumb of
# several Japanese CMSs.
CHROME_WORDS = (
    "breadcrumb", "pankuzu", "topicpath", "nav", "menu", "sidebar", "header", "footer",
)
HIDDEN_CLASSES = frozenset({
    "hidden", "hide", "invisible", "sr-only", "visually-hidden", "screen-reader-text",
})
# Table cells are data whatever their class says (``<th class="header">``).
TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"})
BLOCK_TAGS = frozenset({
    "html", "body", "main", "article", "section", "header", "footer", "div", "p", "h1", "h2",
    "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "address",
    "figure", "figcaption", "center", "hr", "details", "summary", "fieldset", "legend", "pre",
}) | TABLE_PARTS

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SOURCE_BREAK = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")
_DIGITS = re.compile(r"\s*(\d+)")

# --- encoding ---------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf_8"),
    (codecs.BOM_UTF16_LE, "utf_16_le"),
    (codecs.BOM_UTF16_BE, "utf_16_be"),
)
_DECLARED = re.compile(
    rb"<meta[^>]*?charset\s*=\s*[\"']?\s*(?P<meta>[\w.:-]+)"
    rb"|<\?xml[^>]*?encoding\s*=\s*[\"'](?P<xml>[\w.:-]+)",
    re.IGNORECASE,
)
# Labels Python does not know, or reads otherwise than browsers do (WHATWG Encoding: a
# page that declares UTF-16 in a <meta> is ASCII-compatible, so it is read as UTF-8).
BROWSER_CODECS = {
    "shift_jis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932", "x-euc-jp": "euc_jp",
    "iso8859-1": "cp1252", "ascii": "cp1252",
    "utf-16": "utf_8", "utf-16-le": "utf_8", "utf-16-be": "utf_8",
}
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]",
    re.IGNORECASE | re.DOTALL,
)


def is_html(data: bytes, name: str) -> bool:
    """Whether an input is a web page: by its name, or by how its content opens."""
    return name.lower().endswith((".html", ".htm")) or bool(_HTML_START.match(data[:2048]))


def _declared_codec(data: bytes) -> str | None:
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    label = (match["meta"] or match["xml"]).decode("ascii").lower()
    try:
        codec = codecs.lookup(BROWSER_CODECS.get(label, label)).name
    except LookupError:
        return None
    return BROWSER_CODECS.get(codec, codec)


def decode_page(data: bytes, name: str) -> str:
    """The page's text: by its BOM, else its declared charset, else detected."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise ReportError("unreadable_text",
                                  f"{name}: starts with a {codec} BOM but is not {codec}") from None
    declared = _declared_codec(data)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # the declaration is wrong (a page re-saved in another encoding): detect
    return decode(data, name)


# --- which elements are read -------------------------------------------------------------


def _in_content(element: etree._Element) -> bool:
    return any(ancestor.tag in CONTENT_TAGS for ancestor in element.iterancestors())


def _names_chrome(element: etree._Element) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    words = {word for word in CHROME_WORDS if word in names}
    return bool(words) and not (words <= LANDMARK_TAGS and _in_content(element))


def _hidden(element: etree._Element) -> bool:
    return (element.get("hidden") is not None
            or element.get("aria-hidden", "").strip().lower() == "true"
            or bool(_HIDDEN_STYLE.search(element.get("style", "")))
            or not HIDDEN_CLASSES.isdisjoint(element.get("class", "").lower().split()))


def _banner(element: etree._Element) -> bool:
    return element.tag in LANDMARK_TAGS and not _in_content(element)


def skipped(element: etree._Element) -> bool:
    """Whether an element is page chrome or hidden, and so not read at all."""
    if not isinstance(element.tag, str):  # a comment or processing instruction
        return True
    return (element.tag in CHROME_TAGS
            or _banner(element)
            or element.get("role", "").strip().lower() == "navigation"
            or _hidden(element)
            or (element.tag not in TABLE_PARTS and _names_chrome(element)))


# --- text of blocks ----------------------------------------------------------------------


def _wide(text: str, index: int) -> bool:
    return 0 <= index < len(text) and unicodedata.east_asian_width(text[index]) in "FWH"


def collapse_breaks(raw: str) -> str:
    """Source line breaks as a browser shows them: none between wide characters, else a space."""
    return _SOURCE_BREAK.sub(
        lambda m: "" if _wide(raw, m.start() - 1) and _wide(raw, m.end()) else " ", raw)


def _start_line(text: str, line: int) -> int:
    """The line on which ``text``, beginning on ``line``, has its first visible character."""
    return line + text[: len(text) - len(text.lstrip())].count("\n")


def _end_line(element: etree._Element) -> int:
    """The line on which an element's content ends (where its tail text begins)."""
    return (element.sourceline or 1) + "".join(element.itertext()).count("\n")


@dataclass
class _Text:
    """Raw text lines of a block flow: ``(first source line, text)``, ended by blocks and <br>."""

    lines: list[tuple[int, str]] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    start: int | None = None  # the line of the first visible character so far

    def add(self, text: str | None, line: Callable[[], int]) -> None:
        """Add ``text``; ``line`` tells where it begins, asked only when a line starts here."""
        if not text:
            return
        if self.start is None and text.strip():
            self.start = _start_line(text, line())
        self.parts.append(text)

    def end(self) -> None:
        if self.start is not None:
            self.lines.append((self.start, "".join(self.parts)))
        self.parts, self.start = [], None


def _cell_text(cell: etree._Element) -> str:
    """A table cell's raw text, its lines (``<br>``, paragraphs) joined as source breaks."""
    flow = _Text()
    _flow(cell, flow, None)
    flow.end()
    return collapse_breaks("\n".join(text for _, text in flow.lines))


# --- tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpanCell:
    text: str
    rows: int
    columns: int


def expand_spans(rows: list[list[SpanCell]]) -> list[tuple[str, ...]]:
    """Rows of spanning cells into rows of the table's full width.

    A cell's text goes to its first row and column and ``""`` to every other position it
    spans; a row span past the last row stops there.
    """
    taken: dict[tuple[int, int], str] = {}
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            for dr in range(min(cell.rows, len(rows) - r)):
                for dc in range(cell.columns):
                    taken[(r + dr, c + dc)] = cell.text if dr == dc == 0 else ""
            c += cell.columns
    width = max((c + 1 for _, c in taken), default=0)
    return [tuple(taken.get((r, c), "") for c in range(width)) for r in range(len(rows))]


def _span(cell: etree._Element, attribute: str, most: int) -> int:
    """A span attribute as HTML reads it: digits, at least 1 (0 rows: to the end), capped."""
    given = cell.get(attribute)
    digits = _DIGITS.match(given) if given else None
    value = int(digits.group(1)) if digits else 1
    return most if value == 0 and attribute == "rowspan" else max(1, min(value, most))


def _own(table: etree._Element, tag: str) -> list[etree._Element]:
    """The visible ``tag`` elements of a table without nested tables (a data table)."""
    def visible(element: etree._Element) -> bool:
        return element is table or (not skipped(element) and visible(element.getparent()))

    return [element for element in table.iter(tag) if visible(element)]


@dataclass(frozen=True)
class _Row:
    line: int
    cells: tuple[str, ...]


def _table_rows(table: etree._Element) -> list[_Row] | None:
    """The rows of a data table at full width, or None for a layout table."""
    if (table.get("role", "").strip().lower() in ("presentation", "none")
            or table.find(".//table") is not None):
        return None
    trs = _own(table, "tr")
    spans = [[SpanCell(_cell_text(cell), _span(cell, "rowspan", len(trs)),
                       _span(cell, "colspan", 1000))
              for cell in tr if cell.tag in ("td", "th") and not skipped(cell)] for tr in trs]
    full = expand_spans(spans)
    if max(map(len, full), default=0) < 2:
        return None
    return [_Row(tr.sourceline or 1, cells) for tr, cells in zip(trs, full) if any(cells)]


# --- reading order -----------------------------------------------------------------------


@dataclass
class _Reader:
    """The document's lines as they are read: text blocks and table rows, in order."""

    lines: list[Line] = field(default_factory=list)
    grids: int = 0
    folded: int = 0

    def line(self, raws: tuple[str, ...], number: int, grid: int | None = None) -> None:
        self.folded += sum(fold_count(raw) for raw in raws)
        self.lines.append(Line(cells=tuple(normalize(raw) for raw in raws), page=1,
                               line=number, grid=grid))

    def text(self, flow: _Text) -> None:
        flow.end()
        for number, raw in flow.lines:
            self.line((collapse_breaks(raw),), number)
        flow.lines.clear()

    def table(self, table: etree._Element, rows: list[_Row]) -> None:
        caption = next(iter(_own(table, "caption")), None)
        if caption is not None and (text := collapse_breaks(_cell_text(caption))).strip():
            self.line((text,), caption.sourceline or 1)
        self.grids += 1
        for row in rows:
            self.line(row.cells, row.line, self.grids)

    def preformatted(self, pre: etree._Element) -> None:
        for offset, raw in enumerate("".join(pre.itertext()).split("\n")):
            cells = split_cells(raw)
            if cells:
                self.lines.append(Line(cells=cells, page=1, line=(pre.sourceline or 1) + offset))
                self.folded += fold_count(raw)


def _flow(element: etree._Element, flow: _Text, reader: _Reader | None) -> None:
    """Read ``element`` in reading order: text into ``flow``, tables and <pre> into ``reader``.

    Inside a table cell there is no ``reader``: everything is the cell's text.
    """
    tag = element.tag
    if tag == "br":
        flow.end()
        return
    rows = _table_rows(element) if tag == "table" and reader else None
    if rows is not None and reader is not None:
        reader.text(flow)
        reader.table(element, rows)
        return
    if tag == "pre" and reader:
        reader.text(flow)
        reader.preformatted(element)
        return
    block = tag in BLOCK_TAGS
    if block:
        flow.end()
    flow.add(element.text, lambda: element.sourceline or 1)
    for child in element:
        if not skipped(child):
            _flow(child, flow, reader)
        flow.add(child.tail, lambda: _end_line(child))
    if block:
        flow.end()


def read_html(data: bytes, name: str) -> Document:
    """Read the bytes of a saved web page (``name`` is used in error messages)."""
    if not data.strip():
        raise ReportError("unreadable_text", f"{name}: the file is empty")
    text = decode_page(data, name)
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    root = etree.fromstring(text.encode("utf-8"), parser)  # None: only whitespace, comments
    reader = _Reader()
    fatal = next((e for e in parser.error_log if e.level == etree.ErrorLevels.FATAL), None)
    if fatal:  # libxml2 stopped there (elements nested over 256 deep): the rest is lost
        raise ReportError("unreadable_text", f"{name}: line {fatal.line}: the page cannot be "
                                             f"read past here ({fatal.message.strip()})")
    if root is not None:
        flow = _Text()
        _flow(root, flow, reader)
        reader.text(flow)
    return Document(lines=tuple(reader.lines), pages=1, source_format="html", engine="html",
                    folded=reader.folded)
