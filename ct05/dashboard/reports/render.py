"""Renderers of the periodic report: .docx through the shared Party document renderer (ct05/core/partydoc.py)
and the annex as .xlsx. They lay out a `ReportContext` and the user's edited texts; they decide nothing."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ct05.core.partydoc import Image, Paragraph, PartyDocument, Section, Signature, Table, render_docx
from ct05.core.text import escape_cell
from ct05.dashboard.charts import bar_chart
from ct05.dashboard.reports.context import ReportContext


def merged(ctx: ReportContext, edits: dict[str, str] | None) -> tuple[dict[str, str], dict[str, str]]:
    """(header, texts): the context's defaults overridden by the user's edits (unknown keys ignored)."""
    edits = edits or {}
    header = {k: edits.get(k, v) for k, v in ctx.header.items()}
    texts = {k: edits.get(k, v) for k, v in ctx.texts.items()}
    return header, texts


def to_party_document(
    ctx: ReportContext, edits: dict[str, str] | None = None, *, day: dt.date | None = None, year: int | None = None
) -> PartyDocument:
    header, texts = merged(ctx, edits)
    intro: list[Paragraph | Table | Image] = [Paragraph(ctx.intro)]
    if ctx.note:
        intro.append(Paragraph(ctx.note, italic=True))
    sections: list[Section] = []
    for part in ctx.parts:
        blocks: list[Paragraph | Table | Image] = [Paragraph("- " + fact, indent=True) for fact in part.facts if fact]
        if part.chart is not None and ctx.has_data:
            chart = part.chart
            png = bar_chart(
                chart.labels,
                chart.series,
                names=chart.names,
                unit=chart.unit,
                max_value=chart.max_value,
                x_title=chart.x_title,
                y_title=chart.y_title,
            )
            blocks.append(Image(png, width_cm=15.5, caption=part.chart.caption))
        if part.text_key:
            text = texts.get(part.text_key, "").strip()
            blocks.append(Paragraph(text if text else "…………………………………………………………"))
        sections.append(Section(part.heading, blocks, level=part.level))
    for annex in ctx.annexes:
        rows = annex.rows or [["", "Chưa có số liệu"] + [""] * (len(annex.header) - 2)]
        sections.append(Section(annex.title, [Table(annex.header, rows, widths_cm=annex.widths_cm, size=10)], level=1))
    recipients = [line.strip() for line in header["recipients"].splitlines() if line.strip()]
    return PartyDocument(
        superior=header["superior"],
        issuer=header["issuer"],
        number=header["number"],
        place=header["place"] or "Điện Biên Phủ",
        date=day,
        year=year,
        summary=ctx.summary,
        intro=intro,
        sections=sections,
        recipients=recipients,
        signature=Signature(
            on_behalf=header["on_behalf"], title=header["signer_title"], name=header["signer_name"], note=""
        ),
        title=f"Báo cáo {ctx.summary}",
    )


@translation.override("vi")  # an official document of a Vietnamese Party body
def render_report_docx(
    ctx: ReportContext, edits: dict[str, str] | None = None, *, day: dt.date | None = None, year: int | None = None
) -> bytes:
    return render_docx(to_party_document(ctx, edits, day=day, year=year))


@translation.override("vi")  # an official document of a Vietnamese Party body
def render_annex_xlsx(ctx: ReportContext) -> bytes:
    """One sheet per annex table, plus the report's figures sentence by sentence (sheet "Số liệu")."""
    wb = Workbook()
    first = True
    for annex in ctx.annexes:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = ("Nam" if annex.title.startswith("Phụ lục.") else "Don vi")[:31]
        ws.append([annex.title])
        ws["A1"].font = Font(bold=True)
        ws.append(annex.header)
        for cell in ws[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in annex.rows:
            ws.append([_cell(v) for v in row])
        if not annex.rows:
            ws.append(["", "Chưa có số liệu"])
        for i in range(1, len(annex.header) + 1):
            ws.column_dimensions[get_column_letter(i)].width = 40 if i == 2 else 14
        ws.freeze_panes = "C3"
    facts = wb.create_sheet("So lieu")
    facts.append(["Mục", "Số liệu"])
    for cell in facts[1]:
        cell.font = Font(bold=True)
    for part in ctx.parts:
        for fact in part.facts:
            facts.append([escape_cell(part.heading), escape_cell(fact)])
    facts.column_dimensions["A"].width = 50
    facts.column_dimensions["B"].width = 110
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(value: str) -> object:
    """Numbers as numbers (so the annex can be summed), text escaped against formulas."""
    text = value.replace(".", "").replace(",", ".") if value and value[0].isdigit() else value
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return escape_cell(value)
