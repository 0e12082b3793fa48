"""Simple bar charts as PNG for the .docx reports, drawn with numpy and zlib: no plotting library.

Only what a report chart needs: vertical bars in one or two series, a base line, light grid lines, and
numbers (values above bars, labels under them) in a small built-in bitmap font of digits and a few
letters. Category names and the legend go in the caption and the annex table of the document, in real
text (the bitmap font has no Vietnamese letters, on purpose).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

import numpy as np

# 5×7 glyphs, one string of 7 rows of 5 bits per character.
_GLYPHS = {
    "0": "01110 10001 10011 10101 11001 10001 01110",
    "1": "00100 01100 00100 00100 00100 00100 01110",
    "2": "01110 10001 00001 00010 00100 01000 11111",
    "3": "11110 00001 00001 01110 00001 00001 11110",
    "4": "00010 00110 01010 10010 11111 00010 00010",
    "5": "11111 10000 11110 00001 00001 10001 01110",
    "6": "00110 01000 10000 11110 10001 10001 01110",
    "7": "11111 00001 00010 00100 01000 01000 01000",
    "8": "01110 10001 10001 01110 10001 10001 01110",
    "9": "01110 10001 10001 01111 00001 00010 01100",
    "%": "11001 11010 00010 00100 01000 01011 10011",
    "T": "11111 00100 00100 00100 00100 00100 00100",
    "Q": "01110 10001 10001 10001 10101 10010 01101",
    ".": "00000 00000 00000 00000 00000 01100 01100",
    ",": "00000 00000 00000 00000 01100 00100 01000",
    "-": "00000 00000 00000 11111 00000 00000 00000",
    " ": "00000 00000 00000 00000 00000 00000 00000",
}
_FONT = {ch: np.array([[c == "1" for c in row] for row in rows.split()], dtype=bool) for ch, rows in _GLYPHS.items()}

WHITE = (255, 255, 255)
BLACK = (30, 30, 30)
GRID = (215, 218, 222)
SERIES = ((165, 14, 14), (150, 160, 175))


def _text(
    img: np.ndarray,
    x: int,
    y: int,
    text: str,
    scale: int = 2,
    color: tuple[int, int, int] = BLACK,
    center: bool = False,
) -> None:
    width = len(text) * 6 * scale - scale
    if center:
        x -= width // 2
    for ch in text:
        glyph = _FONT.get(ch)
        if glyph is not None:
            big = np.kron(glyph, np.ones((scale, scale), dtype=bool))
            h, w = big.shape
            y0, x0 = max(y, 0), max(x, 0)
            y1, x1 = min(y + h, img.shape[0]), min(x + w, img.shape[1])
            if y1 > y0 and x1 > x0:
                region = img[y0:y1, x0:x1]
                region[big[y0 - y : y1 - y, x0 - x : x1 - x]] = color
        x += 6 * scale


def _rect(img: np.ndarray, x0: float, y0: float, x1: float, y1: float, color: tuple[int, int, int]) -> None:
    img[int(round(y0)) : int(round(y1)), int(round(x0)) : int(round(x1))] = color


def _number(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 0.05 or abs(v) >= 10 else f"{v:.1f}".replace(".", ",")


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Sequence[float | None]],
    *,
    unit: str = "",
    max_value: float | None = None,
    width: int = 1200,
    height: int = 520,
) -> bytes:
    """PNG bytes of grouped vertical bars. `labels` use digits and T, Q (months "T1", quarters "Q1", or
    row numbers of an annex table)."""
    img = np.full((height, width, 3), 255, dtype=np.uint8)
    left, right, top, bottom = 90, 20, 40, 50
    plot_h = height - top - bottom
    values = [v for s in series for v in s if v is not None]
    vmax = max_value if max_value is not None else (max(values) if values else 0)
    vmax = vmax or 1
    for frac in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = top + plot_h * (1 - frac)
        _rect(img, left, y, width - right, y + 2, GRID)
        label = _number(vmax * frac) + unit
        _text(img, left - 8 - (len(label) * 12 - 2), int(y) - 7, label)
    n = max(len(labels), 1)
    group = (width - left - right) / n
    k = max(len(series), 1)
    bar = max(4.0, (group * 0.8) / k)
    for g, label in enumerate(labels):
        gx = left + g * group + group * 0.1
        for i, s in enumerate(series):
            v = s[g] if g < len(s) else None
            if v is None:
                continue
            h = plot_h * min(max(v, 0) / vmax, 1)
            x0 = gx + i * bar
            _rect(img, x0, top + plot_h - h, x0 + bar - 3, top + plot_h, SERIES[i % len(SERIES)])
            if bar >= 26 or k == 1:
                _text(img, int(x0 + (bar - 3) / 2), int(top + plot_h - h) - 20, _number(v), scale=2, center=True)
        _text(img, int(gx + group * 0.4), height - bottom + 14, label, scale=2, center=True)
    _rect(img, left, top + plot_h, width - right, top + plot_h + 3, BLACK)
    return _encode(img)


def _encode(img: np.ndarray) -> bytes:
    h, w, _ = img.shape
    raw = b"".join(b"\x00" + img[row].tobytes() for row in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")
