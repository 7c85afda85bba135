"""reportparse: Japanese municipal reports (PDF or text) into tidy CSV.

>>> import reportparse
>>> report = reportparse.parse("corpus/nerima_r3.txt")
>>> report.fiscal_year, len(report.incidents)
(2021, 28)
"""

__version__ = "0.1.0"

from .pipeline import parse
from .records import Report, ReportError

__all__ = ["Report", "ReportError", "__version__", "parse"]
