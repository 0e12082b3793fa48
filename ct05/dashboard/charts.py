"""Bar charts as PNG for the .docx reports, drawn with matplotlib (issue 11, item 8).

They replace a hand-made 5×7 bitmap font that had no Vietnamese letters: category names, the legend and the
axis titles are now real text in the document's font, so a chart reads on its own when printed.

Only matplotlib's object API and its Agg canvas are used (no pyplot, no GUI backend, no global state): a
chart can be drawn in a request or a background worker, from any thread.

The font: official documents are set in Times New Roman (Decree 30/2020/ND-CP). The first of
`FONT_PREFERENCE` that matplotlib finds on the machine is used, always in that order:
Times New Roman if installed; else Liberation Serif (Debian's fonts-liberation, metric-compatible with it);
else DejaVu Serif, which matplotlib bundles, so a chart never falls back to a font without Vietnamese letters.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager
from matplotlib.ft2font import FT2Font
from matplotlib.ticker import FuncFormatter, MaxNLocator

FONT_PREFERENCE = ("Times New Roman", "Liberation Serif", "DejaVu Serif")
# Dark red for the period reported on, grey for the one compared with (the colours of the dashboard pages).
COLOURS = ("#a50e0e", "#96a0af", "#d08c2e", "#3d6f8e")
INK = "#1e1e1e"
GRID = "#d7dade"
DPI = 200  # 1240 px over 15.5 cm of the page: about 200 dots per inch, sharp when printed


# Letters only Vietnamese uses (precomposed with two marks): a font without them is not a Vietnamese font — an old
# Liberation Serif (Debian's fonts-liberation 1.x) is called "Liberation Serif" yet has none of them.
VIETNAMESE_PROBE = "ộếữẫặờỷ"


@functools.cache
def document_font() -> str:
    """The family the charts are set in: the first of FONT_PREFERENCE installed that has Vietnamese letters
    (decided once per process); DejaVu Serif, which matplotlib ships, when none has."""
    for name in FONT_PREFERENCE[:-1]:
        entries = [f for f in fontManager.ttflist if f.name == name]
        lacking = [f for f in entries if not _covers(f.fname, VIETNAMESE_PROBE)]
        if len(lacking) < len(entries):
            # Two versions under one name (Debian installs fonts-liberation 1.x beside fonts-liberation2 for
            # LibreOffice): matplotlib picks among equals by list order, so the files without Vietnamese
            # letters are taken out of its list for this process.
            if lacking:
                fontManager.ttflist = [f for f in fontManager.ttflist if f not in lacking]
                cached = getattr(fontManager, "_findfont_cached", None)
                if cached is not None:
                    cached.cache_clear()
            return name
    return FONT_PREFERENCE[-1]


def _covers(path: str, letters: str) -> bool:
    try:
        charmap = FT2Font(path).get_charmap()
    except (OSError, RuntimeError):  # unreadable or not a TrueType file
        return False
    return all(ord(ch) in charmap for ch in letters)


def number(value: float) -> str:
    """A figure as Vietnamese write it: a decimal comma, one decimal only below 10 and when not whole."""
    if abs(value - round(value)) < 0.05 or abs(value) >= 10:
        return f"{value:.0f}"
    return f"{value:.1f}".replace(".", ",")


def bar_figure(
    labels: Sequence[str],
    series: Sequence[Sequence[float | None]],
    *,
    names: Sequence[str] = (),
    unit: str = "",
    max_value: float | None = None,
    x_title: str = "",
    y_title: str = "",
    width: int = 1240,
    height: int = 600,
) -> Figure:
    """Grouped vertical bars: one group per label, one bar per series (a missing value leaves a gap), the value
    above each bar, a legend of `names` when there are several series."""
    font = document_font()
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    k = max(len(series), 1)
    bar = 0.8 / k
    values = [v for s in series for v in s if v is not None]
    top = max_value if max_value is not None else max(values, default=0) * 1.1
    for i, s in enumerate(series):
        xs = [g + (i - (k - 1) / 2) * bar for g, v in enumerate(s) if v is not None]
        ys = [float(v) for v in s if v is not None]
        name = names[i] if i < len(names) else ""
        bars = ax.bar(xs, ys, width=bar * 0.92, color=COLOURS[i % len(COLOURS)], label=name or None, zorder=2)
        if k <= 2 or len(labels) <= 6:  # values above bars while they do not overlap
            ax.bar_label(bars, labels=[number(v) for v in ys], padding=2, fontsize=6.5, family=font, color=INK)
    ax.set_xticks(range(len(labels)), list(labels), fontsize=8, family=font, color=INK)
    pad = max(0.0, (4 - len(labels)) / 2)  # few groups (two years) stay bar-shaped, centred
    ax.set_xlim(-0.6 - pad, len(labels) - 0.4 + pad)
    ax.set_ylim(0, (top or 1) * (1.08 if max_value is not None else 1))  # room for the value above a full bar
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v) + unit))
    if max_value is not None:  # a scale with a ceiling (100%): ticks at fifths of it, none above it
        ax.set_yticks([max_value * i / 5 for i in range(6)])
    elif all(float(v).is_integer() for v in values):  # counts: no "0,5 việc tốt" on the axis
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    for tick in ax.get_yticklabels():
        tick.set_fontfamily(font)
    ax.tick_params(colors=INK, labelsize=8)
    ax.grid(axis="y", color=GRID, linewidth=0.6, zorder=0)
    ax.spines[["top", "right", "left"]].set_visible(False)
    if x_title:
        ax.set_xlabel(x_title, fontsize=8.5, family=font, color=INK)
    if y_title:
        ax.set_ylabel(y_title, fontsize=8.5, family=font, color=INK)
    if any(names):
        ax.legend(
            prop={"family": font, "size": 8},
            frameon=False,
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncols=len(series),
        )
    return fig


def bar_chart(labels: Sequence[str], series: Sequence[Sequence[float | None]], **options: Any) -> bytes:
    """PNG bytes of `bar_figure` (same options), exactly `width` × `height` pixels."""
    fig = bar_figure(labels, series, **options)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
    return buf.getvalue()
