"""The ``reportparse`` command: a thin layer over ``batch``, ``compare`` and ``golden``.

Exit status: 0 when every input was parsed, 1 when any input is listed in errors.csv, golden
files drifted or the inputs of ``compare`` cannot be compared, 2 for a usage error, 130 when
interrupted (Ctrl-C or SIGTERM; the output folder is then as it was).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .batch.workers import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
from .output.formats import FORMATS, parse_formats
from .output.writers import ENCODINGS
from .read import ENGINES

if TYPE_CHECKING:
    from .output.store import InputError, Summary

# Each command imports what it needs when it runs: `reportparse --version`, `--help` and a
# usage error answer at once, and the parsing pipeline is loaded by the workers that use it.

MAIN_EXAMPLES = """\
examples:
  reportparse parse corpus/ -o out/            # every .pdf/.txt of corpus/ into out/*.csv
  reportparse parse reports/r5.pdf -o out/     # add one more year to the dataset in out/
  reportparse compare out/ -o compare/         # its fiscal years side by side
  reportparse golden check                     # corpus output against golden/

the columns of every file: docs/schema.md, and OUT/datapackage.json
"""

PARSE_EXAMPLES = """\
examples:
  reportparse parse corpus/nerima_r3.txt
  reportparse parse corpus/ -o out/ --jobs 2
  reportparse parse 'reports/**/*.pdf' --engine pdfplumber --encoding utf-8
  reportparse parse archive/ -o out/ --timeout 60 --force
  reportparse parse corpus/ -o out/ --replace   # out/ holds this run's reports only
  reportparse parse corpus/ -o out/ --format csv,xlsx,sqlite,parquet
  reportparse parse archive/ -o out/ --dask-scheduler tcp://scheduler:8786

OUT is a dataset: a run adds its reports to those already in OUT, replacing any of the
same report_id (the file name without extension), and a run that parsed nothing leaves
OUT as it was. It writes OUT/reports.csv, tables.csv, metrics.csv, incidents.csv,
tokens.csv, checks.csv, errors.csv, metadata.json and datapackage.json, and with --format
also OUT/reportparse.xlsx, OUT/reportparse.db (+ reportparse.metadata.json for Datasette)
and OUT/parquet/*.parquet, all at once (an interrupted run leaves OUT as it was); a
re-run skips inputs already in OUT unchanged.
Exit status 1 when any input is listed in errors.csv.
"""

GOLDEN_EXAMPLES = """\
examples:
  reportparse golden check                 # compare corpus/ output with golden/
  reportparse golden update --corpus corpus --golden golden
"""

INSPECT_EXAMPLES = """\
examples:
  reportparse inspect corpus/nerima_r3_word.pdf --page 2       # -> nerima_r3_word.page2.png
  reportparse inspect corpus/nerima_r3.txt -o r3.html          # text: an HTML page

outlines every value read on the page with a label of what it became (blue: table cell,
green: key figure, orange: incident field); grey: read but no value; red: not read.
"""

COMPARE_EXAMPLES = """\
examples:
  reportparse compare corpus/nerima_r2.txt corpus/nerima_r3.txt corpus/nerima_r4.txt
  reportparse compare out/ reports/nerima_r5.pdf -o compare/   # an earlier parse + a new report

writes OUT/changes.csv (each figure in each pair of consecutive fiscal years), trend.csv
and trend_text.csv (one row per figure, one column per fiscal year: numbers, then text),
summary.txt, datapackage.json and two PNG charts; exit status 1, writing nothing, when
the inputs mix municipalities or hold two different reports of one fiscal year.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportparse",
        description="Turn Japanese municipal reports (PDF or text) into tidy CSV.",
        epilog=MAIN_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reportparse {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser(
        "parse", help="parse reports into CSV", epilog=PARSE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Parse report files, folders (searched for .pdf/.txt/.html/.htm) and globs.")
    parse.add_argument("inputs", nargs="+", metavar="INPUT")
    parse.add_argument("-o", "--out", type=Path, default=Path("out"),
                       help="output folder (default: out/)")
    parse.add_argument("--engine", choices=ENGINES, default="pymupdf",
                       help="PDF engine (default: pymupdf)")
    parse.add_argument("--jobs", type=_positive, default=1,
                       help="worker processes parsing files in parallel (default: 1)")
    parse.add_argument("--timeout", type=_positive, default=int(DEFAULT_TIMEOUT),
                       help=f"seconds one file may take (default: {DEFAULT_TIMEOUT:g})")
    parse.add_argument("--max-memory", type=_positive, default=DEFAULT_MEMORY_MB,
                       metavar="MB", help="memory one worker may take "
                       f"(default: {DEFAULT_MEMORY_MB})")
    parse.add_argument("--dask-scheduler", metavar="ADDRESS",
                       help="parse on the Dask distributed cluster of this scheduler "
                       "(tcp://HOST:8786) instead of local workers; --jobs is then unused. "
                       "Needs: pip install 'reportparse[dask]'")
    parse.add_argument("--force", action="store_true",
                       help="parse every input again, even those already in OUT unchanged")
    parse.add_argument("--replace", action="store_true",
                       help="rebuild OUT from this run's inputs only, dropping the reports "
                       "of earlier runs (default: add to them)")
    parse.add_argument("--encoding", choices=ENCODINGS, default="utf-8-sig",
                       help="CSV encoding (default: utf-8-sig, for Excel)")
    parse.add_argument("--format", type=_formats, default=("csv",), dest="formats",
                       metavar="LIST", help="comma list of " + ", ".join(FORMATS) +
                       " (default: csv; the CSVs are always written, the others are made "
                       "from them)")
    parse.add_argument("-q", "--quiet", action="store_true",
                       help="no progress bar and no summary; errors only")

    gold = commands.add_parser(
        "golden", help="check or update the golden files", epilog=GOLDEN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Compare the output of every corpus report with its golden files.")
    gold.add_argument("action", choices=("check", "update"))
    gold.add_argument("--corpus", type=Path, default=Path("corpus"))
    gold.add_argument("--golden", type=Path, default=Path("golden"))
    gold.add_argument("--engine", choices=ENGINES, default="pymupdf")

    insp = commands.add_parser(
        "inspect", help="show on the source what every value became", epilog=INSPECT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Draw what was read over one PDF page (PNG) or a text report (HTML).")
    insp.add_argument("input", type=Path, metavar="INPUT")
    insp.add_argument("--page", type=_positive, default=None,
                      help="PDF page, from 1 (default: 1)")
    insp.add_argument("-o", "--out", type=Path, default=None, metavar="FILE",
                      help="output file (default: NAME.pageN.png or NAME.inspect.html)")
    insp.add_argument("--engine", choices=ENGINES, default="pymupdf")

    comp = commands.add_parser(
        "compare", help="compare reports year over year", epilog=COMPARE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Compare the fiscal years of one municipality's reports: report files "
                    "(.txt/.pdf) or OUT folders of `reportparse parse`, in any order.")
    comp.add_argument("inputs", nargs="+", metavar="INPUT")
    comp.add_argument("-o", "--out", type=Path, default=Path("compare"),
                      help="output folder (default: compare/)")
    return parser


_SUMMARY_REPORTS = 20  # a terminal summary, not a listing: the rest is in reports.csv


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: must be 1 or more")
    return value


def _formats(text: str) -> tuple[str, ...]:
    try:
        return parse_formats(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _summary(summaries: list[Summary], errors: list[InputError], reused: int,
             out: Path, committed: bool) -> str:
    cached = f" ({reused} unchanged, reused from {out}/)" if reused else ""
    where = f" -> {out}/" if committed else f"; {out}/ is unchanged"
    lines = [f"{len(summaries)} report(s) parsed{cached}, {len(errors)} error(s){where}"]
    for report in summaries[:_SUMMARY_REPORTS]:
        lines.append(
            f"  {report.report_id}: {report.municipality or '?'} "
            f"{report.fiscal_year_label or '?'}, {report.n_tables} tables "
            f"({report.n_cells} cells), {report.n_metrics} metrics, "
            f"{report.n_incidents} incidents, {len(report.failed)} failed check(s)")
        lines += [f"    failed {check}: {location}: {message}"
                  for check, location, message in report.failed]
    rest = summaries[_SUMMARY_REPORTS:]
    if rest:
        failing = sum(bool(report.failed) for report in rest)
        lines.append(f"  … and {len(rest)} more report(s) in {out}/reports.csv "
                     f"({failing} of them with failed checks, in {out}/checks.csv)")
    return "\n".join(lines)


def _cannot_write(out: Path, error: OSError) -> int:
    where = f" ({error.filename})" if error.filename else ""
    print(f"reportparse: cannot write to {out}/: {error.strerror or error}{where}",
          file=sys.stderr)
    return 2


class _NoBar:
    """Where progress goes when no bar is shown (``--quiet``, or not a terminal)."""

    total: int | None = None

    def update(self) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar():
    from tqdm import tqdm  # a fifth of the command line's start-up: imported to be shown

    tqdm.monitor_interval = 0  # no monitor thread: the workers are forked from this process
    return tqdm(unit="file", file=sys.stderr)


def _run_parse(args: argparse.Namespace) -> int:
    from .batch.dask_run import ClusterError
    from .batch.run import run_batch

    bar = _progress_bar() if not args.quiet and sys.stderr.isatty() else _NoBar()
    try:
        outcome = run_batch(
            args.inputs, args.out, engine=args.engine, jobs=args.jobs, encoding=args.encoding,
            force=args.force, replace=args.replace, formats=args.formats,
            timeout=args.timeout,
            memory_mb=args.max_memory, scheduler=args.dask_scheduler,
            on_total=lambda total: setattr(bar, "total", total), on_done=lambda: bar.update())
    except ValueError as error:
        print(f"reportparse: {error}; {args.out}/ is unchanged", file=sys.stderr)
        return 1
    except ClusterError as error:
        print(f"reportparse: {error}; {args.out}/ is unchanged", file=sys.stderr)
        return 2
    except OSError as error:
        return _cannot_write(args.out, error)
    finally:
        bar.close()
    if not args.quiet:
        print(_summary(outcome.summaries, outcome.errors, outcome.reused, args.out,
                       outcome.committed))
    for failed in outcome.errors:
        print(f"error: {failed.error}: {failed.message}", file=sys.stderr)
    return 1 if outcome.errors else 0


def _run_golden(args: argparse.Namespace) -> int:
    from .output import golden

    if not args.corpus.is_dir():
        print(f"reportparse: corpus folder {args.corpus} not found", file=sys.stderr)
        return 2
    if args.action == "update":
        errors = golden.update(args.corpus, args.golden, args.engine)
        for error in errors:
            print(f"error: {error.error}: {error.message}", file=sys.stderr)
        print(f"golden files rewritten in {args.golden}/: read `git diff {args.golden}` "
              "and check every changed value against the source")
        return 1 if errors else 0
    problems = golden.check(args.corpus, args.golden, args.engine)
    if problems:
        print("\n".join(problems))
        print(f"golden check: output drifted from {args.golden}/", file=sys.stderr)
        return 1
    print(f"golden check: output of {args.corpus}/ matches {args.golden}/")
    return 0


def _run_compare(args: argparse.Namespace) -> int:
    from . import compare  # matplotlib is slow to load
    from .output.store import OutputFolder

    try:
        OutputFolder(args.out).check_writable()
        comparison = compare.compare(args.inputs)
        written = compare.write(comparison, args.out)
    except compare.CompareError as error:
        print(f"reportparse: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        return _cannot_write(args.out, error)
    print("\n".join(comparison.summary))
    print(f"\n-> {args.out}/: {', '.join(path.name for path in written)}")
    return 0


def _run_inspect(args: argparse.Namespace) -> int:
    from .inspect import InspectError, inspect

    try:
        written = inspect(args.input, args.page, args.out, args.engine)
    except InspectError as error:
        print(f"reportparse: {error}", file=sys.stderr)
        return 1
    print(f"-> {written}")
    return 0


def _stop(signum: int, frame) -> None:
    raise KeyboardInterrupt  # SIGTERM unwinds like Ctrl-C: workers killed, staging removed


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    try:
        if args.command == "parse":
            return _run_parse(args)
        if args.command == "compare":
            return _run_compare(args)
        if args.command == "inspect":
            return _run_inspect(args)
        return _run_golden(args)
    except KeyboardInterrupt:
        print("reportparse: interrupted; the output folder is as it was before", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `reportparse parse … | head`: the reader left, nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
