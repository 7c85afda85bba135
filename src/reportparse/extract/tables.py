"""Table grids into ``TableCell`` records: one record per data cell.

Rules (SPEC, tables.csv):

* the header cell ``件数 (件)`` gives column ``件数`` and unit ``件``; the first column holds
  the row labels and is not a data column;
* a row whose value cells are all empty heads the rows below it (``row_group``);
* a total row (``合計``, ``計``, ``総計``, ``小計``) ends the group above it and has no group;
* ``value`` is the cell as printed (normalised), ``value_num`` the number it spells,
  ``value_date`` the ISO date when it is a Japanese date.
"""

from __future__ import annotations

import re

from ..records import TableCell
from ..values.dates import DateError, FiscalYear, parse_date
from ..values.normalize import compact_label
from ..values.numbers import parse_number
from .structure import Grid

TOTAL_LABELS = frozenset({"合計", "計", "総計", "小計"})
_UNIT = re.compile(r"^(?P<name>.*?) ?\((?P<unit>[^()]+)\)$")
_DATE_HINT = re.compile(r"年|[MTSHR]\d|\d[./]\d", re.IGNORECASE)


def split_unit(heading: str) -> tuple[str, str]:
    """``件数 (件)`` -> (``件数``, ``件``); a heading without a unit keeps an empty unit."""
    match = _UNIT.match(heading)
    if match and match["name"]:
        return compact_label(match["name"]), match["unit"].strip()
    return compact_label(heading), ""


def value_date(value: str, fiscal_year: FiscalYear | None) -> str | None:
    """The ISO date a cell spells, or None (impossible dates are left to the validator)."""
    if not _DATE_HINT.search(value):
        return None
    try:
        return parse_date(value, fiscal_year).iso
    except DateError:
        return None


def table_cells(grid: Grid, fiscal_year: FiscalYear | None) -> list[TableCell]:
    """Every data cell of ``grid``, row by row, column by column."""
    columns = [split_unit(heading) for heading in grid.header[1:]]
    cells: list[TableCell] = []
    group, row_no = "", 0
    for row in grid.rows:
        label, values = compact_label(row.cells[0]), row.cells[1:]
        if not any(values):
            group = label
            continue
        row_no += 1
        is_total = label in TOTAL_LABELS
        if is_total:
            group = ""
        for (column, unit), value in zip(columns, values):
            cells.append(
                TableCell(
                    table_no=grid.no,
                    table_title=grid.title,
                    row_no=row_no,
                    row_group=group,
                    row_label=label,
                    column=column,
                    unit=unit,
                    value=value,
                    value_num=parse_number(value),
                    value_date=value_date(value, fiscal_year),
                    is_total=is_total,
                    source_page=row.page,
                    source_line=row.line,
                )
            )
    return cells
