"""The layout of a report: headings, paragraphs and tables, found in its lines.

``outline(document)`` is a chain of small steps:

1. ``_kind``: every line is a table row (several cells, or a row of a ruled PDF/HTML grid), a
   caption, a ``(単位:件)`` line, a note, a line of bare values, or text (see ``vocabulary`` for
   the printed styles);
2. ``_table_spans``: runs of rows become tables. A ruled grid (``Line.grid``) is one table; in
   text, a run of two or more rows is, whatever captions it. A blank line (a page break) does not
   end a run; one-cell lines stay in it when they head a group of rows or carry the pieces of a
   row broken over several lines; a caption, heading or note ends it;
3. ``_body``: header rows are told from data rows by content (a header row holds no number and,
   below the first, sits under a span), and a row broken over several lines (its label on one,
   its values on the next, a note after them) is joined back;
4. ``_caption_of``: each table's number and title come from its caption (``表1``, ``第1表``,
   ``<第1表>``, ``【表1】``, ``…(表1)``), else a sentence pointing at it (``…は表1の通り``), else the
   title line above it, else its heading; its unit from a ``(単位:件)`` line. Unnumbered tables
   are numbered by their place in the report;
5. every other line is a heading (numbered, bulleted or a plain title line) or a paragraph of
   the section it sits in.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..records import Document, Line, record
from ..values.dates import DateError, find_dates
from ..values.normalize import compact_label
from ..values.numbers import COUNTERS, looks_numeric, parse_quantity
from . import vocabulary as words
from .headers import Columns, resolve

_PAIR = re.compile(r"^[^:。]{1,30}:\d[\d,]*(?:" + "|".join(COUNTERS) + ")?$")
_BARE_VALUE = re.compile(r"^(?:\(注\d*\)|※\d*)$")
_LEGAL_REFERENCE = re.compile(r" ?\([^()]*(?:\([^()]*\)[^()]*)*(?:条例|第\d+条)[^()]*(?:\([^()]*\)[^()]*)*\)$")
_NOT_IN_TITLE = re.compile(r"[。、,:]|\d")  # a plain title has no punctuation and no figure
_TITLE_MAX = 40
_PARTICLES = ("の", "は", "が", "を")  # a line that opens with one continues the sentence above


@record
class Section:
    no: int | None
    title: str


@record
class Paragraph:
    section: Section | None
    line: Line


@record
class Grid:
    """A table as printed: its caption and unit, resolved header and body rows.

    ``header`` holds each column's leaf heading (the row-label column first, where there is
    one) and ``groups`` the spanning headings above each (`` / ``-joined, ``""`` where none);
    ``rows`` are the body rows in order, broken rows joined, group-heading rows kept.
    """

    section: Section | None
    no: int
    title: str
    header: tuple[str, ...]
    rows: tuple[Line, ...]
    groups: tuple[str, ...] = ()
    unit: str = ""
    header_rows: int = 1
    numbered: bool = True


@record
class Outline:
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    grids: tuple[Grid, ...]
    prose: tuple[Line, ...]  # every line outside the tables, in order: title, headings, captions
    captions_unread: tuple[Line, ...] = ()  # captions with no table read under them


# --- 1. what each line is ---------------------------------------------------------------


def caption(text: str) -> tuple[int, str] | None:
    """(number, title) of a table caption line, or None."""
    if text.endswith("。"):
        return None
    for style in words.CAPTION_STYLES:
        match = style.match(text)
        if match:
            groups = match.groupdict()
            return int(groups.get("no") or groups["no2"]), _heading_title(match["title"].strip())
    return None


def _is_bare_values(text: str) -> bool:
    """``68件``, ``20 43 0 2 1``, ``(注2)``: the values of a row broken over several lines."""
    tokens = text.split(" ")
    return all(parse_quantity(token) or _BARE_VALUE.match(token) for token in tokens)


def _marker_joined(line: Line) -> Line:
    """``(1)  公文書の…``: a number set apart from its text by a run of spaces is one line."""
    if (line.grid is None and len(line.cells) == 2 and words.ENUMERATION_MARKER.match(line.cells[0])
            and not looks_numeric(line.cells[1]) and parse_quantity(line.cells[1]) is None):
        return replace(line, cells=(line.text,))
    return line


def _kind(line: Line) -> str:
    if line.grid is not None:
        return "grid"
    if len(line.cells) > 1:
        return "text" if _is_titled_unit(line.cells) or _is_split_prose(line.cells) else "row"
    text = line.cells[0]
    if _is_bare_values(text):
        return "values"
    if caption(text):
        return "caption"
    if words.UNIT_LINE.match(text):
        return "unit"
    if words.NOTE_MARKERS.match(text):
        return "note"
    return "text"


def _is_split_prose(cells: tuple[str, ...]) -> bool:
    """A sentence that a run of spaces split (``…5件でした。  また、…``): prose, not a row."""
    first = cells[0]
    return not first[:1].isdigit() and (first.endswith("。") or (
        "。" in first and len(first) > _TITLE_MAX // 2))


def _is_titled_unit(cells: tuple[str, ...]) -> bool:
    """``表1 開示の状況`` / ``(単位:件)`` set in two cells: a caption or title line."""
    if len(cells) - cells.count("") != 2:  # most rows: told without a list of their cells
        return False
    printed = [cell for cell in cells if cell]
    return bool(words.UNIT_LINE.match(printed[1])) and not parse_quantity(printed[0])


def _is_bracketed(text: str) -> bool:
    return text.startswith("(") and text.endswith(")")


# --- 2. table spans ---------------------------------------------------------------------


def _continues(lines: tuple[Line, ...], kinds: list[str], j: int) -> bool:
    """Whether line ``j`` continues the text table whose rows precede it."""
    kind, previous = kinds[j], kinds[j - 1]
    if kind == "row":
        return not _opens_new_table(lines, j)
    if kind == "values":  # a note mark alone after a whole row (``※1``) points at a note below
        return previous == "values" or not _BARE_VALUE.match(lines[j].text)
    if kind == "text" and (compact_label(lines[j - 1].cells[0]) in words.TOTAL_LABELS - {"小計"}
                           or (_is_data(lines[j - 1].cells) and _is_numbered(lines[j].text))):
        return False  # after a total, a title line, and after data a numbered heading, head the next table
    if kind == "text" and _is_bracketed(lines[j].text) and previous == "values":
        return True
    if kind == "text" and previous == "row" and _PAIR.match(lines[j].text):
        return True  # a row of label:value pairs whose other cells are empty
    if kind == "text" and _is_label_or_item(lines[j].text):
        return _rows_follow(lines, kinds, j)
    return False


def _is_numbered(text: str) -> bool:
    return any(style.match(text) for style in words.NUMBERED_HEADINGS[:2])  # 1 …, (1)…


def _opens_new_table(lines: tuple[Line, ...], j: int) -> bool:
    """A header row after data rows starts a table of its own when a blank line or its blank
    top-left corner (``⎵ | 15年度 | 14年度 | 増減``) sets it apart."""
    row, next_row = lines[j], lines[j + 1] if j + 1 < len(lines) else None
    blank_corner = not row.cells[0] and all(row.cells[1:]) and not _repeats(row.cells[1:])
    return ((row.gap_before or blank_corner) and _is_data(lines[j - 1].cells)
            and not _is_data(row.cells)
            and sum(bool(cell) for cell in row.cells) >= 2
            and next_row is not None and _is_data(next_row.cells))


def _repeats(cells: tuple[str, ...]) -> bool:
    """``請求 | 申出 | 請求 | 申出``: the parts of each column above, not a new table's header."""
    return any(len(cells) % size == 0 and cells == cells[:size] * (len(cells) // size)
               for size in range(2, len(cells) // 2 + 1))


def _is_label(text: str) -> bool:
    return not text.endswith("。") and len(text) <= _TITLE_MAX


def _is_label_or_item(text: str) -> bool:
    """A row label, or an item of a row's text cell printed as a list under it."""
    return _is_label(text) or bool(words.LIST_ITEM.match(text))


def _rows_follow(lines: tuple[Line, ...], kinds: list[str], j: int) -> bool:
    """A row label whose values follow on their own lines, or labels of rows (group headings,
    rows whose values were lost) that lead on, without a break, to more rows."""
    if j + 1 < len(lines) and kinds[j + 1] == "values":
        return True
    for k in range(j, min(j + 8, len(lines) - 1)):
        if lines[k].gap_before or lines[k + 1].gap_before:
            return False
        if kinds[k + 1] == "row":
            return True
        if kinds[k + 1] != "text" or not _is_label_or_item(lines[k + 1].text):
            return False
    return False


def _text_span(lines: tuple[Line, ...], kinds: list[str], start: int) -> int:
    end = start + 1
    while end < len(lines) and _continues(lines, kinds, end):
        end += 1
    while (kinds[end - 1] == "text" and not _is_bracketed(lines[end - 1].text)
           and not _PAIR.match(lines[end - 1].text)):
        end -= 1
    return end


def _table_spans(lines: tuple[Line, ...], kinds: list[str]) -> list[tuple[int, int]]:
    spans, index = [], 0
    while index < len(lines):
        if kinds[index] == "grid":
            end = index
            while end < len(lines) and lines[end].grid == lines[index].grid:
                end += 1
        elif kinds[index] == "row":
            end = _text_span(lines, kinds, index)
        else:
            index += 1
            continue
        if sum(kinds[i] in ("row", "grid") for i in range(index, end)) >= 2:
            spans.append((index, end))
        index = end
    return spans


# --- 3. header and body -----------------------------------------------------------------


def _is_data(cells: tuple[str, ...]) -> bool:
    return not _is_year_heading(cells) and any(
        parse_quantity(cell) or _is_date(cell) for cell in cells if cell)


def _is_year_heading(cells: tuple[str, ...]) -> bool:
    """``区分 | 2021 | 2022 | 2023``: Western years heading the columns, not values."""
    years = [cell for cell in cells if cell.isdigit()]
    return (len(years) >= 2 and all(len(y) == 4 and 1950 <= int(y) <= 2100 for y in years)
            and years == sorted(set(years), key=int))


def _is_date(cell: str) -> bool:
    if "年" not in cell and "." not in cell and "/" not in cell:
        return False
    try:
        return bool(find_dates(cell))
    except DateError:
        return True


def _under_a_span(upper: tuple[str, ...], lower: tuple[str, ...], width: int) -> bool:
    """A lower header row sits under spans: beside fillers of the upper row, or with fillers
    of its own under the upper row's vertical spans."""
    upper_fillers = len(upper) < width or any(not cell for cell in upper[1:])
    lower_fillers = any(not cell and j < len(upper) and upper[j] for j, cell in enumerate(lower))
    return upper_fillers or lower_fillers


def _header_count(rows: list[Line], width: int) -> int:
    if not rows or _is_data(rows[0].cells):
        return 0
    count = 1
    while (count < min(3, len(rows) - 1)
           and sum(bool(cell) for cell in rows[count].cells) >= 2
           and not _is_data(rows[count].cells)
           and _under_a_span(rows[count - 1].cells, rows[count].cells, width)):
        count += 1
    return count


def _joined(row: Line, cells: list[str]) -> Line:
    return replace(row, cells=tuple(cells))


def _reflowed(lines: list[Line], kinds: list[str]) -> list[Line]:
    """Rows broken over several lines joined back: bare values are appended to the row above;
    a bracketed explanation after them is joined to the last value as one note cell."""
    rows: list[Line] = []
    for line, kind, previous in zip(lines, kinds, ["", *kinds]):
        if kind == "values" and rows and (len(rows[-1].cells) == 1 or _is_data(rows[-1].cells)):
            tokens: list[str] = []
            for token in line.text.split(" "):
                if _BARE_VALUE.match(token) and (tokens or len(rows[-1].cells) > 1):
                    if tokens:
                        tokens[-1] += token
                    else:
                        rows[-1] = _joined(rows[-1], [*rows[-1].cells[:-1],
                                                      rows[-1].cells[-1] + token])
                else:
                    tokens.append(token)
            rows[-1] = _joined(rows[-1], [*rows[-1].cells, *tokens])
        elif kind == "text" and _is_bracketed(line.text) and previous == "values" and rows:
            rows[-1] = _joined(rows[-1], [*rows[-1].cells[:-1],
                                          f"{rows[-1].cells[-1]} {line.text}"])
        else:
            rows.append(line)
    return rows


def _front_corner_lost(header: tuple[str, ...], rows: list[Line]) -> bool:
    """A list whose blank top-left header cell (over the No column) was lost in copying."""
    firsts = [row.cells[0] for row in rows if len(row.cells) > 1]
    return bool(firsts) and all(cell.isdigit() for cell in firsts) and not header[0].isdigit()


def _units_joined(header_rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A header row of units alone (``(件)`` under 請求件数, ``(人)`` under 請求者数) joins the
    row above, as ``請求件数 (件)``: units, not a level of column names."""
    if len(header_rows) < 2 or not all(
            words.UNIT_CELL.match(cell) for cell in header_rows[-1] if cell):
        return header_rows
    upper, units = list(header_rows[-2]), header_rows[-1]
    upper += [""] * (len(units) - len(upper))
    for j, unit in enumerate(units):
        if unit:
            upper[j] = f"{upper[j]} ({words.UNIT_CELL.match(unit)['unit']})"  # type: ignore[index]
    return [*header_rows[:-2], tuple(upper)]


def _unit_cell(header_rows: list[tuple[str, ...]]) -> tuple[list[tuple[str, ...]], str]:
    """A ``(単位:件)`` set as the last cell of the header: the table's unit, not a column."""
    if not header_rows:
        return header_rows, ""
    first = list(header_rows[0])
    while first and not first[-1]:
        first.pop()
    unit = words.UNIT_LINE.match(first[-1]) if len(first) > 1 and "単位" in first[-1] else None
    if unit is None:
        return header_rows, ""
    return [tuple(first[:-1]), *header_rows[1:]], unit["unit"].strip()


def _usual_width(body: list[Line]) -> int:
    """The width most data rows have: one row with an extra group label (``知事 総務部 25 …``)
    does not widen the header."""
    widths = Counter(len(row.cells) for row in body if len(row.cells) > 1)
    return max(widths, key=lambda width: (widths[width], width)) if widths else 0


def _body(lines: list[Line], kinds: list[str]) -> tuple[Columns, list[Line], int, str]:
    rows = _reflowed(lines, kinds) if any(kind == "values" for kind in kinds) else lines
    width = max(len(row.cells) for row in rows)
    count = _header_count(rows, width)
    header_rows, unit = _unit_cell([row.cells for row in rows[:count]])
    header_rows = _units_joined(header_rows)
    body = rows[count:]
    widest = max((len(row.cells) for row in body), default=0)
    if count == 1 and widest == len(header_rows[0]) + 1 and _front_corner_lost(
            header_rows[0], body):
        header_rows = [("",) + header_rows[0]]
    columns = resolve(header_rows, max(_usual_width(body), len(header_rows[0]) if header_rows else 0),
                      [row.cells for row in body])
    return columns, body, count, unit


# --- 4. caption, title and unit ---------------------------------------------------------


def _table_reference(text: str) -> tuple[int, str] | None:
    """(number, title) of the table a sentence points at; a sentence pointing at several
    (``…は表1、表2のとおり``, ``表3から表8まで``) gives the first its number, and no title."""
    for sentence in text.split("。"):
        match = words.TABLE_REFERENCE.search(sentence)
        if match:
            return int(match["no"]), match["title"].strip()
        several = words.TABLES_REFERENCE.search(sentence)
        if several:
            return int(several["no"]), ""
    return None


def _title_and_unit(text: str) -> tuple[str, str]:
    text = words.TITLE_TOTAL.sub("", text)  # the table's own total row says it again
    match = words.UNIT_SUFFIX.match(text)
    return (match["title"].strip(), match["unit"].strip()) if match else (text, "")


def section_title(section: Section | None) -> str:
    return _LEGAL_REFERENCE.sub("", section.title) if section else ""


@record
class _Caption:
    no: int | None
    title: str
    unit: str
    lines: tuple[int, ...]  # the lines it used up (captions and unit lines are no paragraphs)


def _caption_of(lines: tuple[Line, ...], kinds: list[str], start: int,
                section: Section | None, headings: set[int]) -> _Caption:
    index, unit, used = start - 1, "", list[int]()
    while index >= 0 and kinds[index] in ("unit", "note") and len(used) < 3:
        if kinds[index] == "unit":
            unit = words.UNIT_LINE.match(lines[index].text)["unit"].strip()  # type: ignore[index]
        used.append(index)
        index -= 1
    above = lines[index] if index >= 0 else None
    if above is None or kinds[index] in ("grid", "row", "values"):
        return _Caption(None, section_title(section), unit, tuple(used))
    text = " ".join(cell for cell in above.cells if cell)
    if _is_titled_unit(above.cells) and not text.endswith(")"):
        text = f"{above.cells[0]} ({above.cells[-1]})"
    printed = caption(text)
    if printed:
        title, title_unit = _title_and_unit(printed[1])
        return _Caption(printed[0], title, unit or title_unit, (*used, index))
    reference = _table_reference(text) if text.endswith("。") or "。" in text else None
    if reference:
        return _Caption(reference[0], reference[1] or section_title(section), unit, tuple(used))
    introduction = words.TABLE_INTRODUCTION.match(text.split("。")[-2] if "。" in text else "")
    if introduction:
        return _Caption(None, introduction["title"].strip(), unit, tuple(used))
    if words.PAGE_FURNITURE.match(text):
        return _Caption(None, section_title(section), unit, tuple(used))
    if index in headings or (len(text) <= _TITLE_MAX and "。" not in text
                             and not text.endswith(words.SENTENCE_ENDINGS)
                             and above.page == lines[start].page):
        title, title_unit = _title_and_unit(_LEGAL_REFERENCE.sub("", _heading_title(text)))
        uses = () if index in headings else (index,)
        return _Caption(None, title, unit or title_unit, (*used, *uses))
    return _Caption(None, section_title(section), unit, tuple(used))


# --- 5. headings --------------------------------------------------------------------------


def _heading_title(text: str) -> str:
    for style in words.NUMBERED_HEADINGS:
        match = style.match(text)
        if match:
            return match["title"].strip()
    if text[:1] in words.HEADING_BULLETS:
        return text[1:].strip()
    marker, _, rest = text.partition(" ")
    if rest and words.ENUMERATION_MARKER.match(marker):  # ア 開示請求の状況
        return rest.strip()
    for opening, closing in words.TITLE_FRAMES:
        if len(text) > 2 and text.startswith(opening) and text.endswith(closing):
            return text[len(opening):-len(closing)].strip()
    return text


class _Headings:
    """Tells headings from prose, remembering the last number of each numbered style so that
    a list item (``1 …`` after ``3 …``) is not taken for a new section."""

    def __init__(self) -> None:
        self.last_no: dict[int, int] = {}

    def read(self, line: Line, previous: Line | None) -> Section | None:
        text = line.text
        if len(line.cells) != 1 or _ends_a_sentence(text) or _is_bare_values(text):
            return None
        for style_no, style in enumerate(words.NUMBERED_HEADINGS):
            match = style.match(text)
            if match:
                no = int(match["no"])
                if no <= self.last_no.get(style_no, 0):
                    return None
                if previous is not None and previous.text.endswith(":"):
                    return None
                self.last_no[style_no] = no
                return Section(no, _LEGAL_REFERENCE.sub("", match["title"].strip()))
        if ((text[:1] in words.HEADING_BULLETS and len(text) > 1 and not words.ENDS_WITH_A_COUNT.search(text))
                or _is_plain_title(text)):
            self.last_no.clear()  # a heading of another style opens a part numbered afresh
            return Section(None, _heading_title(text))
        return None


def _ends_a_sentence(text: str) -> bool:
    """A full stop outside brackets (``1. 開示請求の件数は8,383件で、…の減。(約13%減)``); not
    one inside a heading's note (``1 …届出状況(…(以下「条例」といいます。)第8条)``)."""
    return "。" in _NESTED_BRACKETS.sub("", _NESTED_BRACKETS.sub("", text))


def _is_plain_title(text: str) -> bool:
    """A short line of words; not a label and its text (``【所管課】企画課``)."""
    return (len(text) <= words.PLAIN_HEADING_MAX and not _NOT_IN_TITLE.search(text)
            and not text.endswith(words.SENTENCE_ENDINGS) and not text.startswith(("『", "「"))
            and not (text.startswith("【") and not text.endswith("】")))


_NESTED_BRACKETS = re.compile(r"\([^()]*\)")  # applied twice: a bracket in a bracket


# --- the chain ----------------------------------------------------------------------------


def _numbered(grids: list[Grid]) -> list[Grid]:
    """Unnumbered tables follow on from the table before (``表3`` then 4), else take their
    place in the report, or the next free number."""
    printed = {grid.no for grid in grids if grid.numbered}
    result: list[Grid] = []
    taken = set(printed)
    for place, grid in enumerate(grids, start=1):
        if not grid.numbered:
            following = result[-1].no + 1 if result else place
            no = next((n for n in (following, place) if n not in taken), max(taken | {0}) + 1)
            taken.add(no)
            grid = replace(grid, no=no)
        result.append(grid)
    return result


def outline(document: Document) -> Outline:
    """Split a document into sections, paragraphs and grids, in reading order."""
    lines = tuple(_marker_joined(line) for line in document.lines)
    kinds = [_kind(line) for line in lines]
    spans = _table_spans(lines, kinds)
    starts = {start: end for start, end in spans}
    reader = _Headings()
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    grids: list[Grid] = []
    heading_at: dict[int, Section] = {}
    section: Section | None = None
    consumed: set[int] = set()
    index = 0
    while index < len(lines):
        if index in starts:
            end = starts[index]
            found = _caption_of(lines, kinds, index, section, set(heading_at))
            consumed.update(found.lines)
            columns, body, count, unit = _body(list(lines[index:end]), kinds[index:end])
            grids.append(Grid(section, found.no or 0, found.title, columns.leaves, tuple(body),
                              columns.groups, found.unit or unit, count, found.no is not None))
            index = end
            continue
        heading = reader.read(lines[index], lines[index - 1] if index else None)
        if heading and kinds[index] == "text":
            section = heading
            heading_at[index] = heading
            sections.append(heading)
        index += 1
    paragraphs = _paragraphs(lines, kinds, starts, heading_at, consumed)
    in_tables = {i for start, end in spans for i in range(start, end)}
    prose = tuple(line for i, line in enumerate(lines) if i not in in_tables)
    unread = tuple(line for i, (line, kind) in enumerate(zip(lines, kinds))
                   if kind == "caption" and i not in consumed and i not in in_tables)
    return Outline(tuple(sections), tuple(paragraphs), tuple(_numbered(grids)), prose, unread)


def _paragraphs(lines: tuple[Line, ...], kinds: list[str], starts: dict[int, int],
                heading_at: dict[int, Section], consumed: set[int]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    section: Section | None = None
    index, last = 0, -2  # last: the index of the line the last paragraph ends with
    while index < len(lines):
        if index in starts:
            index = starts[index]
            continue
        if index in heading_at:
            section = heading_at[index]
        elif index not in consumed and kinds[index] != "caption":
            line = lines[index]
            # a sentence goes on in the very next line, never across a heading or a table
            if last == index - 1 and _continues_sentence(paragraphs[-1].line, line):
                line = replace(paragraphs[-1].line,
                               cells=(paragraphs[-1].line.text + line.text,))
                paragraphs.pop()
            paragraphs.append(Paragraph(section, line))
            last = index
        index += 1
    return paragraphs


def _continues_sentence(previous: Line, line: Line) -> bool:
    """A sentence broken at a line end: ``…登録数は287`` / ``件である。``, after a comma, or
    before a particle (``…過去最多は、平成7年度`` / ``の10,492件です。``)."""
    if line.gap_before or len(previous.cells) != 1 or len(line.cells) != 1:
        return False
    before, after = previous.text, line.text
    return ((before[-1:].isdigit() and after.startswith(COUNTERS) and not (
                words.LABEL_DIGITS_ROW.match(before) and words.LABEL_DIGITS_ROW.match(after)))  # 秘書関係6 / 人事関係4
            or before.endswith("、")
            or (after.startswith(_PARTICLES) and not before.endswith("。")))
