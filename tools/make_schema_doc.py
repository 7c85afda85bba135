"""Write docs/schema.md, the data dictionary, from the code that writes the files.

    python tools/make_schema_doc.py            # rewrite docs/schema.md
    python tools/make_schema_doc.py --check    # exit 1 when docs/schema.md is out of date

Columns, types and meanings come from ``reportparse.output.schema`` (which takes the
columns from ``output.rows.columns``) and ``reportparse.compare.render``; each example is
the first non-empty value of the column in the golden output of corpus/nerima_r3.txt, or in
``compare`` of corpus/nerima_r2–r4.txt.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from reportparse.compare import compare, output_files
from reportparse.output.rows import OUTPUT_NAMES
from reportparse.output.schema import FILES, resource

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "schema.md"
GOLDEN = ROOT / "golden" / "nerima_r3"
ERROR_EXAMPLE = {"source_path": "missing.txt", "error": "not_found",
                 "message": "missing.txt: no such file or folder"}
_EXAMPLE_WIDTH = 40

INTRO = """\
# Data dictionary

Every file that `reportparse` writes, every column, its type and an example. This file is
made by `python tools/make_schema_doc.py` from the code that writes the files (a test fails
when it is out of date); the same types are written into each output folder as
`datapackage.json`, a [Frictionless Data Package](https://datapackage.org/) that pandas, R,
DuckDB, Datasette and the `frictionless` tools read.

Conventions of every CSV: UTF-8 with a BOM by default (`--encoding` for others), a header
row, booleans `true` / `false`, numbers written plainly (`1710634`), dates ISO
(`2022-03-31`), **empty means unknown or not applicable**. Text cells starting with `=`,
`+`, `-` or `@` that are not numbers get a leading `'` (spreadsheet formula safety).
Types: `integer`, `number` (integer or decimal), `boolean`, `date`, `string`.

## `reportparse parse` → OUT

OUT is a dataset: each run adds its reports to OUT (replacing those of the same
`report_id`), `--replace` rebuilds it from one run. Rows are ordered by `report_id`.

Besides the CSVs below: `metadata.json` (parser version, tokeniser and dictionary versions,
engines, encoding, counts), `datapackage.json` (this dictionary, machine-readable) and
`.reportparse/` (the cache of each report's rows and `manifest.json`, the index of the
dataset: do not edit).
"""

COMPARE_INTRO = """\
## `reportparse compare` → OUT

Examples are from `reportparse compare corpus/nerima_r2.txt corpus/nerima_r3.txt
corpus/nerima_r4.txt`. Besides the CSVs: `summary.txt` (the text printed), the charts
`incidents_by_category.png` and `key_metrics.png`, and `datapackage.json`. Numbers and text
are in separate columns so that every CSV reader types numbers as numbers. Figures printed
in a report (tables, key figures) are empty in a year that does not print them; figures
counted from the incident list are 0 in a year whose list has none.
"""


def _examples(data: bytes) -> dict[str, str]:
    found: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig"))):
        for column, value in row.items():
            if value and column not in found:
                found[column] = value
    return found


def _shown(value: str) -> str:
    value = value if len(value) <= _EXAMPLE_WIDTH else value[:_EXAMPLE_WIDTH - 1] + "…"
    return f"`{value}`".replace("|", "\\|") if value else ""


def _table(name: str, about: str, fields: list[dict], examples: dict[str, str]) -> list[str]:
    lines = [f"### `{name}.csv`", "", about[:1].upper() + about[1:] + ".", "",
             "| column | type | meaning | example |", "|---|---|---|---|"]
    lines += [f"| `{f['name']}` | {f['type']} | {f['description']} | "
              f"{_shown(examples.get(f['name'], ''))} |" for f in fields]
    return lines + [""]


def render() -> str:
    lines = [INTRO]
    for name in (*OUTPUT_NAMES, "errors"):
        examples = (ERROR_EXAMPLE if name == "errors"
                    else _examples((GOLDEN / f"{name}.csv").read_bytes()))
        lines += _table(name, FILES[name], resource(name, "utf-8-sig")["schema"]["fields"],
                        examples)
    lines.append(COMPARE_INTRO)
    files = output_files(compare([ROOT / "corpus" / f"nerima_r{n}.txt" for n in (2, 3, 4)]))
    package = json.loads(files["datapackage.json"])
    for item in package["resources"]:
        lines += _table(item["name"], item["description"], item["schema"]["fields"],
                        _examples(files[item["path"]]))
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv[1:]:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is out of date: run python tools/make_schema_doc.py",
                  file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
