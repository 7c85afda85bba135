"""reportparse: Japanese municipal reports (PDF or text) into tidy CSV.

>>> import reportparse
>>> report = reportparse.parse("corpus/nerima_r3.txt")
>>> report.fiscal_year, len(report.incidents)
(2021, 28)
"""

__version__ = "0.1.0"

from .pipeline import parse  # noqa: E402
from .records import Report, ReportError  # noqa: E402

__all__ = ["parse", "Report", "ReportError", "__version__"]
