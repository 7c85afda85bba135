"""``OUT/reportparse.xlsx``: one sheet per CSV, typed cells, nothing left to Excel's guessing.

XlsxWriter, not openpyxl: it writes each cell with an explicit type (``write_string`` is
never read as a number, date or formula, so ``2021-01`` and ``3年1月`` stay text) and, in
``constant_memory`` mode, streams rows to disk, so a batch whose tokens fill a million rows
is written in bounded memory, several times faster than openpyxl's write-only mode.

* Numbers are numbers, ISO dates are dates (shown ``yyyy-mm-dd``), booleans are TRUE/FALSE,
  everything else is text. Header row frozen, filters on, widths from the content.
* A CSV longer than a sheet (1,048,576 rows with the header) continues on ``name (2)``,
  ``name (3)`` …; the ``about`` sheet lists which rows of which CSV each sheet holds.
* Excel holds at most 32,767 characters in a cell; a longer text is an error naming the
  cell rather than a silently cut value.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path

import xlsxwriter

from .typed import Table

EXCEL_ROWS = 1_048_576
EXCEL_CELL_CHARACTERS = 32_767
_WIDTH_SAMPLE = 2_000  # rows looked at to size a column
_MIN_WIDTH, _MAX_WIDTH = 6, 60


def write_xlsx(tables: list[Table], path: Path, sheet_rows: int = EXCEL_ROWS) -> None:
    """Write ``tables`` into the workbook ``path``, ``sheet_rows`` rows a sheet at most."""
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True,
                                          "strings_to_numbers": False,
                                          "strings_to_formulas": False,
                                          "strings_to_urls": False})
    styles = {"date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
              "header": workbook.add_format({"bold": True})}
    about = []
    for table in tables:
        for sheet_name, first, count in _sheets(table, workbook, styles, sheet_rows - 1):
            about.append((sheet_name, f"{table.name}.csv", first, first + count - 1 if count
                          else None))
    _about_sheet(workbook, about, styles)
    workbook.close()


def _sheets(table: Table, workbook, styles: dict, per_sheet: int
            ) -> Iterator[tuple[str, int, int]]:
    """Write ``table`` over as many sheets as it needs: (sheet, first data row, row count).

    Rows are streamed: a sheet's widths and filter range are set once its rows are written.
    """
    rows = table.rows()
    part, first = 1, 1
    while True:
        name = table.name if part == 1 else f"{table.name} ({part})"
        count = _sheet(workbook.add_worksheet(name), table, islice(rows, per_sheet), styles)
        yield name, first, count
        if count < per_sheet:
            return
        part, first = part + 1, first + count
        if (peeked := next(rows, None)) is None:
            return
        rows = chain([peeked], rows)


def _sheet(sheet, table: Table, rows: Iterable[tuple], styles: dict) -> int:
    """Write the header and ``rows`` into ``sheet``; how many rows it holds."""
    widths = [_width(column) for column in table.columns]
    sheet.write_row(0, 0, table.columns, styles["header"])
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, (kind, value) in enumerate(zip(table.kinds, row)):
            if value is not None:
                _cell(sheet, count, column, kind, value, styles, table)
                if count <= _WIDTH_SAMPLE:
                    widths[column] = max(widths[column], _width(str(value)))
    for column, width in enumerate(widths):
        sheet.set_column(column, column, min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(count, 1), len(table.columns) - 1)
    return count


def _cell(sheet, row: int, column: int, kind: str, value, styles: dict, table: Table) -> None:
    if kind in ("integer", "number"):
        sheet.write_number(row, column, value)
    elif kind == "boolean":
        sheet.write_boolean(row, column, value)
    elif kind == "date":
        sheet.write_datetime(row, column, value, styles["date"])
    elif len(value) > EXCEL_CELL_CHARACTERS:
        raise ValueError(f"{table.name}.csv, column {table.columns[column]}: a text of "
                         f"{len(value):,} characters is longer than an Excel cell holds "
                         f"({EXCEL_CELL_CHARACTERS:,}); leave xlsx out of --format")
    else:
        sheet.write_string(row, column, value)


def _width(text: str) -> int:
    """Display width: a full-width (Japanese) character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _about_sheet(workbook, about: list, styles: dict) -> None:
    sheet = workbook.add_worksheet("about")
    header = ("sheet", "file", "first_row", "last_row")
    sheet.write_row(0, 0, header, styles["header"])
    for index, (name, source, first, last) in enumerate(about, start=1):
        sheet.write_string(index, 0, name)
        sheet.write_string(index, 1, source)
        if last is not None:
            sheet.write_number(index, 2, first)
            sheet.write_number(index, 3, last)
    sheet.set_column(0, 1, 20)
    sheet.set_column(2, 3, 10)
    sheet.freeze_panes(1, 0)
