"""Years side by side: figures keyed by meaning, changes, trend, summary and charts."""

from .diff import CompareError, Comparison, compare, write

__all__ = ["CompareError", "Comparison", "compare", "write"]
