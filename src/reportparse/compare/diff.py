"""Year-over-year comparison: ``reportparse compare`` as a library.

``compare(inputs)`` takes report files (.txt/.pdf, parsed here) and OUT folders of an earlier
``reportparse parse`` (read back from their CSVs; a folder must hold reports.csv and may hold
several reports). Both are loaded into one shape, rows of CSV strings, so that everything
after loading is a single code path and a folder gives exactly what its report files give.

Every report becomes a set of *figures*, each under a ``Key`` that means the same thing in
every year, whatever the numbering or typesetting:

* ``table``: table title, row group, row label, column, unit (never the table number);
* ``metric``: section title, metric, unit (never the section number);
* ``incidents_by_category`` / ``_by_actor`` / ``_by_department``: how many incidents
  (an empty actor is the office itself, ``区(直接)``; two departments count once each);
* ``affected_total``: affected people (``名``) and items (``件``), summed apart;
* ``cause_term``: in how many incidents a content word of the cause occurs, for the ten
  most frequent over all years (0 in a year without it: the term list is fixed).

Every label goes through ``normalize.compact_label``, so ``合 計`` equals ``合計`` and
full-width equals half-width. Numbers are compared as exact decimals; a cell that is not a
number (a department, a date: its ISO form) is compared as text and only says whether it
changed. Consecutive fiscal years are compared pairwise: a figure present in both years is
``changed`` or ``unchanged``, one only in the later year ``added``, only in the earlier
``removed``.

The inputs must be one municipality and one report per fiscal year, or ``CompareError``
says which files mix. The same report given twice (same content) counts once, so a report
compared with itself reports no change.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from . import charts
from .html import report_html
from ..values.normalize import compact_label
from ..output.rows import columns, rows
from ..pipeline import parse
from ..records import ReportError
from ..output.writers import csv_bytes, format_cell, write_files

KINDS = (
    "table", "metric", "incidents_by_category", "incidents_by_actor",
    "incidents_by_department", "affected_total", "cause_term",
)
KEY_COLUMNS = ("kind", "title", "group", "label", "column", "unit")
CHANGE_COLUMNS = KEY_COLUMNS + (
    "from_year", "to_year", "from_value", "to_value", "delta", "pct_change", "status",
)
OFFICE_ITSELF = "区(直接)"  # an incident with no contractor named was handled by the ward
TOP_CAUSE_TERMS = 10
_CONTENT_POS = ("名詞", "動詞", "形容詞")
# Not content words although tagged noun/verb: numerals, 非自立(可能) (ある, いる), suffixes,
# and adverbial nouns (ため, 際), which end nearly every cause ("…不十分であったため").
_NOT_CONTENT = ("数詞", "非自立", "接尾", "副詞可能")
_HEADLINES = 10  # changes per pair of years in the terminal summary
_AFFECTED = {"名": "people", "人": "people", "件": "items"}
_INPUT_OUTPUTS = ("reports", "tables", "metrics", "incidents", "tokens", "checks")

Value = Decimal | str  # a number exactly as written, or a text cell


class CompareError(ValueError):
    """Inputs that cannot be compared; the message names the files."""


@dataclass(frozen=True)
class Loaded:
    """One input report as rows of CSV strings, whether parsed now or read from an OUT folder."""

    source: str  # the file, or ``folder (report_id)``, for messages
    sha256: str
    municipality: str
    fiscal_year: int | None
    fiscal_year_label: str
    tables: tuple[dict[str, str], ...]
    metrics: tuple[dict[str, str], ...]
    incidents: tuple[dict[str, str], ...]
    tokens: tuple[dict[str, str], ...]
    checks: tuple[dict[str, str], ...] = ()
    source_path: str = ""  # the report file, as reports.csv names it: report.html links to it


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
    changes: tuple[Change, ...]
    trend: tuple[TrendRow, ...]
    summary: tuple[str, ...]  # lines for a person: biggest changes first
    reports: tuple[Loaded, ...] = ()  # in fiscal-year order: where report.html links to


# --- loading ----------------------------------------------------------------------------


def _load(path: Path) -> list[Loaded]:
    """The reports of one input: a report file, or an OUT folder of ``reportparse parse``."""
    if path.is_dir():
        return _load_folder(path)
    if not path.is_file():
        raise CompareError(f"{path}: no such file or folder")
    try:
        report = parse(path)
    except ReportError as error:
        raise CompareError(f"{error.message} ({error.code})") from None
    outputs = {name: tuple(dict(zip(columns(name), map(format_cell, row)))
                           for row in rows([report], name))
               for name in _INPUT_OUTPUTS}
    return [_loaded(outputs["reports"][0], outputs, str(path))]


def _load_folder(folder: Path) -> list[Loaded]:
    if not (folder / "reports.csv").is_file():
        raise CompareError(f"{folder}: not an output folder of `reportparse parse` "
                           "(no reports.csv); give report files or such a folder")
    encoding = _folder_encoding(folder)
    outputs = {name: _read_csv(folder / f"{name}.csv", encoding) for name in _INPUT_OUTPUTS}
    by_report: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for name, table in outputs.items():
        for row in table:
            by_report[row["report_id"]][name].append(row)
    return [_loaded(report, by_report[report["report_id"]], f"{folder} ({report['report_id']})")
            for report in outputs["reports"]]


def _folder_encoding(folder: Path) -> str:
    """The CSV encoding the parse run recorded in metadata.json (default utf-8-sig)."""
    try:
        return json.loads((folder / "metadata.json").read_text("utf-8"))["encoding"]
    except (OSError, ValueError, KeyError):
        return "utf-8-sig"


def _read_csv(path: Path, encoding: str) -> list[dict[str, str]]:
    try:
        with path.open(encoding=encoding, newline="") as file:
            return list(csv.DictReader(file))
    except OSError as error:
        raise CompareError(f"{path}: cannot read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise CompareError(f"{path}: not {encoding} text") from None


def _loaded(report: dict[str, str], outputs: Mapping[str, Sequence[dict[str, str]]],
            source: str) -> Loaded:
    return Loaded(
        source=source,
        source_path=report["source_path"],
        sha256=report["source_sha256"],
        municipality=report["municipality"],
        fiscal_year=int(report["fiscal_year"]) if report["fiscal_year"] else None,
        fiscal_year_label=report["fiscal_year_label"],
        **{name: tuple(outputs[name])
           for name in ("tables", "metrics", "incidents", "tokens", "checks")},
    )


def _one_per_year(reports: list[Loaded]) -> list[Loaded]:
    """The reports in fiscal-year order, each once; CompareError when they cannot be compared."""
    undated = [r.source for r in reports if r.fiscal_year is None]
    if undated:
        raise CompareError(f"no fiscal year (令和N年度 …) found in {', '.join(undated)}: "
                           "a report without one cannot be placed in a comparison")
    by_place: dict[str, list[str]] = defaultdict(list)
    for report in reports:
        by_place[report.municipality or "an unnamed municipality"].append(report.source)
    if len(by_place) > 1:
        places = "; ".join(f"{place}: {', '.join(sources)}" for place, sources in by_place.items())
        raise CompareError(f"the inputs come from more than one municipality ({places}); "
                           "compare the reports of one municipality at a time")
    unique: dict[str, Loaded] = {}  # identical content is one report, named by its first source
    for report in sorted(reports, key=lambda r: r.source):
        unique.setdefault(report.sha256, report)
    by_year: dict[int, list[Loaded]] = defaultdict(list)
    for report in unique.values():
        by_year[report.fiscal_year].append(report)
    for year, same in sorted(by_year.items()):
        if len(same) > 1:
            raise CompareError(
                f"{len(same)} different reports of {same[0].fiscal_year_label} (FY{year}): "
                f"{', '.join(sorted(r.source for r in same))}; compare needs one report per "
                "fiscal year")
    return sorted(unique.values(), key=lambda r: r.fiscal_year)


# --- figures ----------------------------------------------------------------------------


def _figures(report: Loaded, cause_terms: Sequence[str]) -> dict[Key, Value]:
    """Every figure of one report under its year-independent key."""
    found = [*_table_figures(report.tables), *_metric_figures(report.metrics),
             *_incident_figures(report.incidents)]
    terms = _cause_terms(report.tokens)
    found += [(Key("cause_term", label=term, column="count"), Decimal(terms[term]))
              for term in cause_terms]
    result: dict[Key, Value] = {}
    for key, value in found:
        repeat = 1
        while key in result:  # printed twice in one report (two tables of one title): keep both
            repeat += 1
            key = Key(key.kind, key.title, key.group, f"{key.label} #{repeat}", key.column,
                      key.unit)
        result[key] = value
    return result


def _table_figures(cells: Iterable[dict[str, str]]) -> Iterable[tuple[Key, Value]]:
    for cell in cells:
        key = Key("table", *map(compact_label, (cell["table_title"], cell["row_group"],
                                                cell["row_label"], cell["column"], cell["unit"])))
        if cell["value_num"]:
            yield key, Decimal(cell["value_num"])
        else:  # a date compares by the day it means, however it was printed
            yield key, cell["value_date"] or cell["value"]


def _metric_figures(metrics: Iterable[dict[str, str]]) -> Iterable[tuple[Key, Value]]:
    for metric in metrics:
        key = Key("metric", compact_label(metric["section_title"]),
                  label=compact_label(metric["metric"]), unit=compact_label(metric["unit"]))
        yield key, Decimal(metric["value"])


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


# --- comparing --------------------------------------------------------------------------


def compare(inputs: Sequence[str | Path]) -> Comparison:
    """Compare the reports of ``inputs`` (files and OUT folders, in any order) year by year."""
    if not inputs:
        raise CompareError("no input: give report files or OUT folders of `reportparse parse`")
    loaded = [report for given in inputs for report in _load(Path(given))]
    reports = _one_per_year(loaded)
    terms = _top_terms(reports)
    by_year = {report.fiscal_year: _figures(report, terms) for report in reports}
    years = tuple(by_year)
    changes = [change for before, after in zip(years, years[1:])
               for change in _pair(before, after, by_year[before], by_year[after])]
    changes.sort(key=lambda change: (change.key.order(), change.from_year))
    keys = sorted({key for found in by_year.values() for key in found}, key=Key.order)
    trend = tuple(TrendRow(key, tuple(by_year[year].get(key) for year in years))
                  for key in keys)
    comparison = Comparison(reports[0].municipality, years,
                            tuple(r.fiscal_year_label for r in reports), tuple(changes), trend, (),
                            tuple(reports))
    return replace(comparison, summary=_summary(comparison, reports, len(loaded)))


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
        status = "changed" if compact_label(_plain(old)) != compact_label(_plain(new)) \
            else "unchanged"
    return Change(key, from_year, to_year, old, new, delta, pct, status)


def _plain(value: Value | None) -> str:
    """A value as written in the CSVs: ``7``, ``-3``, ``1.4``; never ``1E+2``, ``7.0`` or ``-0``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


# --- the summary ------------------------------------------------------------------------


def _summary(comparison: Comparison, reports: list[Loaded], loaded: int) -> tuple[str, ...]:
    place = comparison.municipality or "(municipality not named)"
    lines = [f"{place}: {len(reports)} fiscal year(s)"]
    lines += [f"  {r.fiscal_year_label} (FY{r.fiscal_year}): {r.source}" for r in reports]
    if loaded > len(reports):
        lines.append(f"  {loaded - len(reports)} more input(s) with the same content: the same "
                     "report, counted once")
    if len(reports) == 1:
        lines.append(f"One fiscal year only ({reports[0].fiscal_year_label}): no change.")
    label = dict(zip(comparison.years, comparison.labels))
    for before, after in zip(comparison.years, comparison.years[1:]):
        pair = [c for c in comparison.changes if c.from_year == before]
        status = Counter(change.status for change in pair)
        lines.append(f"\n{label[before]} → {label[after]}: {status['changed']} changed, "
                     f"{status['added']} added, {status['removed']} removed, "
                     f"{status['unchanged']} unchanged")
        headlines = _headlines(pair, label[after])
        lines += [f"  - {line}" for line in headlines[:_HEADLINES]]
        if len(headlines) > _HEADLINES:
            lines.append(f"  … and {len(headlines) - _HEADLINES} more in changes.csv")
        if not headlines:
            lines.append("  no change")
    return tuple(lines)


def _headlines(pair: list[Change], later: str) -> list[str]:
    """One sentence per change, biggest first; a table wholly new or gone is one sentence."""
    tables = [c for c in pair if c.key.kind == "table"]
    statuses: dict[str, set[str]] = defaultdict(set)
    for change in tables:
        statuses[change.key.title].add(change.status)
    whole = {title: found.pop() for title, found in statuses.items()
             if found in ({"added"}, {"removed"})}
    sizes = Counter(change.key.title for change in tables)
    sentences, told = [], set()
    for change in sorted((c for c in pair if c.status != "unchanged"), key=_rank):
        title = change.key.title
        if change.key.kind != "table" or title not in whole:
            sentences.append(_sentence(change, later))
        elif title not in told:
            told.add(title)
            what = "a new table in" if whole[title] == "added" else "gone in"
            sentences.append(f"表 {title}: {what} {later} ({sizes[title]} figures)")
    return sentences


def _rank(change: Change) -> tuple:
    """New and gone first; then numbers of the report itself, then the incident breakdowns
    (actor, department, cause term), each by relative then absolute size; then text."""
    if change.status != "changed":
        tier, size = 0, (0, 0)
    elif change.delta is None:  # a text cell: a date, a department
        tier, size = 3, (0, 0)
    else:
        pct = abs(change.pct_change) if change.pct_change is not None else Decimal("Infinity")
        breakdown = change.key.kind in ("incidents_by_actor", "incidents_by_department",
                                        "cause_term")
        tier, size = 2 if breakdown else 1, (-pct, -abs(change.delta))
    return (tier, *size, change.key.order())


def _subject(key: Key) -> str:
    if key.kind == "table":
        return " / ".join(part for part in ("表 " + key.title, key.group, key.label, key.column)
                          if part)
    if key.kind == "metric":
        return f"{key.title} / {key.label}"
    return {
        "incidents_by_category": f"incidents of type {key.label}",
        "incidents_by_actor": f"incidents handled by {key.label}",
        "incidents_by_department": f"incidents in {key.label}",
        "affected_total": f"{_AFFECTED.get(key.label, key.label)} affected by the incidents",
        "cause_term": f"incidents whose cause mentions {key.label}",
    }[key.kind]


def _shown(value: Value | None, unit: str = "") -> str:
    if isinstance(value, Decimal):
        return f"{value:,} {unit}".rstrip()
    return str(value)


def _sentence(change: Change, later: str) -> str:
    unit = "" if change.key.kind == "affected_total" else change.key.unit
    subject = _subject(change.key)
    if change.status == "added":
        return f"{subject}: new in {later} ({_shown(change.to_value, unit)})"
    if change.status == "removed":
        return f"{subject}: gone in {later} (was {_shown(change.from_value, unit)})"
    numbers = f"{_shown(change.from_value)} → {_shown(change.to_value, unit)}"
    if change.delta is None:
        return f"{subject}: {numbers}"
    pct = "" if change.pct_change is None else \
        f", {'+' if change.pct_change > 0 else ''}{_plain(change.pct_change)}%"
    return f"{subject}: {numbers} ({change.delta:+,}{pct})"


# --- writing ----------------------------------------------------------------------------


def output_files(comparison: Comparison, out: Path) -> dict[Path, bytes]:
    """Every file ``write`` puts into ``out``, keyed by path, ready to write."""
    changes = [(*c.key.cells(), c.from_year, c.to_year, _plain(c.from_value),
                _plain(c.to_value), _plain(c.delta), _plain(c.pct_change), c.status)
               for c in comparison.changes]
    trend = [(*row.key.cells(), *map(_plain, row.values)) for row in comparison.trend]
    files = {
        out / "changes.csv": csv_bytes(CHANGE_COLUMNS, changes),
        out / "trend.csv": csv_bytes(KEY_COLUMNS + tuple(map(str, comparison.years)), trend),
        out / "summary.txt": ("\n".join(comparison.summary) + "\n").encode("utf-8"),
    }
    pictures = charts.charts(comparison)
    files.update({out / name: png for name, png in pictures.items()})
    files[out / "report.html"] = report_html(comparison, pictures, out)
    return files


def write(comparison: Comparison, out: Path) -> list[Path]:
    """Write changes.csv, trend.csv, summary.txt, the PNG charts and report.html, each
    atomically."""
    files = output_files(comparison, out)
    write_files(files)
    return list(files)
