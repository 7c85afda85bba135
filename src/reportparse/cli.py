"""The ``reportparse`` command: a thin layer over ``batch`` and ``golden``.

Exit status: 0 when every input was parsed, 1 when any input is listed in errors.csv (or
golden files drifted), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__, golden
from .batch import InputError, expand_inputs, parse_many, tty_progress, write_outputs
from .pipeline import ENGINES
from .records import Report
from .writers import ENCODINGS

PARSE_EXAMPLES = """\
examples:
  reportparse parse corpus/nerima_r3.txt
  reportparse parse corpus/ -o out/ --jobs 2
  reportparse parse 'reports/**/*.pdf' --engine pdfplumber --encoding utf-8

writes OUT/reports.csv, tables.csv, metrics.csv, incidents.csv, tokens.csv, checks.csv,
errors.csv and metadata.json; exit status 1 when any input is listed in errors.csv.
"""

GOLDEN_EXAMPLES = """\
examples:
  reportparse golden check                 # compare corpus/ output with golden/
  reportparse golden update --corpus corpus --golden golden
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportparse",
        description="Turn Japanese municipal reports (PDF or text) into tidy CSV.",
    )
    parser.add_argument("--version", action="version", version=f"reportparse {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser(
        "parse", help="parse reports into CSV", epilog=PARSE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Parse report files, folders (searched for .pdf/.txt) and globs.")
    parse.add_argument("inputs", nargs="+", metavar="INPUT")
    parse.add_argument("-o", "--out", type=Path, default=Path("out"),
                       help="output folder (default: out/)")
    parse.add_argument("--engine", choices=ENGINES, default="pymupdf",
                       help="PDF engine (default: pymupdf)")
    parse.add_argument("--jobs", type=_positive, default=1,
                       help="files parsed in parallel (default: 1)")
    parse.add_argument("--encoding", choices=ENCODINGS, default="utf-8-sig",
                       help="CSV encoding (default: utf-8-sig, for Excel)")
    parse.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")

    gold = commands.add_parser(
        "golden", help="check or update the golden files", epilog=GOLDEN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Compare the output of every corpus report with its golden files.")
    gold.add_argument("action", choices=("check", "update"))
    gold.add_argument("--corpus", type=Path, default=Path("corpus"))
    gold.add_argument("--golden", type=Path, default=Path("golden"))
    gold.add_argument("--engine", choices=ENGINES, default="pymupdf")
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _summary(reports: list[Report], errors: list[InputError], out: Path) -> str:
    lines = [f"{len(reports)} report(s) parsed, {len(errors)} error(s) -> {out}/"]
    for report in reports:
        lines.append(
            f"  {report.report_id}: {report.municipality or '?'} "
            f"{report.fiscal_year_label or '?'}, {report.n_tables} tables "
            f"({len(report.table_records)} cells), {len(report.metric_records)} metrics, "
            f"{len(report.incident_records)} incidents, "
            f"{report.n_checks_failed} failed check(s)")
        lines += [f"    failed {c.check}: {c.location}: {c.message}"
                  for c in report.check_records if c.status == "failed"]
    return "\n".join(lines)


def _run_parse(args: argparse.Namespace) -> int:
    paths, missing = expand_inputs(args.inputs)
    progress = None if args.quiet else tty_progress
    reports, errors = parse_many(paths, args.engine, args.jobs, progress)
    errors = missing + errors
    try:
        write_outputs(args.out, reports, errors, args.encoding)
    except ValueError as error:
        print(f"reportparse: {error}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(_summary(reports, errors, args.out))
    for error in errors:
        print(f"error: {error.error}: {error.message}", file=sys.stderr)
    return 1 if errors else 0


def _run_golden(args: argparse.Namespace) -> int:
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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "parse":
        return _run_parse(args)
    return _run_golden(args)


if __name__ == "__main__":
    sys.exit(main())
