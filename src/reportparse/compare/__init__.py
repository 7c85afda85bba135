"""Year-over-year comparison; see ``diff`` for how figures are matched."""

from .diff import CompareError, Comparison, compare, write

__all__ = ["CompareError", "Comparison", "compare", "write"]
