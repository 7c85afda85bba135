"""The output tables of SPEC.md: their exact columns, and rows built from reports.

``rows(reports, name)`` gives plain tuples in column order (the CSV writer formats them);
``csv_lines(report, name)`` the formatted CSV lines of one report, as a batch worker writes
them; ``frame(reports, name)`` the rows as a pandas DataFrame with typed columns. pandas is
imported inside ``frame`` only: it is three quarters of the start-up time of a process, and
the batch path never needs it.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import TYPE_CHECKING

from .. import tokens
from ..records import Check, Incident, Metric, Report, TableCell, Token
from .writers import csv_text

if TYPE_CHECKING:
    import pandas as pd

REPORT_COLUMNS = (
    "report_id", "source_path", "source_sha256", "source_format", "engine", "pages",
    "municipality", "fiscal_year", "fiscal_year_label", "n_tables", "n_metrics",
    "n_incidents", "n_checks_failed", "parser_version",
)

# name -> (record type, the report attribute holding them, the report columns put first)
_RECORD_OUTPUTS = {
    "tables": (TableCell, "table_records", ("report_id",)),
    "metrics": (Metric, "metric_records", ("report_id",)),
    "incidents": (Incident, "incident_records", ("report_id",)),
    "tokens": (Token, "token_records", ("report_id",)),
    "checks": (Check, "check_records", ("report_id",)),
}

OUTPUT_NAMES = ("reports", *_RECORD_OUTPUTS)

# The field values of a record in column order. attrgetter, not dataclasses.astuple: astuple
# deep-copies every value, ten times slower; made once, not on every report's rows.
_VALUES = {name: attrgetter(*(f.name for f in fields(record_type)))
           for name, (record_type, _, _) in _RECORD_OUTPUTS.items()}

# Columns whose values are integers that may be missing: pandas' nullable Int64 keeps them
# integers (a plain int column with a gap would turn into floats, 1710634 -> 1710634.0).
_INTEGER_COLUMNS = {
    "pages", "fiscal_year", "n_tables", "n_metrics", "n_incidents", "n_checks_failed",
    "table_no", "row_no", "column_no", "section_no", "no", "category_declared", "affected_count",
    "incident_no", "token_no", "source_page", "source_line",
}


def columns(name: str) -> tuple[str, ...]:
    if name == "reports":
        return REPORT_COLUMNS
    record_type, _, leading = _RECORD_OUTPUTS[name]
    return leading + tuple(f.name for f in fields(record_type))


def _report_row(report: Report) -> tuple:
    return (
        report.report_id, report.source_path, report.source_sha256, report.source_format,
        report.engine, report.pages, report.municipality, report.fiscal_year,
        report.fiscal_year_label, report.n_tables, len(report.metric_records),
        len(report.incident_records), report.n_checks_failed, report.parser_version,
    )


def rows(reports: list[Report], name: str) -> list[tuple]:
    """Rows of output ``name`` for ``reports``, in report order then record order."""
    if name == "reports":
        return [_report_row(report) for report in reports]
    _, attribute, leading = _RECORD_OUTPUTS[name]
    values = _VALUES[name]
    result: list[tuple] = []
    for report in reports:
        prefix = tuple(getattr(report, column) for column in leading)
        result.extend(prefix + values(record) for record in getattr(report, attribute))
    return result


def csv_lines(report: Report, name: str) -> str:
    """The CSV lines (no header) of output ``name`` for ``report``."""
    if name == "tokens":  # straight from MeCab's text: no Token object per word
        return tokens.csv_lines(report.report_id, report.incident_records, report.words)
    return csv_text(rows([report], name))


def frame(reports: list[Report], name: str) -> pd.DataFrame:
    """Output ``name`` as a pandas DataFrame: integer columns are nullable ``Int64``."""
    import pandas as pd

    table = pd.DataFrame(rows(reports, name), columns=list(columns(name)), dtype=object)
    for column in table.columns:
        if column in _INTEGER_COLUMNS:
            table[column] = table[column].astype("Int64")
    return table
