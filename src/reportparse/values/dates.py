"""Japanese dates and fiscal years (年度) as printed in municipal reports.

Three written forms of a date are read:

* kanji form: ``令和3年11月17日``, ``令和三年十一月十七日``, ``令和4年3月末``, Western
  ``2021年4月1日``, and era-less ``4年1月``, whose era comes from the report's fiscal year;
* abbreviated form: ``R3.1.16``, ``H30.4.1``, ``R3/1/16``, ``R3.1``;
* Western slash form: ``2021/4/1``.

A fiscal year (``令和3年度``) runs from 1 April to 31 March and is a period, never a date.
Every date is checked against the calendar and against its era's first and last day;
nothing is guessed: an impossible or unresolvable date raises ``DateError``.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


class DateError(ValueError):
    """A Japanese date that is impossible or cannot be read; str(e) names the offending text and why."""


# --- eras -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Era:
    """A Japanese era: its year 1 (元年) is Western ``first_year``; it is in force from ``began``
    until the next era begins."""

    name: str
    letter: str
    first_year: int
    began: datetime.date


# 明治 is given 1 January as its first day, not the usual 1868-01-25: Japan kept the lunar
# calendar until 明治5年, so a Gregorian day check inside 明治元年 would be meaningless.
ERAS = (
    Era("明治", "M", 1868, datetime.date(1868, 1, 1)),
    Era("大正", "T", 1912, datetime.date(1912, 7, 30)),
    Era("昭和", "S", 1926, datetime.date(1926, 12, 25)),
    Era("平成", "H", 1989, datetime.date(1989, 1, 8)),
    Era("令和", "R", 2019, datetime.date(2019, 5, 1)),
)
_ERA_BY_TEXT = {
    text: era for era in ERAS for text in (era.name, era.letter, era.letter.lower())
}
_NEXT_ERA_BEGAN = {era: later.began for era, later in zip(ERAS, ERAS[1:])}


def _era_on(day: datetime.date, label: str) -> Era:
    """The era in force on ``day``; DateError before 明治."""
    for era in reversed(ERAS):
        if era.began <= day:
            return era
    raise DateError(f"{label!r}: no Japanese era was in force on {day}")


def _check_in_era(era: Era, first: datetime.date, last: datetime.date, label: str) -> None:
    """Raise DateError unless some day from ``first`` to ``last`` lies within ``era``."""
    if last < era.began:
        raise DateError(f"{label!r} is before {era.name} began on {era.began}")
    next_began = _NEXT_ERA_BEGAN.get(era)
    if next_began is not None and first >= next_began:
        raise DateError(f"{label!r} is after {era.name} ended on {next_began - datetime.timedelta(1)}")


def _western_year(era: Era, year: int, label: str) -> int:
    if year < 1:
        raise DateError(f"{label!r}: {era.name} has no year {year}")
    return era.first_year + year - 1


# --- numerals -------------------------------------------------------------------------

_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_ONE_TO_NINE = "[一二三四五六七八九]"
# At most four digits: enough for any year, and int() never meets a huge digit string.
_NUMERAL = (
    r"(?<![0-9〇一二三四五六七八九十百千])(?:"
    r"[0-9]{1,4}"
    r"|[〇一二三四五六七八九]{1,4}"  # digit by digit: 二〇二一
    rf"|(?=[一二三四五六七八九十百千])(?:{_ONE_TO_NINE}?千)?(?:{_ONE_TO_NINE}?百)?(?:{_ONE_TO_NINE}?十)?{_ONE_TO_NINE}?"
    r"|元)"
)
_NUMERAL_RE = re.compile(_NUMERAL)


def parse_numeral(text: str) -> int:
    """The value of one numeral as written in a date.

    Accepts ASCII or full-width digits (``3``, ``３``), kanji with units (``三``, ``十一``,
    ``二十九``, ``百二十``), kanji digit by digit (``〇``, ``一〇``, ``二〇二一``) and ``元`` (= 1),
    up to four digits. Raises DateError on anything else.
    """
    numeral = unicodedata.normalize("NFKC", text).strip()
    if not _NUMERAL_RE.fullmatch(numeral):
        raise DateError(f"{text!r} is not a numeral")
    if numeral == "元":
        return 1
    if numeral.isascii():
        return int(numeral)
    value = digits = 0
    for char in numeral:
        if char in _KANJI_UNITS:
            value += (digits or 1) * _KANJI_UNITS[char]  # a bare 十 is ten
            digits = 0
        else:
            digits = digits * 10 + _KANJI_DIGITS[char]
    return value + digits


# --- records --------------------------------------------------------------------------


@dataclass(frozen=True)
class JapaneseDate:
    """A calendar date, or a month (``day`` None), or a year (``month`` and ``day`` None).

    ``year`` is Western; ``label`` is the text as matched (NFKC-normalised, without
    surrounding brackets). Construction checks the calendar and raises DateError.
    """

    year: int
    month: int | None
    day: int | None
    label: str

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"{self.label!r}: year {self.year} is out of range")
        if self.month is None:
            if self.day is not None:
                raise DateError(f"{self.label!r}: a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise DateError(f"{self.label!r}: there is no month {self.month}")
        if self.day is not None and not 1 <= self.day <= _days_in_month(self.year, self.month):
            raise DateError(f"{self.label!r}: {self.year}-{self.month:02d} has no day {self.day}")

    @property
    def iso(self) -> str:
        """``2021-11-17``, ``2022-01`` without a day, ``2021`` for a year alone."""
        parts = [f"{self.year:04d}"] + [f"{part:02d}" for part in (self.month, self.day) if part is not None]
        return "-".join(parts)


@dataclass(frozen=True)
class FiscalYear:
    """A Japanese fiscal year (年度): 1 April of ``start_year`` to 31 March of the next year."""

    start_year: int
    label: str

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.start_year, 4, 1)

    @property
    def last_day(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 3, 31)

    def contains(self, d: JapaneseDate) -> bool:
        """Whether all of ``d`` lies within this fiscal year.

        A month counts when the whole month does; a year alone never does, since every
        calendar year straddles two fiscal years.
        """
        first, last = _span(d)
        return self.first_day <= first and last <= self.last_day


def _days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _span(d: JapaneseDate) -> tuple[datetime.date, datetime.date]:
    """The first and last day that ``d``, at its precision, covers."""
    if d.month is None:
        return datetime.date(d.year, 1, 1), datetime.date(d.year, 12, 31)
    if d.day is None:
        return datetime.date(d.year, d.month, 1), datetime.date(d.year, d.month, _days_in_month(d.year, d.month))
    day = datetime.date(d.year, d.month, d.day)
    return day, day


# --- patterns -------------------------------------------------------------------------

_ERA_NAMES = "|".join(era.name for era in ERAS)
_ERA_LETTERS = "".join(era.letter + era.letter.lower() for era in ERAS)
# The abbreviated and slash forms are made of ASCII letters and digits, so they must not
# be read out of a longer token such as a product code (BR3.1.16x).
_TOKEN_START = r"(?<![A-Za-z0-9])"
_TOKEN_END = r"(?![A-Za-z0-9]|[./][0-9])"

_KANJI_FORM = (
    rf"(?:(?P<era>{_ERA_NAMES}) *)?(?P<year>{_NUMERAL}) *年"
    rf"(?: *(?P<month>{_NUMERAL}) *月(?: *(?P<day>{_NUMERAL}) *日| *(?P<end>末日?))?)?"
)
_ABBREVIATED_FORM = (
    rf"{_TOKEN_START}(?P<letter>[{_ERA_LETTERS}])(?P<a_year>[0-9]{{1,2}}|元)(?P<sep>[./])"
    rf"(?P<a_month>[0-9]{{1,2}})(?:(?P=sep)(?P<a_day>[0-9]{{1,2}}))?{_TOKEN_END}"
)
_SLASH_FORM = rf"{_TOKEN_START}(?P<s_year>[12][0-9]{{3}})/(?P<s_month>[0-9]{{1,2}})/(?P<s_day>[0-9]{{1,2}}){_TOKEN_END}"

_DATE = re.compile(f"{_ABBREVIATED_FORM}|{_SLASH_FORM}|{_KANJI_FORM}")
_FISCAL_YEAR = re.compile(rf"(?:(?P<era>{_ERA_NAMES}) *)?(?P<year>{_NUMERAL}) *年度")

# Era years stay far below this and the Western years of reports far above it.
_FIRST_WESTERN_YEAR = 1000


# --- reading --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Written:
    """A date's parts as written, before its era is settled."""

    era: Era | None
    year: int  # the era's year, or a Western year when era is None and year >= 1000
    month: int | None
    day: int | None
    month_end: bool  # 末: the last day of the month
    label: str

    @property
    def needs_era(self) -> bool:
        return self.era is None and self.year < _FIRST_WESTERN_YEAR


def _first_group(match: re.Match[str], *names: str) -> str | None:
    return next((match[name] for name in names if match[name] is not None), None)


def _read(match: re.Match[str]) -> _Written:
    era = _first_group(match, "era", "letter")
    month = _first_group(match, "month", "a_month", "s_month")
    day = _first_group(match, "day", "a_day", "s_day")
    year = _first_group(match, "year", "a_year", "s_year")
    assert year is not None  # every date pattern has a year
    return _Written(
        era=_ERA_BY_TEXT[era] if era else None,
        year=parse_numeral(year),
        month=parse_numeral(month) if month else None,
        day=parse_numeral(day) if day else None,
        month_end=match["end"] is not None,
        label=match.group(),
    )


def _calendar_date(year: int, written: _Written) -> JapaneseDate:
    """``written`` in Western ``year``, with 末 turned into the month's last day."""
    date = JapaneseDate(year, written.month, written.day, written.label)
    if written.month_end and written.month is not None:  # 末 always follows a month
        return dataclasses.replace(date, day=_days_in_month(year, written.month))
    return date


def _in_era(era: Era, written: _Written) -> JapaneseDate:
    date = _calendar_date(_western_year(era, written.year, written.label), written)
    _check_in_era(era, *_span(date), written.label)
    return date


def _in_fiscal_years_era(written: _Written, fiscal_year: FiscalYear | None) -> JapaneseDate:
    """An era-less date, read in the era that puts it inside ``fiscal_year``.

    When no era does, the era in force on the fiscal year's last day is used, else the one
    on its first day: being outside the fiscal year is for the caller to report.
    """
    if fiscal_year is None:
        raise DateError(f"{written.label!r} has no era and there is no fiscal year to take one from")
    if written.month is None:
        raise DateError(f"{written.label!r} has neither an era nor a month")
    for era in ERAS:
        try:
            date = _in_era(era, written)
        except DateError:
            continue
        if fiscal_year.contains(date):
            return date
    try:
        return _in_era(_era_on(fiscal_year.last_day, written.label), written)
    except DateError:
        return _in_era(_era_on(fiscal_year.first_day, written.label), written)


def _resolve(written: _Written, fiscal_year: FiscalYear | None) -> JapaneseDate:
    if written.era is not None:
        return _in_era(written.era, written)
    if written.needs_era:
        return _in_fiscal_years_era(written, fiscal_year)
    return _calendar_date(written.year, written)


# --- public API -----------------------------------------------------------------------


def find_fiscal_year(text: str) -> FiscalYear | None:
    """The first fiscal year written in ``text`` (``令和3年度``, ``令和元年度``, ``2021年度``).

    Era-less ``3年度`` is skipped: nothing says which era it is in. None when there is none;
    DateError when the first one lies wholly outside its era (``平成32年度``).
    """
    for match in _FISCAL_YEAR.finditer(unicodedata.normalize("NFKC", text)):
        year = parse_numeral(match["year"])
        label = match.group()
        if match["era"] is None:
            if year < _FIRST_WESTERN_YEAR:
                continue
            return _fiscal_year(year, label)
        era = _ERA_BY_TEXT[match["era"]]
        fiscal_year = _fiscal_year(_western_year(era, year, label), label)
        _check_in_era(era, fiscal_year.first_day, fiscal_year.last_day, label)
        return fiscal_year
    return None


def _fiscal_year(start_year: int, label: str) -> FiscalYear:
    if not 1 <= start_year <= 9998:
        raise DateError(f"{label!r}: year {start_year} is out of range")
    return FiscalYear(start_year, label)


@lru_cache(maxsize=4096)  # a pure function; reports repeat the same labels (4年3月) often
def parse_date(text: str, fiscal_year: FiscalYear | None = None) -> JapaneseDate:
    """The date that the whole of ``text`` is; surrounding 【】 and spaces are ignored.

    An era-less date (``4年1月``) takes its era from ``fiscal_year``. Raises DateError when
    the text is not a date (a fiscal year ``令和3年度`` is not one) or the date is impossible.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if cleaned.startswith("【") and cleaned.endswith("】"):
        cleaned = cleaned[1:-1].strip()
    match = _DATE.fullmatch(cleaned)
    if match is None:
        what = "a fiscal year, not a date" if _FISCAL_YEAR.fullmatch(cleaned) else "not a date"
        raise DateError(f"{text!r} is {what}")
    return _resolve(_read(match), fiscal_year)


def find_dates(text: str, fiscal_year: FiscalYear | None = None) -> list[JapaneseDate]:
    """Every date written in ``text``, in order.

    Found: dates with an era, abbreviated and Western dates, and era-less ``N年M月`` only
    when ``fiscal_year`` is given. Not found: fiscal years and bare years (``令和3年度``,
    ``令和3年``), which are periods. Raises DateError on the first impossible date.
    """
    dates = []
    for match in _DATE.finditer(unicodedata.normalize("NFKC", text)):
        written = _read(match)
        if written.month is None:
            continue
        if written.needs_era and fiscal_year is None:
            continue
        dates.append(_resolve(written, fiscal_year))
    return dates
