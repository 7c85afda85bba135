"""PNG charts of a comparison: incidents per category per year, key figures over the years.

Drawn with matplotlib's Agg renderer on ``Figure`` objects (no pyplot, no display, no global
backend switch). Japanese labels are set in IPAexGothic from the ``matplotlib-fontja``
package, which bundles the font, so they render on a machine with no Japanese font
installed instead of as empty boxes.

A figure absent in a year is drawn as nothing (a gap), never as 0; a figure read where a
check failed is drawn hatched (bars) or with a red ring (points), and the chart says so.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections import Counter
from typing import TYPE_CHECKING, Any, cast

import matplotlib
import matplotlib_fontja  # noqa: F401  (importing it registers the bundled IPAexGothic)
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

    from .diff import Comparison, TrendRow, Value

_STYLE: dict[RcKeyType, Any] = {
    "font.family": "IPAexGothic",
    "axes.unicode_minus": False,  # U+2212 minus: not every font has it; ASCII '-' is safe
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_METRICS_PER_ROW = 3
FLAG = "(!)"
_FLAGGED_NOTE = f"斜線・赤丸・{FLAG}: 検証(checks.csv)に失敗した箇所から読んだ値"


def charts(comparison: Comparison) -> dict[str, bytes]:
    """``{file name: PNG bytes}`` for the charts of ``comparison``."""
    with matplotlib.rc_context(_STYLE):
        return {
            "incidents_by_category.png": _png(_incidents_by_category(comparison)),
            "key_metrics.png": _png(_key_metrics(comparison)),
        }


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No "Software" stamp: the same comparison gives the same bytes on any matplotlib.
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue()


def _rows(comparison: Comparison, kind: str) -> list[TrendRow]:
    return [row for row in comparison.trend if row.key.kind == kind]


def _number(value: Value | None) -> float:
    """A trend value as a height or point; absent or text is NaN (drawn as a gap)."""
    return float(value) if value is not None and not isinstance(value, str) else math.nan


def _integer_ticks(axes: Axes) -> None:
    """Counts: no ticks at 2.5 incidents (the default locator is a MaxNLocator)."""
    cast(MaxNLocator, axes.yaxis.get_major_locator()).set_params(integer=True)


def _incidents_by_category(comparison: Comparison) -> Figure:
    rows = _rows(comparison, "incidents_by_category")
    totals = Counter({row.key.label: sum(_number(v) for v in row.values if v is not None)
                      for row in rows})
    rows.sort(key=lambda row: (-totals[row.key.label], row.key.label))  # most frequent first
    figure = Figure(figsize=(10, 5.5), layout="constrained")
    axes = figure.add_subplot()
    years = len(comparison.years)
    width = 0.8 / years
    flagged = []
    for index, (year, label) in enumerate(zip(comparison.years, comparison.labels)):
        heights = [_number(row.values[index]) for row in rows]
        offsets = [position - 0.4 + width * (index + 0.5) for position in range(len(rows))]
        bars = axes.bar(offsets, heights, width, label=label)
        marks = [comparison.is_flagged(row.key, year) for row in rows]
        flagged += [bar for bar, mark in zip(bars, marks) if mark]
        axes.bar_label(bars, fontsize=8, labels=[
            "" if math.isnan(h) else f"{h:.0f}{FLAG if mark else ''}"
            for h, mark in zip(heights, marks)])
    axes.set_xticks(range(len(rows)), [row.key.label for row in rows])
    axes.set_ylabel("件数")
    axes.set_title(f"{comparison.municipality} 個人情報に係る事務処理ミス 種別ごとの件数")
    axes.legend(title="年度")  # before the hatching: the legend copies the first bar's style
    for bar in flagged:
        bar.set_hatch("//")
        bar.set_edgecolor("red")
    if flagged:
        figure.supxlabel(_FLAGGED_NOTE, fontsize=8, color="red")
    _integer_ticks(axes)
    return figure


def _key_metrics(comparison: Comparison) -> Figure:
    rows = _rows(comparison, "metric")
    names = Counter(row.key.label for row in rows)
    count = max(len(rows), 1)
    lines = math.ceil(count / _METRICS_PER_ROW)
    figure = Figure(figsize=(12, 3 * lines + 0.6), layout="constrained")
    figure.suptitle(f"{comparison.municipality} 主な数値の推移")
    positions = range(len(comparison.years))
    flagged_any = False
    for number, row in enumerate(rows, start=1):
        axes = figure.add_subplot(lines, _METRICS_PER_ROW, number)
        values = [_number(value) for value in row.values]
        axes.plot(positions, values, marker="o")
        flagged = [(p, v) for p, v, year in zip(positions, values, comparison.years)
                   if comparison.is_flagged(row.key, year) and not math.isnan(v)]
        if flagged:
            flagged_any = True
            xs, ys = zip(*flagged)
            axes.scatter(xs, ys, s=120, facecolors="none", edgecolors="red", zorder=3)
        for position, value in zip(positions, values):
            if not math.isnan(value):
                axes.annotate(f"{value:,.0f}" if value.is_integer() else f"{value:,}",
                              (position, value), textcoords="offset points", xytext=(0, 6),
                              ha="center", fontsize=8)
        # the section title tells apart two figures of one name (登録数 of sections 2 and 3)
        name = row.key.label if names[row.key.label] == 1 else f"{row.key.label}({row.key.title})"
        axes.set_title(textwrap.fill(f"{name} ({row.key.unit})", 22), fontsize=10)
        axes.set_xticks(positions, comparison.labels, fontsize=8)
        axes.set_xlim(-0.5, len(comparison.years) - 0.5)
        present = [value for value in values if not math.isnan(value)]
        axes.set_ylim(0, max(present, default=1) * 1.2 or 1)  # from 0: no exaggerated slopes
        if all(value.is_integer() for value in present):  # counts: no ticks at 2.5 people
            _integer_ticks(axes)
        axes.yaxis.set_major_formatter(
            lambda value, _: f"{value:,.0f}" if value.is_integer() else f"{value:,g}")
    if flagged_any:
        figure.supxlabel(_FLAGGED_NOTE, fontsize=8, color="red")
    return figure
