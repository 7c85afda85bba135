"""Key figures stated in prose: ``…の登録数は498件である`` -> metric ``登録数``, 498 件.

A figure is a number followed by a counting unit (件, 人, 名). Its metric name is the subject
of the clause that states it — the words before ``は`` or ``が`` back to the previous comma or
full stop — less a leading period or date (``令和3年度の``, ``令和4年3月末現在の``) and anything
up to a connective such as ``に関する``, so the name stays the same across years for the same
wording. A figure with no subject of its own (``…が各1件、計3件あった``) borrows the previous
one; ``計`` / ``合計`` before the number marks a total (``審査請求(計)``) and ``各`` ("each")
marks a per-item figure, which is not a key figure and is skipped.

``as_of`` is the date of a ``…現在`` phrase in the sentence; a fiscal year is a period and
gives none.
"""

from __future__ import annotations

import re

from ..records import Metric
from ..values.dates import DateError, FiscalYear, find_dates
from ..values.numbers import parse_number
from .structure import Paragraph

_FIGURE = re.compile(
    r"(?:(?P<subject>[^、。]+?)(?:は|が)、?)?"
    r"(?P<prefix>各|計|合計)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?P<unit>件|人|名)"
)
_LEADING_PERIOD = re.compile(r"^(?:また、?)?(?:\S+?(?:年度|月末現在|日現在|現在))の")
_CONNECTIVE = re.compile(r"^.*(?:に関する|における|に係る|についての)")
_AS_OF = re.compile(r"(?P<date>[^、。]*?(?:末|日)) ?現在")


def _subject(raw: str) -> str:
    subject = _LEADING_PERIOD.sub("", raw.strip())
    return _CONNECTIVE.sub("", subject).strip()


def _as_of(sentence: str, fiscal_year: FiscalYear | None) -> str | None:
    match = _AS_OF.search(sentence)
    if not match:
        return None
    try:
        found = find_dates(match["date"], fiscal_year)
    except DateError:
        return None
    return found[-1].iso if found else None


def _sentences(text: str) -> list[str]:
    return [part + "。" for part in text.split("。") if part.strip()]


def metrics(paragraph: Paragraph, fiscal_year: FiscalYear | None) -> list[Metric]:
    """The key figures of one paragraph, in the order they are stated."""
    if paragraph.section is None:
        return []
    found: list[Metric] = []
    for sentence in _sentences(paragraph.line.text):
        subject = ""
        for figure in _FIGURE.finditer(sentence):
            if figure["subject"]:
                subject = _subject(figure["subject"])
            if figure["prefix"] == "各" or not subject:
                continue
            total = "(計)" if figure["prefix"] in ("計", "合計") else ""
            value = parse_number(figure["number"])
            if value is None:  # the pattern only matches numbers: never, but say so to mypy
                continue
            found.append(
                Metric(
                    section_no=paragraph.section.no,
                    section_title=paragraph.section.title,
                    metric=subject + total,
                    value=value,
                    unit=figure["unit"],
                    as_of=_as_of(sentence, fiscal_year),
                    sentence=sentence,
                    source_page=paragraph.line.page,
                    source_line=paragraph.line.line,
                )
            )
    return found
