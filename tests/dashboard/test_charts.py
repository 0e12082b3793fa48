"""Charts: inline SVG for pages, PNG for documents (no plotting library)."""

from __future__ import annotations

import struct
import zlib

from ct05.dashboard import png, svg


def test_svg_charts_escape_every_text_and_scale_to_the_page() -> None:
    out = svg.bar_list([svg.Bar('<script>alert("x")</script>', 50.0, "1/2", href='/x?a=1&b="2"')], title="T & <b>")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert 'viewBox="0 0 480' in out and "T &amp; &lt;b&gt;" in out
    col = svg.column_chart(["T1", "T2"], [svg.Series("A", [10, None])], title="x", unit="%", max_value=100)
    assert col.count("<rect") >= 2
    assert "Chưa có số liệu" in svg.stacked_bar([("a", 0)], title="empty")


def test_png_bar_chart_is_a_valid_png_of_the_asked_size() -> None:
    data = png.bar_chart(
        ["T1", "T2", "T3"], [[10.0, 50.5, None], [5.0, 0.0, 100.0]], unit="%", max_value=100, width=300, height=200
    )
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (300, 200)
    idat = data.index(b"IDAT")
    length = struct.unpack(">I", data[idat - 4 : idat])[0]
    raw = zlib.decompress(data[idat + 4 : idat + 4 + length])
    assert len(raw) == height * (1 + width * 3)
