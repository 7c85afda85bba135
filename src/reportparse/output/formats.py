"""``parse --format``: the files each output format adds to OUT, and writing them.

The CSVs are always written: they are the contract of SPEC.md, and every other format is
made from them (``typed.py``) inside the same staging folder, so that all files of a run
are committed into OUT together, never half-written and never from different rows.
"""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Format:
    name: str
    files: tuple[str, ...]  # what it puts into OUT (a folder ends with /)
    module: str  # the library it needs, or ""
    extra: str  # pip extra that installs it


FORMATS = {f.name: f for f in (
    Format("csv", (), "", ""),
    Format("xlsx", ("reportparse.xlsx",), "xlsxwriter", "xlsx"),
    Format("sqlite", ("reportparse.db", "reportparse.metadata.json"), "", ""),
    Format("parquet", ("parquet/",), "pyarrow", "parquet"),
)}
DEFAULT = ("csv",)


def parse_formats(text: str) -> tuple[str, ...]:
    """``"csv,xlsx"`` -> ``("csv", "xlsx")``; a ValueError names an unknown or unusable one."""
    names = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [name for name in names if name not in FORMATS]
    if unknown or not names:
        raise ValueError(f"unknown format {', '.join(unknown) or '(none)'}; "
                         f"choose from {', '.join(FORMATS)}")
    for name in names:
        needed = FORMATS[name]
        if needed.module and importlib.util.find_spec(needed.module) is None:
            raise ValueError(f"--format {name} needs {needed.module}: "
                             f"pip install 'reportparse[{needed.extra}]'")
    return names


def write_formats(staging: Path, names: tuple[str, ...], outputs: tuple[str, ...],
                  encoding: str) -> None:
    """Add the files of formats ``names`` to ``staging``, from its CSVs ``outputs``."""
    from .typed import read_table  # the command line needs only the names above

    tables = [read_table(staging, name, encoding) for name in outputs]
    if "xlsx" in names:
        from .xlsx import write_xlsx

        write_xlsx(tables, staging / "reportparse.xlsx")
    if "sqlite" in names:
        from .sqlite import write_sqlite

        write_sqlite(tables, staging / "reportparse.db")
    if "parquet" in names:
        from .parquet import write_parquet

        (staging / "parquet").mkdir()
        for table in tables:
            write_parquet(table, staging / "parquet" / f"{table.name}.parquet")


def remove_others(out: Path, names: tuple[str, ...]) -> None:
    """Remove the files of formats not asked for: a workbook left by an earlier run would
    hold that run's figures beside this run's CSVs."""
    for fmt in FORMATS.values():
        if fmt.name in names:
            continue
        for file in fmt.files:
            target = out / file
            if file.endswith("/"):
                shutil.rmtree(target, ignore_errors=True)
            else:
                target.unlink(missing_ok=True)
