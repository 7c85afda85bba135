"""Year-over-year comparison for people and files: the summary text, the CSVs, the charts.

The data (``diff.Comparison``) is computed apart; this module only renders it, as csv-diff
keeps its data and its human text apart.

* ``changes.csv`` and ``trend.csv`` keep numbers and text in separate columns
  (``from_value`` / ``from_text``; ``trend.csv`` for numeric figures, ``trend_text.csv``
  for text ones such as dates), so that every CSV reader types the numbers as numbers.
  Year columns are named ``fy2021``, not ``2021``: DuckDB takes a header of numbers over
  numeric data for a data row and names the columns ``column0`` …
* Figures read where a check failed are marked: ``check_failed`` in changes.csv,
  ``check_failed_in`` in the trend files, ``(!)`` in the summary, hatched bars and red
  points in the charts.
* ``write`` commits every file at once through ``output.store`` (the modes of ``parse``),
  with a ``datapackage.json`` describing the CSVs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

from ..output.schema import package, table_resource
from ..output.store import commit_files
from ..output.writers import csv_bytes
from . import charts
from .charts import FLAG
from .diff import KEY_COLUMNS, Change, Comparison, Key, Value, plain

_HEADLINES = 10  # changes per pair of years in the terminal summary
_AFFECTED = {"名": "people", "人": "people", "件": "items"}
CHANGE_COLUMNS = KEY_COLUMNS + (
    "from_year", "to_year", "from_value", "to_value", "delta", "pct_change", "from_text",
    "to_text", "status", "check_failed",
)
_KEY_FIELDS = [
    ("kind", "string", "table, metric, incidents_by_category, incidents_by_actor, "
     "incidents_by_department, affected_total or cause_term"),
    ("title", "string", "table title or section title"),
    ("group", "string", "row group of a table cell"),
    ("label", "string", "row label, metric, category, actor, department, unit or term"),
    ("column", "string", "table column; count or affected for incident figures"),
    ("unit", "string", "the counter of the figure (件, 人)"),
]
_CHANGE_FIELDS = _KEY_FIELDS + [
    ("from_year", "integer", "the earlier fiscal year"),
    ("to_year", "integer", "the later fiscal year"),
    ("from_value", "number", "the figure in the earlier year, when a number"),
    ("to_value", "number", "the figure in the later year, when a number"),
    ("delta", "number", "to_value - from_value"),
    ("pct_change", "number", "delta in % of |from_value|, 1 decimal; empty when it is 0"),
    ("from_text", "string", "the figure in the earlier year, when text (an ISO date, a name)"),
    ("to_text", "string", "the figure in the later year, when text"),
    ("status", "string", "changed, unchanged, added or removed"),
    ("check_failed", "boolean", "true when a check failed where either value was read"),
]


# --- the summary ---------------------------------------------------------------------


def summary(comparison: Comparison) -> tuple[str, ...]:
    """The text of summary.txt: the inputs, then each pair of years, biggest changes first."""
    place = comparison.municipality or "(municipality not named)"
    lines = [f"{place}: {len(comparison.years)} fiscal year(s)"]
    for printed, year, source, failed in zip(comparison.labels, comparison.years,
                                             comparison.sources, comparison.failed_checks):
        warning = f" ({failed} failed check(s): {FLAG} marks their figures)" if failed else ""
        lines.append(f"  {printed} (FY{year}): {source}{warning}")
    if comparison.repeats:
        lines.append(f"  {comparison.repeats} more input(s) with the same content: the same "
                     "report, counted once")
    if len(comparison.years) == 1:
        lines.append(f"One fiscal year only ({comparison.labels[0]}): no change.")
    label = dict(zip(comparison.years, comparison.labels))
    for before, after in zip(comparison.years, comparison.years[1:]):
        pair = [c for c in comparison.changes if c.from_year == before]
        status = Counter(change.status for change in pair)
        lines.append(f"\n{label[before]} → {label[after]}: {status['changed']} changed, "
                     f"{status['added']} added, {status['removed']} removed, "
                     f"{status['unchanged']} unchanged")
        headlines = _headlines(pair, label[after], comparison)
        lines += [f"  - {line}" for line in headlines[:_HEADLINES]]
        if len(headlines) > _HEADLINES:
            lines.append(f"  … and {len(headlines) - _HEADLINES} more in changes.csv")
        if not headlines:
            lines.append("  no change")
    return tuple(lines)


def _headlines(pair: list[Change], later: str, comparison: Comparison) -> list[str]:
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
            mark = f" {FLAG}" if comparison.is_flagged(change.key, change.from_year,
                                                       change.to_year) else ""
            sentences.append(_sentence(change, later) + mark)
        elif title not in told:
            told.add(title)
            what = "a new table in" if whole[title] == "added" else "gone in"
            sentences.append(f"表 {title}: {what} {later} ({sizes[title]} figures)")
    return sentences


def _rank(change: Change) -> tuple:
    """New and gone first; then numbers of the report itself, then the incident breakdowns
    (actor, department, cause term), each by relative then absolute size; then text."""
    size: tuple[Decimal, Decimal] = (Decimal(0), Decimal(0))
    if change.status != "changed":
        tier = 0
    elif change.delta is None:  # a text cell: a date, a department
        tier = 3
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
        f", {'+' if change.pct_change > 0 else ''}{plain(change.pct_change)}%"
    return f"{subject}: {numbers} ({change.delta:+,}{pct})"


# --- the files -------------------------------------------------------------------------


def _number(value: Value | None) -> str:
    return plain(value) if isinstance(value, Decimal) else ""


def _text(value: Value | None) -> str:
    return value if isinstance(value, str) else ""


def _change_row(change: Change, comparison: Comparison) -> tuple:
    return (*change.key.cells(), change.from_year, change.to_year,
            _number(change.from_value), _number(change.to_value), plain(change.delta),
            plain(change.pct_change), _text(change.from_value), _text(change.to_value),
            change.status,
            comparison.is_flagged(change.key, change.from_year, change.to_year))


def _trend_rows(comparison: Comparison, cell) -> list[tuple]:
    """Rows of one trend file: the figures with a value of its type in some year."""
    labels = dict(zip(comparison.years, comparison.labels))
    result = []
    for row in comparison.trend:
        cells = [cell(value) for value in row.values]
        if any(cells):
            failed = ";".join(labels[year] for year in comparison.years
                              if comparison.is_flagged(row.key, year))
            result.append((*row.key.cells(), failed, *cells))
    return result


def _trend_fields(comparison: Comparison, kind: str) -> list[tuple[str, str, str]]:
    return _KEY_FIELDS + [("check_failed_in", "string",
                           "the fiscal years whose value was read where a check failed")] + [
        (f"fy{year}", kind, f"the figure in {label} (FY{year})")
        for year, label in zip(comparison.years, comparison.labels)]


def output_files(comparison: Comparison, out: Path | None = None) -> dict[str, bytes]:
    """Every file ``write`` puts into OUT, by name, ready to write; with ``out``, also
    report.html, whose links to the source reports are relative to ``out``."""
    changes = [_change_row(change, comparison) for change in comparison.changes]
    trends = {"trend": (_trend_fields(comparison, "number"), _trend_rows(comparison, _number)),
              "trend_text": (_trend_fields(comparison, "string"),
                             _trend_rows(comparison, _text))}
    files = {"changes.csv": csv_bytes(CHANGE_COLUMNS, changes)}
    files.update({f"{name}.csv": csv_bytes([f[0] for f in fields], rows)
                  for name, (fields, rows) in trends.items()})
    files["summary.txt"] = ("\n".join(comparison.summary) + "\n").encode("utf-8")
    resources = [table_resource("changes", "each figure in each pair of consecutive fiscal "
                                "years", _CHANGE_FIELDS, "utf-8-sig"),
                 table_resource("trend", "numeric figures, one column per fiscal year",
                                trends["trend"][0], "utf-8-sig"),
                 table_resource("trend_text", "text figures (dates, names), one column per "
                                "fiscal year", trends["trend_text"][0], "utf-8-sig")]
    files["datapackage.json"] = package("reportparse-compare", resources)
    pictures = charts.charts(comparison)
    files.update(pictures)
    if out is not None:
        from .html import report_html  # it renders with this module's words: import late

        files["report.html"] = report_html(comparison, pictures, out)
    return files


def write(comparison: Comparison, out: Path) -> list[Path]:
    """Write every file of ``output_files`` into ``out`` at once."""
    files = output_files(comparison, out)
    commit_files(out, files)
    return [out / name for name in files]
