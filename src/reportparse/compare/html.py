"""``report.html`` of ``compare``: one self-contained page a journalist can read and check.

The summary, then for each pair of years the changes biggest first (the order of the
terminal summary), the charts inline (PNG as data: URLs; no script, font or request leaves
the file), and every figure of every year with a link to where it was printed: the PDF
page (``file.pdf#page=N``, which browsers open at that page) or the text file, with the
line named. A figure counted from incidents links to the incidents it counts.

A figure is marked ⚠ when a check failed on what it was read from: a table whose total
does not add up (the check's ``table_no``), incidents named by a failed check's location
(``No 8-16``, ``No 3``), a key figure named by one (``section 1 請求者 / …``). The figure is
shown as printed all the same.
"""

from __future__ import annotations

import base64
import html
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import diff, render

_MORE_PLACES = 3  # places shown for a figure counted from many incidents
_INCIDENT_RANGE = re.compile(r"\bNo (\d+)(?:-(\d+))?")

_STYLE = """
body { font: 15px/1.55 "Noto Sans CJK JP", "IPAexGothic", sans-serif; margin: 2em auto;
       max-width: 72em; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1.5em; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .25em .5em; text-align: left;
         vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.added td:first-child { border-left: 4px solid #2a8; }
tr.removed td:first-child { border-left: 4px solid #c44; }
tr.changed td:first-child { border-left: 4px solid #37c; }
.src { font-size: .8em; color: #666; white-space: nowrap; }
.failed { background: #fff1d6; }
.flag { color: #b35900; font-weight: bold; }
pre { background: #f6f6f6; padding: 1em; overflow-x: auto; }
img { max-width: 100%; border: 1px solid #eee; }
"""


@dataclass
class Source:
    """Where one figure of one year was printed, and whether a failed check touches it."""

    path: str
    places: list[tuple[str, str]] = field(default_factory=list)  # (page, line)
    failed: bool = False


def report_html(comparison: diff.Comparison, pictures: dict[str, bytes], out: Path) -> bytes:
    """The whole page, as UTF-8 bytes; links are relative to ``out``."""
    terms = [row.key.label for row in comparison.trend if row.key.kind == "cause_term"]
    sources = {report.fiscal_year: _sources(report, terms) for report in comparison.reports}
    labels = dict(zip(comparison.years, comparison.labels))
    parts = [f"<h1>{_e(comparison.municipality or '(municipality not named)')}: "
             f"{_e(' → '.join(comparison.labels))}</h1>",
             "<h2>Summary</h2>", f"<pre>{_e(chr(10).join(comparison.summary))}</pre>"]
    for before, after in zip(comparison.years, comparison.years[1:]):
        pair = [c for c in comparison.changes
                if c.from_year == before and c.status != "unchanged"]
        parts.append(f"<h2>{_e(labels[before])} → {_e(labels[after])}: "
                     "biggest changes first</h2>")
        parts.append(_changes_table(sorted(pair, key=render._rank), sources, out))
    parts.append("<h2>Charts</h2>")
    parts += [f'<p><img alt="{_e(name)}" src="data:image/png;base64,'
              f'{base64.b64encode(png).decode()}"></p>' for name, png in pictures.items()]
    parts.append("<h2>Every figure, by year</h2>")
    parts.append(_trend_table(comparison, sources, out))
    page = ("<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(comparison.municipality)} year over year</title>"
            f"<style>{_STYLE}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n")
    return page.encode("utf-8")


def _e(text: object) -> str:
    return html.escape(str(text))


# --- where each figure comes from -------------------------------------------------------


def _sources(report: diff.Loaded, terms: list[str]) -> dict[diff.Key, Source]:
    """Every figure key of ``report`` and the rows it was read or counted from."""
    failed = [check for check in report.checks if check["status"] == "failed"]
    failed_tables = {check["table_no"] for check in failed if check["table_no"]}
    failed_incidents = _incidents_named(failed)
    found: dict[diff.Key, Source] = defaultdict(lambda: Source(report.source_path))
    seen: dict[diff.Key, int] = defaultdict(int)
    for cell in report.tables:
        key = _numbered(next(iter(diff._table_figures([cell])))[1], seen)
        _add(found[key], cell, cell["table_no"] in failed_tables)
    for metric in report.metrics:
        key = _numbered(next(iter(diff._metric_figures([metric])))[1], seen)
        named = any(check["location"].startswith(f"section {metric['section_no']} "
                                                 f"{metric['metric']} ") for check in failed)
        _add(found[key], metric, named)
    tokens = defaultdict(list)
    for token in report.tokens:
        tokens[token["incident_no"]].append(token)
    for incident in report.incidents:
        keys = [key for key, _ in diff._incident_figures([incident])]
        counted = diff._cause_terms(tokens[incident["no"]])
        keys += [diff.Key("cause_term", label=term, column="count") for term in terms
                 if counted[term]]
        for key in keys:
            _add(found[key], incident, incident["no"] in failed_incidents)
    return found


def _numbered(key: diff.Key, seen: dict[diff.Key, int]) -> diff.Key:
    """The key as ``diff._figures`` names a figure printed twice (``label #2``)."""
    seen[key] += 1
    if seen[key] == 1:
        return key
    return diff.Key(key.kind, key.title, key.group, f"{key.label} #{seen[key]}", key.column,
                    key.unit)


def _add(source: Source, row: dict[str, str], failed: bool) -> None:
    source.places.append((row["source_page"], row["source_line"]))
    source.failed = source.failed or failed


def _incidents_named(checks: list[dict[str, str]]) -> set[str]:
    """Incident numbers in the locations of ``checks`` (``表6 誤廃棄 (No 8-16)``)."""
    named: set[str] = set()
    for check in checks:
        for first, last in _INCIDENT_RANGE.findall(check["location"]):
            named.update(str(n) for n in range(int(first), int(last or first) + 1))
    return named


# --- tables ------------------------------------------------------------------------------


def _changes_table(changes: list[diff.Change], sources: dict, out: Path) -> str:
    if not changes:
        return "<p>No change.</p>"
    rows = ["<tr><th>figure</th><th>from</th><th>to</th><th>change</th><th>%</th>"
            "<th>printed in</th></tr>"]
    for change in changes:
        before = sources[change.from_year].get(change.key)
        after = sources[change.to_year].get(change.key)
        failed = any(s and s.failed for s in (before, after))
        unit = "" if change.key.kind == "affected_total" else change.key.unit
        delta = f"{change.delta:+,}" if change.delta is not None else change.status
        numbers = (_value(change.from_value, unit), _value(change.to_value, unit), _e(delta),
                   _e(diff.plain(change.pct_change)))
        rows.append(
            f'<tr class="{change.status}{" failed" if failed else ""}">'
            f"<td>{_flag(failed)}{_e(render._subject(change.key))}</td>"
            + "".join(f'<td class="num">{number}</td>' for number in numbers)
            + f"<td>{_links(before, change.from_year, out)} "
              f"{_links(after, change.to_year, out)}</td></tr>")
    return "<table>" + "\n".join(rows) + "</table>"


def _trend_table(comparison: diff.Comparison, sources: dict, out: Path) -> str:
    header = "".join(f"<th>{_e(label)}</th>" for label in comparison.labels)
    rows = [f"<tr><th>figure</th><th>unit</th>{header}</tr>"]
    for row in comparison.trend:
        cells = []
        for year, value in zip(comparison.years, row.values):
            source = sources[year].get(row.key)
            failed = bool(source and source.failed)
            cells.append(f'<td class="num{" failed" if failed else ""}">{_flag(failed)}'
                         f"{_value(value)}<br>{_links(source, None, out)}</td>")
        rows.append(f"<tr><td>{_e(render._subject(row.key))}</td><td>{_e(row.key.unit)}</td>"
                    + "".join(cells) + "</tr>")
    return "<table>" + "\n".join(rows) + "</table>"


def _value(value: diff.Value | None, unit: str = "") -> str:
    return _e(render._shown(value, unit)) if value is not None else "—"


def _flag(failed: bool) -> str:
    return ('<span class="flag" title="a check failed on what this figure was read from; '
            'see checks.csv">⚠ </span>') if failed else ""


def _links(source: Source | None, year: int | None, out: Path) -> str:
    """Links to where ``source`` was printed: a PDF page, or the text file with the line."""
    if not source or not source.places:
        return ""
    target = Path(source.path)
    href = os.path.relpath(target.absolute(), out.absolute()) if target.exists() else ""
    pdf = target.suffix.lower() == ".pdf"
    shown = []
    for page, line in source.places[:_MORE_PLACES]:
        text = f"p{page} l{line}" if pdf else f"l{line}"
        link = f"{href}#page={page}" if pdf else href
        shown.append(f'<a href="{_e(link)}" title="{_e(source.path)}">{text}</a>' if href
                     else f'<span title="{_e(source.path)}">{text}</span>')
    more = len(source.places) - _MORE_PLACES
    prefix = f"FY{year} " if year else ""
    return (f'<span class="src">{prefix}{", ".join(shown)}'
            f'{f" +{more}" if more > 0 else ""}</span>')
