"""What each printed cell became: the marks that ``inspect`` draws over the source.

Every record carries ``source_page`` / ``source_line``; the cell of that line it came from is
found by its value, so a mark sits on the cell a reader would point at:

* a table cell: the first unused cell of its row equal to its value (the row label aside);
* a key figure: the prose line it was read from (one cell);
* an incident: each field whose printed text stands in a cell (``no`` equal to the first
  cell, ``occurred_label`` and ``affected_label`` inside 内容, ``cause_as_printed`` inside
  原因 …); a number or a short text must equal or open the cell, since ``8`` or ``誤送信``
  inside a longer text proves nothing. Fields worked out rather than printed
  (``occurred``, a resolved ``cause``) stand in no cell and get no mark of their own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, fields

from ..records import Incident, Line, Report

KINDS = ("table", "metric", "incident")
_POSITION = ("source_page", "source_line")


@dataclass(frozen=True)
class Mark:
    page: int
    line: int
    cell: int  # index into the line's cells
    kind: str  # one of KINDS
    label: str  # what the cell became, for a person


def marks(report: Report, lines: tuple[Line, ...]) -> list[Mark]:
    """Every mark of ``report`` over the ``lines`` it was read from."""
    by_position = {(line.page, line.line): line for line in lines}
    used: dict[tuple[int, int], set[int]] = defaultdict(set)
    found: list[Mark] = []
    for cell in report.table_records:
        line = by_position.get((cell.source_page, cell.source_line))
        if line:
            index = _equal_cell(line, cell.value, used[(line.page, line.line)])
            row = " / ".join(part for part in (cell.row_group, cell.row_label or str(cell.row_no),
                                               cell.column) if part)
            found.append(Mark(line.page, line.line, index, "table", f"表{cell.table_no} {row}"))
    for metric in report.metric_records:
        line = by_position.get((metric.source_page, metric.source_line))
        if line:
            index = next((i for i, text in enumerate(line.cells) if str(metric.value) in
                          text.replace(",", "")), 0)
            found.append(Mark(line.page, line.line, index, "metric",
                              f"{metric.metric} = {metric.value:,}{metric.unit}"))
    for incident in report.incident_records:
        line = by_position.get((incident.source_page, incident.source_line))
        if line:
            found += _incident_marks(incident, line)
    return found


def _equal_cell(line: Line, value: str, used: set[int]) -> int:
    """The first unused cell after the row label equal to ``value`` (else any unused one)."""
    order = [*range(1, len(line.cells)), 0]
    index = next((i for i in order if i not in used and line.cells[i] == value),
                 next((i for i in order if i not in used), 0))
    used.add(index)
    return index


def _incident_marks(incident: Incident, line: Line) -> list[Mark]:
    by_cell: dict[int, list[str]] = defaultdict(list)
    for field in fields(Incident):
        value = getattr(incident, field.name)
        if field.name in _POSITION or value in (None, ""):
            continue
        parts = str(value).split(";") if field.name == "departments" else [str(value)]
        number = isinstance(value, int)
        index = _cell_holding(line, parts[0], whole=number)
        if index is not None and not (number and by_cell[index]):  # `6` is the No cell's
            by_cell[index].append(field.name)
    return [Mark(line.page, line.line, index, "incident",
                 f"No{incident.no}: {', '.join(names)}")
            for index, names in sorted(by_cell.items()) if names]


_SHORTEST_INSIDE = 4  # a shorter text (誤送信, a number) found inside a cell proves little


def _cell_holding(line: Line, text: str, whole: bool) -> int | None:
    """The cell equal to ``text``, else opening with it, else (unless ``whole``) holding it."""
    tests: list[Callable[[str, str], bool]] = [str.__eq__] if whole else [
        str.__eq__, str.startswith]
    if not whole and len(text) >= _SHORTEST_INSIDE:
        tests.append(str.__contains__)
    for test in tests:
        index = next((i for i, cell in enumerate(line.cells) if test(cell, text)), None)
        if index is not None:
            return index
    return None
