"""The CSVs of a run read back as typed columns: what the xlsx, SQLite and Parquet writers take.

Every format is made from the CSVs just written, so each holds exactly their rows. A
column's kind is its type in the data dictionary (``schema.column_type``, from the record
types), never from a list kept here:

* ``integer``: a record field typed ``int`` (nullable);
* ``boolean``: a record field typed ``bool`` (``true`` / ``false``);
* ``number``: a record field typed ``float`` (``value_num``, a metric's ``value``);
* ``date``: the ISO-date columns (always ``YYYY-MM-DD``; ``occurred`` is ``YYYY-MM`` for
  most incidents, so it stays text: Excel must not turn it into a day);
* ``text``: everything else, exactly as in the CSV (a neutralised ``'=…`` keeps its ``'``).

An empty CSV cell is a missing value in every format. A cell that does not fit its kind is
a ``ValueError`` naming the file, line and column: a typed file never guesses.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .schema import column_type

KINDS = ("integer", "number", "boolean", "date", "text")

_BOOLEANS = {"true": True, "false": False}


def _number(text: str) -> int | float:
    return int(text) if text.lstrip("-").isdigit() else float(text)


_CONVERTERS: dict[str, Callable[[str], object]] = {
    "integer": int,
    "number": _number,
    "boolean": _BOOLEANS.__getitem__,
    "date": date.fromisoformat,
    "text": str,
}


def column_kind(name: str, column: str) -> str:
    """The kind of ``column`` of output ``name``: its type in the data dictionary
    (``schema.column_type``), where Table Schema's ``string`` is our ``text``."""
    kind = column_type(name, column)
    return "text" if kind == "string" else kind


@dataclass(frozen=True)
class Table:
    """One CSV of a run: its columns, their kinds, and its rows read on demand."""

    name: str
    path: Path
    encoding: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]

    def rows(self) -> Iterator[tuple]:
        """Typed rows, read from the file each time (tokens.csv may not fit in memory)."""
        # only the typed columns are converted: text, most cells, is taken as it is
        typed = [(i, _CONVERTERS[kind]) for i, kind in enumerate(self.kinds) if kind != "text"]
        with self.path.open(encoding=self.encoding, newline="") as file:
            reader = csv.reader(file)
            next(reader)
            for line, row in enumerate(reader, start=2):
                if len(row) != len(self.columns):
                    raise ValueError(f"{self.path.name} line {line}: {len(row)} cells, "
                                     f"expected {len(self.columns)}")
                values: list = [cell or None for cell in row]
                for index, convert in typed:
                    if values[index] is not None:
                        values[index] = self._converted(convert, row, index, line)
                yield tuple(values)

    def _converted(self, convert: Callable[[str], object], row: list[str], index: int,
                   line: int) -> object:
        try:
            return convert(row[index])
        except (ValueError, KeyError):
            raise ValueError(f"{self.path.name} line {line}: column {self.columns[index]} "
                             f"holds {row[index]!r}, not a {self.kinds[index]}") from None


def read_table(folder: Path, name: str, encoding: str) -> Table:
    """``folder/<name>.csv`` as a ``Table``; its columns are those of its header."""
    path = folder / f"{name}.csv"
    with path.open(encoding=encoding, newline="") as file:
        header = tuple(next(csv.reader(file)))
    return Table(name, path, encoding, header, tuple(column_kind(name, c) for c in header))
