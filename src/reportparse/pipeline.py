"""One input file in, one ``Report`` out: the stages in order.

read (text or PDF) -> normalise (inside the reader, once per cell) -> structure (sections,
grids, paragraphs) -> tables, metrics, incidents -> validate -> tokenise.

``parse`` is pure in the sense that matters for batches: a path in, records out, no output
written and no global state changed, so any process pool can map it over files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from . import __version__, validate
from .extract.blocks import incident_blocks
from .extract.identity import (
    latest_table_year,
    municipality,
    notice_fiscal_year,
    stated_fiscal_year,
)
from .extract.incidents import IncidentList, incident_list, is_incident_grid
from .extract.metrics import MetricsRead, metrics
from .extract.structure import Grid, Outline, Paragraph, outline
from .extract.tables import TableRead, table_cells
from .extract.vocabulary import REPORT_TITLE, REPORT_TITLE_LINES
from .read import ENGINES
from .read.html import is_html, read_html
from .read.pdf import damage_message, read_pdf
from .read.text import read_text
from .records import Document, Report, ReportError
from .tokens import incident_words
from .values.dates import DateError, FiscalYear, named_fiscal_year


def read_document(data: bytes, name: str, engine: str) -> Document:
    """The document model of an input, from a PDF, a web page or a text file."""
    if data.startswith(b"%PDF") or name.lower().endswith(".pdf"):
        return read_pdf(data, name, engine)
    if is_html(data, name):
        return read_html(data, name)
    return read_text(data, name)


def _read_tables(grids: list[Grid], fiscal_year: FiscalYear | None) -> TableRead:
    reads = [table_cells(grid, fiscal_year) for grid in grids]
    return TableRead([cell for read in reads for cell in read.cells],
                     [check for read in reads for check in read.checks])


def _fiscal_year_and_tables(found: Outline, grids: list[Grid]) -> tuple[
        FiscalYear | None, TableRead, str | None]:
    """The report's fiscal year — stated in its prose, else the latest its tables cover —
    its tables read in that year, and why there is none when the one written is impossible."""
    try:
        stated = stated_fiscal_year(found.prose)
    except DateError as error:
        return None, _read_tables(grids, None), str(error)
    tables = _read_tables(grids, stated)
    if stated is None:
        latest = latest_table_year(tables.cells)
        if latest is not None:
            label = next((name for cell in tables.cells if cell.fiscal_year == latest
                          for name in (cell.row_label, cell.column) if name.endswith("年度")), "")
            # as printed where a row or column names the year, else its usual name
            stated = (FiscalYear(latest, label) if label.endswith("年度")
                      else named_fiscal_year(latest))
            tables = _read_tables(grids, stated)
    return stated, tables, None


def _prose_and_incidents(paragraphs: Sequence[Paragraph], incident_grids: list[Grid],
                         fiscal_year: FiscalYear | None) -> tuple[list[MetricsRead], list[IncidentList]]:
    return ([metrics(paragraph, fiscal_year) for paragraph in paragraphs],
            [incident_list(grid, fiscal_year) for grid in incident_grids])


def build_report(document: Document, *, report_id: str, source_path: str,
                 source_sha256: str) -> Report:
    """Structure, validate and tokenise a document that has been read."""
    found = outline(document)
    incident_grids = [grid for grid in found.grids if is_incident_grid(grid)]
    fiscal_year, tables, fiscal_year_problem = _fiscal_year_and_tables(
        found, [grid for grid in found.grids if not any(grid is i for i in incident_grids)])
    cells = tables.cells
    blocks = incident_blocks(found.paragraphs, found.prose[0].text if found.prose else "",
                             max((grid.no for grid in found.grids), default=0) + 1)
    incident_grids += blocks.grids
    run_together = validate.run_together_lines(paragraph.line for paragraph in blocks.paragraphs)
    readable = [paragraph for paragraph in blocks.paragraphs
                if paragraph.line.line not in run_together]  # rows lost in copying: no figures
    prose, lists = _prose_and_incidents(readable, incident_grids, fiscal_year)
    notice_year = (notice_fiscal_year(fiscal_year, [i for read in lists for i in read.incidents])
                   if blocks.grids and not cells else None)
    if notice_year is not None:  # a notice of incidents is of the year they happened in
        fiscal_year = notice_year
        prose, lists = _prose_and_incidents(readable, incident_grids, fiscal_year)
    figures = [metric for read in prose for metric in read.metrics]
    listed = [incident for found_list in lists for incident in found_list.incidents]
    loose_rows = (validate.check_loose_rows(paragraph.line for paragraph in blocks.paragraphs)
                  + validate.check_captions_read(found.captions_unread))
    prose_checks = [check for read in prose for check in read.checks]
    if not (cells or figures or listed or tables.checks or loose_rows or prose_checks):
        # a table that cannot be read is a failed check, not a missing report; so is a page
        # titled as a report with no figure in its text
        title = next((line for line in found.prose[:REPORT_TITLE_LINES]
                      if REPORT_TITLE.search(line.text)), None)
        if title is None:
            raise ReportError(
                "no_report_found",
                f"{source_path}: no table, key figure or incident list found",
            )
        loose_rows.append(validate.figures_found(title))
    section_of_table = {grid.no: grid.section.no if grid.section else None
                        for grid in found.grids}
    checks = (
        [validate.folded_characters(document.folded)]
        + tables.checks
        + loose_rows
        + prose_checks
        + validate.damaged(document.damage, damage_message(document.damage))
        + validate.fiscal_year_readable(fiscal_year_problem)
        + validate.check_totals(cells)
        + validate.check_prose(figures, cells, section_of_table)
        + validate.check_prose_by_name(figures, cells)
        + validate.check_table_dates(cells, fiscal_year)
        + [check for found_list in lists for check in validate.check_incidents(found_list)]
    )
    return Report(
        report_id=report_id,
        source_path=source_path,
        source_sha256=source_sha256,
        source_format=document.source_format,
        engine=document.engine,
        pages=document.pages,
        municipality=municipality(found.prose),
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
