"""The layout of a report: sections, paragraphs and table grids, found in its lines.

``outline(document)`` walks the lines once:

* ``N title`` on a line of its own is a section heading when N is larger than the last one;
* ``表N title`` is a table caption; the next line is the table's header, and the table runs
  on through multi-cell rows. A blank line (a page break in the original) does not end it;
  a one-cell line ends it unless it sits directly between two rows (a group heading such as
  ``開示請求`` whose empty value cells were lost);
* a PDF reader marks the rows of each ruled table (``Line.grid``); such a table needs no
  caption: it takes its number and title from a ``表N`` caption right above it, else the
  next number and the short line above it as title;
* every other line is a paragraph of the section it sits in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Document, Line

_SECTION = re.compile(r"^(\d{1,2}) (\S.{0,60})$")
_CAPTION = re.compile(r"^表 ?(\d{1,2}) ?(.*)$")


@dataclass(frozen=True)
class Section:
    no: int
    title: str


@dataclass(frozen=True)
class Paragraph:
    section: Section | None
    line: Line


@dataclass(frozen=True)
class Grid:
    """A table as printed: caption, header cells and body rows (cells still raw text)."""

    section: Section | None
    no: int
    title: str
    header: tuple[str, ...]
    rows: tuple[Line, ...]


@dataclass(frozen=True)
class Outline:
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    grids: tuple[Grid, ...]


def _section_heading(line: Line, last_no: int) -> Section | None:
    match = _SECTION.match(line.text) if len(line.cells) == 1 else None
    if match and int(match.group(1)) > last_no and not line.text.endswith("。"):
        return Section(int(match.group(1)), match.group(2))
    return None


def _caption(line: Line) -> re.Match[str] | None:
    return _CAPTION.match(line.text) if len(line.cells) == 1 else None


def _is_row(lines: tuple[Line, ...], index: int) -> bool:
    """Whether ``lines[index]`` continues the table whose rows precede it."""
    line = lines[index]
    if _caption(line) or line.grid is not None:
        return False
    if len(line.cells) > 1:
        return True
    following = lines[index + 1] if index + 1 < len(lines) else None
    return (
        not line.gap_before
        and following is not None
        and not following.gap_before
        and len(following.cells) > 1
    )


def _grid(lines: tuple[Line, ...], start: int, section: Section | None) -> tuple[Grid, int]:
    """The grid whose caption is ``lines[start]``, and the index of the line after it."""
    match = _caption(lines[start])
    assert match is not None
    header_at = start + 1
    end = header_at + 1
    while end < len(lines) and _is_row(lines, end):
        end += 1
    header = lines[header_at].cells if header_at < len(lines) else ()
    rows = lines[header_at + 1 : end]
    width = max((len(row.cells) for row in rows), default=len(header))
    # A blank top-left corner cell (the No column of a list) is often lost in copying.
    padded = ("",) * max(0, width - len(header)) + header
    return Grid(section, int(match.group(1)), match.group(2).strip(), padded, rows), end


def _ruled_grid(lines: tuple[Line, ...], start: int, section: Section | None, no: int,
                title: str) -> tuple[Grid, int]:
    """The ruled table whose first row is ``lines[start]``, and the index after it."""
    end = start
    while end < len(lines) and lines[end].grid == lines[start].grid:
        end += 1
    return Grid(section, no, title, lines[start].cells, lines[start + 1 : end]), end


def _title_above(lines: tuple[Line, ...], index: int) -> str:
    """The short line right above an uncaptioned table, on its page, as its title."""
    above = lines[index - 1] if index > 0 else None
    if (above is None or above.grid is not None or above.page != lines[index].page
            or len(above.text) > 40 or above.text.endswith("。")):
        return ""
    return above.text


def outline(document: Document) -> Outline:
    """Split a document into sections, paragraphs and grids, in reading order."""
    lines = document.lines
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    grids: list[Grid] = []
    section: Section | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        heading = _section_heading(line, section.no if section else 0)
        caption = _caption(line)
        ruled_next = index + 1 < len(lines) and lines[index + 1].grid is not None
        if line.grid is not None:
            no = grids[-1].no + 1 if grids else 1
            grid, index = _ruled_grid(lines, index, section, no, _title_above(lines, index))
            if grid.rows:  # a lone ruled box (a header drawn apart, a frame) is no table
                grids.append(grid)
        elif heading:
            section = heading
            sections.append(heading)
            index += 1
        elif caption and ruled_next:
            grid, index = _ruled_grid(lines, index + 1, section, int(caption.group(1)),
                                      caption.group(2).strip())
            grids.append(grid)
        elif caption:
            grid, index = _grid(lines, index, section)
            grids.append(grid)
        else:
            paragraphs.append(Paragraph(section, line))
            index += 1
    return Outline(tuple(sections), tuple(paragraphs), tuple(grids))
