"""What the validator checks. Printed values are never changed: a failure is reported.

* ``total``: each total row equals the sum of the rows it totals, column by column. A grand
  total (``合計``, ``総計``) totals every other data row of its table; ``計`` / ``小計`` total
  the rows since the previous total.
* ``prose_matches_table``: a figure stated in prose equals the total of a table in the same
  section whose column names what the figure counts (metric ``…請求件数`` and column ``件数``,
  metric ``請求者`` and column ``請求者数``) in the same unit.
* ``declared_count``: each incident group's declared count (``誤送付 (6)``) equals its rows.
* ``incident_numbering``: incident numbers run 1..N.
* ``date_in_fiscal_year``: every incident date lies inside the report's fiscal year.
* ``folded_characters`` (always ok, for the record): how many CJK compatibility ideographs
  and radicals normalisation folded into ordinary ideographs.
* ``date_readable``: a table value or incident date that looks like a date but cannot be
  read (an impossible date such as 平成32年2月30日) is reported with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from .values.dates import DateError, FiscalYear, find_dates, parse_date
from .records import Check, Incident, Metric, TableCell

GRAND_TOTALS = frozenset({"合計", "総計"})


def _number_text(value: int | float) -> str:
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
    """The data rows that the total row ``rows[index]`` sums."""
    if rows[index][0].row_label in GRAND_TOTALS:
        return [row for row in rows if not row[0].is_total]
    start = max((i + 1 for i in range(index) if rows[i][0].is_total), default=0)
    return rows[start:index]


def folded_characters(count: int) -> Check:
    return _check("folded_characters", True, None, "document", "", count,
                  f"{count} compatibility ideograph(s) or radical(s) folded to the ordinary "
                  "ideograph")


def check_totals(cells: list[TableCell]) -> list[Check]:
    checks = []
    for table_no, table in groupby(cells, key=lambda cell: cell.table_no):
        rows = [list(row) for _, row in groupby(table, key=lambda cell: cell.row_no)]
        for index, row in enumerate(rows):
            if not row[0].is_total:
                continue
            for position, total in enumerate(row):
                if total.value_num is None:
                    continue
                parts = [r[position].value_num for r in _totalled_rows(rows, index)
                         if position < len(r) and r[position].value_num is not None]
                summed = sum(parts)
                checks.append(_check(
                    "total", summed == total.value_num, table_no,
                    f"表{table_no} {total.row_label} / {total.column}",
                    total.value_num, summed,
                    f"{total.row_label} {total.column} is {_number_text(total.value_num)}; "
                    f"the {_rows(len(parts))} it totals sum to {_number_text(summed)}",
                ))
    return checks


def _counts_the_same(metric: Metric, cell: TableCell) -> bool:
    counted = cell.column.removesuffix("数")
    return cell.unit == metric.unit and bool(counted) and (
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


def check_incidents(incidents: list[Incident], table_no: int | None,
                    fiscal_year: FiscalYear | None) -> list[Check]:
    checks = []
    for group in _runs(incidents):
        declared = group[0].category_declared
        if declared is None:
            continue
        first, last = group[0].no, group[-1].no
        span = f"No {first}" if first == last else f"No {first}-{last}"
        checks.append(_check(
            "declared_count", declared == len(group), table_no,
            f"表{table_no} {group[0].category} ({span})", declared, len(group),
            f"{group[0].category} declares {declared}; the list has {_rows(len(group))} under it ({span})",
        ))
    numbers = [incident.no for incident in incidents]
    if numbers:
        expected = f"1..{len(numbers)}"
        ok = numbers == list(range(1, len(numbers) + 1))
        checks.append(_check(
            "incident_numbering", ok, table_no, f"表{table_no}", expected,
            expected if ok else ",".join(map(str, numbers)),
            "incident numbers run 1..N" if ok else "incident numbers do not run 1..N",
        ))
    for incident in incidents:
        checks.append(_incident_date_check(incident, table_no, fiscal_year))
    return checks


def _incident_date_check(incident: Incident, table_no: int | None,
                         fiscal_year: FiscalYear | None) -> Check:
    location = f"表{table_no} No {incident.no}"
    if incident.occurred is None:
        reason = _unreadable(incident.occurred_label, fiscal_year) or "no date printed"
        return _check("date_readable", False, table_no, location, "a date",
                      incident.occurred_label, f"incident {incident.no}: {reason}")
    if fiscal_year is None:
        return _check("date_in_fiscal_year", False, table_no, location, "a fiscal year",
                      incident.occurred, "the report states no fiscal year")
    first, last = f"{fiscal_year.first_day:%Y-%m}", f"{fiscal_year.last_day:%Y-%m}"
    inside = first <= incident.occurred[:7] <= last
    return _check(
        "date_in_fiscal_year", inside, table_no, location, f"{first}..{last}", incident.occurred,
        f"incident {incident.no} occurred {incident.occurred} "
        f"({'inside' if inside else 'outside'} {fiscal_year.label})",
    )


def _unreadable(text: str, fiscal_year: FiscalYear | None) -> str | None:
    try:
        parse_date(text, fiscal_year)
    except DateError as error:
        return str(error)
    return None


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
