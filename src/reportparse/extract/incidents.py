"""The incident list (表6, 個人情報に係る事務処理ミス) into ``Incident`` records.

A row is ``No / 種別 / 内容 / 原因 / 所管``. 種別 is printed once per group with its declared
count (``誤送付 (6)``) and is empty below it; an empty cell may be missing altogether when
the text was copied with spaces, so fields are told apart by what they hold, not only by
position. 内容 opens with an era-less date (``【4年1月】``), may name who handled the matter
(``(委託事業者)``, ``(委託事業者(区内病院))``) and ends with what was affected
(``(2名分)``, ``(発信履歴28件)``). 原因 ``同上`` repeats the cause above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Incident, Line, ReportError
from ..values.dates import DateError, FiscalYear, parse_date
from ..values.normalize import compact_label
from .structure import Grid

ACTORS = ("委託事業者", "指定管理者", "受託事業者")
# Words that name no office of their own: ``区民事務所 担当課`` is one department whose name
# was spread over the cell, not the two departments 区民事務所 and 担当課.
_NOT_A_DEPARTMENT = ("担当課", "担当係", "担当")
SAME_AS_ABOVE = "同上"

_CATEGORY = re.compile(r"^(?P<name>[^【()]+?) ?\((?P<count>\d+)\)$")
_DATE_MARKER = re.compile(r"^【(?P<label>[^】]*)】 ?")
_ACTOR = re.compile(r"^\((?P<actor>" + "|".join(ACTORS) + r")(?:\((?P<detail>[^()]+)\))?\) ?")
_AFFECTED = re.compile(
    r"\((?P<label>[^()]*?(?P<count>\d[\d,]*) ?(?P<unit>名|件|人)分?)\)[。.]?$"
)


def is_incident_grid(grid: Grid) -> bool:
    """The incident list is the table whose header names 種別 and 内容."""
    header = {compact_label(cell) for cell in grid.header}
    return {"種別", "内容"} <= header


@dataclass(frozen=True)
class _RowFields:
    no: str
    category: str
    content: str
    cause: str
    departments: str


def _row_fields(row: Line) -> _RowFields:
    cells = list(row.cells)
    if len(cells) == 4 and not _CATEGORY.match(cells[1]):
        cells.insert(1, "")
    if len(cells) != 5 or not cells[0].isdigit():
        raise ReportError(
            "malformed_table",
            f"line {row.line}: an incident row needs No, 種別, 内容, 原因 and 所管; "
            f"found {len(row.cells)} cells: {' | '.join(row.cells)[:80]}",
        )
    return _RowFields(*cells)


def departments(cell: str) -> str:
    """Department names joined with ``;``; a space separates two departments."""
    names: list[str] = []
    for part in cell.split():
        if names and part in _NOT_A_DEPARTMENT:
            names[-1] += part
        else:
            names.append(part)
    return ";".join(names)


def _category(cell: str) -> tuple[str, int | None]:
    """``誤送付 (6)`` -> (``誤送付``, 6); a heading printed without a count -> (name, None)."""
    heading = _CATEGORY.match(cell)
    if heading:
        return compact_label(heading["name"]), int(heading["count"])
    return compact_label(cell), None


def _occurred(content: str, fiscal_year: FiscalYear | None) -> tuple[str | None, str]:
    marker = _DATE_MARKER.match(content)
    if not marker:
        return None, ""
    label = marker["label"].strip()
    try:
        return parse_date(label, fiscal_year).iso, label
    except DateError:
        return None, label


def incidents(grid: Grid, fiscal_year: FiscalYear | None) -> list[Incident]:
    """Every row of the incident list, with the group and 同上 carried down."""
    records: list[Incident] = []
    category, declared, cause = "", None, ""
    for row in grid.rows:
        fields = _row_fields(row)
        if fields.category:
            category, declared = _category(fields.category)
        if compact_label(fields.cause) != SAME_AS_ABOVE:
            cause = fields.cause
        occurred, occurred_label = _occurred(fields.content, fiscal_year)
        description = _DATE_MARKER.sub("", fields.content, count=1)
        actor = _ACTOR.match(description)
        affected = _AFFECTED.search(description)
        records.append(
            Incident(
                no=int(fields.no),
                category=category,
                category_declared=declared,
                occurred=occurred,
                occurred_label=occurred_label,
                actor=actor["actor"] if actor else "",
                actor_detail=(actor["detail"] or "") if actor else "",
                description=description,
                affected_count=int(affected["count"].replace(",", "")) if affected else None,
                affected_unit=affected["unit"] if affected else "",
                affected_label=affected["label"].replace(" ", "") if affected else "",
                cause=cause,
                cause_as_printed=fields.cause,
                departments=departments(fields.departments),
                source_page=row.page,
                source_line=row.line,
            )
        )
    return records
