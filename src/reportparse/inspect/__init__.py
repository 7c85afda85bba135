"""``reportparse inspect``: show on the source what every printed value became.

A PDF page becomes a PNG (``pdf.py``), a text or saved HTML report an HTML page
(``text.py``); both draw the marks of ``marks.py``. Unlike pdfplumber's
``debug_tablefinder``, which shows where tables are, this shows meaning: which table, row
and column, key figure or incident field each cell became, and what was not read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..pipeline import build_report, read_document
from ..read.text import decode
from ..records import ReportError
from .marks import marks


class InspectError(ValueError):
    """A page that does not exist, or an input that is no report; the message says which."""


def inspect(path: Path, page: int | None = None, out: Path | None = None,
            engine: str = "pymupdf") -> Path:
    """Write the picture (PDF) or page (text) of ``path`` to ``out``; returns ``out``."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InspectError(f"{path}: cannot read ({error.strerror})") from None
    try:
        document = read_document(data, str(path), engine)
        report = build_report(document, report_id=path.stem, source_path=str(path),
                              source_sha256=hashlib.sha256(data).hexdigest())
    except ReportError as error:
        raise InspectError(f"{error.message} ({error.code})") from None
    found = marks(report, document.lines)
    if document.source_format == "pdf":
        from .pdf import render_page

        page = page or 1
        if not 1 <= page <= document.pages:
            raise InspectError(f"{path}: no page {page} (the PDF has {document.pages})")
        out = out or Path(f"{path.stem}.page{page}.png")
        out.write_bytes(render_page(data, str(path), engine, document, found, page))
    else:
        from .text import render_text

        out = out or Path(f"{path.stem}.inspect.html")
        out.write_text(render_text(decode(data, str(path)), path.name, document, found),
                       encoding="utf-8")
    return out
