"""Numbers as printed in Japanese reports: ``1,710,634``, ``△5`` (minus five), ``12.5``, and
the counts of table cells (``82件``, ``916(21)``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import DateError, parse_numeral

_NUMBER = re.compile(r"^(?P<sign>[-△▲+]?)(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?$")


# Pure functions of a cell's text, cached: the structure and table stages ask about the
# same cell two to four times, and every report of a batch prints 0, 1, 合計 …
@lru_cache(maxsize=8192)
def parse_number(text: str) -> int | float | None:
    """The number ``text`` spells, or None when it is not exactly one number.

    Thousands separators must be well placed (``1,710,634``; ``17,10`` is not a number).
    ``△`` and ``▲`` are the Japanese minus signs of accounts.
    """
    match = _NUMBER.match(text.strip())
    if not match:
        return None
    magnitude = match["digits"].replace(",", "")
    value: int | float = (
        float(magnitude + match["fraction"]) if match["fraction"] else int(magnitude)
    )
    return -value if match["sign"] in ("-", "△", "▲") else value


_GROUPS = (("億", 100_000_000), ("万", 10_000))  # each counts the group of up to four places before it
_PLACES = {"千": 1_000, "百": 100}
_KANJI_NUMERALS = frozenset("〇一二三四五六七八九十百千")
_DIGITS_AND_PLACE = re.compile(r"(?P<digits>[\d.]+)(?P<place>[千百])?")


def parse_figure_number(text: str) -> int | float | None:
    """The number of a figure in prose: digits as ``parse_number`` reads them, with kanji powers
    of ten (``3万5千`` -> 35000, ``1.5万`` -> 15000, ``1万2,345`` -> 12345, ``5億1000万``,
    ``1億2千万`` -> 120000000) and ``・`` as the decimal point of a figure set vertically
    (``44・6`` -> 44.6)."""
    text = text.replace("・", ".")
    if text == "ゼロ":
        return 0
    if all(character in _KANJI_NUMERALS for character in text):  # 二十一
        return _kanji_numeral(text)
    if not any(power in text for power in "億万千百"):
        return parse_number(text)
    sign = -1 if text[0] in "-△▲" else 1
    rest, total = text.lstrip("-△▲+").replace(",", ""), 0.0
    for power, value in _GROUPS:
        if power in rest:
            group, rest = rest.split(power, 1)
            places = _places(group)
            if places is None:
                return None
            total += places * value
    places = _places(rest) if rest else 0
    if places is None:
        return None
    total += places
    return sign * (int(total) if float(total).is_integer() else total)


def _places(text: str) -> int | float | None:
    """``2千4百`` -> 2400, ``4500`` -> 4500: a group of places below ten thousand."""
    total: int | float = 0
    for part in _DIGITS_AND_PLACE.finditer(text):
        number = parse_number(part["digits"])
        if number is None:
            return None
        total += number * _PLACES[part["place"]] if part["place"] else number
    return total


def _kanji_numeral(text: str) -> int | None:
    try:
        return parse_numeral(text)
    except DateError:
        return None


def is_number(text: str) -> bool:
    return parse_number(text) is not None


# Counter units: what a printed figure counts. Longest first, so ``千円`` wins over ``円``.
COUNTERS = ("団体", "事務", "業務", "施設", "機関", "世帯", "箇所", "か所", "ヶ所", "千円", "法人",
             "件", "人", "名", "回", "課", "校", "社", "通", "枚", "冊", "台", "円", "%")
# A table cell may print a duration (``平均期間`` ``3.5カ月``); prose may not count one: ``2カ月延長``
# is no key figure.
DURATIONS = ("カ月", "ヶ月", "か月", "ケ月")
_CELL_UNITS = "|".join(DURATIONS + COUNTERS)
_QUANTITY = re.compile(
    r"^(?P<number>[-△▲+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?) ?"
    rf"(?P<unit>{_CELL_UNITS})?"
    r"(?: ?\((?P<second>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\))?"
    rf"(?P<unit_after>{_CELL_UNITS})?"  # 3(3)件: the counter after the bracketed count
    r" ?(?P<note>\(注\d*\)|※\d*)?$"
)
_NUMBER_LIKE = re.compile(rf"^[\d,.\s△▲()\-+]*\d[\d,.\s△▲()\-+]*(?:{_CELL_UNITS})?$")


@dataclass(frozen=True)
class Quantity:
    """A table cell that holds a count: ``82件``, ``916(21)``, ``3(3)件``, ``△46``, ``29.7%``,
    ``1(注2)``, ``71,012(95.1)``.

    ``second`` is a figure printed in brackets after the first (``916(21)``: 916 requests, 21 of
    them of a kind a note explains; ``71,012(95.1)``: its share of the total, in per cent where
    the table's unit says so); ``unit`` is a counter printed in the cell itself.
    """

    value: int | float
    unit: str = ""
    second: int | float | None = None


@lru_cache(maxsize=8192)  # see parse_number; a Quantity is frozen, so sharing it is safe
def parse_quantity(text: str) -> Quantity | None:
    """The count a table cell spells, or None when it is not one."""
    match = _QUANTITY.match(text.strip())
    if not match:
        return None
    value = parse_number(match["number"])
    assert value is not None
    second = parse_number(match["second"]) if match["second"] else None
    if match["unit"] and match["unit_after"]:
        return None
    return Quantity(value, match["unit"] or match["unit_after"] or "", second)


_CODE = re.compile(r"\d[-/]\d")  # 104-8560, 03-3541-5151, 1/14: codes and dates, not numbers


def looks_numeric(text: str) -> bool:
    """Whether ``text`` is made of digits and number punctuation only (``1,2345``, ``3.4.5``):
    a cell that should have been a number, so failing to read it must be reported."""
    return bool(_NUMBER_LIKE.match(text.strip())) and not _CODE.search(text)
