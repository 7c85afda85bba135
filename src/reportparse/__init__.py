"""reportparse: Japanese municipal reports (PDF or text) into tidy CSV.

>>> import reportparse
>>> report = reportparse.parse("corpus/nerima_r3.txt")
>>> report.fiscal_year, len(report.incidents)
(2021, 28)
"""

__version__ = "0.1.0"

from .records import Report, ReportError

__all__ = ["Report", "ReportError", "__version__", "parse"]


def __getattr__(name: str):
    # the pipeline (MeCab, PyMuPDF, every recogniser) is imported on first use: most of a
    # process's start-up, and `reportparse --version`, `compare` of OUT folders or a re-run
    # that finds every input in the cache never need it
    if name == "parse":
        from .pipeline import parse

        return parse
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
