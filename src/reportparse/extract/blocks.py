"""Incidents printed as labelled prose, turned into the grid an incident list would be.

A municipality that publishes each incident on a page of its own, or lists them as numbered
paragraphs, prints the fields of a list row as labels instead of columns:

* labelled lines under a heading per incident (``1 住民票の写しの誤交付(令和5年6月12日)`` /
  ``概要:…`` / ``原因:…`` / ``再発防止策:…`` / ``所管課:…``, or ``【概要】…``);
* or headings of their own over paragraphs (``1 事故の概要`` / ``3 対応`` / ``4 再発防止策``).

The labels mean what an incident list's column headers mean (``incidents.header_meaning``),
so each block becomes one row of a grid whose header is its labels, and the incident reader
reads it as it reads any list (dates, affected counts, departments, 同上). A block is an
incident only where its labels name a description and a date, cause or measures, as for a
grid; its paragraphs are then no prose: ``(2名分)`` is the incident's affected count, not a
key figure. A heading's own date (``…誤交付(令和5年6月12日)``) dates the incident when no label
does, and the heading, less that date, is its category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..records import Line
from ..values.dates import DateError, find_dates
from . import vocabulary as words
from .incidents import WHAT_MAKES_AN_INCIDENT, header_meaning
from .structure import Grid, Paragraph, Section

_LABELLED = re.compile(r"^(?:【(?P<bracketed>[^】]{1,12})】|(?P<colon>[^:、。()]{1,12}) ?:) ?(?P<text>.+)$")
_HEADING_DATE = re.compile(r"^(?P<title>.+?) ?\((?P<date>[^()]*\d{1,2}月[^()]*)\)$")
# What a heading of its own may name: the prose fields of an incident, and its date
_SECTION_FIELDS = ("description", "cause", "measures", "occurred")
_SECTION_EVIDENCE = ("cause", "measures")


@dataclass
class _Block:
    section: Section | None  # the heading of a block of label lines; None for headings as labels
    labelled: bool
    fields: dict[str, str] = field(default_factory=dict)  # label as printed -> text
    meanings: list[str] = field(default_factory=list)
    last_label: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)

    def takes(self, label: str, labelled: bool, section: Section | None) -> bool:
        """Whether a field belongs to this block: same form and heading, and a label not
        printed before in it (the same label again starts the next incident), unless it goes
        on from the paragraph before (a field printed over several paragraphs)."""
        return (labelled == self.labelled and section == self.section
                and (label not in self.fields or label == self.last_label))

    def add(self, label: str, meaning: str, text: str, paragraph: Paragraph) -> None:
        if label in self.fields:
            self.fields[label] += text
        else:
            self.fields[label] = text
            self.meanings.append(meaning)
        self.last_label = label
        self.paragraphs.append(paragraph)

    def is_incident(self, title: str) -> bool:
        """A description and what makes a list of incidents; under headings of their own, a
        cause or measures (minutes print 日時 and 主な議事内容 too), or a date in a notice whose
        title names a kind of incident (``個人情報を含む書類の紛失について``)."""
        evidence = WHAT_MAKES_AN_INCIDENT if self.labelled else _SECTION_EVIDENCE
        if not self.labelled and any(kind in title for kind in words.INCIDENT_KINDS):
            evidence = (*evidence, "occurred")
        return "description" in self.meanings and any(
            meaning in self.meanings for meaning in evidence)


def _field(paragraph: Paragraph) -> tuple[str, str, str, bool] | None:
    """(label, meaning, text, labelled) of a paragraph that prints an incident's field."""
    labelled = _LABELLED.match(paragraph.line.text)
    if labelled:
        label = labelled["bracketed"] or labelled["colon"]
        found = header_meaning(label)
        if found:
            return label, found[1], labelled["text"].strip(), True
    title = paragraph.section.title if paragraph.section else ""
    found = header_meaning(title) if title else None
    if found is None and title.endswith(words.STORY_HEADINGS):
        # 経緯: the story, read as the description where no 概要 heading says what happened
        title, found = "概要と経緯", header_meaning("概要と経緯")
    if found is None or found[1] not in _SECTION_FIELDS:
        return None  # 2 …の内容及び件数: figures under such a heading stay key figures
    return title, found[1], paragraph.line.text, False


def _blocks(paragraphs: tuple[Paragraph, ...], title: str) -> list[_Block]:
    blocks: list[_Block] = []
    for paragraph in paragraphs:
        read = _field(paragraph)
        if read is None:
            continue
        label, meaning, text, labelled = read
        section = paragraph.section if labelled else None
        if not blocks or not blocks[-1].takes(label, labelled, section):
            blocks.append(_Block(section, labelled))
        blocks[-1].add(label, meaning, text, paragraph)
    return [block for block in blocks if block.is_incident(title)]


def _row(number: int, block: _Block, title: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The header and the row of one block: its labels and texts, after its number and its
    category (the kind its heading, or the notice's title, names; else its heading)."""
    labels, texts = list(block.fields), list(block.fields.values())
    heading = block.section.title if block.labelled and block.section else ""
    dated = _HEADING_DATE.match(heading)
    heading = dated["title"] if dated else heading
    if "occurred" in block.meanings:  # (1) 送信日時 / 平成29年8月21日(月)午後3時37分: the date
        at = block.meanings.index("occurred")
        texts[at] = _first_date(texts[at]) or texts[at]
    else:
        at = block.meanings.index("description")
        date = dated["date"] if dated else _first_date(texts[at])
        if date:  # a date marker, as a list's description may print one
            texts[at] = f"【{date}】 {texts[at]}"
    kind = next((kind for kind in words.INCIDENT_KINDS if kind in (heading or title)), "")
    return ("No", "種別", *labels), (str(number), kind or heading, *texts)


def _first_date(text: str) -> str:
    """The first date with a day that ``text`` prints (``…を受けて、令和6年12月19日(木曜日)に``)."""
    try:
        dates = find_dates(text)
    except DateError:
        return ""
    return next((date.label for date in dates if date.day), "")


@dataclass(frozen=True)
class IncidentBlocks:
    grids: list[Grid]  # one grid a run of blocks with the same labels
    paragraphs: tuple[Paragraph, ...]  # the paragraphs that are not part of any block


def incident_blocks(paragraphs: tuple[Paragraph, ...], title: str, first_no: int) -> IncidentBlocks:
    """The incidents printed as labelled prose, as grids numbered from ``first_no``, and the
    paragraphs left for the key figures. ``title`` is the report's first line (a notice's
    title names the kind of incident: ``…の誤送付について``)."""
    blocks = _blocks(paragraphs, title)
    used = {id(paragraph) for block in blocks for paragraph in block.paragraphs}
    grids: list[Grid] = []
    for block in blocks:
        first = block.paragraphs[0].line
        same_labels = bool(grids) and grids[-1].header[2:] == tuple(block.fields)
        header, cells = _row(len(grids[-1].rows) + 1 if same_labels else 1, block, title)
        row = Line(cells, first.page, first.line)
        if same_labels:
            grids[-1] = replace(grids[-1], rows=(*grids[-1].rows, row))
        else:
            grids.append(Grid(block.paragraphs[0].section, first_no + len(grids), "", header,
                              (row,), numbered=False))
    return IncidentBlocks(grids, tuple(p for p in paragraphs if id(p) not in used))
