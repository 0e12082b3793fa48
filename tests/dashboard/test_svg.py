"""Inline SVG charts of the pages (no plotting library: they are text in the HTML)."""

from __future__ import annotations

from ct05.dashboard import svg


def test_svg_charts_escape_every_text_and_scale_to_the_page() -> None:
    out = svg.bar_list([svg.Bar('<script>alert("x")</script>', 50.0, "1/2", href='/x?a=1&b="2"')], title="T & <b>")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert 'viewBox="0 0 480' in out and "T &amp; &lt;b&gt;" in out
    col = svg.column_chart(["T1", "T2"], [svg.Series("A", [10, None])], title="x", unit="%", max_value=100)
    assert col.count("<rect") >= 2
    assert "Chưa có số liệu" in svg.stacked_bar([("a", 0)], title="empty")
