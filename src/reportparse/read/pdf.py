"""Reading a PDF report with PyMuPDF or pdfplumber into the document model.

Each engine only extracts glyphs (in ``layout.Run``s of glyphs set one after another) and
ruling lines (``layout.Segment``) of every page; ``layout.document_lines`` does the rest for
both, so the engines give the same CSV. Errors carry SPEC's codes:

* ``encrypted``: the PDF needs a password;
* ``corrupt``: not a PDF that opens, or one with no pages (PyMuPDF "repairs" a truncated
  file into an empty document without complaint, so zero pages is an error here);
* ``no_text_layer``: pages without a single glyph — a scan, which needs OCR first.

A damaged PDF often still opens: the library repairs it or skips what it cannot read, and
says so only in warnings. Those are captured (never printed: MuPDF would write them to
stdout) and become the document's ``damage``, which the report carries as a failed
``damaged`` check. Where the engine warned, the other engine reads the file too and a
disagreement between them is named. Text that cannot be written (a lone surrogate from a
broken font map, a control character) is replaced with U+FFFD and counted as damage.
"""

from __future__ import annotations

import gc
import logging
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import chain

from ..records import Document, Line, ReportError
from .layout import RULE_WIDTH, Char, Page, Run, Segment, document_lines, glyph_runs, is_run

_REPLACEMENT = "\ufffd"
_UNWRITABLE = ("Cs", "Cc")  # lone surrogates (no encoding takes them), control characters
_UNWRITABLE_ANY = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # Cc and Cs, exactly
_NOTES_SHOWN = 3  # damage notes quoted in a message; the rest are counted


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


def _clean(text: str) -> tuple[str, int]:
    """``text`` with unwritable characters replaced by U+FFFD, and how many there were."""
    bad = sum(unicodedata.category(c) in _UNWRITABLE for c in text)
    if not bad:
        return text, 0
    return "".join(_REPLACEMENT if unicodedata.category(c) in _UNWRITABLE else c
                   for c in text), bad


def _cleaned_runs(runs: list[Run], notes: list[str], page: int) -> list[Run]:
    if not _UNWRITABLE_ANY.search("".join(chain.from_iterable(run.texts for run in runs))):
        return runs  # the usual page: one search instead of a look-up per glyph
    replaced = 0
    result = []
    for run in runs:
        cleaned = [_clean(text) for text in run.texts]
        bad = sum(count for _, count in cleaned)
        replaced += bad
        result.append(run if not bad else run._replace(texts=tuple(text for text, _ in cleaned)))
    if replaced:
        notes.append(f"page {page}: {replaced} unreadable character(s) replaced with U+FFFD")
    return result


def _warning_lines(text: str) -> list[str]:
    """The library's warnings, one a line; they quote the damaged bytes, so they are cleaned."""
    return [_clean(line)[0] for line in text.splitlines()
            if line and not line.startswith("... repeated")]


# --- PyMuPDF ---------------------------------------------------------------------------


def _runs(rawdict: dict) -> list[Run]:
    """The glyphs of a page's ``rawdict``, a run for each span (the usual case) or glyph runs.

    A span is glyphs of one font and size; nearly always also one run.
    """
    runs: list[Run] = []
    for block in rawdict["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                if chars := span["chars"]:
                    runs += _span_runs(chars, span["size"])
    return runs


def _span_runs(chars: list[dict], size: float) -> list[Run]:
    """The glyphs of a span: a tuple of each, turned into columns by ``zip`` in C (a long
    report has hundreds of thousands of glyphs)."""
    texts, lefts, rights, baselines = zip(*[(c["c"], c["bbox"][0], c["bbox"][2], c["origin"][1])
                                            for c in chars])
    if is_run(lefts, rights, baselines, size):
        # tuple.__new__ skips the NamedTuple's Python-level __new__: a run per span
        return [tuple.__new__(Run, (texts, lefts, rights, baselines[0], size))]
    return glyph_runs(map(Char, texts, lefts, rights, baselines, [size] * len(texts)))


def _drawn_segments(paths: list[dict]) -> list[Segment]:
    """The ruling lines of a page's paths as ``Page.get_cdrawings`` gives them.

    Its points and rectangles are plain tuples: ``get_drawings`` only wraps each of them in
    a ``Point`` or ``Rect`` for us to read the numbers back. What it adds is done here: a
    rectangle is normalised (``Rect.normalize``: corners in order).
    """
    segments: list[Segment] = []
    for path in paths:
        stroked = path.get("type") in ("s", "fs")
        for kind, *points in path["items"]:
            if kind == "l":
                (x0, y0), (x1, y1) = points[0], points[1]
                segments += _line(x0, y0, x1, y1)
            elif kind == "re":
                x0, y0, x1, y1 = points[0]
                segments += _rectangle_edges(min(x0, x1), min(y0, y1), max(x0, x1),
                                             max(y0, y1), stroked)
    return segments


def _pymupdf_pages(data: bytes, name: str) -> tuple[list[Page], list[str]]:
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)  # they would go to stdout, even with -q
    pymupdf.TOOLS.mupdf_display_warnings(False)
    pymupdf.TOOLS.reset_mupdf_warnings()
    notes: list[str] = []
    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception as error:
        raise ReportError("corrupt", f"{name}: not a readable PDF ({error})") from None
    if document.is_repaired:
        notes.append("its cross-reference table was broken and had to be rebuilt")
    if document.needs_pass:
        raise ReportError("encrypted", f"{name}: the PDF is encrypted and needs a password")
    if document.page_count == 0:
        raise ReportError("corrupt", f"{name}: the PDF has no readable pages (truncated?)")
    # TEXT_INHIBIT_SPACES: never turn a gap between glyphs into a space (LibreOffice leaves
    # gaps between kanji and digits, which PyMuPDF would read as `【4 年1 月】`). Without
    # TEXT_PRESERVE_IMAGES: the rawdict would carry every image, encoded, for us to drop
    # (a page with one photo: 19 ms instead of 0.2 ms).
    flags = (pymupdf.TEXTFLAGS_RAWDICT | pymupdf.TEXT_INHIBIT_SPACES) & ~pymupdf.TEXT_PRESERVE_IMAGES
    pages = []
    for number in range(1, document.page_count + 1):
        page = document[number - 1]
        runs = _cleaned_runs(_runs(page.get_text("rawdict", flags=flags)), notes, number)
        segments = _drawn_segments(page.get_cdrawings())
        pages.append(Page(number, (rect := page.rect).width, rect.height, runs, segments))
    notes += [f"MuPDF: {line}" for line in _warning_lines(pymupdf.TOOLS.mupdf_warnings(reset=True))]
    return pages, notes


# --- pdfplumber ------------------------------------------------------------------------


class _Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def _pdfminer_warnings() -> Iterator[list[str]]:
    """pdfminer's warnings while reading, kept instead of logged."""
    logger = logging.getLogger("pdfminer")
    handler, propagate = _Collected(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _pdfplumber_pages(data: bytes, name: str) -> tuple[list[Page], list[str]]:
    with _pdfminer_warnings() as warnings:
        pages, notes = _pdfplumber_read(data, name)
    return pages, notes + [f"pdfminer: {line}" for line in _warning_lines("\n".join(warnings))]


def _pdfplumber_read(data: bytes, name: str) -> tuple[list[Page], list[str]]:
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    notes: list[str] = []
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
            runs = _cleaned_runs(glyph_runs(Char(c["text"], c["x0"], c["x1"], height - c["matrix"][5],
                                                 c["size"]) for c in page.chars), notes, number)
            segments = [s for line in page.lines
                        for s in _line(line["x0"], line["top"], line["x1"], line["bottom"])]
            segments += [s for rect in page.rects for s in _rectangle_edges(
                rect["x0"], rect["top"], rect["x1"], rect["bottom"], bool(rect.get("stroke")))]
            segments += [s for curve in page.curves for s in _path_lines(curve.get("path", []))]
            pages.append(Page(number, float(page.width), float(page.height), runs, segments))
            page.close()
    except Exception as error:
        raise ReportError("corrupt", f"{name}: page {len(pages) + 1} cannot be read ({error!r})") from None
    return pages, notes


ENGINES: dict[str, Callable[[bytes, str], tuple[list[Page], list[str]]]] = {
    "pymupdf": _pymupdf_pages,
    "pdfplumber": _pdfplumber_pages,
}


def _texts(lines: tuple[Line, ...]) -> list[tuple[int, str]]:
    return [(line.page, line.text) for line in lines]


def _second_opinion(data: bytes, name: str, engine: str, lines: tuple[Line, ...]) -> str:
    """What the other engine makes of a file that ``engine`` warned about."""
    other = next(e for e in ENGINES if e != engine)
    try:
        theirs = _texts(document_lines(ENGINES[other](data, name)[0])[0])
    except ReportError as error:
        return f"{other} cannot read it ({error.code})"
    ours = _texts(lines)
    if theirs == ours:
        return f"{other} reads the same text"
    at = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    where = ours[at][0] if at < len(ours) else theirs[at][0]
    return (f"{other} reads it differently from page {where} on ({len(ours)} lines against "
            f"{len(theirs)}): try --engine {other}")


def damage_message(notes: tuple[str, ...]) -> str:
    shown = "; ".join(notes[:_NOTES_SHOWN])
    more = f"; and {len(notes) - _NOTES_SHOWN} more" if len(notes) > _NOTES_SHOWN else ""
    return f"{shown}{more}"


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Hold the cyclic garbage collector back while a document is read.

    Reading keeps a ``Run`` for every few glyphs, tens of thousands of small tuples of
    strings and floats that can be in no reference cycle; the collector would scan
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


def _lines(data: bytes, name: str, engine: str) -> tuple[tuple[Line, ...], int, int, list[str]]:
    """The document's lines, its page count, the glyphs folded and the damage notes.

    The glyphs are freed on return: freed while the collector is held back, they are never
    scanned (the first collection after reading would otherwise visit every one of them).
    """
    pages, notes = ENGINES[engine](data, name)
    if not any(text.strip() for page in pages for run in page.runs for text in run.texts):
        raise ReportError(
            "no_text_layer",
            f"{name}: {len(pages)} page(s) without any text layer (a scan?); run OCR first",
        )
    lines, folded = document_lines(pages)
    return lines, len(pages), folded, notes


def read_pdf(data: bytes, name: str, engine: str = "pymupdf") -> Document:
    """Read the bytes of a PDF report with ``engine`` (``pymupdf`` or ``pdfplumber``)."""
    with _no_cycle_collection():
        lines, pages, folded, notes = _lines(data, name, engine)
    damage = tuple(notes)
    if damage:  # the verdict goes first: the warnings can be many
        damage = (_second_opinion(data, name, engine, lines), *damage)
    return Document(lines=lines, pages=pages, source_format="pdf", engine=engine,
                    folded=folded, damage=damage)
