"""The small typed records that flow through the pipeline, stage to stage.

read -> ``Document`` (lines of cells) -> structure -> ``Report`` (tables, metrics,
incidents) -> validate -> ``Check`` -> tokenise -> ``Words`` (MeCab's text, ``Token``
records on demand) -> write.
Every field of an output record is a column of the matching CSV in SPEC.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar, dataclass_transform

if TYPE_CHECKING:
    from .values.dates import FiscalYear


class ReportError(Exception):
    """An input that cannot be turned into a report.

    ``code`` is one of SPEC's error codes (``encrypted``, ``no_text_layer``, ``corrupt``,
    ``unreadable_text``, ``no_report_found``); the message names the problem in words.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


_Record = TypeVar("_Record")


@dataclass_transform(frozen_default=True)
def record(cls: type[_Record]) -> type[_Record]:
    """A record: a dataclass whose fields no stage may change, held read-only by mypy.

    Checked statically (``make lint``), not frozen at run time: a frozen dataclass sets each
    field through ``object.__setattr__``, and the ~250 records of a report took 6 % of its
    render that way.
    """
    return dataclass(cls)


# --- document blocks: what a reader produces -------------------------------------------


@record
class Line:
    """One printed line: a single cell of prose, or several cells of a table row.

    ``cells`` are normalised text; ``gap_before`` is true when a blank line (in a PDF, a
    page break) separates this line from the one before. ``grid`` numbers the ruled table
    a PDF row belongs to; the text reader leaves it None and lets the structure stage find
    tables by their layout.
    """

    cells: tuple[str, ...]
    page: int
    line: int
    gap_before: bool = False
    grid: int | None = None

    @property
    def text(self) -> str:
        return " ".join(self.cells)


@record
class Document:
    """What a reader hands to the structure stage; the same for text and PDF."""

    lines: tuple[Line, ...]
    pages: int
    source_format: str  # "text" or "pdf"
    engine: str  # "text", "pymupdf" or "pdfplumber"
    folded: int = 0  # compatibility ideographs and radicals folded by normalisation
    damage: tuple[str, ...] = ()  # what the PDF library repaired or warned about


# --- structure: what the report says ---------------------------------------------------


@record
class TableCell:
    """One data cell. ``fiscal_year`` is the year the value belongs to: the row's or column's
    year in a table that spans several fiscal years, else the report's."""

    fiscal_year: int | None
    table_no: int
    table_title: str
    row_no: int
    row_group: str
    row_label: str
    column_no: int
    column_group: str
    column: str
    unit: str
    value: str
    value_num: int | float | None
    value_date: str | None
    is_total: bool
    source_page: int
    source_line: int


@record
class Metric:
    """A key figure stated in prose. ``kind`` is ``count`` (a level), ``change`` (signed) or
    ``share`` (a percentage); ``fiscal_year`` is the year the sentence names, else the report's."""

    fiscal_year: int | None
    section_no: int | None
    section_title: str
    metric: str
    kind: str
    value: int | float
    unit: str
    as_of: str | None
    sentence: str
    source_page: int
    source_line: int


@record
class Incident:
    """One row of an incident list. ``fiscal_year`` is the year of its list (a report may
    print one list per fiscal year); ``no`` is None where the list prints no numbers."""

    fiscal_year: int | None
    no: int | None
    category: str
    category_declared: int | None
    occurred: str | None
    occurred_label: str
    actor: str
    actor_detail: str
    description: str
    affected_count: int | None
    affected_unit: str
    affected_label: str
    cause: str
    cause_as_printed: str
    measures: str
    departments: str
    source_page: int
    source_line: int


@record
class UnreadRow:
    """A row of an incident list that could not be read; ``problem`` says what is missing."""

    page: int
    line: int
    problem: str


@record
class IncidentList:
    """One incident list (a report may print several) and the rows of it that were unread."""

    table_no: int
    fiscal_year: FiscalYear | None
    incidents: tuple[Incident, ...]
    unread: tuple[UnreadRow, ...]


@record
class Check:
    check: str
    status: str  # "ok" or "failed"
    table_no: int | None
    location: str
    expected: str
    actual: str
    message: str


@dataclass(slots=True)  # not frozen: a report has ~1,500 tokens and frozen init is 4x slower
class Token:
    incident_no: int | None  # empty for a list that prints no numbers
    field: str  # "description" or "cause"
    token_no: int
    surface: str
    lemma: str
    pos: str
    pos_detail: str


# Each distinct incident text -> its words as MeCab wrote them, one a line (each line ending
# in a newline): surface, lemma, pos, pos_detail separated by TABs. See ``tokens``.
Words = dict[str, str]


def incident_texts(incidents: list[Incident]) -> Iterator[tuple[int | None, str, str]]:
    """(incident no, field, text) of each incident's description, then its cause: token order."""
    for incident in incidents:
        yield incident.no, "description", incident.description
        yield incident.no, "cause", incident.cause


@dataclass
class Report:
    """Everything read from one input: its metadata and its records.

    The ``*_records`` lists hold the typed records; the properties ``tables``, ``metrics``,
    ``incidents``, ``tokens`` and ``checks`` give them as pandas DataFrames with the
    columns of the matching CSV.
    """

    report_id: str
    source_path: str
    source_sha256: str
    source_format: str
    engine: str
    pages: int
    municipality: str
    fiscal_year: int | None
    fiscal_year_label: str
    parser_version: str
    table_records: list[TableCell] = field(default_factory=list)
    metric_records: list[Metric] = field(default_factory=list)
    incident_records: list[Incident] = field(default_factory=list)
    check_records: list[Check] = field(default_factory=list)
    words: Words = field(default_factory=dict)

    @cached_property
    def token_records(self) -> list[Token]:
        """A ``Token`` per word, built on first use from ``words`` (the batch path never does)."""
        return [Token(no, name, number, *line.split("\t"))
                for no, name, text in incident_texts(self.incident_records)
                for number, line in enumerate(self.words[text].split("\n")[:-1], start=1)]

    @property
    def n_tables(self) -> int:
        return len({cell.table_no for cell in self.table_records})

    @property
    def n_checks_failed(self) -> int:
        return sum(check.status == "failed" for check in self.check_records)

    def frame(self, name: str):
        from .output.rows import frame

        return frame([self], name)

    tables = property(lambda self: self.frame("tables"))
    metrics = property(lambda self: self.frame("metrics"))
    incidents = property(lambda self: self.frame("incidents"))
    tokens = property(lambda self: self.frame("tokens"))
    checks = property(lambda self: self.frame("checks"))
