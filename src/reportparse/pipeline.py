"""One input file in, one ``Report`` out: the stages in order.

read (text or PDF) -> normalise (inside the reader, once per cell) -> structure (sections,
grids, paragraphs) -> tables, metrics, incidents -> validate -> tokenise.

``parse`` is pure in the sense that matters for batches: a path in, records out, no output
written and no global state changed, so any process pool can map it over files.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from . import __version__

from . import validate
from .values.dates import FiscalYear, find_fiscal_year
from .extract.incidents import incidents, is_incident_grid
from .extract.metrics import metrics
from .read.pdf import read_pdf
from .read.text import read_text
from .records import Document, Report, ReportError
from .extract.structure import Outline, outline
from .extract.tables import table_cells
from .tokens import incident_words

ENGINES = ("pymupdf", "pdfplumber")

_MUNICIPALITY = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{1,5}?(?:都|道|府|県|市|区|町|村))"
    r"(?=個人情報|情報公開|条例|長|役所|議会)"
)


def read_document(data: bytes, name: str, engine: str) -> Document:
    """The document model of an input, from a PDF or a text file, by its content."""
    if data.startswith(b"%PDF") or name.lower().endswith(".pdf"):
        return read_pdf(data, name, engine)
    return read_text(data, name)


def _municipality(found: Outline) -> str:
    for paragraph in found.paragraphs[:5]:
        match = _MUNICIPALITY.search(paragraph.line.text)
        if match:
            return match["name"]
    return ""


def _fiscal_year(found: Outline) -> FiscalYear | None:
    for paragraph in found.paragraphs:
        fiscal_year = find_fiscal_year(paragraph.line.text)
        if fiscal_year:
            return fiscal_year
    return None


def build_report(document: Document, *, report_id: str, source_path: str,
                 source_sha256: str) -> Report:
    """Structure, validate and tokenise a document that has been read."""
    found = outline(document)
    fiscal_year = _fiscal_year(found)
    incident_grid = next((grid for grid in found.grids if is_incident_grid(grid)), None)
    cells = [cell for grid in found.grids if grid is not incident_grid
             for cell in table_cells(grid, fiscal_year)]
    figures = [metric for paragraph in found.paragraphs
               for metric in metrics(paragraph, fiscal_year)]
    try:
        listed = incidents(incident_grid, fiscal_year) if incident_grid else []
    except ReportError as error:
        raise ReportError(error.code, f"{source_path}: {error.message}") from None
    if not (cells or figures or listed):
        raise ReportError(
            "no_report_found",
            f"{source_path}: no numbered table (表N), key figure or incident list found",
        )
    section_of_table = {grid.no: grid.section.no if grid.section else None
                        for grid in found.grids}
    incident_table_no = incident_grid.no if incident_grid else None
    checks = (
        [validate.folded_characters(document.folded)]
        + validate.check_totals(cells)
        + validate.check_prose(figures, cells, section_of_table)
        + validate.check_table_dates(cells, fiscal_year)
        + validate.check_incidents(listed, incident_table_no, fiscal_year)
    )
    return Report(
        report_id=report_id,
        source_path=source_path,
        source_sha256=source_sha256,
        source_format=document.source_format,
        engine=document.engine,
        pages=document.pages,
        municipality=_municipality(found),
        fiscal_year=fiscal_year.start_year if fiscal_year else None,
        fiscal_year_label=fiscal_year.label if fiscal_year else "",
        parser_version=__version__,
        table_records=cells,
        metric_records=figures,
        incident_records=listed,
        check_records=checks,
        words=incident_words(listed),
    )


def parse(path: str | Path, engine: str = "pymupdf", *, report_id: str | None = None,
          source_path: str | None = None) -> Report:
    """Parse one report file (PDF or text) into a ``Report``.

    ``engine`` chooses the PDF engine (``pymupdf`` or ``pdfplumber``; text ignores it).
    ``report_id`` defaults to the file name without extension and ``source_path`` to the
    path as given. Raises ``ReportError`` with a SPEC error code when the input cannot be
    read as a report.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    path = Path(path)
    shown = source_path or str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReportError("unreadable_text",
                          f"{shown}: cannot read file ({error.strerror})") from None
    document = read_document(data, shown, engine)
    return build_report(
        document,
        report_id=report_id or path.stem,
        source_path=shown,
        source_sha256=hashlib.sha256(data).hexdigest(),
    )
