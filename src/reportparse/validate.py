"""What the validator checks. Printed values are never changed: a failure is reported.

* ``total``: each total row equals the sum of the rows it totals, column by column. A grand
  total (``合計``, ``総計``) totals every other data row of its table; ``計`` / ``小計`` total
  the rows since the previous total.
* ``prose_matches_table``: a figure stated in prose equals the total of a table in the same
  section whose column names what the figure counts (metric ``…請求件数`` and column ``件数``,
  metric ``請求者`` and column ``請求者数``) in the same unit.
* ``incident_row``: a row of an incident list that could not be read (failed, naming its
  line and what is missing); the rest of the list is read as usual.
* ``prose_matches_table`` also pairs a figure with the one cell of its year whose row or
  column bears the figure's name (``全部開示が120件`` / 表2 令和5年度 全部開示).
* ``declared_count``: each incident group's declared count (``誤送付 (6)``) equals its rows.
* ``incident_numbering``: incident numbers run 1..N in each list (gaps, repeats and rows
  out of order are named).
* ``date_in_fiscal_year``: every incident date lies inside its list's fiscal year (the one
  the list's title names, else the report's).
* ``folded_characters`` (always ok, for the record): how many CJK compatibility ideographs
  and radicals normalisation folded into ordinary ideographs.
* ``row_in_table``: a row of values found outside any table is reported, not dropped.
* ``damaged`` (only for a damaged PDF, always failed): what the PDF library repaired or
  warned about, and whether the other engine reads the same text. Figures of a damaged
  file may be wrong although every other check passes.
* ``fiscal_year_readable`` (only when it fails): the report's fiscal year is written but
  impossible (平成32年度); dates without an era are then left unresolved.
* ``date_readable``: a table value or incident date that looks like a date but cannot be
  read (an impossible date such as 平成32年2月30日) is reported with the reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import groupby

from .extract.vocabulary import COUNTED_CELLS_ROW, GRAND_TOTALS, LABEL_DIGITS_ROW, PART_OR_RESTATED
from .records import Check, Incident, IncidentList, Line, Metric, TableCell
from .values.dates import DateError, FiscalYear, find_dates, parse_date
from .values.numbers import parse_quantity


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def _check(name: str, ok: bool, table_no: int | None, location: str, expected, actual,
           message: str) -> Check:
    return Check(
        check=name,
        status="ok" if ok else "failed",
        table_no=table_no,
        location=location,
        expected=expected if isinstance(expected, str) else _number_text(expected),
        actual=actual if isinstance(actual, str) else _number_text(actual),
        message=message,
    )


def _totalled_rows(rows: list[list[TableCell]], index: int) -> list[list[TableCell]]:
    """The data rows that the total row ``rows[index]`` sums: the rows of its group where it is
    printed at their head (``町長`` over its 課); every other data row for a grand total (``合計``,
    or an unlabelled total); the rows since the previous total for ``計``, and for a grand total
    printed once per block (``合計`` under each year's rows)."""
    label = rows[index][0].row_label
    grouped = [row for row in rows if label and row[0].row_group == label]
    if grouped:  # 町長 printed with its sums over its own rows
        return grouped
    per_block = sum(row[0].is_total and row[0].row_label == label for row in rows) > 1
    if (label in GRAND_TOTALS or not label) and not per_block:
        return [row for row in rows if not row[0].is_total]
    start = max((i + 1 for i in range(index) if rows[i][0].is_total), default=0)
    return rows[start:index]


def folded_characters(count: int) -> Check:
    return _check("folded_characters", True, None, "document", "", count,
                  f"{count} compatibility ideograph(s) or radical(s) folded to the ordinary "
                  "ideograph")


def damaged(notes: tuple[str, ...], summary: str) -> list[Check]:
    if not notes:
        return []
    return [_check("damaged", False, None, "document", "no repair or warning",
                   f"{len(notes) - 1} warning(s)", f"damaged PDF: {summary}")]


def fiscal_year_readable(problem: str | None) -> list[Check]:
    if problem is None:
        return []
    return [_check("fiscal_year_readable", False, None, "document", "a fiscal year",
                   problem, f"the report's fiscal year cannot be read: {problem}")]


def check_totals(cells: list[TableCell]) -> list[Check]:
    checks = []
    for table_no, table in groupby(cells, key=lambda cell: cell.table_no):
        rows = [list(row) for _, row in groupby(table, key=lambda cell: cell.row_no)]
        for index, row in enumerate(rows):
            if not row[0].is_total:
                continue
            totalled = [{(c.column_no, c.column): c.value_num for c in r}
                        for r in _totalled_rows(rows, index)
                        if not PART_OR_RESTATED.match(r[0].row_label)]
            if not totalled:
                # a subtotal printed before its parts (知事(計), then its departments): where the
                # parts end is not printed; the grand total below still checks every part
                continue
            for total in row:
                if total.value_num is None or total.column.endswith("率"):
                    continue  # a rate (公開率) of the total row is no sum of the rates above
                key = (total.column_no, total.column)
                parts = [value for r in totalled if (value := r.get(key)) is not None]
                summed = sum(parts)
                label = total.row_label or "unlabelled total"
                checks.append(_check(
                    "total", summed == total.value_num, table_no,
                    f"表{table_no} {label} / {total.column}",
                    total.value_num, summed,
                    f"{label} {total.column} is {_number_text(total.value_num)}; "
                    f"the {_rows(len(parts))} it totals sum to {_number_text(summed)}",
                ))
    return checks


def _counts_the_same(metric: Metric, cell: TableCell) -> bool:
    """The figure and the total count the same thing in the same year (a total over several
    years, ``計`` under ``58~15``, has none, and meets no figure)."""
    counted = cell.column.removesuffix("数")
    return (cell.unit == metric.unit and cell.fiscal_year == metric.fiscal_year
            and bool(counted)) and (
        counted in metric.metric or metric.metric in cell.column)


def check_prose(metrics: list[Metric], cells: list[TableCell],
                section_of_table: dict[int, int | None]) -> list[Check]:
    # Total cells indexed by (section, unit): each metric then meets only the totals of its
    # own section and unit, in table order, instead of every cell of the report.
    labels = GRAND_TOTALS | {"計"}
    totals: dict[tuple[int | None, str], list[TableCell]] = {}
    for cell in cells:
        if cell.is_total and cell.row_label in labels:
            totals.setdefault((section_of_table.get(cell.table_no), cell.unit), []).append(cell)
    checks = []
    for metric in metrics:
        for cell in totals.get((metric.section_no, metric.unit), ()):
            if _counts_the_same(metric, cell):
                checks.append(_check(
                    "prose_matches_table", metric.value == cell.value_num, cell.table_no,
                    f"section {metric.section_no} {metric.metric} / 表{cell.table_no} "
                    f"{cell.row_label} {cell.column}",
                    metric.value, cell.value_num if cell.value_num is not None else cell.value,
                    f"prose states {metric.metric} {_number_text(metric.value)}{metric.unit}; "
                    f"表{cell.table_no} {cell.row_label} {cell.column} is {cell.value}",
                ))
    return checks


def check_prose_by_name(metrics: list[Metric], cells: list[TableCell]) -> list[Check]:
    """A figure stated in prose and the one table cell of the same year whose row or column
    bears its name (``全部開示が120件`` and 表2's 令和5年度 / 全部開示): they must agree. Totals
    labelled 合計 / 計 are ``check_prose``'s; a name that several cells bear is not checked."""
    by_name: dict[tuple[str, int | None], list[TableCell]] = {}
    for cell in cells:
        if cell.value_num is None or (cell.is_total and cell.row_label in GRAND_TOTALS | {"計"}):
            continue
        for name in {cell.column, cell.row_label} - {""}:
            by_name.setdefault((name, cell.fiscal_year), []).append(cell)
    checks = []
    for metric in metrics:
        found = [cell for cell in by_name.get((metric.metric, metric.fiscal_year), ())
                 if metric.kind == "count" and cell.unit in ("", metric.unit)]
        if len(found) != 1:
            continue
        cell = found[0]
        where = " / ".join(part for part in (cell.row_label, cell.column) if part)
        checks.append(_check(
            "prose_matches_table", metric.value == cell.value_num, cell.table_no,
            f"{metric.section_title or 'prose'} {metric.metric} / 表{cell.table_no} {where}",
            metric.value, cell.value_num if cell.value_num is not None else cell.value,
            f"prose states {metric.metric} {_number_text(metric.value)}{metric.unit}; "
            f"表{cell.table_no} {where} is {cell.value}"))
    return checks


def _runs(incidents: list[Incident]) -> Iterable[list[Incident]]:
    """Incident groups: each run of rows under one category heading."""
    group: list[Incident] = []
    for incident in incidents:
        if group and (incident.category, incident.category_declared) != (
                group[0].category, group[0].category_declared):
            yield group
            group = []
        group.append(incident)
    if group:
        yield group


def check_incidents(listing: IncidentList) -> list[Check]:
    """The checks of one incident list: rows left unread, declared counts, numbering, dates."""
    table_no = listing.table_no
    checks = [_check("incident_row", False, table_no, f"表{table_no} line {row.line}",
                     "a readable incident row", "", f"line {row.line}: {row.problem}")
              for row in listing.unread]
    incidents = list(listing.incidents)
    for group in _runs(incidents):
        declared = group[0].category_declared
        if declared is None:
            continue
        span = _span(group)
        checks.append(_check(
            "declared_count", declared == len(group), table_no,
            f"表{table_no} {group[0].category} ({span})", declared, len(group),
            f"{group[0].category} declares {declared}; the list has {_rows(len(group))} under it ({span})",
        ))
    numbers = [incident.no for incident in incidents if incident.no is not None]
    if numbers:
        checks.append(_numbering_check(numbers, table_no))
    return checks + _date_checks(incidents, table_no, listing.fiscal_year)


def _span(group: list[Incident]) -> str:
    first, last = group[0].no, group[-1].no
    if first is None or last is None:
        lines = (group[0].source_line, group[-1].source_line)
        return f"line {lines[0]}" if len(group) == 1 else f"lines {lines[0]}-{lines[1]}"
    return f"No {first}" if first == last else f"No {first}-{last}"


def _numbering_problems(numbers: list[int]) -> list[str]:
    """What keeps ``numbers`` from running 1..N: gaps, repeats, numbers out of order."""
    times = Counter(numbers)
    missing = [n for n in range(1, max(numbers) + 1) if n not in times]
    repeated = sorted(n for n, count in times.items() if count > 1)
    backwards = [f"{after} after {before}" for before, after in zip(numbers, numbers[1:])
                 if after < before]
    return ([f"missing {', '.join(map(str, missing))}"] if missing else []) + (
        [f"repeated {', '.join(map(str, repeated))}"] if repeated else []) + (
        [f"out of order: {'; '.join(backwards)}"] if backwards else [])


def _numbering_check(numbers: list[int], table_no: int) -> Check:
    expected = f"1..{len(numbers)}"
    ok = numbers == list(range(1, len(numbers) + 1))
    return _check(
        "incident_numbering", ok, table_no, f"表{table_no}", expected,
        expected if ok else ",".join(map(str, numbers)),
        "incident numbers run 1..N" if ok else
        "incident numbers do not run 1..N: " + "; ".join(_numbering_problems(numbers)),
    )


def _date_checks(incidents: list[Incident], table_no: int | None,
                 fiscal_year: FiscalYear | None) -> list[Check]:
    """Each incident's date: readable, and inside the list's fiscal year (whose months are
    written once for the list: strftime was most of a date check)."""
    months = _months(fiscal_year) if fiscal_year else None
    return [_incident_date_check(incident, table_no, fiscal_year, months)
            for incident in incidents]


def _incident_date_check(incident: Incident, table_no: int | None,
                         fiscal_year: FiscalYear | None, months: tuple[str, str] | None) -> Check:
    numbered = incident.no is not None
    where = f"No {incident.no}" if numbered else f"line {incident.source_line}"
    location = f"表{table_no} {where}"
    name = f"incident {incident.no}" if numbered else f"the incident at {where}"
    if incident.occurred is None:
        label = incident.occurred_label
        reason = (_unreadable(label, fiscal_year) if label else None) or "no date printed"
        return _check("date_readable", False, table_no, location, "a date",
                      incident.occurred_label, f"{name}: {reason}")
    if fiscal_year is None or months is None:
        return _check("date_in_fiscal_year", False, table_no, location, "a fiscal year",
                      incident.occurred, "the report states no fiscal year")
    first, last = months
    inside = first <= incident.occurred[:7] <= last
    return _check(
        "date_in_fiscal_year", inside, table_no, location, f"{first}..{last}", incident.occurred,
        f"{name} occurred {incident.occurred} "
        f"({'inside' if inside else 'outside'} {fiscal_year.label})",
    )


def _months(fiscal_year: FiscalYear) -> tuple[str, str]:
    """The first and last month of ``fiscal_year``, ``YYYY-MM``."""
    return f"{fiscal_year.first_day:%Y-%m}", f"{fiscal_year.last_day:%Y-%m}"


def _unreadable(text: str, fiscal_year: FiscalYear | None) -> str | None:
    try:
        parse_date(text, fiscal_year)
    except DateError as error:
        return str(error)
    return None


_RUN_TOGETHER = re.compile(r"^(?P<label>\D.*?)(?P<digits>\d[\d,]{3,})$")
_YEAR_IN_LABEL = re.compile(r"\d+年度?")


_COUNT_ALONE = re.compile(r"^[^\d、。]{0,15}\d[\d,]*(?:件|人|名)$")
_NEAR = 3  # lines: a blank line or a label line may sit between the rows of one table


def _cells_run_together(line: Line) -> bool:
    """``土木部133190030155``: a row label with its values run into one digit string (not a
    contact line, ``総合窓口Tel.内線2214``); ``304483183823184``: a row of values alone."""
    if len(line.cells) != 1:
        return False
    if line.text.isdigit():
        return len(line.text) >= 8 and not line.text.startswith("0")  # not a phone number
    if COUNTED_CELLS_ROW.match(line.text):
        return True
    run = _RUN_TOGETHER.match(line.text)
    return run is not None and not re.search(r"[\d。、:\s\-.A-Za-z]", _YEAR_IN_LABEL.sub("", run["label"]))


def _run_together_rows(lines: list[Line]) -> list[Line]:
    """Lines that are rows run together: each alone, or with a row-like line right next to it
    (``訴訟関係1`` / ``広報関係1``: a two-column table whose cells ran together), or a lone count
    among rows of counted cells run together (``誤送付3件2件5件`` / ``誤交付2件`` / ``2件``)."""
    row_like = {line.line for line in lines
                if len(line.cells) == 1 and LABEL_DIGITS_ROW.match(line.text)}
    counted_rows = [line.line for line in lines if COUNTED_CELLS_ROW.match(line.text)]
    return [line for line in lines if _cells_run_together(line) or (
        line.line in row_like and (line.line - 1 in row_like or line.line + 1 in row_like)) or (
        _COUNT_ALONE.match(line.text) and any(abs(line.line - row) <= _NEAR for row in counted_rows))]


def run_together_lines(lines: Iterable[Line]) -> set[int]:
    """The line numbers of rows whose cells ran together: no key figures are read from them."""
    return {line.line for line in _run_together_rows(list(lines))}


def check_loose_rows(lines: Iterable[Line]) -> list[Check]:
    """A row of values that belongs to no table the structure stage could find: its numbers
    would otherwise be lost without a word."""
    lines = list(lines)
    run_together = {line.line for line in _run_together_rows(lines)}
    checks = []
    for line in lines:
        if line.line in run_together:
            checks.append(_check(
                "cells_separated", False, None, f"line {line.line}", "cells apart",
                line.text, f"line {line.line}: a table row whose cells ran together in copying "
                f"({line.text[:60]}); its values cannot be told apart and are not written"))
        elif len(line.cells) > 1 and any(parse_quantity(cell) for cell in line.cells[1:]):
            checks.append(_check(
                "row_in_table", False, None, f"line {line.line}", "a table around the row",
                " | ".join(line.cells),
                f"line {line.line}: a row of values outside any table: {line.text[:60]}"))
    return checks


def figures_found(title: Line) -> Check:
    """A page titled as a report whose text holds no table, key figure or incident list: its
    figures are images, or the text ends before them. Its identity is still worth writing."""
    return _check("figures_found", False, None, f"line {title.line}", "tables or key figures",
                  title.text, f"line {title.line}: {title.text[:40]!r} titles a report, but no "
                  "table, key figure or incident list was found in its text")


def check_captions_read(captions: Iterable[Line]) -> list[Check]:
    """A caption (``表1 開示請求者数``) with no table read under it: the table is an image, or
    its cells were not kept apart, and its values are missing."""
    return [_check("table_read", False, None, f"line {line.line}", "a table under the caption",
                   line.text, f"line {line.line}: {line.text[:40]!r} captions a table, but no "
                   "rows of one could be read under it; its values are not written")
            for line in captions]


def check_table_dates(cells: list[TableCell], fiscal_year: FiscalYear | None) -> list[Check]:
    """Table values holding a date that cannot be read (an impossible date)."""
    checks = []
    for cell in cells:
        if cell.value_date is not None or "年" not in cell.value:
            continue
        try:
            find_dates(cell.value, fiscal_year)
        except DateError as error:
            checks.append(_check(
                "date_readable", False, cell.table_no,
                f"表{cell.table_no} {cell.row_label} / {cell.column}", "a date",
                cell.value, str(error)))
    return checks
