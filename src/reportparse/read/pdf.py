"""Reading a PDF report with PyMuPDF or pdfplumber into the document model.

Each engine only extracts glyphs (``layout.Char``) and ruling lines (``layout.Segment``) of
every page; ``layout.document_lines`` does the rest for both, so the engines give the same
CSV. Errors carry SPEC's codes:

* ``encrypted``: the PDF needs a password;
* ``corrupt``: not a PDF that opens, or one with no pages (PyMuPDF "repairs" a truncated
  file into an empty document without complaint, so zero pages is an error here);
* ``no_text_layer``: pages without a single glyph — a scan, which needs OCR first.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from contextlib import contextmanager

from .layout import RULE_WIDTH, Char, Page, Segment, document_lines
from ..records import Document, ReportError


def _rectangle_edges(x0: float, top: float, x1: float, bottom: float,
                     stroked: bool) -> list[Segment]:
    """Ruling lines of a rectangle: a thin one is a line itself, a stroked one its four sides.

    A filled, unstroked area (cell shading) draws no rule.
    """
    if bottom - top <= RULE_WIDTH or x1 - x0 <= RULE_WIDTH:
        return [Segment(x0, top, x1, bottom)]
    if not stroked:
        return []
    return [Segment(x0, top, x1, top), Segment(x0, bottom, x1, bottom),
            Segment(x0, top, x0, bottom), Segment(x1, top, x1, bottom)]


def _line(x0: float, y0: float, x1: float, y1: float) -> list[Segment]:
    if abs(y1 - y0) > RULE_WIDTH and abs(x1 - x0) > RULE_WIDTH:
        return []  # a slanted line is no table rule
    return [Segment(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))]


def _path_lines(commands: list[tuple]) -> list[Segment]:
    """The straight pieces of a path given as pdfplumber's commands (``m``, ``l``, ``c``, ``h``).

    As in PyMuPDF's drawings, each ``l`` is a line, a closing ``h`` the line back to the
    start of its subpath, and a curve draws no rule (a rounded box keeps its straight sides).
    """
    segments: list[Segment] = []
    start = here = (0.0, 0.0)
    for command, *points in commands:
        if command == "m":
            start = here = points[0]
        elif command == "l":
            segments += _line(*here, *points[0])
            here = points[0]
        elif command == "c":
            here = points[-1]
        elif command == "h" and here != start:
            segments += _line(*here, *start)
            here = start
    return segments


# --- PyMuPDF ---------------------------------------------------------------------------


def _glyphs(rawdict: dict) -> list[Char]:
    """The glyphs of a page's ``rawdict``.

    ``tuple.__new__`` builds each ``Char`` without the NamedTuple's Python-level ``__new__``:
    a long report has hundreds of thousands of glyphs, and this is a fifth of reading it.
    """
    new = tuple.__new__
    return [new(Char, (char["c"], char["bbox"][0], char["bbox"][2], char["origin"][1], size))
            for block in rawdict["blocks"]
            for line in block.get("lines", ())
            for span in line["spans"]
            for size in (span["size"],)
            for char in span["chars"]]


def _pymupdf_pages(data: bytes, name: str) -> list[Page]:
    import pymupdf

    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception as error:
        raise ReportError("corrupt", f"{name}: not a readable PDF ({error})") from None
    if document.needs_pass:
        raise ReportError("encrypted", f"{name}: the PDF is encrypted and needs a password")
    if document.page_count == 0:
        raise ReportError("corrupt", f"{name}: the PDF has no readable pages (truncated?)")
    # TEXT_INHIBIT_SPACES: never turn a gap between glyphs into a space (LibreOffice leaves
    # gaps between kanji and digits, which PyMuPDF would read as `【4 年1 月】`).
    flags = pymupdf.TEXTFLAGS_RAWDICT | pymupdf.TEXT_INHIBIT_SPACES
    pages = []
    for number, page in enumerate(document, start=1):
        chars = _glyphs(page.get_text("rawdict", flags=flags))
        segments = []
        for path in page.get_drawings():
            stroked = path.get("type") in ("s", "fs")
            for item in path["items"]:
                if item[0] == "l":
                    segments += _line(item[1].x, item[1].y, item[2].x, item[2].y)
                elif item[0] == "re":
                    rect = item[1]
                    segments += _rectangle_edges(rect.x0, rect.y0, rect.x1, rect.y1, stroked)
        pages.append(Page(number, page.rect.width, page.rect.height, chars, segments))
    return pages


# --- pdfplumber ------------------------------------------------------------------------


def _pdfplumber_pages(data: bytes, name: str) -> list[Page]:
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        document = pdfplumber.open(io.BytesIO(data))
        pdf_pages = document.pages
    except Exception as error:
        cause = getattr(error, "__cause__", None) or error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or (
                "password" in repr(cause).lower()):
            raise ReportError("encrypted", f"{name}: the PDF is encrypted and needs a password") from None
        raise ReportError("corrupt", f"{name}: not a readable PDF ({error!r})") from None
    if not pdf_pages:
        raise ReportError("corrupt", f"{name}: the PDF has no readable pages (truncated?)")
    pages = []
    try:
        for number, page in enumerate(pdf_pages, start=1):
            # The baseline is the text matrix's origin (PDF space is bottom-up), as PyMuPDF's
            # "origin"; a glyph's bottom would depend on how each engine reads font metrics.
            height = float(page.height)
            chars = [Char(c["text"], c["x0"], c["x1"], height - c["matrix"][5], c["size"])
                     for c in page.chars]
            segments = [s for line in page.lines
                        for s in _line(line["x0"], line["top"], line["x1"], line["bottom"])]
            segments += [s for rect in page.rects for s in _rectangle_edges(
                rect["x0"], rect["top"], rect["x1"], rect["bottom"], bool(rect.get("stroke")))]
            segments += [s for curve in page.curves for s in _path_lines(curve.get("path", []))]
            pages.append(Page(number, float(page.width), float(page.height), chars, segments))
            page.close()
    except Exception as error:
        raise ReportError("corrupt", f"{name}: page {len(pages) + 1} cannot be read ({error!r})") from None
    return pages


ENGINES: dict[str, Callable[[bytes, str], list[Page]]] = {
    "pymupdf": _pymupdf_pages,
    "pdfplumber": _pdfplumber_pages,
}


@contextmanager
def _no_cycle_collection():
    """Hold the cyclic garbage collector back while a document is read.

    Reading keeps a ``Char`` for every glyph, hundreds of thousands of small tuples of a
    string and four floats that can be in no reference cycle; the collector would scan
    them again at every collection, a third of the reading time, to free nothing. Memory
    is still freed by reference counting; cycles left meanwhile are collected afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_pdf(data: bytes, name: str, engine: str = "pymupdf") -> Document:
    """Read the bytes of a PDF report with ``engine`` (``pymupdf`` or ``pdfplumber``)."""
    with _no_cycle_collection():
        pages = ENGINES[engine](data, name)
        if not any(char.text.strip() for page in pages for char in page.chars):
            raise ReportError(
                "no_text_layer",
                f"{name}: {len(pages)} page(s) without any text layer (a scan?); run OCR first",
            )
        lines, folded = document_lines(pages)
    return Document(lines=lines, pages=len(pages), source_format="pdf", engine=engine,
                    folded=folded)
