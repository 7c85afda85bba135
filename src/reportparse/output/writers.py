"""Writing the output CSVs: exact formatting, spreadsheet safety, atomic files.

* Booleans are ``true`` / ``false``, missing values empty, numbers plain (``1710634``, never
  ``1,710,634`` or ``1710634.0``).
* A text cell that starts with ``=``, ``+``, ``-`` or ``@`` and is not a number is prefixed with
  ``'`` so that Excel and LibreOffice show it instead of running it as a formula; numbers
  such as ``-5`` and ``△5``, and a lone ``-`` (a table's "none"), are left alone.
* Each file is written to a temporary file beside it and renamed into place, so a crash or
  Ctrl-C never leaves a half-written CSV.
* The default encoding is ``utf-8-sig`` (the BOM makes Excel on Japanese Windows read UTF-8).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..values.numbers import is_number

ENCODINGS = ("utf-8-sig", "utf-8", "cp932")
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_TRIGGER_CHARACTERS = frozenset(_FORMULA_TRIGGERS)


def neutralize(text: str) -> str:
    """``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``; ``-5`` and a lone ``-`` stay as they are."""
    if len(text) > 1 and text.startswith(_FORMULA_TRIGGERS) and not is_number(text):
        return "'" + text
    return text


def format_cell(value: object) -> str:
    # most cells are text or integers: test those first, and cheaply (type, not isinstance)
    if type(value) is str:
        return neutralize(value) if value[:1] in _TRIGGER_CHARACTERS else value
    if type(value) is int:
        return str(value)
    if value is None:
        return ""
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is float:
        return str(int(value)) if value.is_integer() else str(value)
    return neutralize(str(value))


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """CSV lines for ``rows`` (no header), every value formatted by ``format_cell``.

    Exactly what ``csv.writer`` writes; rows that need no quoting (nearly all) are joined
    directly, which is several times faster.
    """
    # format_cell inlined for the two common cases (plain text, integers): the function
    # call is most of the cost on ~1,500 token rows a report
    table = [[value if type(value) is str and value[:1] not in _TRIGGER_CHARACTERS
              else str(value) if type(value) is int else format_cell(value)
              for value in row] for row in rows]
    if not table:
        return ""
    text = "\n".join(map(",".join, table)) + "\n"
    # one look at the whole text, not one per row: no cell holds a comma, a newline, a
    # quote or a CR, and no row is a lone cell (csv.writer quotes a lone empty one)
    if (min(map(len, table)) > 1 and text.count(",") == sum(map(len, table)) - len(table)
            and text.count("\n") == len(table) and '"' not in text and "\r" not in text):
        return text
    # else row by row: csv.writer, which looks at every character, only for rows that need it
    buffer = io.StringIO()
    quoting = csv.writer(buffer, lineterminator="\n")
    for cells in table:
        line = ",".join(cells)
        if (len(cells) < 2 or line.count(",") != len(cells) - 1
                or '"' in line or "\n" in line or "\r" in line):
            quoting.writerow(cells)
        else:
            buffer.write(line + "\n")
    return buffer.getvalue()


def encode(text: str, encoding: str, where: str = "CSV", *, opens_file: bool = True) -> bytes:
    """``text`` in ``encoding``; a character the encoding lacks is a ValueError saying where.

    A part that does not open its file (rows appended after the header) gets no BOM.
    """
    if encoding == "utf-8-sig" and not opens_file:
        encoding = "utf-8"
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as error:
        line = text.count("\n", 0, error.start) + 1
        raise ValueError(
            f"{error.object[error.start:error.end]!r} ({where} line {line}) cannot be written "
            f"in {encoding}; use utf-8-sig"
        ) from None


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]],
              encoding: str = "utf-8-sig") -> bytes:
    """A whole CSV file, formatted and encoded; a character the encoding lacks is an error."""
    return encode(csv_text([header]) + csv_text(rows), encoding)


def write_files(files: dict[Path, bytes]) -> None:
    """Write each file atomically: temporary file beside it, then rename into place.

    Everything is encoded before this is called, so an encoding problem changes no file.
    """
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
