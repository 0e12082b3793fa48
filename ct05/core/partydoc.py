"""Official documents in the Party's format (Hướng dẫn 36-HD/VPTW; DESIGN.md section 8), as .docx.

A document is a plain data structure; `render_docx` turns it into bytes. Build the data with a pure
function from your records (no Django needed here), then render — the report modules of every app do so
(issue 6: the mission report; issue 7: the province's periodic reports).

Usage::

    from ct05.core.partydoc import PartyDocument, Section, Paragraph, Table, Image, Signature, render_docx

    doc = PartyDocument(
        superior="TỈNH ỦY ĐIỆN BIÊN",                 # cơ quan cấp trên (upper case, regular)
        issuer="BAN TUYÊN GIÁO VÀ DÂN VẬN",           # cơ quan ban hành (upper case, bold)
        number="Số 125-BC/BTGDVTU",                   # "" → "Số      -BC/…" left for the clerk to fill
        date=dt.date(2025, 11, 20),                   # None → "ngày … tháng … năm …" left blank
        kind="BÁO CÁO",                               # tên loại văn bản
        summary="kết quả khảo sát việc thực hiện Chỉ thị 05-CT/TW năm 2025",   # trích yếu
        intro=[Paragraph("Thực hiện Kế hoạch số 12-KH/BTGDVTU …")],
        sections=[
            Section("I. KẾT QUẢ ĐẠT ĐƯỢC", [Paragraph("…"), Table(["TT", "Đơn vị"], [["1", "…"]])]),
            Section("1. Ưu điểm", [Paragraph("…")], level=2),
            Section("", [Image(png_bytes, width_cm=15, caption="Biểu đồ 1. …")]),
        ],
        recipients=["Thường trực Tỉnh ủy (b/c),", "Các đơn vị được khảo sát,", "Lưu Ban."],
        signature=Signature(on_behalf="T/M BAN THƯỜNG VỤ", title="PHÓ TRƯỞNG BAN", name="Nguyễn Văn A"),
    )
    data: bytes = render_docx(doc)

Layout: A4 portrait; margins (default top 2, bottom 2, left 3, right 1.5 cm) in `PartyDocument.margins`;
a borderless two-column header table — left the superior body, the issuing body in bold, "*" and the
number; right "ĐẢNG CỘNG SẢN VIỆT NAM" (bold, 15pt) with a short rule under it and the italic place and
date; the kind of document centred in bold (16pt) with the summary line under it (bold, 14pt); the body in
Times New Roman 14pt, justified with a first-line indent; headings bold (level 1), bold (level 2), bold
italic (level 3); tables with a grid and a bold header row (13pt); images centred with an italic caption;
at the end a borderless two-column table: "Nơi nhận:" (underlined) and the recipients as "- …" lines
(12pt) bottom-left, the signature block bottom-right (on behalf of, title, room for the seal, name — every
line optional). Paragraph `text` may hold several lines ("\\n"): each becomes its own paragraph.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any, Literal

from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

Align = Literal["justify", "left", "center", "right"]

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


@dataclass
class Run:
    """A piece of a paragraph with its own emphasis."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass
class Paragraph:
    """Body text. Give `text`, or `runs` for mixed emphasis (then `text` is ignored)."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    align: Align = "justify"
    indent: bool = True  # first-line indent of 1 cm, as in the body of an official document
    runs: list[Run] = field(default_factory=list)
    size: float | None = None  # points; None = the document's body size


@dataclass
class Table:
    """A grid table: `header` is bold; `widths_cm` (optional) per column; cells are plain strings."""

    header: list[str]
    rows: list[list[str]]
    widths_cm: list[float] | None = None
    size: float = 13
    caption: str = ""  # italic line above the table, when given


@dataclass
class Image:
    """A picture (PNG or JPEG bytes), centred, with an optional italic caption under it."""

    data: bytes
    width_cm: float = 15.0
    caption: str = ""


Block = Paragraph | Table | Image


@dataclass
class Section:
    """A heading (may be empty) and the blocks under it. `level` 1, 2 or 3 sets the heading's emphasis."""

    heading: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 1


@dataclass
class Signature:
    """The signature block. Empty lines are left out ("T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN" …)."""

    on_behalf: str = "T/M BAN THƯỜNG VỤ"
    title: str = ""
    name: str = ""
    note: str = "(Đã ký)"  # printed in the space for the signature and seal; "" leaves the space blank


@dataclass
class Margins:
    top_cm: float = 2.0
    bottom_cm: float = 2.0
    left_cm: float = 3.0
    right_cm: float = 1.5


@dataclass
class PartyDocument:
    superior: str
    issuer: str
    summary: str
    number: str = ""
    kind: str = "BÁO CÁO"
    place: str = "Điện Biên Phủ"
    date: dt.date | None = None
    year: int | None = None  # with no date yet: the year the document is issued, printed on the date line
    intro: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    margins: Margins = field(default_factory=Margins)
    party: str = "ĐẢNG CỘNG SẢN VIỆT NAM"
    font: str = "Times New Roman"
    size: float = 14
    title: str = ""  # document property (shown by file browsers); defaults to kind + summary


def place_date(place: str, day: dt.date | None, year: int | None = None) -> str:
    """ "Điện Biên Phủ, ngày 05 tháng 11 năm 2025"; blanks for what is not known yet, the signer fills them in
    (the year is usually known: "ngày     tháng     năm 2026", issue 13)."""
    if day is None:
        return f"{place}, ngày     tháng     năm {year if year else '20…'}"
    # HD 36: days below 10 and months below 3 are written with a leading zero.
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def render_docx(doc: PartyDocument) -> bytes:
    """The document as .docx bytes."""
    out = DocxDocument()
    _page(out, doc)
    _header(out, doc)
    _title(out, doc)
    for block in doc.intro:
        _block(out, doc, block)
    for section in doc.sections:
        if section.heading:
            _heading(out, doc, section)
        for block in section.blocks:
            _block(out, doc, block)
    _closing(out, doc)
    out.core_properties.title = doc.title or f"{doc.kind} {doc.summary}".strip()
    out.core_properties.author = doc.issuer
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _page(out: Any, doc: PartyDocument) -> None:
    section = out.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    m = doc.margins
    section.top_margin, section.bottom_margin = Cm(m.top_cm), Cm(m.bottom_cm)
    section.left_margin, section.right_margin = Cm(m.left_cm), Cm(m.right_cm)
    style = out.styles["Normal"]
    style.font.name = doc.font
    style.font.size = Pt(doc.size)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), doc.font)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    _page_number(section)


def _page_number(section: Any) -> None:
    """Page numbers centred at the top, as HD 36 asks for documents of several pages."""
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    run.font.size = Pt(13)
    section.different_first_page_header_footer = True  # no number on the first page


def no_borders(table: Any, *, margins: bool = True) -> None:
    """No grid lines; with margins=False also no cell padding, so the header's long names fit on a line."""
    tbl_pr = table._tbl.tblPr
    if not margins:
        cell_mar = OxmlElement("w:tblCellMar")
        for edge in ("left", "right"):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:w"), "0")
            el.set(qn("w:type"), "dxa")
            cell_mar.append(el)
        tbl_pr.append(cell_mar)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _widths(table: Any, widths: list[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)


def _line(
    container: Any,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
) -> Any:
    p = container.paragraphs[0] if first else container.add_paragraph()
    p.alignment = align
    if text:
        run = p.add_run(text)
        run.bold, run.italic, run.underline, run.font.size = bold, italic, underline, Pt(size)
    return p


def _rule_under(paragraph: Any, indent_cm: float) -> None:
    """A short horizontal rule under a paragraph: its bottom border, narrowed by indents on both sides."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)
    paragraph.paragraph_format.left_indent = Cm(indent_cm)
    paragraph.paragraph_format.right_indent = Cm(indent_cm)


def _header(out: Any, doc: PartyDocument) -> None:
    usable = 21.0 - doc.margins.left_cm - doc.margins.right_cm
    left_w = usable * 0.43
    table = out.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table, margins=False)
    _widths(table, [left_w, usable - left_w])
    left, right = table.rows[0].cells
    # HD 36 allows 13-14pt for the bodies' names; 13 keeps a long issuer name on one line more often.
    head = min(doc.size, 13)
    _line(left, doc.superior.upper(), size=head, first=True)
    _line(left, doc.issuer.upper(), size=head, bold=True)
    _line(left, "*", size=head)
    _line(left, doc.number or "Số      -BC/…", size=doc.size)
    _line(right, doc.party, size=15, bold=True, first=True)
    rule = _line(right, "", size=2)
    rule.paragraph_format.line_spacing = Pt(3)
    rule.paragraph_format.space_after = Pt(8)
    _rule_under(rule, 2.4)
    _line(right, place_date(doc.place, doc.date, doc.year), size=doc.size, italic=True)


def _title(out: Any, doc: PartyDocument) -> None:
    spacer = out.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)
    p = out.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(doc.kind.upper())
    run.bold, run.font.size = True, Pt(16)
    if doc.summary:
        s = out.add_paragraph()
        s.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = s.add_run(doc.summary)
        run.bold, run.font.size = True, Pt(doc.size)
        rule = out.add_paragraph()
        rule.alignment = WD_ALIGN_PARAGRAPH.CENTER
        rule.add_run("-----").font.size = Pt(doc.size)
    out.paragraphs[-1].paragraph_format.space_after = Pt(12)


def _heading(out: Any, doc: PartyDocument, section: Section) -> None:
    p = out.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    p.paragraph_format.first_line_indent = Cm(1)
    p.paragraph_format.space_before = Pt(6)
    p.paragraph_format.space_after = Pt(3)
    p.paragraph_format.keep_with_next = True
    run = p.add_run(section.heading)
    run.bold = True
    run.italic = section.level >= 3
    run.font.size = Pt(doc.size)


def _block(out: Any, doc: PartyDocument, block: Block) -> None:
    if isinstance(block, Paragraph):
        _paragraph(out, doc, block)
    elif isinstance(block, Table):
        _table(out, doc, block)
    elif isinstance(block, Image):
        _image(out, block)
    else:  # pragma: no cover - a typing error in the caller
        raise TypeError(f"unknown block {type(block).__name__}")


def _paragraph(out: Any, doc: PartyDocument, block: Paragraph) -> None:
    pieces = [block.runs] if block.runs else [[Run(line, block.bold, block.italic)] for line in block.text.split("\n")]
    for runs in pieces:
        p = out.add_paragraph()
        p.alignment = _ALIGN[block.align]
        if block.indent:
            p.paragraph_format.first_line_indent = Cm(1)
        p.paragraph_format.space_after = Pt(4)
        p.paragraph_format.line_spacing = 1.1
        for r in runs:
            run = p.add_run(r.text)
            run.bold, run.italic, run.underline = r.bold, r.italic, r.underline
            run.font.size = Pt(block.size or doc.size)


def _table(out: Any, doc: PartyDocument, block: Table) -> None:
    if block.caption:
        _paragraph(out, doc, Paragraph(block.caption, italic=True, align="center", indent=False))
    cols = max([len(block.header), *(len(r) for r in block.rows)] or [1])
    table = out.add_table(rows=1, cols=cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, label in zip(table.rows[0].cells, block.header, strict=False):
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(label)
        run.bold, run.font.size = True, Pt(block.size)
    _repeat_header(table.rows[0])
    for row in block.rows:
        new = table.add_row()
        new._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
        cells = new.cells
        for cell, value in zip(cells, row, strict=False):
            lines = str(value).split("\n")
            for i, line in enumerate(lines):
                p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                p.add_run(line).font.size = Pt(block.size)
    if block.widths_cm:
        _widths(table, block.widths_cm)
    out.add_paragraph().paragraph_format.space_after = Pt(4)


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _image(out: Any, block: Image) -> None:
    out.add_picture(io.BytesIO(block.data), width=Cm(block.width_cm))
    out.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if block.caption:
        p = out.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(block.caption)
        run.italic, run.font.size = True, Pt(13)
        p.paragraph_format.space_after = Pt(6)


def _closing(out: Any, doc: PartyDocument) -> None:
    out.add_paragraph()
    usable = 21.0 - doc.margins.left_cm - doc.margins.right_cm
    table = out.add_table(rows=1, cols=2)
    no_borders(table)
    _widths(table, [usable * 0.5, usable * 0.5])
    left, right = table.rows[0].cells
    if doc.recipients:
        # HD 36: "Nơi nhận" in 14pt, upright, underlined; the recipients in 12pt.
        _line(left, "Nơi nhận:", size=doc.size, underline=True, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
        for name in doc.recipients:
            _line(left, f"- {name}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    sig = doc.signature
    lines: list[tuple[str, bool, bool]] = [(t.upper(), True, False) for t in (sig.on_behalf, sig.title) if t]
    lines += [(sig.note if (i == 1 and sig.note) else "", False, True) for i in range(4)]
    if sig.name:
        lines.append((sig.name, True, False))
    for i, (text, bold, italic) in enumerate(lines):
        _line(right, text, size=doc.size, bold=bold, italic=italic, first=i == 0)
