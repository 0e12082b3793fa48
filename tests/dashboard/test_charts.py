"""Report charts (matplotlib): a PNG of the asked size, Vietnamese text with no missing glyph, in the
document's font, and inside the periodic report's .docx."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from docx import Document
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from ct05.dashboard import charts
from ct05.dashboard.reports.period import parse_period
from ct05.dashboard.reports.render import render_report_docx
from ct05.dashboard.reports.service import report_context
from ct05.dashboard.services import rollup_compute
from tests.conftest import World
from tests.dashboard.conftest import LAST_YEAR, Records

VIETNAMESE = "Quyết định khen thưởng — Tỷ lệ chi bộ học tập và làm theo ở Mường Thanh"


def missing_glyph_warnings(draw: Callable[[], object]) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw()
    return [str(w.message) for w in caught if "missing from" in str(w.message)]


def test_a_bar_chart_is_a_png_of_the_asked_size() -> None:
    data = charts.bar_chart(
        ["T1", "T2", "T3"], [[10.0, 50.5, None], [5.0, 0.0, 100.0]], unit="%", max_value=100, width=900, height=420
    )
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (900, 420)


def test_vietnamese_labels_legend_and_titles_render_without_a_missing_glyph() -> None:
    def draw() -> bytes:
        return charts.bar_chart(
            ["Tháng Một", "Tháng Hai"],
            [[3.0, 4.0], [1.0, 2.0]],
            names=["Việc tốt", VIETNAMESE],
            x_title="Tháng",
            y_title="Số lượng đảng viên được biểu dương",
        )

    assert missing_glyph_warnings(draw) == []


def test_the_missing_glyph_check_does_catch_a_font_without_vietnamese_letters() -> None:
    def draw_in_computer_modern() -> None:  # matplotlib's bundled cmr10 has no Vietnamese letters
        fig = Figure()
        FigureCanvasAgg(fig)
        fig.text(0.1, 0.5, VIETNAMESE, family="cmr10")
        fig.savefig(io.BytesIO(), format="png")

    assert missing_glyph_warnings(draw_in_computer_modern)


def test_every_text_of_the_chart_is_set_in_the_document_font() -> None:
    fig = charts.bar_figure(["T1", "T2"], [[1.0, 2.0], [2.0, 1.0]], names=["Năm 2026", "Năm 2025"], x_title="Tháng")
    fig.canvas.draw()
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["Năm 2026", "Năm 2025"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["T1", "T2"]
    texts = [*legend.get_texts(), *ax.get_xticklabels(), *ax.get_yticklabels(), ax.xaxis.label]
    assert {t.get_fontfamily()[0] for t in texts} == {charts.document_font()}


@pytest.mark.parametrize(
    ("installed", "vietnamese", "chosen"),
    [
        (
            ["DejaVu Sans", "Liberation Serif", "Times New Roman"],
            {"Liberation Serif", "Times New Roman"},
            "Times New Roman",
        ),
        (["Liberation Serif", "DejaVu Serif"], {"Liberation Serif"}, "Liberation Serif"),
        # Debian's fonts-liberation 1.x: the name is there, the Vietnamese letters are not
        (["Liberation Serif", "DejaVu Serif"], set(), "DejaVu Serif"),
        (["DejaVu Serif", "Arial"], {"Arial"}, "DejaVu Serif"),
        ([], set(), "DejaVu Serif"),  # matplotlib bundles it: the last resort always exists
    ],
)
def test_the_document_font_is_the_first_installed_of_times_liberation_dejavu_with_vietnamese_letters(
    monkeypatch: pytest.MonkeyPatch, installed: list[str], vietnamese: set[str], chosen: str
) -> None:
    fonts = [SimpleNamespace(name=n, fname=f"/fonts/{n}.ttf") for n in installed]
    monkeypatch.setattr(charts, "fontManager", SimpleNamespace(ttflist=fonts))
    monkeypatch.setattr(charts, "_covers", lambda path, letters: any(path == f"/fonts/{n}.ttf" for n in vietnamese))
    charts.document_font.cache_clear()
    try:
        assert charts.document_font() == chosen
    finally:
        charts.document_font.cache_clear()


def test_a_font_without_the_vietnamese_letters_is_told_apart_from_one_with_them() -> None:
    from matplotlib import get_data_path

    dejavu = f"{get_data_path()}/fonts/ttf/DejaVuSerif.ttf"
    assert charts._covers(dejavu, charts.VIETNAMESE_PROBE)
    assert not charts._covers(f"{get_data_path()}/fonts/ttf/cmr10.ttf", charts.VIETNAMESE_PROBE)
    assert not charts._covers("/nonexistent/font.ttf", "a")


def test_numbers_are_written_the_vietnamese_way() -> None:
    assert [charts.number(v) for v in (2.5, 75.4, 3.0, 0.0)] == ["2,5", "75", "3", "0"]


def test_the_periodic_report_docx_opens_with_its_charts_at_full_size(world: World, records: Records) -> None:
    rollup_compute(year=LAST_YEAR)
    rollup_compute(year=LAST_YEAR - 1)
    period = parse_period(f"{LAST_YEAR}-H1", today=dt.date.today())
    ctx = report_context(user=world.admin, org=world.ward, period=period)
    doc = Document(io.BytesIO(render_report_docx(ctx)))
    images = [
        Image.open(io.BytesIO(rel.target_part.blob)) for rel in doc.part.rels.values() if rel.reltype.endswith("/image")
    ]
    assert len(doc.inline_shapes) == 2 and len(images) == 2
    assert all(i.format == "PNG" and i.size == (1240, 600) for i in images)
    captions = [p.text for p in doc.paragraphs if p.text.startswith("Biểu đồ")]
    assert captions[0].endswith(f"năm {LAST_YEAR} so với năm {LAST_YEAR - 1}.")
    assert [c.names for c in (p.chart for p in ctx.parts) if c] == [
        [f"Năm {LAST_YEAR}", f"Năm {LAST_YEAR - 1}"],
        ["Việc tốt", "Quyết định khen thưởng"],
    ]
