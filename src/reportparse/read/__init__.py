"""Stage 1, read: bytes of a PDF, text or HTML report into the ``Document`` model of lines."""

ENGINES = ("pymupdf", "pdfplumber")  # the PDF engines ``--engine`` names
