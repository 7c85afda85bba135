"""Japanese dates, periods and fiscal years (年度) as printed in municipal reports.

The written forms of a date that are read:

* kanji form: ``令和3年11月17日``, ``令和三年十一月十七日``, ``令和 3 年 7 月 18 日``, ``R3年7月18日``,
  Western ``2021年4月1日``, and era-less ``4年1月``, whose era comes from the report's fiscal
  year; the day may be a word: ``末``, ``末日`` and ``晦日`` are the month's last day, ``朔日``
  its first (``令和4年3月末`` is 2022-03-31);
* abbreviated form: ``R3.1.16``, ``H30.4.1``, ``R3/1/16``, ``H27-5-1``, ``令和3.7.18``,
  ``令和3/7/18``, and a month alone ``R3.1`` (not with ``-``, which too many codes use);
* Western slash form: ``2021/4/1``;
* the end of a fiscal year: ``令和4年度末`` is 2023-03-31 (read by ``parse_date`` and in
  periods; ``find_dates`` leaves it, as it leaves fiscal years).

Any of them may be followed by the day of the week in brackets, ``令和3年7月18日(日)``
(also ``(日曜日)``, ``(月・祝)``); it is checked against the date. ``parse_date`` also reads
a date followed by ``現在`` or ``時点`` ("as of": ``令和4年度末時点``).

A fiscal year (``令和3年度``) runs from 1 April to 31 March and is a period, never a date.
Every date is checked against the calendar and against its era's first and last day;
nothing is guessed: an impossible or unresolvable date raises ``DateError``.

The API:

* ``parse_date(text, fiscal_year)``: the date that the whole text is;
  ``find_dates(text, fiscal_year)``: every date in a text;
  ``JapaneseDate``, ``FiscalYear``, ``Period``: what they return;
* ``find_fiscal_year(text)``: the first fiscal year with an era (or Western) in a text;
  ``fiscal_year_in(text, era)``: the same, era-less ones (``19年度``) included, their era
  given or else named by the text's other dates;
* ``find_period(text, fiscal_year)``: the first period ``令和4年4月1日~令和5年3月31日`` (also
  ``〜``, ``から``…``まで``, ``より``; an era-less end year is read in the first era that does
  not put the end before the start); ``period_fiscal_year(text, fiscal_year)``: the fiscal
  year that period is exactly, if it is one;
* ``named_fiscal_year(start_year)``: a fiscal year with its usual name (``令和元年度``);
  ``Period.fiscal_years``: the fiscal years a period has days in;
* ``relative_fiscal_year(label, fiscal_year)``: the fiscal year ``前年度``, ``本年度``,
  ``翌年度``… names in a report of ``fiscal_year``; ``relative_label(label, fiscal_year)``:
  the label with every fiscal year in it written as its relation to ``fiscal_year``
  (``令和3年度末の登録数`` in a 令和4年度 report is ``前年度末の登録数``), so that labels of
  reports of different years compare equal.

``fiscal_year`` is the report's fiscal year wherever it appears: the context that era-less
dates and relative words are read in.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import re
import unicodedata
from collections.abc import Iterable
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
        if self.month is None:  # then there is no day either (__post_init__)
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


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


@dataclass(frozen=True)
class Period:
    """A span of days printed as its first and last date; ``label`` is the whole text."""

    first: JapaneseDate
    last: JapaneseDate
    label: str

    @property
    def first_day(self) -> datetime.date:
        return _span(self.first)[0]

    @property
    def last_day(self) -> datetime.date:
        return _span(self.last)[1]

    @property
    def fiscal_years(self) -> tuple[FiscalYear, ...]:
        """Every fiscal year the period has a day in, named as in ``named_fiscal_year``."""
        years = range(_fiscal_start_year(self.first_day), _fiscal_start_year(self.last_day) + 1)
        return tuple(named_fiscal_year(year) for year in years)


def _fiscal_start_year(day: datetime.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def named_fiscal_year(start_year: int) -> FiscalYear:
    """The fiscal year beginning in April of ``start_year``, labelled in the latest era that
    had begun by its end (``令和元年度``, not ``平成31年度``; ``昭和63年度``)."""
    fiscal_year = _fiscal_year(start_year, str(start_year))
    era = next((era for era in reversed(ERAS) if era.first_year <= start_year), None)
    if era is None:
        return dataclasses.replace(fiscal_year, label=f"{start_year}年度")
    year = start_year - era.first_year + 1
    return dataclasses.replace(fiscal_year, label=f"{era.name}{'元' if year == 1 else year}年度")


# --- recognisers ----------------------------------------------------------------------

FIRST_DAY_WORDS = ("朔日",)
LAST_DAY_WORDS = ("末日", "晦日", "末")
WEEKDAYS = "月火水木金土日"  # in the order of datetime.date.weekday()
AS_OF_WORDS = ("現在", "時点")
PERIOD_SEPARATORS = ("~", "〜", "から", "より")  # NFKC has made ～ into ~
PERIOD_ENDS = ("まで",)
# Words for a fiscal year relative to the report's own, and how many years from it.
RELATIVE_FISCAL_YEARS = {
    "一昨年度": -2, "前々年度": -2, "前前年度": -2,
    "前年度": -1, "昨年度": -1,
    "本年度": 0, "当年度": 0, "今年度": 0,
    "翌年度": 1, "次年度": 1, "来年度": 1,
    "翌々年度": 2, "再来年度": 2,
}
# The word ``relative_label`` writes for each distance; other distances are N年度前 / N年度後.
RELATIVE_WORDS = {-2: "前々年度", -1: "前年度", 0: "当年度", 1: "翌年度"}


def _one_of(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that 末日 is not read as 末."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# --- patterns -------------------------------------------------------------------------

_ERA_NAMES = "|".join(era.name for era in ERAS)
_ERA_LETTERS = "".join(era.letter + era.letter.lower() for era in ERAS)
# The abbreviated and slash forms are made of ASCII letters and digits, so they must not
# be read out of a longer token such as a product code (BR3.1.16x).
_TOKEN_START = r"(?<![A-Za-z0-9])"
_TOKEN_END = r"(?![A-Za-z0-9]|[./-][0-9])"


def _era_prefix(tag: str) -> str:
    """An optional era before a year: its name, or its letter when a token starts there and
    an era year follows (R3年; not H2021年)."""
    return (
        rf"(?:(?P<era_{tag}>{_ERA_NAMES}) *"
        rf"|{_TOKEN_START}(?P<letter_{tag}>[{_ERA_LETTERS}])(?=(?:[0-9]{{1,2}}|元)(?![0-9])))?"
    )


def _gloss(tag: str) -> str:
    """The same year in the other calendar, in brackets after the year: 令和4(2022)年度,
    2022(令和4)年度."""
    return rf"(?: *\((?P<gloss_{tag}>[12][0-9]{{3}}|(?:{_ERA_NAMES}) *(?:[0-9]{{1,2}}|元))\))?"


_KANJI_FORM = (
    # 令和3年(2021年)4月13日: the Western year glossed after the era year, as press releases do
    rf"{_era_prefix('k')}(?P<year_k>{_NUMERAL}){_gloss('k')} *年(?: *\((?P<gloss_k2>[12][0-9]{{3}}) *年\))?"
    rf"(?: *(?P<month_k>{_NUMERAL}) *月"
    rf"(?: *(?P<day_k>{_NUMERAL}) *日| *(?P<dayword>{_one_of(FIRST_DAY_WORDS + LAST_DAY_WORDS)}))?)?"
)
# A dash separates only a full date: H27-5 is more often a code than a month.
_ABBREVIATED_FORM = (
    rf"{_TOKEN_START}(?:(?P<era_a>{_ERA_NAMES}) *|(?P<letter_a>[{_ERA_LETTERS}]))"
    rf"(?P<year_a>[0-9]{{1,2}}|元)(?P<sep>[./]|-(?=[0-9]{{1,2}}-))"
    rf"(?P<month_a>[0-9]{{1,2}})(?:(?P=sep)(?P<day_a>[0-9]{{1,2}}))?{_TOKEN_END}"
)
_SLASH_FORM = rf"{_TOKEN_START}(?P<year_s>[12][0-9]{{3}})/(?P<month_s>[0-9]{{1,2}})/(?P<day_s>[0-9]{{1,2}}){_TOKEN_END}"
_FISCAL_YEAR_FORM = rf"{_era_prefix('f')}(?P<year_f>{_NUMERAL}){_gloss('f')} *年度"
_FISCAL_YEAR_END_FORM = rf"{_FISCAL_YEAR_FORM} *(?P<yearend>末日?)"
_WEEKDAY = rf"(?: *\((?:(?P<weekday>[{WEEKDAYS}])(?:曜日?)?(?:・?祝日?)?|祝日?)\))?"  # (日) (月・祝) (祝)

# What a date or fiscal year starts with: an era's name or letter, or a numeral. Tested
# first, it lets a search pass over every other character at once (4x faster, same matches).
_STARTS = (rf"(?=[{''.join(era.name[0] for era in ERAS)}{_ERA_LETTERS}"
           r"0-9〇一二三四五六七八九十百千元])")
# The fiscal year end comes before the kanji form, which would read 令和4年度末 as 令和4年.
_DATE = re.compile(
    f"{_STARTS}(?:{_ABBREVIATED_FORM}|{_SLASH_FORM}|{_FISCAL_YEAR_END_FORM}|{_KANJI_FORM}){_WEEKDAY}")
_FISCAL_YEAR = re.compile(_STARTS + _FISCAL_YEAR_FORM)
_AS_OF = re.compile(rf" *(?:{_one_of(AS_OF_WORDS)})$")
_PERIOD_SEPARATOR = re.compile(rf"\)? *(?:{_one_of(PERIOD_SEPARATORS)}) *")  # 施行日(平成12年10月1日)から
_PERIOD_END = re.compile(rf"(?: *(?:{_one_of(PERIOD_ENDS)}))?")
_RELATIVE_FISCAL_YEAR = re.compile(
    rf"(?P<relative>{_one_of(RELATIVE_FISCAL_YEARS)})"
    r"|(?P<distance>[0-9]{1,3})年度(?P<direction>前|後)(?![半期])"  # not 3年度前半
)
_FISCAL_YEAR_REFERENCE = re.compile(f"{_RELATIVE_FISCAL_YEAR.pattern}|{_FISCAL_YEAR_FORM}")

# Era years stay far below this and the Western years of reports far above it.
_FIRST_WESTERN_YEAR = 1000


# --- reading --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Written:
    """A date's (or fiscal year's) parts as written, before its era is settled."""

    era: Era | None
    year: int  # the era's year, or a Western year when era is None and year >= 1000
    month: int | None
    day: int | None
    day_word: str | None  # 末, 朔日 ...: a day named, not numbered
    fiscal_year_end: bool  # 年度末: 31 March after the fiscal year ``year``
    weekday: str | None
    label: str

    @property
    def needs_era(self) -> bool:
        return self.era is None and self.year < _FIRST_WESTERN_YEAR

    @property
    def is_date(self) -> bool:
        """Whether a day or month is written: a year alone is a period."""
        return self.month is not None or self.fiscal_year_end


def _parts(pattern: re.Pattern[str]) -> dict[str, tuple[int, ...]]:
    """The group numbers of ``pattern`` by part: ``year`` is year_k, year_a, year_s, year_f."""
    parts: dict[str, tuple[int, ...]] = {}
    for group, number in pattern.groupindex.items():
        name = group.partition("_")[0]
        parts[name] = parts.get(name, ()) + (number,)
    return parts


# Looked up by identity: hashing a pattern hashes its long source every time.
_PARTS = tuple((pattern, _parts(pattern)) for pattern in (_DATE, _FISCAL_YEAR, _FISCAL_YEAR_REFERENCE))


def _read(match: re.Match[str]) -> _Written:
    """The parts of a match of ``_DATE``, ``_FISCAL_YEAR`` or ``_FISCAL_YEAR_REFERENCE``."""
    groups = (None,) + match.groups()
    numbers = next(parts for pattern, parts in _PARTS if pattern is match.re)

    def part(name: str) -> str | None:
        for number in numbers.get(name, ()):  # a loop, not next(genexpr): half the time
            if groups[number] is not None:
                return groups[number]
        return None

    era, month, day, year = part("era") or part("letter"), part("month"), part("day"), part("year")
    assert year is not None  # every pattern has a year
    era_named, year_number = _with_gloss(_ERA_BY_TEXT[era] if era else None, parse_numeral(year),
                                         part("gloss"), match.group())
    return _Written(
        era=era_named,
        year=year_number,
        month=parse_numeral(month) if month else None,
        day=parse_numeral(day) if day else None,
        day_word=part("dayword"),
        fiscal_year_end=part("yearend") is not None,
        weekday=part("weekday"),
        label=match.group(),
    )


def _with_gloss(era: Era | None, year: int, gloss: str | None, label: str) -> tuple[Era | None, int]:
    """The (era, year) written, settled by the year in the other calendar beside it when the
    era is not written (4(2022)年度); DateError when the two name different years."""
    if gloss is None:
        return era, year
    glossed = re.fullmatch(rf"(?P<era>{_ERA_NAMES}) *(?P<year>[0-9]{{1,2}}|元)", gloss)
    glossed_year = (_western_year(_ERA_BY_TEXT[glossed["era"]], parse_numeral(glossed["year"]), label)
                    if glossed else int(gloss))
    if era is None and year < _FIRST_WESTERN_YEAR:
        return None, glossed_year
    written_year = _western_year(era, year, label) if era else year
    if written_year != glossed_year:
        raise DateError(f"{label!r} names two different years: {written_year} and {glossed_year}")
    return era, year


def _calendar_date(year: int, written: _Written) -> JapaneseDate:
    """``written`` in Western ``year``, with a day word turned into its day."""
    if written.fiscal_year_end:
        return JapaneseDate(year + 1, 3, 31, written.label)
    date = JapaneseDate(year, written.month, written.day, written.label)
    if written.day_word in FIRST_DAY_WORDS:
        return dataclasses.replace(date, day=1)
    if written.day_word in LAST_DAY_WORDS and written.month is not None:
        return dataclasses.replace(date, day=_days_in_month(year, written.month))
    return date


def _in_era(era: Era, written: _Written) -> JapaneseDate:
    year = _western_year(era, written.year, written.label)
    date = _calendar_date(year, written)
    first, last = _span(date)
    if written.fiscal_year_end:  # like the fiscal year itself, it need only begin in the era
        first = datetime.date(year, 4, 1)
    _check_in_era(era, first, last, written.label)
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


def _era_fiscal_year(era: Era | None, year: int, label: str) -> FiscalYear:
    """Fiscal year ``year`` of ``era`` (Western when None); DateError when it lies wholly
    outside the era (``平成32年度``)."""
    if era is None:
        return _fiscal_year(year, label)
    fiscal_year = _fiscal_year(_western_year(era, year, label), label)
    _check_in_era(era, fiscal_year.first_day, fiscal_year.last_day, label)
    return fiscal_year


def _fiscal_year(start_year: int, label: str) -> FiscalYear:
    if not 1 <= start_year <= 9998:
        raise DateError(f"{label!r}: year {start_year} is out of range")
    return FiscalYear(start_year, label)


def _readings(year: int, label: str, eras: Iterable[Era]) -> list[FiscalYear]:
    """Era-less fiscal year ``year`` in each of ``eras`` that has it."""
    readings = []
    for era in eras:
        try:
            readings.append(_era_fiscal_year(era, year, label))
        except DateError:
            continue
    return readings


def _nearest_fiscal_year(written: _Written, fiscal_year: FiscalYear) -> FiscalYear:
    """Era-less ``written`` (``30年度``) in a report of ``fiscal_year``: of the eras begun by
    the report's end, the one that puts it nearest the report (平成30年度 in 令和4年度)."""
    eras = [era for era in ERAS if era.began <= fiscal_year.last_day]
    readings = sorted(_readings(written.year, written.label, eras), key=lambda fy: abs(fy.start_year - fiscal_year.start_year))
    if not readings:
        raise DateError(f"{written.label!r} is in no era of a report of {fiscal_year.label}")
    distances = [abs(fy.start_year - fiscal_year.start_year) for fy in readings[:2]]
    if len(distances) == 2 and distances[0] == distances[1]:
        raise DateError(
            f"{written.label!r} has no era and is as near {fiscal_year.label} read as "
            f"{readings[0].start_year} as read as {readings[1].start_year}"
        )
    return readings[0]


def _check_weekday(date: JapaneseDate, written: _Written) -> None:
    if written.weekday is None:
        return
    if date.day is None or date.month is None:
        raise DateError(f"{written.label!r}: a day of the week is printed for a date without a day")
    actual = WEEKDAYS[datetime.date(date.year, date.month, date.day).weekday()]
    if actual != written.weekday:
        raise DateError(f"{written.label!r}: {date.iso} is a {actual}曜日, not a {written.weekday}曜日 as printed")


def _resolve(written: _Written, fiscal_year: FiscalYear | None) -> JapaneseDate:
    if written.era is not None:
        date = _in_era(written.era, written)
    elif not written.needs_era:
        date = _calendar_date(written.year, written)
    elif written.fiscal_year_end and fiscal_year is not None:
        date = _calendar_date(_nearest_fiscal_year(written, fiscal_year).start_year, written)
    else:
        date = _in_fiscal_years_era(written, fiscal_year)
    _check_weekday(date, written)
    return date


def _period_end(written: _Written, first: JapaneseDate, fiscal_year: FiscalYear | None) -> JapaneseDate:
    """The last date of a period; an era-less one in the first era that does not put it
    before ``first`` (令和4年4月1日~5年3月31日, 平成31年4月1日~2年3月31日)."""
    if not written.needs_era:
        return _resolve(written, fiscal_year)
    for era in ERAS:
        try:
            date = _in_era(era, written)
        except DateError:
            continue
        if _span(date)[1] >= _span(first)[0]:
            _check_weekday(date, written)
            return date
    raise DateError(f"{written.label!r} is in no era that puts it after {first.label!r}")


def _normalized(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _eras_named(text: str) -> list[Era]:
    """The eras that dates and fiscal years in ``text`` name, in order of time."""
    named = {_read(match).era for pattern in (_DATE, _FISCAL_YEAR) for match in pattern.finditer(text)}
    return [era for era in ERAS if era in named]


def _era_given(era: str) -> Era:
    try:
        return _ERA_BY_TEXT[_normalized(era).strip()]
    except KeyError:
        raise DateError(f"{era!r} is not an era; one of {', '.join(e.name for e in ERAS)} or its letter") from None


def _offset(match: re.Match[str]) -> int:
    """How many fiscal years from the report's a match of ``_RELATIVE_FISCAL_YEAR`` names."""
    if match["relative"] is not None:
        return RELATIVE_FISCAL_YEARS[match["relative"]]
    distance = int(match["distance"])
    return -distance if match["direction"] == "前" else distance


def _relative_word(offset: int) -> str:
    if offset in RELATIVE_WORDS:
        return RELATIVE_WORDS[offset]
    return f"{abs(offset)}年度{'前' if offset < 0 else '後'}"


# --- public API -----------------------------------------------------------------------


@lru_cache(maxsize=4096)  # a pure function; table labels and headings repeat in a report
def find_fiscal_year(text: str) -> FiscalYear | None:
    """The first fiscal year written in ``text`` (``令和3年度``, ``令和元年度``, ``R3年度``, ``2021年度``).

    Era-less ``3年度`` is skipped: nothing says which era it is in. None when there is none;
    DateError when the first one lies wholly outside its era (``平成32年度``).
    """
    for match in _FISCAL_YEAR.finditer(_normalized(text)):
        written = _read(match)
        if not written.needs_era:
            return _era_fiscal_year(written.era, written.year, written.label)
    return None


def fiscal_year_in(text: str, era: str | None = None) -> FiscalYear | None:
    """The first fiscal year written in ``text``, era-less ones (``19年度``) included.

    An era-less one is read in ``era`` (``平成`` or ``H``) when given, else in the one era
    that the other dates and fiscal years of ``text`` name and that has such a year; it
    keeps its printed label. None when there is no fiscal year; DateError when the era is
    unknown, or is not one (none named, or several that have such a year).
    """
    text = _normalized(text)
    match = _FISCAL_YEAR.search(text)
    if match is None:
        return None
    written = _read(match)
    if not written.needs_era:
        return _era_fiscal_year(written.era, written.year, written.label)
    eras = [_era_given(era)] if era is not None else _eras_named(text)
    readings = _readings(written.year, written.label, eras)
    if len(readings) != 1:
        named = ", ".join(e.name for e in eras) or "none"
        raise DateError(
            f"{written.label!r} has no era and the text does not settle one (eras named: {named}); pass era="
        )
    return readings[0]


@lru_cache(maxsize=4096)  # a pure function; reports repeat the same labels (4年3月) often
def parse_date(text: str, fiscal_year: FiscalYear | None = None) -> JapaneseDate:
    """The date that the whole of ``text`` is; surrounding 【】, spaces and a trailing
    ``現在`` or ``時点`` are ignored.

    An era-less date (``4年1月``) takes its era from ``fiscal_year``. Raises DateError when
    the text is not a date (a fiscal year ``令和3年度`` is not one) or the date is impossible.
    """
    cleaned = _AS_OF.sub("", _normalized(text).strip())
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
    ``令和3年``), which are periods, and fiscal year ends (``令和3年度末``), which ``parse_date``
    reads: in running text and headings they qualify a fiscal year's figure
    (``令和3年度末の登録数``), and callers take a text where dates are found for a date.
    Raises DateError on the first impossible date.
    """
    return list(_dates_in(text, fiscal_year))


@lru_cache(maxsize=4096)  # a pure function; a report repeats its dates (…3月末現在 in each section)
def _dates_in(text: str, fiscal_year: FiscalYear | None) -> tuple[JapaneseDate, ...]:
    dates = []
    for match in _DATE.finditer(_normalized(text)):
        written = _read(match)
        if not written.is_date or written.fiscal_year_end or (written.needs_era and fiscal_year is None):
            continue
        dates.append(_resolve(written, fiscal_year))
    return tuple(dates)


def find_period(text: str, fiscal_year: FiscalYear | None = None) -> Period | None:
    """The first period written in ``text`` as two dates (``令和4年4月1日~令和5年3月31日``,
    ``平成12年10月1日から平成13年3月末まで``); None when there is none.

    Era-less dates are read as in ``find_dates``, but an era-less last date takes the first
    era that does not put it before the first. DateError when a date is impossible or the
    period ends before it begins.
    """
    text = _normalized(text)
    for match in _DATE.finditer(text):
        period = _period_from(text, match, fiscal_year)
        if period is not None:
            return period
    return None


def _period_from(text: str, first: re.Match[str], fiscal_year: FiscalYear | None) -> Period | None:
    """The period whose first date is ``first``, if a separator and a last date follow it."""
    separator = _PERIOD_SEPARATOR.match(text, first.end())
    last = _DATE.match(text, separator.end()) if separator else None
    end = _PERIOD_END.match(text, last.end()) if last else None
    if not (separator and last and end):
        return None
    first_written, last_written = _read(first), _read(last)
    if not (first_written.is_date and last_written.is_date):
        return None
    if first_written.needs_era and fiscal_year is None:
        return None
    start = first.start()
    if separator.group().startswith(")") and text[start - 1:start] == "(":
        start -= 1  # the label keeps both brackets of 施行日(平成12年10月1日)から
    first_date = _resolve(first_written, fiscal_year)
    period = Period(first_date, _period_end(last_written, first_date, fiscal_year),
                    text[start:end.end()])
    if period.last_day < period.first_day:
        raise DateError(f"{period.label!r} ends on {period.last_day}, before it begins on {period.first_day}")
    return period


def period_fiscal_year(text: str, fiscal_year: FiscalYear | None = None) -> FiscalYear | None:
    """The fiscal year that the first period in ``text`` is, when it is exactly one: 1 April
    to 31 March of the next year (``平成26年4月1日~平成27年3月31日`` is 平成26年度). None when
    there is no period or it is not a whole fiscal year; ``find_period(text).fiscal_years``
    gives the fiscal years any period touches.
    """
    period = find_period(text, fiscal_year)
    if period is None:
        return None
    years = period.fiscal_years
    if len(years) == 1 and (period.first_day, period.last_day) == (years[0].first_day, years[0].last_day):
        return years[0]
    return None


def relative_fiscal_year(label: str, fiscal_year: FiscalYear) -> FiscalYear | None:
    """The fiscal year that the first relative word in ``label`` names, in a report of
    ``fiscal_year``: ``前年度`` and ``昨年度`` the one before, ``本年度``, ``当年度`` and
    ``今年度`` the same, ``翌年度`` the next, ``前々年度`` two before, ``3年度前`` three before
    (see ``RELATIVE_FISCAL_YEARS``). Labelled as ``named_fiscal_year`` does; None when
    ``label`` has no such word.
    """
    match = _RELATIVE_FISCAL_YEAR.search(_normalized(label))
    if match is None:
        return None
    return named_fiscal_year(fiscal_year.start_year + _offset(match))


def relative_label(label: str, fiscal_year: FiscalYear) -> str:
    """``label`` (NFKC-normalised) with every fiscal year in it written as its relation to
    ``fiscal_year``: ``当年度``, ``前年度``, ``前々年度``, ``翌年度``, else ``N年度前`` or
    ``N年度後``.

    Explicit fiscal years (``令和3年度``, ``2021年度``) and relative words (``昨年度``) are
    rewritten; an era-less one (``30年度``) is read in the era, among those begun by the end of
    ``fiscal_year``, that puts it nearest to it. ``令和3年度末の登録数(A)`` in a 令和4年度 report
    and ``平成29年度末の登録数(A)`` in a 平成30年度 report are both ``前年度末の登録数(A)``.
    """

    def relation(match: re.Match[str]) -> str:
        if match["relative"] is not None or match["distance"] is not None:
            return _relative_word(_offset(match))
        written = _read(match)
        if written.needs_era:
            named = _nearest_fiscal_year(written, fiscal_year)
        else:
            named = _era_fiscal_year(written.era, written.year, written.label)
        return _relative_word(named.start_year - fiscal_year.start_year)

    return _FISCAL_YEAR_REFERENCE.sub(relation, _normalized(label))
