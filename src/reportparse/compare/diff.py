"""Year-over-year comparison as data: figures keyed by meaning, changes, trend.

Every report becomes a set of *figures*, each under a ``Key`` that means the same thing in
every year, whatever the numbering or typesetting:

* ``table``: table title, row group, row label, column (under its spanning headings), unit
  (never the table number); a fiscal year in a label is said relative to the value's year
  (``令和3年度末の登録数`` of a 令和4年度 value is ``前年度末の登録数``);
* ``metric``: section title, metric (with its kind, when not a count), unit (never the
  section number);
* a value's year is its own where a table covers several fiscal years (rows 令和2年度,
  令和3年度 …): such a report gives figures to each of those years;
* ``incidents_by_category`` / ``_by_actor`` / ``_by_department``: how many incidents
  (an empty actor is the office itself, ``区(直接)``; two departments count once each);
* ``affected_total``: affected people (``名``) and items (``件``), summed apart;
* ``cause_term``: in how many incidents a content word of the cause occurs, for the ten
  most frequent over all years.

Absent or zero, one rule: a figure *printed* in a report (a table cell, a key figure) is
absent in a year whose report does not print it; a figure *counted* from the incident list
(the last four kinds) is 0 in a year whose report has an incident list without it, and
absent only in a year without an incident list. The CSVs, the charts and the summary all
show what this gives.

Every label goes through ``normalize.compact_label``, so ``合 計`` equals ``合計`` and
full-width equals half-width. Numbers are compared as exact decimals; a cell that is not a
number (a department, a date: its ISO form) is compared as text and only says whether it
changed. Consecutive fiscal years are compared pairwise: a figure present in both years is
``changed`` or ``unchanged``, one only in the later year ``added``, only in the earlier
``removed``.

A figure read from a part of a report that failed a check (``checks.csv``) is *flagged* for
that year: every figure of a table whose check failed; the incident figures of the
category a failed check names (else all incident figures); every figure of a report with
a failed check on the whole document (``damaged``, ``fiscal_year_readable``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from ..values.dates import DateError, named_fiscal_year, relative_label
from ..values.normalize import compact_label
from .load import CompareError, Loaded, load, one_per_year

KINDS = (
    "table", "metric", "incidents_by_category", "incidents_by_actor",
    "incidents_by_department", "affected_total", "cause_term",
)
KEY_COLUMNS = ("kind", "title", "group", "label", "column", "unit")
COUNTED = KINDS[2:]  # figures counted from the incident list: 0 when none match
OFFICE_ITSELF = "区(直接)"  # an incident with no contractor named was handled by the ward
TOP_CAUSE_TERMS = 10
_CONTENT_POS = ("名詞", "動詞", "形容詞")
# Not content words although tagged noun/verb: numerals, 非自立(可能) (ある, いる), suffixes,
# and adverbial nouns (ため, 際), which end nearly every cause ("…不十分であったため").
_NOT_CONTENT = ("数詞", "非自立", "接尾", "副詞可能")

Value = Decimal | str  # a number exactly as written, or a text cell


@dataclass(frozen=True)
class Key:
    kind: str
    title: str = ""
    group: str = ""
    label: str = ""
    column: str = ""
    unit: str = ""

    def order(self) -> tuple:
        return (KINDS.index(self.kind), self.title, self.group, self.label, self.column,
                self.unit)

    def cells(self) -> tuple[str, ...]:
        return (self.kind, self.title, self.group, self.label, self.column, self.unit)


@dataclass(frozen=True)
class Change:
    """One row of changes.csv: a figure in two consecutive fiscal years."""

    key: Key
    from_year: int
    to_year: int
    from_value: Value | None  # None: not in the earlier report
    to_value: Value | None
    delta: Decimal | None  # to - from, when both are numbers
    pct_change: Decimal | None  # delta in % of |from|, 1 decimal; None when from is 0 or absent
    status: str  # changed, unchanged, added or removed


@dataclass(frozen=True)
class TrendRow:
    """One row of trend.csv: a figure across every fiscal year (None where it is absent)."""

    key: Key
    values: tuple[Value | None, ...]


@dataclass(frozen=True)
class Comparison:
    municipality: str
    years: tuple[int, ...]  # fiscal years, ascending
    labels: tuple[str, ...]  # as printed, one per year (令和3年度)
    sources: tuple[str, ...]  # the input of each year
    failed_checks: tuple[int, ...]  # failed checks of each year's report
    repeats: int  # inputs left out as the same content as another
    changes: tuple[Change, ...]
    trend: tuple[TrendRow, ...]
    flagged: frozenset[tuple[Key, int]]  # (figure, year) read where a check failed
    summary: tuple[str, ...] = ()  # lines for a person (``render.summary``)
    reports: tuple[Loaded, ...] = ()  # in fiscal-year order: where report.html links to

    def is_flagged(self, key: Key, *years: int) -> bool:
        return any((key, year) in self.flagged for year in years)


# --- figures ----------------------------------------------------------------------------


YearFigures = dict[int, dict[Key, Value]]  # fiscal year -> figures of that year


def _figures(report: Loaded, cause_terms: Sequence[str]) -> YearFigures:
    """Every figure of one report under its year-independent key, by the fiscal year each
    belongs to: the report's, or a row's or column's in a table over several years."""
    found = [*_table_figures(report.tables), *_metric_figures(report.metrics),
             *((None, key, value) for key, value in _incident_figures(report.incidents))]
    if report.incidents:
        terms = _cause_terms(report.tokens)
        found += [(None, Key("cause_term", label=term, column="count"), Decimal(terms[term]))
                  for term in cause_terms]
    result: YearFigures = defaultdict(dict)
    for year, key, value in found:
        figures = result[year or report.year]
        repeat = 1
        while key in figures:  # printed twice in one report (two tables of one title): keep both
            repeat += 1
            key = Key(key.kind, key.title, key.group, f"{key.label} #{repeat}", key.column,
                      key.unit)
        figures[key] = value
    result.setdefault(report.year, {})
    return dict(result)


def _relative(text: str, year: int | None) -> str:
    """A label with its fiscal years said relative to ``year`` (``令和3年度末の登録数`` of a
    令和4年度 value is ``前年度末の登録数``), so the same wording lines up across years."""
    if year is not None:
        try:
            text = relative_label(text, named_fiscal_year(year))
        except DateError:
            pass
    return compact_label(text)


def _year(row: dict[str, str]) -> int | None:
    return int(row["fiscal_year"]) if row.get("fiscal_year") else None


def _column(cell: dict[str, str]) -> str:
    """The column under its spanning headings: ``令和4年度内の登録 / 新規(B)``."""
    return " / ".join(part for part in (cell.get("column_group", ""), cell["column"]) if part)


def _table_figures(cells: Iterable[dict[str, str]]) -> Iterable[tuple[int | None, Key, Value]]:
    for cell in cells:
        year = _year(cell)
        key = Key("table", _relative(cell["table_title"], year),
                  _relative(cell["row_group"], year), _relative(cell["row_label"], year),
                  _relative(_column(cell), year), compact_label(cell["unit"]))
        if cell["value_num"]:
            yield year, key, Decimal(cell["value_num"])
        else:  # a date compares by the day it means, however it was printed
            yield year, key, cell["value_date"] or cell["value"]


def _metric_figures(metrics: Iterable[dict[str, str]]) -> Iterable[tuple[int | None, Key, Value]]:
    for metric in metrics:
        year = _year(metric)
        kind = metric.get("kind", "count")
        label = _relative(metric["metric"], year) + ("" if kind == "count" else f" ({kind})")
        key = Key("metric", _relative(metric["section_title"], year), label=label,
                  unit=compact_label(metric["unit"]))
        yield year, key, Decimal(metric["value"])


def _incident_figures(incidents: Sequence[dict[str, str]]) -> Iterable[tuple[Key, Value]]:
    counts = {
        "incidents_by_category": Counter(compact_label(i["category"]) for i in incidents),
        "incidents_by_actor": Counter(compact_label(i["actor"]) or OFFICE_ITSELF
                                      for i in incidents),
        "incidents_by_department": Counter(
            name for i in incidents
            for name in dict.fromkeys(compact_label(d) for d in i["departments"].split(";") if d)),
    }
    for kind, counter in counts.items():
        for label, count in counter.items():
            yield Key(kind, label=label, column="count"), Decimal(count)
    affected: dict[str, Decimal] = defaultdict(Decimal)
    for incident in incidents:
        if incident["affected_count"]:
            affected[incident["affected_unit"]] += Decimal(incident["affected_count"])
    for unit, total in affected.items():
        yield Key("affected_total", label=unit, column="affected", unit=unit), total


def _is_cause_word(token: dict[str, str]) -> bool:
    lemma = token["lemma"]
    return (token["field"] == "cause" and token["pos"] in _CONTENT_POS
            and not any(part in token["pos_detail"] for part in _NOT_CONTENT)
            and not (len(lemma) == 1 and "\u3040" <= lemma <= "\u30ff"))  # lone kana


def _cause_terms(tokens: Iterable[dict[str, str]]) -> Counter[str]:
    """In how many incidents each content word of the cause occurs (同上 counts again)."""
    once = {(t["incident_no"], compact_label(t["lemma"])) for t in tokens if _is_cause_word(t)}
    return Counter(lemma for _, lemma in once)


def _top_terms(reports: list[Loaded]) -> list[str]:
    total: Counter[str] = sum((_cause_terms(r.tokens) for r in reports), Counter())
    ranked = sorted(total.items(), key=lambda item: (-item[1], item[0]))
    return [term for term, _ in ranked[:TOP_CAUSE_TERMS]]


def _flagged(report: Loaded, figures: dict[Key, Value]) -> set[Key]:
    """The figures of ``report`` read from a part that failed a check."""
    titles = {cell["table_no"]: compact_label(cell["table_title"]) for cell in report.tables}
    flagged: set[Key] = set()
    for check in report.checks:
        if check["status"] != "failed":
            continue
        if not check["table_no"]:  # the whole document
            return set(figures)
        if check["table_no"] in titles:
            flagged |= {k for k in figures
                        if k.kind == "table" and k.title == titles[check["table_no"]]}
            continue
        where = compact_label(check["location"])
        named = {k for k in figures if k.kind == "incidents_by_category" and k.label in where}
        flagged |= named or {k for k in figures if k.kind in COUNTED}
    return flagged


def _zero_filled(by_year: dict[int, dict[Key, Value]], listed: dict[int, bool]) -> None:
    """Counted figures become 0 in each year that has an incident list without them."""
    counted = {key for found in by_year.values() for key in found if key.kind in COUNTED}
    for year, found in by_year.items():
        if listed[year]:
            for key in counted - found.keys():
                found[key] = Decimal(0)


# --- comparing --------------------------------------------------------------------------


def _by_year(reports: list[Loaded], figures: dict[int, YearFigures]) -> YearFigures:
    """One set of figures per fiscal year: a report's own year from that report; years its
    tables cover (rows 令和2年度, 令和3年度 …) from them, where no report of that year says
    otherwise (the latest report's figure where several do)."""
    by_year: YearFigures = {report.year: dict(figures[report.year][report.year])
                            for report in reports}
    own = set(by_year)
    for report in reports:  # in year order: a later report's figure for a past year wins
        for year, found in figures[report.year].items():
            if year in own:
                for key, value in found.items():
                    by_year[year].setdefault(key, value)
            else:
                by_year.setdefault(year, {}).update(found)
    return dict(sorted(by_year.items()))


def _source_of_year(year: int, reports: list[Loaded], figures: dict[int, YearFigures]) -> Loaded:
    """The report a year's figures come from: its own, else the latest that covers it."""
    own = [report for report in reports if report.year == year]
    return own[0] if own else [r for r in reports if year in figures[r.year]][-1]


def compare(inputs: Sequence[str | Path]) -> Comparison:
    """Compare the reports of ``inputs`` (files and OUT folders, in any order) year by year."""
    if not inputs:
        raise CompareError("no input: give report files or OUT folders of `reportparse parse`")
    loaded = [report for given in inputs for report in load(Path(given))]
    reports = one_per_year(loaded)
    terms = _top_terms(reports)
    figures = {report.year: _figures(report, terms) for report in reports}
    by_year = _by_year(reports, figures)
    flagged = frozenset((key, year) for report in reports
                        for year, found in figures[report.year].items()
                        for key in _flagged(report, found))
    _zero_filled(by_year, {year: any(r.year == year and r.incidents for r in reports)
                           for year in by_year})
    years = tuple(by_year)
    changes = [change for before, after in zip(years, years[1:])
               for change in _pair(before, after, by_year[before], by_year[after])]
    changes.sort(key=lambda change: (change.key.order(), change.from_year))
    keys = sorted({key for found in by_year.values() for key in found}, key=Key.order)
    trend = tuple(TrendRow(key, tuple(by_year[year].get(key) for year in years))
                  for key in keys)
    sources = [_source_of_year(year, reports, figures) for year in years]
    return Comparison(
        reports[0].municipality, years,
        tuple(source.fiscal_year_label if source.year == year
              else named_fiscal_year(year).label for year, source in zip(years, sources)),
        tuple(source.source for source in sources),
        tuple(sum(c["status"] == "failed" for c in source.checks) if source.year == year else 0
              for year, source in zip(years, sources)),
        len(loaded) - len(reports), tuple(changes), trend, flagged, reports=tuple(reports))


def _pair(from_year: int, to_year: int, before: dict[Key, Value],
          after: dict[Key, Value]) -> list[Change]:
    return [_change(key, from_year, to_year, before.get(key), after.get(key))
            for key in before.keys() | after.keys()]


def _change(key: Key, from_year: int, to_year: int, old: Value | None,
            new: Value | None) -> Change:
    delta = pct = None
    if isinstance(old, Decimal) and isinstance(new, Decimal):
        delta = new - old
        if old:
            pct = (delta / abs(old) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if old is None:
        status = "added"
    elif new is None:
        status = "removed"
    elif delta is not None:
        status = "changed" if delta else "unchanged"
    else:
        status = "changed" if compact_label(plain(old)) != compact_label(plain(new)) \
            else "unchanged"
    return Change(key, from_year, to_year, old, new, delta, pct, status)


def plain(value: Value | None) -> str:
    """A value as written in the CSVs: ``7``, ``-3``, ``1.4``; never ``1E+2``, ``7.0`` or ``-0``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
