"""The inputs of ``compare``: report files and OUT folders, loaded into one shape.

Report files (.txt/.pdf) are parsed here; OUT folders of an earlier ``reportparse parse`` are
read back from their CSVs (a folder must hold reports.csv and may hold several reports).
Both become ``Loaded``: rows of CSV strings, so that everything after loading is a single
code path and a folder gives exactly what its report files give.

The inputs must be one municipality and one report per fiscal year, or ``CompareError``
says which files mix. The same report given twice (same content) counts once.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..output.rows import columns, rows
from ..output.writers import format_cell
from ..pipeline import parse
from ..records import ReportError

_INPUT_OUTPUTS = ("reports", "tables", "metrics", "incidents", "tokens", "checks")
Rows = tuple[dict[str, str], ...]


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
    tables: Rows
    metrics: Rows
    incidents: Rows
    tokens: Rows
    checks: Rows = ()
    source_path: str = ""  # the report file, as reports.csv names it: report.html links to it

    @property
    def year(self) -> int:
        """The fiscal year, of a report that ``one_per_year`` accepted (it refuses None)."""
        assert self.fiscal_year is not None
        return self.fiscal_year


def load(path: Path) -> list[Loaded]:
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
        sha256=report["source_sha256"],
        municipality=report["municipality"],
        fiscal_year=int(report["fiscal_year"]) if report["fiscal_year"] else None,
        fiscal_year_label=report["fiscal_year_label"],
        **{name: tuple(outputs[name]) for name in _INPUT_OUTPUTS[1:]},
        source_path=report["source_path"],
    )


def one_per_year(reports: list[Loaded]) -> list[Loaded]:
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
        by_year[report.year].append(report)
    for year, same in sorted(by_year.items()):
        if len(same) > 1:
            raise CompareError(
                f"{len(same)} different reports of {same[0].fiscal_year_label} (FY{year}): "
                f"{', '.join(sorted(r.source for r in same))}; compare needs one report per "
                "fiscal year")
    return sorted(unique.values(), key=lambda r: r.year)
