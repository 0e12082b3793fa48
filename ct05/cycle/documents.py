"""Printable documents of the cycle: a member's registration form and a cell's registration book (.docx,
laid out after Hướng dẫn 36-HD/VPTW: header table, Times New Roman, A4), and the book as .xlsx.

A pure function builds the data (`registration_form_data`, `book_data`); renderers turn it into bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ct05.core.partydoc import no_borders
from ct05.core.text import escape_cell
from ct05.cycle.models import Registration
from ct05.orgs.models import Member, Organization

PLACE = "Điện Biên Phủ"
BLANK_ROWS = 5


@dataclass
class FormItem:
    content: str
    duty: str = ""
    standard: str = ""
    measures: str = ""
    timeline: str = ""
    expected: str = ""
    self_result: str = ""


@dataclass
class FormData:
    year: int
    superior: str
    unit: str
    title: str
    name: str
    position: str
    duties: list[str]
    topics: list[str]
    items: list[FormItem]
    entered_note: str = ""
    status: str = ""
    rating: str = ""
    cell_comment: str = ""
    day: dt.date = field(default_factory=timezone.localdate)


def _timeline(deadline: dt.date | None, milestones: str) -> str:
    parts = [milestones] if milestones else []
    if deadline:
        parts.append(deadline.strftime("%d/%m/%Y"))
    return "; ".join(parts)


def registration_form_data(
    *, registration: Registration | None, member: Member | None = None, year: int, topics: list[str]
) -> FormData:
    """The form's content; with no registration (or no commitment) it has blank lines to fill by hand."""
    if registration is not None:
        member = registration.member
    org: Organization = registration.organization if registration else member.cell  # type: ignore[union-attr]
    parent = org.parent
    items: list[FormItem] = []
    if registration is not None:
        for c in registration.commitments.select_related("duty"):
            items.append(
                FormItem(
                    content=c.content,
                    duty=c.duty.text if c.duty else "",
                    standard=c.get_standard_display() if c.standard else "",
                    measures=c.measures,
                    timeline=_timeline(c.deadline, c.milestones),
                    expected=c.expected_result,
                    self_result=c.get_self_result_display() if c.self_result else "",
                )
            )
    collective = registration is not None and registration.member_id is None
    return FormData(
        year=year,
        superior=parent.name.upper() if parent else "",
        unit=org.name.upper(),
        title=(
            f"KẾ HOẠCH TẬP THỂ HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH NĂM {year}"
            if collective
            else f"BẢN ĐĂNG KÝ HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH NĂM {year}"
        ),
        name=org.name if collective or member is None else member.full_name,
        position="; ".join(p for p in ((member.party_position, member.government_position) if member else ()) if p),
        duties=[d.text for d in member.current_duties()] if member else [],
        topics=topics,
        items=items,
        entered_note="Bí thư chi bộ nhập thay đảng viên." if registration and registration.on_behalf else "",
        status=registration.get_status_display() if registration else "",
        rating=registration.rating.name if registration and registration.rating else "",
        cell_comment=registration.cell_comment if registration else "",
    )


def _font(doc: object, size: int = 13) -> None:
    style = doc.styles["Normal"]  # type: ignore[attr-defined]
    style.font.name = "Times New Roman"
    style.font.size = Pt(size)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")


def _a4(doc: object, landscape: bool = False) -> None:
    section = doc.sections[0]  # type: ignore[attr-defined]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_height, section.page_width = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)


def _para(
    cell_or_doc: object,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int | None = None,
    align: int = WD_ALIGN_PARAGRAPH.LEFT,
) -> object:
    p = cell_or_doc.add_paragraph()  # type: ignore[attr-defined]
    p.alignment = align
    p.paragraph_format.space_after = Pt(2)
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return p


def _header(doc: object, superior: str, unit: str, day: dt.date, widths: tuple[float, float] = (8.2, 8.3)) -> None:
    """The header of Hướng dẫn 36: issuing body left, "ĐẢNG CỘNG SẢN VIỆT NAM" right with place and date."""
    t = doc.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    no_borders(t, margins=False)
    _widths(t, widths)  # the unit's name and the place and date each on one line (HD 36)
    left, right = t.rows[0].cells
    left.paragraphs[0].text = ""
    if superior:
        _para(left, superior, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, unit, bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, "*", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=15, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "_" * 22, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        right,
        f"{PLACE}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}",
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )


def _widths(table: object, widths: tuple[float, ...]) -> None:
    """Fixed column widths (Word and LibreOffice otherwise share the page equally)."""
    table.autofit = False  # type: ignore[attr-defined]
    grid = table._tbl.tblGrid  # type: ignore[attr-defined]
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _grid(table: object) -> None:
    table.style = "Table Grid"  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER  # type: ignore[attr-defined]


def render_registration_form(data: FormData) -> bytes:
    doc = Document()
    _font(doc, 13)
    _a4(doc)
    _header(doc, data.superior, data.unit, data.day)
    _para(doc, "")
    _para(doc, data.title, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "")
    _para(doc, f"Họ và tên: {data.name}" if not data.title.startswith("KẾ HOẠCH TẬP THỂ") else f"Đơn vị: {data.name}")
    if data.position:
        _para(doc, f"Chức vụ: {data.position}")
    if data.duties:
        _para(doc, "Nhiệm vụ được phân công: " + "; ".join(data.duties))
    for t in data.topics:
        _para(doc, f"Chuyên đề: {t}", italic=True)
    _para(doc, "Nội dung đăng ký:", bold=True)
    headers = ["TT", "Nội dung đăng ký", "Giải pháp, biện pháp", "Thời gian", "Kết quả, sản phẩm dự kiến"]
    table = doc.add_table(rows=1, cols=len(headers))
    _grid(table)
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    items = data.items or [FormItem(content="") for _ in range(BLANK_ROWS)]
    for n, item in enumerate(items, start=1):
        cells = table.add_row().cells
        content = item.content
        if item.duty:
            content += f"\n(Gắn với nhiệm vụ: {item.duty})"
        if item.standard:
            content += f"\n(Chuẩn mực: {item.standard})"
        for cell, text in zip(
            cells, [str(n), content or "\n\n", item.measures, item.timeline, item.expected], strict=True
        ):
            cell.paragraphs[0].text = text
    _widths(table, (1.0, 6.5, 3.5, 2.5, 3.0))
    if data.rating or data.cell_comment:
        _para(doc, "")
        _para(doc, f"Nhận xét của chi bộ: {data.cell_comment}")
        _para(doc, f"Xếp loại: {data.rating}")
    if data.entered_note:
        _para(doc, data.entered_note, italic=True, size=11)
    _para(doc, "")
    sig = doc.add_table(rows=1, cols=2)
    no_borders(sig)
    _para(sig.rows[0].cells[0], "XÁC NHẬN CỦA CHI BỘ", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(sig.rows[0].cells[0], "T/M CHI ỦY\nBÍ THƯ", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(sig.rows[0].cells[1], "NGƯỜI ĐĂNG KÝ", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(sig.rows[0].cells[1], "(Ký, ghi rõ họ tên)", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@dataclass
class BookRow:
    n: int
    name: str
    position: str
    status: str
    items: list[FormItem]
    rating: str


@dataclass
class BookData:
    year: int
    superior: str
    unit: str
    rows: list[BookRow]
    day: dt.date = field(default_factory=timezone.localdate)
    unit_name: str = ""  # as written (the header's `unit` is in capitals)


def book_data(*, org: Organization, year: int, registrations: list[Registration]) -> BookData:
    rows: list[BookRow] = []
    for n, reg in enumerate(registrations, start=1):
        form = registration_form_data(registration=reg, year=year, topics=[])
        rows.append(
            BookRow(
                n, form.name, form.position, reg.get_status_display(), form.items, reg.rating.name if reg.rating else ""
            )
        )
    superior = org.parent.name.upper() if org.parent else ""
    return BookData(year=year, superior=superior, unit=org.name.upper(), rows=rows, unit_name=org.name)


BOOK_HEADERS = ["TT", "Họ và tên", "Chức vụ", "Nội dung đăng ký", "Thời gian", "Tự đánh giá", "Trạng thái", "Xếp loại"]


def render_book_docx(data: BookData) -> bytes:
    doc = Document()
    _font(doc, 12)
    _a4(doc, landscape=True)
    _header(doc, data.superior, data.unit, data.day, widths=(11.0, 14.0))  # landscape
    _para(doc, "")
    _para(
        doc,
        f"SỔ ĐĂNG KÝ HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH NĂM {data.year}",
        bold=True,
        size=14,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    table = doc.add_table(rows=1, cols=len(BOOK_HEADERS))
    _grid(table)
    for cell, text in zip(table.rows[0].cells, BOOK_HEADERS, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in data.rows:
        cells = table.add_row().cells
        contents = "\n".join(f"{i}. {it.content}" for i, it in enumerate(row.items, start=1)) or "—"
        timeline = "\n".join(f"{i}. {it.timeline}" for i, it in enumerate(row.items, start=1) if it.timeline)
        selfr = "\n".join(f"{i}. {it.self_result}" for i, it in enumerate(row.items, start=1) if it.self_result)
        for cell, text in zip(
            cells, [str(row.n), row.name, row.position, contents, timeline, selfr, row.status, row.rating], strict=True
        ):
            cell.paragraphs[0].text = text
    _widths(table, (1.0, 3.5, 3.0, 9.5, 2.7, 2.5, 2.3, 2.5))
    if not data.rows:
        _para(doc, "Chưa có bản đăng ký nào.", italic=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_book_xlsx(data: BookData) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = f"So dang ky {data.year}"
    ws.append([escape_cell(f"Sổ đăng ký làm theo năm {data.year} — {data.unit_name or data.unit}")])
    ws["A1"].font = Font(bold=True)
    headers = [
        "TT",
        "Họ và tên",
        "Chức vụ",
        "STT nội dung",
        "Nội dung đăng ký",
        "Gắn với nhiệm vụ",
        "Chuẩn mực",
        "Giải pháp",
        "Thời gian",
        "Kết quả dự kiến",
        "Tự đánh giá",
        "Trạng thái",
        "Xếp loại",
    ]
    ws.append(headers)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in data.rows:
        for i, it in enumerate(row.items or [FormItem(content="")], start=1):
            ws.append(
                [
                    escape_cell(v)
                    for v in (
                        row.n,
                        row.name,
                        row.position,
                        i,
                        it.content,
                        it.duty,
                        it.standard,
                        it.measures,
                        it.timeline,
                        it.expected,
                        it.self_result,
                        row.status,
                        row.rating,
                    )
                ]
            )
    widths = (5, 25, 20, 6, 60, 30, 20, 30, 18, 30, 16, 20, 20)
    for col, width in zip("ABCDEFGHIJKLM", widths, strict=True):
        ws.column_dimensions[col].width = width
    for r in ws.iter_rows(min_row=3):
        lines = 1
        for c, width in zip(r, widths, strict=True):
            c.alignment = Alignment(wrap_text=True, vertical="top")
            lines = max(lines, -(-len(str(c.value or "")) // max(1, width - 2)))
        # Spreadsheet programs do not grow a row for wrapped text they did not lay out themselves.
        ws.row_dimensions[r[0].row].height = 15 * lines
    # Printed: A4 landscape, all columns on the page width, the header row on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "2:2"
    ws.freeze_panes = "C3"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
