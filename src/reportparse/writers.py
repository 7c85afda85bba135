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

from .numbers import is_number

ENCODINGS = ("utf-8-sig", "utf-8", "cp932")
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(text: str) -> str:
    """``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``; ``-5`` and a lone ``-`` stay as they are."""
    if len(text) > 1 and text.startswith(_FORMULA_TRIGGERS) and not is_number(text):
        return "'" + text
    return text


def format_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    return neutralize(str(value))


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]],
              encoding: str = "utf-8-sig") -> bytes:
    """A whole CSV file, formatted and encoded; a character the encoding lacks is an error."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([format_cell(value) for value in row] for row in rows)
    text = buffer.getvalue()
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as error:
        line = text.count("\n", 0, error.start) + 1
        raise ValueError(
            f"{error.object[error.start:error.end]!r} (CSV line {line}) cannot be written "
            f"in {encoding}; use utf-8-sig"
        ) from None


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
