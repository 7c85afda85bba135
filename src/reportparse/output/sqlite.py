"""``OUT/reportparse.db``: one SQLite table per CSV, ready for Datasette as it is.

* Typed columns: integers ``INTEGER``, numbers ``NUMERIC`` (191 stays an integer, 29.7 a
  real), booleans ``INTEGER`` 0/1, ISO dates ``TEXT`` (SQLite's own date form), text ``TEXT``.
* ``reports`` is keyed by ``report_id``; every other table by ``csv_row``, the row's place in
  its CSV (1 = the first row under the header), and its ``report_id`` references ``reports``.
  A natural key would reject a report that numbers two incidents alike, which the
  validator reports and the data keeps.
* Indexes on ``report_id`` and the columns people filter on (``_FILTERS``).
* Full-text search (FTS5, trigram: Japanese has no spaces between words, so words cannot
  be split on them; a query needs three characters or more) over ``_SEARCHABLE`` columns.
* ``OUT/reportparse.metadata.json`` titles the tables and describes each column's type for
  ``datasette OUT/reportparse.db -m OUT/reportparse.metadata.json``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .typed import Table

_SQL_TYPES = {"integer": "INTEGER", "number": "NUMERIC", "boolean": "INTEGER",
              "date": "TEXT", "text": "TEXT"}
_DESCRIBED = {"integer": "integer", "number": "number as printed (integer or decimal)",
              "boolean": "1 = true, 0 = false", "date": "ISO date (YYYY-MM-DD)", "text": "text"}
_FILTERS = ("fiscal_year", "municipality", "table_no", "category", "check", "status",
            "metric", "incident_no", "field", "lemma", "error")
_SEARCHABLE = ("description", "cause")
# What each file holds, for Datasette's titles (the files of SPEC.md).
_TITLES = {
    "reports": ("Reports", "One row per parsed input: where it came from, what it holds."),
    "tables": ("Table cells", "One row per data cell of every table except the incident list."),
    "metrics": ("Key figures", "The figures stated in prose, with the sentence they come from."),
    "incidents": ("Incidents", "One row per listed incident (個人情報に係る事務処理ミス)."),
    "tokens": ("Tokens",
               "fugashi + unidic-lite tokens of each incident's description and cause."),
    "checks": ("Checks", "What the validator checked and found; the data stays as printed."),
    "errors": ("Errors", "Inputs that could not be parsed, and why."),
}
KEY = "csv_row"
DATABASE = "reportparse"


def write_sqlite(tables: list[Table], path: Path) -> Path:
    """Write ``tables`` into the new database ``path``; returns the Datasette metadata file."""
    connection = sqlite3.connect(path)
    try:
        connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        with connection:
            for table in tables:
                _create(connection, table)
                connection.executemany(_insert(table), _keyed(table))
                for statement in _indexes(table):
                    connection.execute(statement)
                if searchable := _searchable(table):
                    _full_text(connection, table.name, searchable)
    finally:
        connection.close()
    metadata = path.with_name(f"{path.stem}.metadata.json")
    metadata.write_text(json.dumps(datasette_metadata(tables), ensure_ascii=False, indent=2)
                        + "\n", encoding="utf-8")
    return metadata


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create(connection: sqlite3.Connection, table: Table) -> None:
    keyed = table.name == "reports"
    columns = [] if keyed else [f"{KEY} INTEGER PRIMARY KEY"]
    for column, kind in zip(table.columns, table.kinds):
        primary = " PRIMARY KEY NOT NULL" if keyed and column == "report_id" else ""
        columns.append(f"{_quoted(column)} {_SQL_TYPES[kind]}{primary}")
    if not keyed and "report_id" in table.columns:
        columns.append("FOREIGN KEY (report_id) REFERENCES reports (report_id)")
    connection.execute(f"CREATE TABLE {_quoted(table.name)} ({', '.join(columns)})")


def _insert(table: Table) -> str:
    names = table.columns if table.name == "reports" else (KEY, *table.columns)
    return (f"INSERT INTO {_quoted(table.name)} ({', '.join(map(_quoted, names))}) "
            f"VALUES ({', '.join('?' * len(names))})")


def _keyed(table: Table) -> Iterator[tuple]:
    rows = (tuple(value.isoformat() if kind == "date" and value else value
                  for kind, value in zip(table.kinds, row)) for row in table.rows())
    if table.name == "reports":
        return rows
    return ((number, *row) for number, row in enumerate(rows, start=1))


def _indexes(table: Table) -> list[str]:
    wanted = [c for c in ("report_id", *_FILTERS) if c in table.columns]
    if table.name == "reports":
        wanted = [c for c in wanted if c != "report_id"]  # the primary key is indexed
    return [f"CREATE INDEX {_quoted(f'{table.name}_{c}')} ON {_quoted(table.name)} "
            f"({_quoted(c)})" for c in wanted]


def _searchable(table: Table) -> list[str]:
    return [c for c in _SEARCHABLE if c in table.columns] if table.name != "reports" else []


def _full_text(connection: sqlite3.Connection, name: str, columns: list[str]) -> None:
    fts = f"{name}_fts"
    connection.execute(
        f"CREATE VIRTUAL TABLE {_quoted(fts)} USING fts5({', '.join(map(_quoted, columns))}, "
        f'content="{name}", content_rowid="{KEY}", tokenize="trigram")')
    connection.execute(f"INSERT INTO {_quoted(fts)} ({_quoted(fts)}) VALUES ('rebuild')")


def datasette_metadata(tables: list[Table]) -> dict:
    """Titles, descriptions and search settings of every table, in Datasette's format."""
    described = {}
    for table in tables:
        title, description = _TITLES.get(table.name, (table.name, f"{table.name}.csv"))
        entry: dict[str, Any] = {"title": title, "description": f"{description} From {table.name}.csv.",
                 "columns": {column: _DESCRIBED[kind]
                             for column, kind in zip(table.columns, table.kinds)}}
        if table.name != "reports":
            entry["columns"] = {KEY: f"row number in {table.name}.csv (1 = first row under "
                                     "the header)", **entry["columns"]}
        if _searchable(table):
            entry.update(fts_table=f"{table.name}_fts", fts_pk=KEY)
        described[table.name] = entry
    return {"title": "reportparse output",
            "description": "Japanese municipal reports parsed by reportparse",
            "databases": {DATABASE: {"tables": described}}}
