"""Table grids into ``TableCell`` records, one per data cell, and the checks of reading them.

Rules (SPEC, tables.csv):

* a header cell ``件数 (件)`` gives column ``件数`` and unit ``件``; other parentheses (``(A)``,
  ``(A+B-C)``) stay in the name; a ``(単位:件)`` line gives the unit of every column without
  one; a count printed with its counter (``82件``) gives its own unit, and the unit of the
  numbers of its column that print none (``6,192人`` over ``906``), unless the column prints
  two different counters;
* the first column holds the row labels unless every row starts with a number (a table with no
  row-label column); ``column_no`` counts the data columns from 1;
* a row whose value cells are all empty heads the rows below it (``row_group``);
* a total row (``合計``, ``計`` …, or an unlabelled last row equal to the sums above it) ends the
  group above it and has no group;
* ``value`` is the cell as printed, ``value_num`` the number it spells (``△46`` is -46;
  ``916(21)`` is 916, and the bracketed 21 is a cell of its own in column ``…(括弧内)``),
  ``value_date`` the ISO date of a Japanese date;
* cells printed as ``label:value`` side by side (``前年度からの継続案件:67件``) are rows of their own;
* in a table whose rows or columns are fiscal years (``令和3年度``, ``12年度`` under ``年度``, an
  as-of date ``平成27年3月31日``, a period ``…4月1日~…3月31日``), each value carries that year.

Nothing is placed by guesswork: a row with fewer or more values than the table has columns
(cells lost in copying) and a number that cannot be read are failed checks, and such a row
gives no cells.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

from ..records import Check, Line, TableCell
from ..values.dates import (
    RELATIVE_FISCAL_YEARS,
    DateError,
    FiscalYear,
    find_dates,
    find_fiscal_year,
    fiscal_year_in,
    named_fiscal_year,
    parse_date,
    relative_fiscal_year,
)
from ..values.normalize import compact_label
from ..values.numbers import looks_numeric, parse_number, parse_quantity
from . import vocabulary as words
from .rows import list_items_joined, without_empty_label, year_labels_unglued
from .structure import Grid
from .subtotals import heads_with_their_sums

TOTAL_LABELS = words.TOTAL_LABELS
SECOND_COUNT = "(括弧内)"
_DATE_HINT = re.compile(r"年|[MTSHR]\d|\d[./]\d", re.IGNORECASE)
_PAIR = re.compile(r"^(?P<label>[^:]+?) ?: ?(?P<value>[^:]+)$")
_ERALESS_YEAR = re.compile(r"^(?P<year>\d{1,2}|元)(?:年度)?$")
# 健康福祉部1026: a label run into its values (a label of words ends in no run of digits)
_GLUED_DIGITS = re.compile(r"^[^\d()\s]{2,}\d{3,}$")
_NOTE_AFTER = re.compile(r" ?[(\[][^()\[\]]*[)\]]$")  # 前年度(参考)
_ERA_BEFORE = {"令和": "平成", "平成": "昭和"}
_ERA_YEAR = re.compile(r"^(?:[HRS]\.? ?|昭和|平成|令和)(?:\d{1,2}|元)$")
_WESTERN_YEAR = re.compile(r"^(?P<year>(?:19|20)\d{2})(?:年度?)?$")
_NAMELESS_COLUMNS = 3  # a label and one or two values may need no header; more do
_QUALIFIER = re.compile(r"^[(\[【][^()\[\]【】]{1,6}[)\]】] ?")
_NAMES_A_YEAR = re.compile(r"年度(?: ?\([^()]*\))?$")  # 令和4年度, 令和4年度(参考)
_GROUP_PREFIX = re.compile(r"^\((?P<group>[^()]{1,10})\) ?(?P<label>[^()].*)$")
_YEAR_AXIS = re.compile(r"年度|年月日|期間|^年$")


def split_unit(heading: str) -> tuple[str, str]:
    """``件数 (件)`` -> (``件数``, ``件``); a heading without a unit keeps an empty unit."""
    match = words.HEADER_UNIT.match(heading)
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


def label_year(label: str, fiscal_year: FiscalYear | None, year_axis: bool) -> int | None:
    """The fiscal year a row or column label names, or None.

    ``令和3年度``; era-less ``12年度`` (or ``12`` under a 年度 header) in the era of the report;
    ``H30``, ``R元``, ``平成30``; ``2009`` under a 年度 header; ``前年度``, ``本年度`` from the report's;
    an as-of date (the fiscal year it falls in); a period from 1 April to 31 March.
    """
    label = _QUALIFIER.sub("", label)  # (参考)16年度
    if fiscal_year and _NOTE_AFTER.sub("", label) in RELATIVE_FISCAL_YEARS:  # 前年度, 本年度
        relative = relative_fiscal_year(label, fiscal_year)
        return relative.start_year if relative else None
    try:
        found = find_fiscal_year(label)
        if found and _NAMES_A_YEAR.search(label):
            return found.start_year
        eraless = _ERALESS_YEAR.match(label)
        if eraless and fiscal_year and (year_axis or label.endswith("年度")):
            return _in_report_era(eraless["year"], fiscal_year)
        western = _WESTERN_YEAR.match(label)
        if western and year_axis:  # 2009 under 年度
            return int(western["year"])
        if _ERA_YEAR.match(label):  # H30, R元, 平成30: a year wherever it heads a row or column
            named = find_fiscal_year(label.replace(".", "").replace(" ", "") + "年度")
            return named.start_year if named else None
        dates = find_dates(label, fiscal_year) if year_axis else []
    except DateError:
        return None
    if len(dates) == 1 and dates[0].month:
        return dates[0].year - (1 if dates[0].month <= 3 else 0)
    if len(dates) == 2 and (dates[0].month, dates[0].day, dates[1].month) == (4, 1, 3):
        return dates[0].year
    return None


def _in_report_era(year: str, fiscal_year: FiscalYear) -> int | None:
    """``12`` in a 平成15年度 report is 平成12年度 (2000): a year of the report's era, not later
    than the report; else of the era before (``29`` in a 令和元年度 report is 平成29年度)."""
    era = named_fiscal_year(fiscal_year.start_year).label[:2]
    for name in (era, _ERA_BEFORE.get(era, "")):
        try:
            found = fiscal_year_in(f"{year}年度", era=name) if name else None
        except DateError:
            continue
        if found and found.start_year <= fiscal_year.start_year:
            return found.start_year
    return None


@dataclass(frozen=True)
class TableRead:
    cells: list[TableCell]
    checks: list[Check]


@dataclass(frozen=True)
class _Column:
    no: int
    name: str
    group: str
    unit: str
    year: int | None
    note: bool


def _check(name: str, grid: Grid, location: str, expected: str, actual: str,
           message: str) -> Check:
    return Check(name, "failed", grid.no, f"表{grid.no} {location}", expected, actual, message)


def _has_label_column(grid: Grid) -> bool:
    """Rows are labelled by their first cell, unless every row starts with a number under a
    heading of its own (``請求件数`` over ``142``) or under no header at all, which makes it a
    data column."""
    if _is_pair_table(grid) or len(grid.header) == 1:  # one column: its values, no labels
        return False
    firsts = [row.cells[0] for row in grid.rows if len(row.cells) > 1]
    numeric = firsts and all(parse_quantity(cell) for cell in firsts)
    first_heading = grid.header[0] if grid.header else ""
    blank_corner = not first_heading and grid.header_rows > 0
    return not numeric or blank_corner or bool(_YEAR_AXIS.search(compact_label(first_heading)))


def _label_columns(grid: Grid) -> int:
    """How many columns label the rows: 0, 1, or 2 where a second column of text labels the
    rows under a first one printed once per group (a vertically merged cell: 開示請求 over
    全部開示, 部分開示 …)."""
    if not _has_label_column(grid):
        return 0
    rows = [row.cells for row in grid.rows if len(row.cells) > 2
            and compact_label(row.cells[0]) not in TOTAL_LABELS]
    merged = bool(rows) and bool(rows[0][0]) and any(not cells[0] for cells in rows)
    texts = all(cells[1] and not parse_quantity(cells[1]) for cells in rows)
    return 2 if len(grid.header) >= 3 and merged and texts else 1


def _is_total_label(label: str) -> bool:
    """``合計``, ``計``, ``小計`` …, or a subtotal named after its group: ``知事(計)``,
    ``市長 合計``."""
    return compact_label(label) in TOTAL_LABELS or label.endswith(("(計)", "(小計)", "合計", "小計"))


def _is_label(cell: str) -> bool:
    return bool(cell) and not parse_quantity(cell) and not looks_numeric(cell)


def _pair(cell: str) -> re.Match[str] | None:
    pair = _PAIR.match(cell)
    return pair if pair and parse_quantity(pair["value"]) else None


def _is_pair_table(grid: Grid) -> bool:
    """Every cell is ``label:value`` (``前年度からの継続案件:67件``): pairs side by side."""
    cells = [cell for row in grid.rows for cell in row.cells if cell]
    return bool(cells) and all(_pair(cell) for cell in cells)


def _column_year(name: str, group: str, fiscal_year: FiscalYear | None) -> int | None:
    """The year a column's heading names, else the nearest spanning heading above it
    (``令和3年度`` over ``件数 | 構成比``)."""
    for heading in (name, *reversed(group.split(" / ") if group else ())):
        year = label_year(heading, fiscal_year, year_axis=False)
        if year is not None:
            return year
    return None


def _columns(grid: Grid, first: int, fiscal_year: FiscalYear | None) -> list[_Column]:
    columns = []
    for position in range(first, len(grid.header)):
        name, unit = split_unit(grid.header[position])
        group = grid.groups[position] if position < len(grid.groups) else ""
        columns.append(_Column(
            no=position - first + 1, name=name, group=group, unit=unit or grid.unit,
            year=_column_year(name, group, fiscal_year),
            note=bool(words.NOTE_HEADER.match(grid.header[position]))))
    return columns


def _split(columns: list[_Column], parts: tuple[str, ...]) -> list[_Column]:
    """Each column split into ``parts``, which it heads as their group."""
    return [replace(column, no=(column.no - 1) * len(parts) + i + 1, name=part, note=False,
                    group=" / ".join(name for name in (column.group, column.name) if name))
            for column in columns for i, part in enumerate(parts)]


def _is_note_piece(cell: str) -> bool:
    """``1件 (下記の…No.37。請求者は…)``: a note joined from a broken row's explanation."""
    return " (" in cell and cell.endswith(")") and len(cell) > 12


def _placed(values: list[str], columns: list[_Column], headed: bool,
            row_total: int | None) -> list[str] | None:
    """The row's values, one per column, or None when they cannot be placed for sure (too few
    or too many, or a value under no printed heading of a table that has a header, other than
    its column of row totals)."""
    placed = _by_position(values, columns)
    if placed is None or (headed and any(
            value and not column.name and column.no != row_total
            for value, column in zip(placed, columns))):
        return None
    return placed


def _by_position(values: list[str], columns: list[_Column]) -> list[str] | None:
    notes = [i for i, column in enumerate(columns) if column.note]
    if values and _is_note_piece(values[-1]) and notes:
        placed = values[:-1]
        if len(placed) != notes[-1]:
            return None
        return placed + [""] * (notes[-1] - len(placed)) + [values[-1]]
    if len(values) > len(columns):
        return None
    missing = columns[len(values):]
    if any(not column.note for column in missing):
        return None
    return values + [""] * len(missing)


class _TableReader:
    def __init__(self, grid: Grid, fiscal_year: FiscalYear | None):
        self.grid = grid
        self.fiscal_year = fiscal_year
        self.labels = _label_columns(grid)
        self.labelled = self.labels > 0
        self.columns = _columns(grid, self.labels, fiscal_year)
        self.year_axis = self.labelled and bool(_YEAR_AXIS.search(compact_label(grid.header[0])))
        self.spans: list[_Column] | None = None  # the columns before a row split them
        self.cells: list[TableCell] = []
        self.checks: list[Check] = []
        self.row_no = 0

    def read(self) -> TableRead:
        rows = self.grid.rows
        if not self.columns:
            return TableRead([], [])
        self._check_columns_named()
        group = ""
        data_rows = [row for row in rows if self._values(row)]
        if rows and self._lost_its_label(rows[-1], data_rows):  # 9,975 69,393: an unlabelled total
            rows = (*rows[:-1], replace(rows[-1], cells=("", *rows[-1].cells)))
            data_rows = [*data_rows[:-1], rows[-1]]
        rows = list_items_joined(self._wrapped_cells_joined(rows), self.labels + len(self.columns))
        rows = year_labels_unglued(rows) if self.labels == 1 else rows
        label = ""
        splitting = next((row for row in rows if self._parts_of_columns(row)), None)
        if splitting is not None:
            self._split_columns(self._parts_of_columns(splitting) or ())
        for index, row in enumerate(rows):
            if row is splitting:
                continue
            if self._continues_label_above(row):
                row = replace(row, cells=(label, *without_empty_label(row.cells)))
            group, row = self._regrouped(row, group)
            label, values = self._label(row), self._values(row)
            prefixed, label = self._prefix_group(label)
            if self.labels == 2:  # the first column heads its group, printed once
                outer = compact_label(row.cells[0]) if row.cells else ""
                if outer in TOTAL_LABELS:
                    label = label or outer
                group = outer if outer and outer not in TOTAL_LABELS else group
            if not values:
                following = rows[index + 1] if index + 1 < len(rows) else None
                if following is not None and self._values(following) and not words.LIST_ITEM.match(label):
                    group = label  # (a list item under a row is no heading of the rows below)
                continue
            is_total = _is_total_label(label) or (
                not label and self.labelled and row is data_rows[-1]
                and self._sums_above(values, data_rows[:-1]))
            row_group = prefixed or group
            group_year = label_year(row_group, self.fiscal_year, False) if row_group else None
            if is_total:
                group = row_group = ""  # it closes the group above, and has that group's year
            self._row(row, label, values, row_group, is_total, group_year)
        return TableRead(heads_with_their_sums(self.cells), self.checks)

    def _check_columns_named(self) -> None:
        """Values under no printed column name are written by position, and said so: a header
        whose cells were wrapped over several lines cannot be read back."""
        if len(self.columns) >= _NAMELESS_COLUMNS and not any(c.name for c in self.columns):
            self.checks.append(_check(
                "columns_named", self.grid, "header", "a name for each column",
                f"{len(self.columns)} unnamed columns",
                f"表{self.grid.no}: none of its {len(self.columns)} value columns has a printed "
                "name that could be read; its values are written by position only"))

    def _prefix_group(self, label: str) -> tuple[str, str]:
        """(group, label) of ``(市長) 総務部``, where other rows share the prefix; else ("", label)."""
        prefix = _GROUP_PREFIX.match(label)
        if prefix and prefix["group"] in self._prefix_groups:
            return prefix["group"], prefix["label"]
        return "", label

    @cached_property
    def _prefix_groups(self) -> set[str]:
        """Groups printed as a bracketed prefix of two or more row labels: ``(市長) 市長公室``,
        ``(市長) 総務部``."""
        prefixes = Counter(match["group"] for row in self.grid.rows
                           if (match := _GROUP_PREFIX.match(self._label(row))))
        return {group for group, count in prefixes.items() if count >= 2}

    @cached_property
    def _printed_columns(self) -> list[_Column]:
        """The columns up to the last one the header names."""
        named = [column.no for column in self.columns if column.name]
        return self.columns[:named[-1]] if named else []

    def _parts_of_columns(self, row: Line) -> tuple[str, ...] | None:
        """A body row of names alone splitting every named column into the same parts (``請求
        | 申出`` under each year, below a first row of each year's totals): the parts."""
        cells, width = without_empty_label(row.cells), len(self._printed_columns)
        if (self.labels != 1 or width < 2 or len(cells) < 2 * width or len(cells) % width
                or not all(_is_label(cell) for cell in cells)):
            return None
        parts = cells[:len(cells) // width]
        return parts if cells == parts * width else None

    def _split_columns(self, parts: tuple[str, ...]) -> None:
        """Values one for each part go under the parts; values one for each column, under the
        column, now as wide as its parts."""
        self.spans = [replace(column, no=(column.no - 1) * len(parts) + 1)
                      for column in self._printed_columns]
        self.columns = _split(self._printed_columns, parts)

    def _continues_label_above(self, row: Line) -> bool:
        """Under split columns, a row of values alone, one for each part, is the parts of the
        row above, whose label cell spans both (``請求等件数 69`` over ``37 | 32``)."""
        cells = without_empty_label(row.cells)
        return (self.spans is not None and len(cells) == len(self.columns)
                and all(parse_quantity(cell) for cell in cells))

    def _lost_its_label(self, row: Line, data_rows: list[Line]) -> bool:
        """A last row of numbers one cell short whose every number is the sum above it: a
        total row whose empty label cell the copy dropped."""
        return (self.labels == 1 and len(row.cells) == len(self.columns) and len(data_rows) > 2
                and all(parse_quantity(cell) for cell in row.cells)
                and self._sums_above(list(row.cells), data_rows[:-1]))

    def _wrapped_cells_joined(self, rows: tuple[Line, ...]) -> tuple[Line, ...]:
        """A lone text line between rows numbered n and n+1 is the second line of the text
        cell that ends the row above (``病院経営本部`` / ``福祉保健局``), not a group heading:
        groups are not printed inside a numbered run."""
        joined: list[Line] = []
        for index, row in enumerate(rows):
            above = joined[-1] if joined else None
            below = rows[index + 1] if index + 1 < len(rows) else None
            if (above is not None and below is not None and len(row.cells) == 1
                    and _is_label(above.cells[-1]) and self._numbered_in_turn(above, below)):
                cells = (*above.cells[:-1], f"{above.cells[-1]} {row.cells[0]}")
                joined[-1] = replace(above, cells=cells)
            else:
                joined.append(row)
        return tuple(joined)

    def _numbered_in_turn(self, above: Line, below: Line) -> bool:
        if self.labels != 1 or not self._values(above):
            return False
        first, then = parse_number(self._label(above)), parse_number(self._label(below))
        return first is not None and then == first + 1

    def _regrouped(self, row: Line, group: str) -> tuple[str, Line]:
        """A row wider than the table by leading label cells, labelled by the last of them:
        the ones before it, printed once (vertically merged cells), head it and the rows below
        it up to a total (``知事 総務部 25 …``; ``処理済 開示決定等の措置済 全部開示 0 …``); empty,
        they are the fillers of such cells (`` 総務部 100 …``)."""
        cells = row.cells
        extra = len(cells) - len(self.columns) - 1
        if not (self.labels == 1 and extra >= 1 and _is_label(cells[extra])):
            return group, row
        heads = cells[:extra]
        if not any(heads):
            return group, replace(row, cells=cells[extra:])
        if all(_is_label(cell) for cell in heads) and compact_label(heads[0]) not in TOTAL_LABELS:
            return " / ".join(compact_label(cell) for cell in heads), replace(row, cells=cells[extra:])
        return group, row

    def _label(self, row: Line) -> str:
        at = self.labels - 1
        return compact_label(row.cells[at]) if 0 <= at < len(row.cells) else ""

    def _values(self, row: Line) -> list[str]:
        values = list(row.cells[self.labels:])
        return values if any(values) else []

    def _sums_above(self, values: list[str], above: list[Line]) -> bool:
        """An unlabelled last row is a total when each number equals the sum above it."""
        if len(above) < 2:
            return False
        sums = [0.0] * len(values)
        for row in above:
            for i, cell in enumerate(self._values(row)[:len(values)]):
                quantity = parse_quantity(cell)
                sums[i] += quantity.value if quantity else 0
        numbers = [(parse_quantity(cell), total) for cell, total in zip(values, sums)]
        return all(q is not None for q, _ in numbers) and all(
            q.value == total for q, total in numbers if q is not None)

    def _row(self, row: Line, label: str, values: list[str], group: str, is_total: bool,
             group_year: int | None) -> None:
        if _GLUED_DIGITS.match(label):
            self.checks.append(_check(
                "cells_separated", self.grid, f"{label} (line {row.line})", "cells apart",
                " | ".join(row.cells), f"line {row.line}: a row whose label and first values ran "
                f"together in copying ({label}); its values cannot be told apart and are not written"))
            return
        if all(_pair(cell) for cell in values if cell):
            self._pairs(row, values, group)
            return
        columns = self.spans if self.spans and len(values) == len(self.spans) else self.columns
        placed = _placed(self._with_empty_texts(values), columns, self.grid.header_rows > 0,
                         self._row_total_column)
        if placed is None:
            named = sum(bool(c.name) and not c.note for c in self.columns)
            self.checks.append(_check(
                "row_width", self.grid, f"{label or 'row'} (line {row.line})",
                f"{named} values", " | ".join(values),
                f"line {row.line}: {label or 'a row'} has {len(values)} values for "
                f"{named} named columns; cells were lost in copying, so its values "
                "cannot be placed and are not written"))
            return
        self.row_no += 1
        year = (label_year(label, self.fiscal_year, self.year_axis) if self.labelled
                else None) or group_year  # 請求 under 平成13年度
        for column, value in zip(columns, placed):
            if value:
                self._cell(row, label, group, column, column.name, value, is_total, year)

    def _report_year(self) -> int | None:
        """The report's year for a value whose row and column name none, except in a table
        whose rows are years: there a row such as ``58~13`` or ``計`` spans several."""
        if self.fiscal_year is None or self._rows_are_years:
            return None
        return self.fiscal_year.start_year

    def _with_empty_texts(self, values: list[str]) -> list[str]:
        """A row short only of cells in the text columns that end the table (``町長 8件`` under
        申出件数 | 主な申出内容): those cells were printed empty, and the copy dropped them."""
        missing = self.columns[len(values):]
        if not missing or not all(column.no in self._text_columns for column in missing) or any(
                (column.no in self._text_columns) != _is_label(value)
                for column, value in zip(self.columns, values) if value):
            return values
        return values + [""] * len(missing)

    @cached_property
    def _full_rows(self) -> list[list[str]]:
        return [values for row in self.grid.rows
                if len(values := self._values(row)) == len(self.columns)]

    @cached_property
    def _text_columns(self) -> set[int]:
        """Columns whose every printed value is text, not a number, or, where no row prints
        one, whose heading names words (``主な申出内容``)."""
        texts: set[int] = set()
        for column in self.columns:
            printed = [values[column.no - 1] for values in self._full_rows if values[column.no - 1]]
            if all(_is_label(value) for value in printed) and (
                    printed or words.TEXT_HEADER.search(column.name)):
                texts.add(column.no)
        return texts

    @cached_property
    def _row_total_column(self) -> int | None:
        """An unheaded last column (``⎵ 開示 部分開示 … ⎵``) whose every value is the sum of its
        row: the row totals, written with an empty column name."""
        *named, last = self.columns
        if len(named) < 2 or last.name or not all(column.name for column in named):
            return None
        for values in self._full_rows:
            numbers = [quantity.value for value in values if (quantity := parse_quantity(value))]
            if len(numbers) != len(values) or sum(numbers[:-1]) != numbers[-1]:
                return None
        return last.no if self._full_rows else None

    @cached_property
    def _printed_units(self) -> dict[int, str]:
        """A column's counter printed with its numbers, perhaps only in its first row
        (``6,192人`` over ``906``): the unit of the column, where it prints no other."""
        printed: dict[int, set[str]] = {}
        for row in self.grid.rows:
            values = self._values(row)
            if len(values) == len(self.columns):
                for column, value in zip(self.columns, values):
                    quantity = parse_quantity(value)
                    if quantity and quantity.unit:
                        printed.setdefault(column.no, set()).add(quantity.unit)
        return {no: units.pop() for no, units in printed.items() if len(units) == 1}

    @cached_property
    def _rows_are_years(self) -> bool:
        return self.year_axis and any(
            label_year(self._label(row), self.fiscal_year, True) for row in self.grid.rows)

    def _pairs(self, row: Line, values: list[str], group: str) -> None:
        for column, cell in zip(self.columns, values):
            pair = _pair(cell) if cell else None
            if pair:
                self.row_no += 1
                self._cell(row, compact_label(pair["label"]), group, column, column.name,
                           pair["value"], False, None)

    def _cell(self, row: Line, label: str, group: str, column: _Column, name: str, value: str,
              is_total: bool, row_year: int | None) -> None:
        quantity = parse_quantity(value)
        date = None if quantity else value_date(value, self.fiscal_year)
        year = row_year or column.year or self._report_year()
        cell = TableCell(
            fiscal_year=year, table_no=self.grid.no, table_title=self.grid.title,
            row_no=self.row_no, row_group=group, row_label=label, column_no=column.no,
            column_group=column.group, column=name,
            unit=(quantity.unit if quantity and quantity.unit
                  else column.unit or self._printed_units.get(column.no, "")), value=value,
            value_num=quantity.value if quantity else None, value_date=date,
            is_total=is_total, source_page=row.page, source_line=row.line)
        self.cells.append(cell)
        if quantity and quantity.second is not None:
            self.cells.append(replace(cell, column=name + SECOND_COUNT,
                                      value=str(quantity.second), value_num=quantity.second))
        if quantity is None and date is None and not column.note and looks_numeric(value):
            self.checks.append(_check(
                "value_readable", self.grid, f"{label} / {name}", "a number", value,
                f"line {row.line}: {value!r} looks like a number but cannot be read as one"))


def table_cells(grid: Grid, fiscal_year: FiscalYear | None) -> TableRead:
    """Every data cell of ``grid``, row by row, column by column, and what could not be read."""
    return _TableReader(_label_before_rank(_side_by_side_joined(grid)), fiscal_year).read()


def _side_by_side_joined(grid: Grid) -> Grid:
    """``区分 | 件数 | 区分 | 件数`` over ``公開 | 33 | 審査請求 | 2``: one list printed in two blocks
    side by side; read as one, the right block's rows after the left's."""
    width = len(grid.header) // 2
    header = [compact_label(cell) for cell in grid.header]
    if (grid.header_rows != 1 or width < 2 or len(header) != 2 * width
            or header[:width] != header[width:] or any(grid.groups)):
        return grid
    blocks = [[replace(row, cells=tuple(row.cells[start:start + width])) for row in grid.rows]
              for start in (0, width)]
    rows = tuple(row for block in blocks for row in block if any(row.cells))
    return replace(grid, header=grid.header[:width], groups=grid.groups[:width], rows=rows)


def _label_before_rank(grid: Grid) -> Grid:
    """``順位 | 請求内容 | 決定件数`` over ``1 | 工事設計書 | 5,195``: the rows are named in the
    second column, the first ranks them (a value of its own); read with the two swapped."""
    rows = [row.cells for row in grid.rows]
    ranked = (grid.header_rows == 1 and len(grid.header) >= 3
              and compact_label(grid.header[0]).lower() in words.RANK_HEADERS and bool(rows)
              and all(len(cells) >= 3 and cells[0].isdigit() and _is_label(cells[1])
                      and value_date(cells[1], None) is None for cells in rows)  # not 番号 | 諮問日
              and [int(cells[0]) for cells in rows] == sorted(int(cells[0]) for cells in rows))
    if not ranked:
        return grid

    def swapped(cells: tuple[str, ...]) -> tuple[str, ...]:
        return (cells[1], cells[0], *cells[2:])

    return replace(grid, header=swapped(grid.header),
                   groups=swapped(grid.groups) if len(grid.groups) >= 2 else grid.groups,
                   rows=tuple(replace(row, cells=swapped(row.cells)) for row in grid.rows))
