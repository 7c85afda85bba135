"""``reportparse compare`` as a library: the fiscal years of one municipality side by side.

``load`` reads the inputs, ``diff`` computes the figures and their changes, ``render``
turns them into text, CSVs and charts (``charts``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from . import diff, render
from .diff import Change, Comparison, Key, TrendRow
from .load import CompareError
from .render import output_files, write


def compare(inputs: Sequence[str | Path]) -> Comparison:
    """Compare the reports of ``inputs`` (files and OUT folders, in any order) year by year."""
    comparison = diff.compare(inputs)
    return replace(comparison, summary=render.summary(comparison))


__all__ = ["Change", "CompareError", "Comparison", "Key", "TrendRow", "compare",
           "output_files", "write"]
