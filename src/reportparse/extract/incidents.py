"""Incident lists (個人情報に係る事務処理ミス, 漏えい等事案, 事故の発生状況) into ``Incident`` records.

Municipalities print these lists in many shapes, so nothing here depends on one layout:

* **Columns by meaning.** Each header cell is matched against ``COLUMN_WORDS`` (category,
  description, date, cause, measures, departments, counts, No), so columns may come in any
  order and any of them may be missing (left empty, never guessed). A table is an incident
  list when it has a description column and a date, cause or measures column, or a
  category or department column beside descriptions that say when (``【4年1月】``).
* **Rows.** A row whose No cell holds a number starts an incident (in a list without a No
  column: a row with text in two or more columns). A line with text in one column only
  continues the incident above it (a cell wrapped onto the next line); a one-cell line, whose
  column is unknown, continues the description. A row of its own naming a category
  (``誤送付(6件)``, ``【誤送付】``, or text in the category column alone) heads the incidents
  below it. Whatever fits none of these is an ``UnreadRow`` naming its line and what is
  missing: it costs that row only.
* **Categories** are printed once per group (``誤送付 (6)`` over blank cells), as heading
  rows, or on every row; a count beside one is the group's declared count.
* **Dates** come from a date column (``発生日``: ``令和4年1月12日``, ``4年1月``, ``1月12日``),
  else from a marker in the description (``【4年1月】``, ``(令和4年1月12日)``), else from a
  date opening it (``令和4年1月12日、…``). Era-less dates are read in the list's fiscal year:
  the one its title names, else the report's.
* ``同上`` in the cause or the measures repeats the row above; the cause keeps its printed
  form in ``cause_as_printed``.
* **Affected** people or items come from a counts column (``件数``, ``人数``), else from the
  description's closing parenthesis (``(2名分)``, ``(発信履歴28件)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..records import Incident, IncidentList, Line, UnreadRow, record
from ..values.dates import (
    DateError,
    FiscalYear,
    JapaneseDate,
    find_dates,
    find_fiscal_year,
    parse_date,
)
from ..values.normalize import compact_label
from .structure import Grid

# What a column holds, by the words of its header (compared without spaces, brackets or
# units). A header means what it equals, else what the longest word it ends with means
# (漏えい等の内容, 所管課名, 原因及び再発防止策). Where two columns share a meaning, the
# one named by the earlier word comes first (発生日 before 判明日).
COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "no": ("no", "no.", "番号", "項番", "通番", "#"),
    "category": ("種別", "区分", "事故の種類", "事案の種類", "分類", "種類", "類型"),
    "description": ("内容", "概要", "事案の概要", "事故の内容", "事案の内容", "事故概要",
                    "事案概要", "事故の概要", "要旨", "概要と経緯"),
    "occurred": ("発生日", "発生年月日", "発生日時", "発生時期", "発生年月", "発生月",
                 "判明日", "判明年月日", "判明日時", "判明時期", "発覚日", "発覚日時", "発覚時期",
                 "年月日", "日付", "日時"),
    "cause": ("原因", "発生原因", "事故原因"),
    "measures": ("再発防止策", "対応", "今後の対策", "改善策", "対応策", "対策", "対応内容",
                 "対応状況", "再発防止", "措置", "取組"),
    "departments": ("所管", "所管課", "担当課", "担当部署", "部署名", "部署", "所属", "課名",
                    "部課", "担当"),
    "counts": ("件数", "人数", "影響件数", "対象者数", "対象件数", "影響人数"),
}
# Beside a description, any of these makes a list of incidents (not a register of work)
WHAT_MAKES_AN_INCIDENT = ("occurred", "cause", "measures")
# Headers that end like a description but name the decision on a request (tables of
# 開示請求 print 区分 / 決定内容 / 件数): they make no incident list.
NOT_DESCRIPTIONS = ("決定内容", "請求内容", "処理内容", "開示内容", "決定の内容", "請求の内容")
# The unit of a counts column whose header prints none in brackets.
COUNT_UNITS = (("件", "件"), ("人", "人"), ("者", "人"), ("名", "名"))

ACTORS = ("委託事業者", "指定管理者", "受託事業者")
# Words that name no office of their own: ``区民事務所 担当課`` is one department whose name
# was spread over the cell, not the two departments 区民事務所 and 担当課.
_NOT_A_DEPARTMENT = ("担当課", "担当係", "担当")
SAME_AS_ABOVE = "同上"

# A category as printed: in its column (``誤送付 (6)``, ``誤送付``) or as a heading row of
# its own. The name is short text without sentence punctuation and does not open with a
# particle (so the tail of a wrapped sentence, ``を紛失(1件)``, is no heading); the count,
# when printed, is the group's declared count. Only these styles make a one-cell line a
# heading: a bare word could be any wrapped text.
_BULLETS = "■□◆◇●○▼▽・"
_NAME = rf"(?P<name>(?![をにがはでとへもやの{_BULLETS}])[^\d()【】\[\]<>、。,.:;]{{1,20}}?)"
_COUNT = r"(?P<count>\d+) ?件?"
CATEGORY_STYLES = tuple(re.compile(pattern) for pattern in (
    rf"{_NAME} ?\({_COUNT}\)",                  # 誤送付 (6), 誤送付(6件)
    rf"{_NAME} ?(?P<count>\d+)件",              # 誤送付 6件
    rf"【{_NAME}】(?: ?\(?{_COUNT}\)?)?",        # 【誤送付】, 【誤送付】(6件)
    rf"<{_NAME}>(?: ?\(?{_COUNT}\)?)?",         # <誤送付>
    rf"[{_BULLETS}] ?{_NAME}(?: ?\(?{_COUNT}\)?)?",  # ■誤送付, ◆誤送付(6件)
))
_BARE_NAME = re.compile(_NAME)

_NUMBER = re.compile(r"(?:no\.? ?)?\(?(?P<no>\d{1,4})\)?\.?", re.IGNORECASE)
# A date marker in a description: 【…】 anywhere, other brackets at its start or end.
_DATE_MARKERS = (
    re.compile(r"【(?P<label>[^】]*)】 ?"),
    re.compile(r"^[(\[〔](?P<label>[^)\]〕]*)[)\]〕] ?"),
    re.compile(r" ?[(\[〔](?P<label>[^)\]〕]*)[)\]〕]$"),
)
_OPENING_DATE = re.compile(r"^(?P<label>[^、,。 ]{3,20})[、, ]")
_WRITTEN_MONTH = re.compile(r"\d{1,4} ?年 ?\d{1,2} ?月|(?<![A-Za-z])[RHS]\d{1,2}\.\d{1,2}")
_MONTH_DAY = re.compile(r"(?P<month>\d{1,2}) ?月(?: ?(?P<day>\d{1,2}) ?日)?")
_ACTOR = re.compile(r"^\((?P<actor>" + "|".join(ACTORS) + r")(?:\((?P<detail>[^()]+)\))?\) ?")
_AFFECTED = re.compile(
    r"\((?P<label>[^()]*?(?P<count>\d[\d,]*) ?(?P<unit>名|件|人)分?)\)[。.]?$"
)
_COUNT_CELL = re.compile(r"(?P<count>\d[\d,]*) ?(?P<unit>名|件|人)?分?")
_HEADER_NOISE = re.compile(r"\([^()]*\)|[ :・]")
_BRACKETED_UNIT = re.compile(r"\((?P<unit>[件人名])\)")
_LATIN = re.compile(r"[0-9A-Za-z]")


# --- columns ---------------------------------------------------------------------------


def _header_key(cell: str) -> str:
    """``発生(判明)日`` -> ``発生日``, ``原因等`` -> ``原因``, ``No.`` -> ``no.``."""
    return _HEADER_NOISE.sub("", compact_label(cell)).removesuffix("等").casefold()


@lru_cache(maxsize=1024)  # a pure function; every report of a batch repeats its headers
def header_meaning(cell: str) -> tuple[int, str] | None:
    """(rank, meaning) of a header cell: exact words first, then the longest it ends with."""
    key = _header_key(cell)
    if not key or key.endswith(NOT_DESCRIPTIONS):
        return None
    found = []
    for meaning, words in COLUMN_WORDS.items():
        for rank, word in enumerate(words):
            if key == word:
                return rank, meaning
            if key.endswith(word):
                found.append((-len(word), rank, meaning))
    return min(found)[1:] if found else None


def _count_unit(header: str) -> str:
    bracketed = _BRACKETED_UNIT.search(header)
    if bracketed:
        return bracketed["unit"]
    return next((unit for word, unit in COUNT_UNITS if word in header), "")


@record
class Columns:
    """Where each meaning sits in a list: header positions, best-ranked first."""

    width: int
    positions: dict[str, tuple[int, ...]]
    count_units: dict[int, str]

    def first(self, meaning: str) -> int | None:
        return self.positions.get(meaning, (None,))[0]


def _numbered(grid: Grid, position: int) -> bool:
    """Whether a column with a blank header holds the row numbers (a blank corner cell).

    One-cell lines (headings, wrapped text) sit in no column and are left out.
    """
    values = [row.cells[position] for row in grid.rows
              if position < len(row.cells) > 1 and row.cells[position]]
    return bool(values) and all(_number(value) is not None for value in values)


def columns(grid: Grid) -> Columns:
    ranked: dict[str, list[tuple[int, int]]] = {}
    for position, cell in enumerate(grid.header):
        found = header_meaning(cell)
        if found is None and not cell.strip() and _numbered(grid, position):
            found = (0, "no")
        if found:
            ranked.setdefault(found[1], []).append((found[0], position))
    return Columns(
        width=len(grid.header),
        positions={meaning: tuple(p for _, p in sorted(places))
                   for meaning, places in ranked.items()},
        count_units={p: _count_unit(grid.header[p]) for p in
                     (p for _, p in ranked.get("counts", []))},
    )


def _dated(grid: Grid, position: int) -> bool:
    """Whether most descriptions in a column say when (``【4年1月】``, ``令和4年1月12日``)."""
    cells = [row.cells[position] for row in grid.rows if position < len(row.cells) > 1]
    dated = sum(bool(_WRITTEN_MONTH.search(cell)) for cell in cells)
    return bool(cells) and dated * 2 >= len(cells)


def is_incident_grid(grid: Grid) -> bool:
    """An incident list: a description column, and a date, cause or measures column, or a
    category or department column beside descriptions that say when they happened.

    A category or department alone is not enough: tables of requests (区分 / 相談内容 /
    件数) and registers of work (事務の名称 / 内容 / 所管課) have them too.
    """
    found = columns(grid).positions
    if "description" not in found:
        return False
    return any(meaning in found for meaning in WHAT_MAKES_AN_INCIDENT) or (
        any(meaning in found for meaning in ("category", "departments"))
        and _dated(grid, found["description"][0]))


# --- cells -----------------------------------------------------------------------------


def _number(cell: str) -> int | None:
    text = cell.strip()
    if text.isdecimal():  # the usual No cell, read without the pattern: as it would read it
        return int(text) if len(text) <= 4 else None
    match = _NUMBER.fullmatch(text)
    return int(match["no"]) if match else None


def _category_style(cell: str) -> re.Match[str] | None:
    text = cell.strip()
    return next((m for style in CATEGORY_STYLES if (m := style.fullmatch(text))), None)


def category(cell: str) -> tuple[str, int | None]:
    """``誤送付 (6)`` -> (``誤送付``, 6); a name printed without a count -> (name, None)."""
    styled = _category_style(cell)
    if styled:
        return compact_label(styled["name"]), int(styled["count"]) if styled["count"] else None
    return compact_label(cell), None


def _looks_like_category(cell: str) -> bool:
    return bool(_category_style(cell) or _BARE_NAME.fullmatch(cell.strip()))


def departments(cell: str) -> str:
    """Department names joined with ``;``; a space or ``、`` separates two departments."""
    names: list[str] = []
    for part in cell.replace("、", " ").split():
        if names and part in _NOT_A_DEPARTMENT:
            names[-1] += part
        else:
            names.append(part)
    return ";".join(names)


def _continued(text: str, more: str) -> str:
    """A cell and its wrapped continuation; a space only between two Latin words."""
    if text and more and _LATIN.match(text[-1]) and _LATIN.match(more[0]):
        return f"{text} {more}"
    return text + more


# --- dates -----------------------------------------------------------------------------


def _month_day(text: str, fiscal_year: FiscalYear | None) -> JapaneseDate | None:
    """``1月12日`` with no year: each month occurs once in a fiscal year."""
    match = _MONTH_DAY.fullmatch(text)
    if not match or fiscal_year is None or not 1 <= int(match["month"]) <= 12:
        return None
    month = int(match["month"])
    year = fiscal_year.start_year + (month < 4)
    day = f"{match['day']}日" if match["day"] else ""
    return parse_date(f"{year}年{month}月{day}", fiscal_year)


def _whole_date(text: str, fiscal_year: FiscalYear | None) -> JapaneseDate | None:
    """The date that all of ``text`` is; None when it is none or impossible (validate
    reports why from the label)."""
    try:
        return parse_date(text, fiscal_year)
    except DateError:
        pass
    try:
        return _month_day(text.strip(), fiscal_year)
    except DateError:
        return None


def _readable_date(text: str, fiscal_year: FiscalYear | None) -> JapaneseDate | None:
    """The date ``text`` is, else the first it holds (``令和4年1月18日(火)``, ``…頃``)."""
    whole = _whole_date(text, fiscal_year)
    if whole:
        return whole
    try:
        found = find_dates(text, fiscal_year)
    except DateError:
        return None
    return found[0] if found else None


@record
class _When:
    occurred: str | None
    label: str
    description: str  # the description without its date marker


def _from_description(description: str, fiscal_year: FiscalYear | None) -> _When:
    """The date a description gives: its marker (taken out of the text), else a date that
    opens it (left in: it is part of the sentence)."""
    seed_marker = _DATE_MARKERS[0].match(description)
    if seed_marker:  # a leading 【…】 is the date marker even when its date is impossible
        found = _readable_date(seed_marker["label"], fiscal_year)
        return _When(found.iso if found else None, seed_marker["label"].strip(),
                     description[seed_marker.end():])
    for marker in _DATE_MARKERS:
        for match in marker.finditer(description):
            found = _whole_date(match["label"], fiscal_year)
            if found:
                rest = description[:match.start()] + description[match.end():]
                return _When(found.iso, match["label"].strip(), rest.strip())
    opening = _OPENING_DATE.match(description)
    found = _whole_date(opening["label"], fiscal_year) if opening else None
    if found and opening:
        return _When(found.iso, opening["label"], description)
    return _When(None, "", description)


# --- rows ------------------------------------------------------------------------------


@dataclass
class _Draft:
    """An incident being read: its cells, grown by the lines that continue it."""

    row: Line
    no: int | None
    cells: list[str]
    category: str
    declared: int | None
    after_unread: bool  # a row above it was unread: a 同上 in it repeats an unknown text


@dataclass
class _Reading:
    """What reading a list carries down it: the group heading, incidents so far, unread rows."""

    columns: Columns
    header: tuple[str, ...]
    fiscal_year: FiscalYear | None
    category: str = ""
    declared: int | None = None
    drafts: list[_Draft] = field(default_factory=list)
    unread: list[UnreadRow] = field(default_factory=list)
    unread_above: bool = False

    def skip(self, row: Line, problem: str) -> None:
        shown = " | ".join(row.cells)
        self.unread.append(UnreadRow(row.page, row.line, f"{problem}: {shown[:60]}"))
        self.unread_above = True

    def heading(self, cell: str) -> None:
        self.category, self.declared = category(cell)


def _aligned(cells: tuple[str, ...], columns: Columns) -> list[str] | None:
    """The row's cells, one per column; None when it has more cells than columns.

    Trailing empty cells are not printed; a blank category cell of a numbered row may be
    lost too where cells were separated by spaces (the cell in its place is no category).
    """
    if len(cells) > columns.width:
        return None
    aligned = list(cells)
    at = columns.first("category")
    no = columns.first("no")
    if (len(aligned) < columns.width and at is not None and at < len(aligned)
            and no is not None and _number(aligned[no]) is not None
            and not _looks_like_category(aligned[at])):
        aligned.insert(at, "")
    return aligned + [""] * (columns.width - len(aligned))


def _starts_incident(cells: list[str], columns: Columns) -> bool:
    """A row that opens a new incident, even without its number printed."""
    opening = [columns.first("category"), columns.first("occurred")]
    description = columns.first("description")
    return (any(at is not None and cells[at] for at in opening)
            or (description is not None and bool(_DATE_MARKERS[0].match(cells[description]))))


def _read_row(reading: _Reading, row: Line) -> None:
    columns = reading.columns
    if len(row.cells) == 1:  # no column to tell: a heading, or wrapped description text
        if _category_style(row.cells[0]):
            reading.heading(row.cells[0])
        else:
            _continue(reading, row, {_NO_COLUMN: row.cells[0]})
        return
    cells = _aligned(row.cells, columns)
    if cells is None:
        reading.skip(row, f"{len(row.cells)} cells for the list's {columns.width} columns")
        return
    no_at = columns.first("no")
    number = _number(cells[no_at]) if no_at is not None else None
    filled = {at: text for at, text in enumerate(cells) if text}
    only = next(iter(filled)) if len(filled) == 1 else None
    if no_at is not None and cells[no_at] and number is None and only is None:
        reading.skip(row, _unplaced(reading, row, cells[no_at]))
    elif number is not None or (no_at is None and len(filled) > 1):
        _start(reading, row, number, cells)
    elif only is not None and (only == columns.first("category")
                               or _category_style(filled[only])):
        reading.heading(filled[only])
    elif _starts_incident(cells, columns):
        _category_cell(reading, cells)  # the group it heads goes on below it
        reading.skip(row, "a row with no incident number")
    else:
        _continue(reading, row, filled)


def _unplaced(reading: _Reading, row: Line, first: str) -> str:
    """Why a line with text, not a number, under the No column cannot be read."""
    width = reading.columns.width
    if len(row.cells) < width and reading.drafts and not reading.unread_above:
        above = reading.drafts[-1].no
        return (f"it continues incident {above}, but its {len(row.cells)} cells cannot be "
                f"placed in the list's {width} columns (incident {above} may be incomplete)")
    return f"incident number {first!r} is not a number"


def _category_cell(reading: _Reading, cells: list[str]) -> None:
    at = reading.columns.first("category")
    if at is not None and cells[at]:
        reading.heading(cells[at])


def _start(reading: _Reading, row: Line, number: int | None, cells: list[str]) -> None:
    _category_cell(reading, cells)
    reading.drafts.append(_Draft(row, number, cells, reading.category, reading.declared,
                                 reading.unread_above))
    reading.unread_above = False


_NO_COLUMN = -1  # the place of text on a line of one cell: in no column of the list


def _continue(reading: _Reading, row: Line, texts: dict[int, str]) -> None:
    """Join wrapped text to the cells of the incident above; text under the No column, or
    under a column of no known meaning, or of no known column, is wrapped description."""
    if not reading.drafts or reading.unread_above:  # not the incident above: an unread row
        reading.skip(row, "text that continues no readable incident")
        return
    columns = reading.columns
    described = {at for meaning, places in columns.positions.items() if meaning != "no"
                 for at in places}
    cells = reading.drafts[-1].cells
    for place, text in texts.items():
        at = place if place in described else columns.first("description")
        if at is None:  # a list with no description column: nowhere to join it
            reading.skip(row, "wrapped text and no description column to join it to")
            return
        cells[at] = _continued(cells[at], text)


# --- incidents -------------------------------------------------------------------------


def _text(draft: _Draft, columns: Columns, meaning: str) -> str:
    places = columns.positions.get(meaning, ())
    if len(places) == 1:  # nearly always: the join below costs more than the rest of a row
        return draft.cells[places[0]]
    return " ".join(draft.cells[at] for at in places if draft.cells[at])


def _when(draft: _Draft, columns: Columns, description: str,
          fiscal_year: FiscalYear | None) -> _When:
    """The date column's date where one is printed, else the description's; a date
    marker leaves the description either way."""
    said = _from_description(description, fiscal_year)
    for at in columns.positions.get("occurred", ()):
        if draft.cells[at]:
            found = _readable_date(draft.cells[at], fiscal_year)
            return _When(found.iso if found else None, draft.cells[at], said.description)
    return said


@record
class _Affected:
    count: int | None = None
    unit: str = ""
    label: str = ""


def _affected(draft: _Draft, columns: Columns, description: str) -> _Affected:
    """From the first counts cell printed, else the description's closing parenthesis."""
    for at in columns.positions.get("counts", ()):
        cell = draft.cells[at]
        if not cell:
            continue
        plain = _COUNT_CELL.fullmatch(cell)
        if not plain:  # printed but no plain count (約100件, 不明): kept as the label only
            return _Affected(label=cell)
        return _Affected(int(plain["count"].replace(",", "")),
                         plain["unit"] or columns.count_units[at], cell)
    closing = _AFFECTED.search(description)
    if not closing:
        return _Affected()
    return _Affected(int(closing["count"].replace(",", "")), closing["unit"],
                     closing["label"].replace(" ", ""))


def _repeated(printed: str, above: str) -> str:
    # cells come normalised: only the spaces of a spaced-out 同 上 are left to drop
    return above if printed.replace(" ", "") == SAME_AS_ABOVE else printed


@record
class _Repeated:
    """Cause and measures with ``同上`` resolved to the text of the row above."""

    cause: str = ""
    measures: str = ""

    def below(self, draft: _Draft, columns: Columns) -> _Repeated:
        above = _Repeated() if draft.after_unread else self
        return _Repeated(_repeated(_text(draft, columns, "cause"), above.cause),
                         _repeated(_text(draft, columns, "measures"), above.measures))


def _record(draft: _Draft, columns: Columns, fiscal_year: FiscalYear | None,
            resolved: _Repeated) -> Incident:
    when = _when(draft, columns, _text(draft, columns, "description"), fiscal_year)
    actor = _ACTOR.match(when.description)
    affected = _affected(draft, columns, when.description)
    return Incident(
        fiscal_year=fiscal_year.start_year if fiscal_year else None,
        no=draft.no,
        category=draft.category,
        category_declared=draft.declared,
        occurred=when.occurred,
        occurred_label=when.label,
        actor=actor["actor"] if actor else "",
        actor_detail=(actor["detail"] or "") if actor else "",
        description=when.description,
        affected_count=affected.count,
        affected_unit=affected.unit,
        affected_label=affected.label,
        cause=resolved.cause,
        cause_as_printed=_text(draft, columns, "cause"),
        measures=resolved.measures,
        departments=";".join(filter(None, (departments(draft.cells[at]) for at in
                                           columns.positions.get("departments", ())))),
        source_page=draft.row.page,
        source_line=draft.row.line,
    )


def _incidents(reading: _Reading) -> list[Incident]:
    """The drafts as records; one without a description is unread (its cause still
    counts for the 同上 below it)."""
    columns = reading.columns
    records: list[Incident] = []
    resolved = _Repeated()
    for draft in reading.drafts:
        resolved = resolved.below(draft, columns)
        if not _text(draft, columns, "description"):
            named = " / ".join(reading.header[at] for at in columns.positions["description"])
            reading.skip(draft.row, f"incident {draft.no} has no description ({named})")
            continue
        records.append(_record(draft, columns, reading.fiscal_year, resolved))
    return records


def _list_fiscal_year(grid: Grid, report: FiscalYear | None) -> FiscalYear | None:
    """The fiscal year the list's title names (one list per year), else the report's."""
    try:
        return find_fiscal_year(grid.title) or report
    except DateError:
        return report


def incident_list(grid: Grid, fiscal_year: FiscalYear | None) -> IncidentList:
    """Every incident of a list, and the rows of it that could not be read."""
    reading = _Reading(columns(grid), grid.header, _list_fiscal_year(grid, fiscal_year))
    for row in grid.rows:
        _read_row(reading, row)
    records = _incidents(reading)
    unread = sorted(reading.unread, key=lambda row: (row.page, row.line))
    return IncidentList(grid.no, reading.fiscal_year, tuple(records), tuple(unread))
