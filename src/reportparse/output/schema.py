"""The data dictionary of OUT: each CSV's columns with their types and meaning.

Columns come from ``rows.columns`` and types from the annotations of the record each column
is read from, so a new column gets its type without an edit here; its description is
looked up below (a test fails for a column that has none). ``datapackage`` turns this into
a Frictionless Data Package (``datapackage.json``), the description that pandas, R,
DuckDB, Datasette and the ``frictionless`` tools read; ``docs/schema.md`` is made from it
by ``tools/make_schema_doc.py``.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from .. import __version__
from ..records import Check, Incident, Metric, Report, TableCell, Token
from .rows import columns

ERROR_COLUMNS = ("source_path", "error", "message")

# Table Schema type of each Python annotation of a record field.
_TYPES = {
    "int": "integer", "int | None": "integer",
    "int | float": "number", "int | float | None": "number",
    "bool": "boolean", "str": "string", "str | None": "string",
}
# Text columns whose values are ISO dates (Table Schema ``date``: YYYY-MM-DD, or empty).
_DATES = {"value_date", "as_of"}
# Columns of reports.csv that are computed, not fields of ``Report``.
_COUNTS = {"n_tables", "n_metrics", "n_incidents", "n_checks_failed"}
_RECORDS = {"tables": TableCell, "metrics": Metric, "incidents": Incident, "tokens": Token,
            "checks": Check, "reports": Report}

FILES = {
    "reports": "one row per report of the dataset",
    "tables": "one row per data cell of every table except the incident list",
    "metrics": "the key figures stated in prose",
    "incidents": "one row per incident of the incident list",
    "tokens": "fugashi + unidic-lite tokens of every incident's description and cause",
    "checks": "what the validator checked and found; the data stays as printed",
    "errors": "inputs that gave no report, with the reason",
}

# "file.column" for a meaning particular to one file, else "column".
DESCRIPTIONS = {
    "report_id": "the input file's name without extension (-2, -3 … for repeats in a run)",
    "fiscal_year": "Western year in which the report's fiscal year begins (令和3年度 → 2021)",
    "tables.fiscal_year": "fiscal year the value belongs to: its row's or column's year in a "
                          "table over several years (令和2年度 → 2020), else the report's",
    "metrics.fiscal_year": "fiscal year the sentence names with its era, else the report's",
    "incidents.fiscal_year": "fiscal year of the incident's list (its title's, else the "
                             "report's)",
    "source_path": "the input file as given",
    "source_sha256": "sha256 of the input file's bytes",
    "source_format": "pdf, text or html",
    "engine": "text, html, pymupdf or pdfplumber",
    "pages": "pages of the PDF (1 for text)",
    "municipality": "the ward, city, town, village or prefecture publishing the report",
    "fiscal_year_label": "the fiscal year as printed (令和3年度)",
    "n_tables": "tables read (the incident list not counted)",
    "n_metrics": "key figures read from prose",
    "n_incidents": "incidents listed",
    "n_checks_failed": "rows of checks.csv with status failed",
    "parser_version": "reportparse version that wrote the rows",
    "table_no": "the printed table number, else the table's place in the report",
    "table_title": "the caption without its number, else the title line or heading above",
    "row_no": "the row's place in its table (1 = first data row)",
    "row_group": "the heading row the row sits under (開示請求), else empty",
    "row_label": "first-column text, normalised (合 計 → 合計); empty without a label column",
    "column_no": "the column's printed position (1 = first data column)",
    "column_group": "the spanning header(s) above the column, joined with ' / ', else empty",
    "column": "the leaf header without its unit (…(括弧内): a count printed in brackets)",
    "unit": "the counter of the value (件, 人)",
    "tables.value": "the cell as printed, after normalisation",
    "value_num": "the number, when the cell is one (1,710,634 → 1710634)",
    "value_date": "ISO date, when the cell is one (令和3年11月17日 → 2021-11-17)",
    "is_total": "true for 合計 / 計 / 総計 rows and an unlabelled row equal to the sums above",
    "source_page": "page of the source (PDF page; 1 for text)",
    "source_line": "line on that page",
    "section_no": "the printed heading number of the section, else empty",
    "section_title": "the nearest heading",
    "metric": "the noun the figure counts (請求者)",
    "kind": "count (a level), change (signed: 8件減少 → -8) or share (a percentage)",
    "metrics.value": "the figure",
    "as_of": "ISO date the figure is stated for (令和4年3月末現在 → 2022-03-31), else empty",
    "sentence": "the sentence the figure was read from",
    "no": "incident number as printed",
    "category": "種別 without its count, carried down its group",
    "category_declared": "the count printed beside the 種別 (誤送付 (6) → 6)",
    "occurred": "YYYY-MM (or YYYY-MM-DD where a day is printed), era resolved",
    "occurred_label": "the date as printed (4年1月)",
    "actor": "委託事業者, 指定管理者, or empty when the office itself handled it",
    "actor_detail": "the inner note of the actor (区内病院)",
    "description": "内容 without the date marker and markup",
    "affected_count": "people or items affected",
    "affected_unit": "名 (people) or 件 (items)",
    "affected_label": "the count as printed (2名分, 発信履歴28件)",
    "cause": "原因 with 同上 resolved to the text it repeats",
    "cause_as_printed": "原因 as printed",
    "measures": "再発防止策 / 対応 / 今後の対策 as printed, else empty",
    "departments": "department names joined with ;",
    "incident_no": "the incident the token belongs to",
    "field": "description or cause",
    "token_no": "the token's place in its field",
    "surface": "the token as written",
    "lemma": "its dictionary form (unidic-lite)",
    "pos": "part of speech",
    "pos_detail": "finer parts of speech, joined with -",
    "check": "which check (total, declared_count, damaged …)",
    "status": "ok or failed",
    "location": "where in the report",
    "expected": "what the check expected",
    "actual": "what the report holds",
    "checks.message": "what was found, in words",
    "error": "error code (not_found, corrupt, no_report_found, internal_error …)",
    "errors.message": "what went wrong, naming the file",
}


def description(name: str, column: str) -> str | None:
    return DESCRIPTIONS.get(f"{name}.{column}", DESCRIPTIONS.get(column))


def file_columns(name: str) -> tuple[str, ...]:
    return ERROR_COLUMNS if name == "errors" else columns(name)


def column_type(name: str, column: str) -> str:
    if column in _DATES:
        return "date"
    if column in _COUNTS:
        return "integer"
    record = _RECORDS.get(name)
    annotations = {f.name: f.type for f in fields(record)} if record else {}
    annotation = annotations.get(column) or {f.name: f.type for f in fields(Report)}.get(column)
    return _TYPES.get(str(annotation), "string")


def table_resource(name: str, about: str, columns_: list[tuple[str, str, str]],
                   encoding: str) -> dict[str, Any]:
    """The Data Package resource of ``<name>.csv``: ``columns_`` are (name, type, meaning)."""
    return {
        "name": name,
        "path": f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        # utf-8-sig is UTF-8 with a BOM, which Frictionless readers skip by themselves
        "encoding": "utf-8" if encoding == "utf-8-sig" else encoding,
        "description": about,
        "dialect": {"header": True, "delimiter": ",", "quoteChar": '"'},
        "schema": {
            "fields": [{"name": column, "type": kind, "description": meaning}
                       for column, kind, meaning in columns_],
            "missingValues": [""],
        },
    }


def resource(name: str, encoding: str) -> dict[str, Any]:
    """The resource of one CSV that ``parse`` writes."""
    return table_resource(name, FILES[name], [
        (column, column_type(name, column), description(name, column) or "")
        for column in file_columns(name)], encoding)


def package(name: str, resources: list[dict[str, Any]]) -> bytes:
    """``datapackage.json``: the resources, with what reads them right."""
    data = {
        "profile": "tabular-data-package",
        "name": name,
        "title": "Japanese municipal reports as tidy tables",
        "description": f"Written by reportparse {__version__}; booleans are true/false, "
                       "empty means unknown or not applicable.",
        "resources": resources,
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def datapackage(names: list[str], encoding: str) -> bytes:
    """``datapackage.json`` of OUT: the CSVs ``names`` of ``parse``."""
    return package("reportparse-output", [resource(name, encoding) for name in names])
