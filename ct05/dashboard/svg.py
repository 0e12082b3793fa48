"""Server-side charts as inline SVG: no JavaScript, no CDN, light on a slow link, sharp when printed.
No Django import; every text is XML-escaped here.

Charts are drawn in a fixed coordinate space (`viewBox`) that scales to the width of the page: 480 units
wide, so a 14-unit label is still ~10 px on a 360 px phone. Every bar carries its value as text, so a
chart also reads in black and white; series differ by shade and by a legend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH = 480
FONT = 'font-family="system-ui, Arial, sans-serif"'
COLORS = ("#a50e0e", "#8a9bb0", "#1e7a34", "#b26a00", "#5f6368", "#0b57d0")


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]


def _fmt(v: float | None, unit: str) -> str:
    if v is None:
        return "—"
    text = f"{v:.0f}" if abs(v - round(v)) < 0.05 or abs(v) >= 100 else f"{v:.1f}".replace(".", ",")
    return text + unit


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _svg(height: float, body: list[str], title: str) -> str:
    inner = "".join(body)
    # A chart whose labels are links is a group of links, not one picture: role="img" would hide them from
    # screen readers and nest interactive controls in an image (axe: nested-interactive, issue 13).
    role = "group" if "<a " in inner else "img"
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height:.0f}" role="{role}" aria-label="{_attr(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">'
        f"<title>{escape(title)}</title>" + inner + "</svg>"
    )


def _legend(series: Sequence[Series], y: float) -> list[str]:
    out: list[str] = []
    x = 40.0
    for i, s in enumerate(series):
        out.append(f'<rect x="{x:.0f}" y="{y - 10:.0f}" width="12" height="12" fill="{COLORS[i % len(COLORS)]}"/>')
        out.append(f'<text x="{x + 16:.0f}" y="{y:.0f}" font-size="13" {FONT}>{escape(s.label)}</text>')
        x += 28 + 8.2 * len(s.label)
    return out


def column_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    unit: str = "",
    max_value: float | None = None,
    height: float = 230,
) -> str:
    """Grouped vertical bars: one group per label (months), one bar per series, values above the bars."""
    top, bottom, left, right = 28.0, 22.0, 40.0, 6.0
    plot_h = height - top - bottom
    values = [v for s in series for v in s.values if v is not None]
    vmax = max_value if max_value is not None else (max(values) if values else 0)
    vmax = vmax or 1
    n = max(len(labels), 1)
    group_w = (WIDTH - left - right) / n
    bar_w = max(3.0, (group_w - 6) / max(len(series), 1))
    body = _legend(series, 14)
    for frac in (0, 0.5, 1):
        y = top + plot_h * (1 - frac)
        body.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d4d9"/>')
        body.append(
            f'<text x="{left - 3}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#5f6368" {FONT}>'
            f"{escape(_fmt(vmax * frac, unit))}</text>"
        )
    for g, label in enumerate(labels):
        gx = left + g * group_w + 3
        for i, s in enumerate(series):
            v = s.values[g] if g < len(s.values) else None
            x = gx + i * bar_w
            if v is None:
                continue
            h = plot_h * min(max(v, 0) / vmax, 1)
            y = top + plot_h - h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" height="{h:.1f}" '
                f'fill="{COLORS[i % len(COLORS)]}">'
                f"<title>{escape(f'{label} · {s.label}: {_fmt(v, unit)}')}</title></rect>"
            )
            if len(series) == 1 or bar_w >= 14:
                body.append(
                    f'<text x="{x + (bar_w - 1) / 2:.1f}" y="{y - 3:.1f}" font-size="10" text-anchor="middle" {FONT}>'
                    f"{escape(_fmt(v, ''))}</text>"
                )
        body.append(
            f'<text x="{gx + group_w / 2 - 3:.1f}" y="{height - 6:.0f}" font-size="12" text-anchor="middle" {FONT}>'
            f"{escape(label)}</text>"
        )
    return _svg(height, body, title)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    note: str = ""  # shown after the value ("12/40")
    href: str = ""


def bar_list(bars: Sequence[Bar], *, title: str, unit: str = "%", max_value: float | None = 100.0) -> str:
    """Horizontal bars, one per row: the name and the value on a line (value right-aligned), the bar under
    it across the whole width — long Vietnamese unit names fit on a phone."""
    row_h = 38.0
    height = 8 + row_h * max(len(bars), 1)
    values = [b.value for b in bars if b.value is not None]
    vmax = max_value if max_value is not None else (max(values) if values else 1)
    vmax = vmax or 1
    left, track = 4.0, WIDTH - 8.0
    body: list[str] = []
    for i, b in enumerate(bars):
        y = 4 + i * row_h
        value = _fmt(b.value, unit) + (f" ({b.note})" if b.note else "")
        room = max(12, 62 - len(value))
        name = b.label if len(b.label) <= room else b.label[: room - 1] + "…"
        label = f'<text x="{left}" y="{y + 13:.0f}" font-size="13" {FONT}>{escape(name)}</text>'
        if b.href:
            label = f'<a href="{_attr(b.href)}">{label}</a>'
        body.append(label)
        body.append(
            f'<text x="{WIDTH - 4}" y="{y + 13:.0f}" font-size="13" font-weight="bold" text-anchor="end" {FONT}>'
            f"{escape(value)}</text>"
        )
        body.append(f'<rect x="{left}" y="{y + 18:.0f}" width="{track:.0f}" height="13" fill="#eef0f2"/>')
        if b.value is not None:
            w = track * min(max(b.value, 0), vmax) / vmax
            body.append(f'<rect x="{left}" y="{y + 18:.0f}" width="{w:.1f}" height="13" fill="{COLORS[0]}"/>')
    return _svg(height, body, title)


def stacked_bar(parts: Sequence[tuple[str, int]], *, title: str) -> str:
    """One bar split into parts (a distribution), with a legend giving each part's count and share."""
    total = sum(n for _l, n in parts)
    height = 46 + 20 * len(parts)
    body: list[str] = []
    x = 4.0
    width = WIDTH - 8
    if total:
        for i, (_label, n) in enumerate(parts):
            w = width * n / total
            if w > 0:
                body.append(f'<rect x="{x:.1f}" y="6" width="{w:.1f}" height="26" fill="{COLORS[i % len(COLORS)]}"/>')
                if w > 34:
                    body.append(
                        f'<text x="{x + w / 2:.1f}" y="24" font-size="12" text-anchor="middle" fill="#fff" {FONT}>'
                        f"{escape(_fmt(100 * n / total, '%'))}</text>"
                    )
            x += w
    else:
        body.append(f'<rect x="4" y="6" width="{width}" height="26" fill="#eef0f2"/>')
        body.append(f'<text x="{WIDTH / 2}" y="24" font-size="12" text-anchor="middle" {FONT}>Chưa có số liệu</text>')
    for i, (label, n) in enumerate(parts):
        lx, ly = 4, 54 + i * 20
        share = f" · {_fmt(100 * n / total, '%')}" if total else ""
        body.append(f'<rect x="{lx:.0f}" y="{ly - 10:.0f}" width="12" height="12" fill="{COLORS[i % len(COLORS)]}"/>')
        text = escape(f"{label}: {n}{share}")
        body.append(f'<text x="{lx + 16:.0f}" y="{ly:.0f}" font-size="12" {FONT}>{text}</text>')
    return _svg(height, body, title)
