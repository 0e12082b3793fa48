"""Meeting minutes (biên bản) as .docx: a pure function builds the content from a meeting, another renders
it in the Party's document layout (Hướng dẫn 36-HD/VPTW: issuing bodies top left, "ĐẢNG CỘNG SẢN VIỆT NAM"
top right with the place and date, Times New Roman 14pt, A4, signatures at the bottom)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import IO, Any

from docx import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ct05.records.models import Attendance, Meeting, MeetingKind, setting_value


@dataclass
class MinutesContent:
    superior: str
    issuer: str
    place_date: str
    title: str
    subtitle: str
    opening: list[str]
    attendance: list[str]
    agenda: list[tuple[str, bool]]
    topic: str
    content: str
    contributions: list[tuple[str, str]]
    discussion: str
    resolution: str
    items: list[tuple[str, str, str]] = field(default_factory=list)
    chair: str = ""
    recorder: str = ""


def _date_words(day: dt.date) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def minutes_content(meeting: Meeting) -> MinutesContent:
    cell = meeting.cell
    att = list(meeting.attendance.select_related("member"))
    present = [a for a in att if a.status == Attendance.Status.PRESENT]
    absent = [a for a in att if a.status in (Attendance.Status.ABSENT, Attendance.Status.ABSENT_NO_REASON)]
    exempt = [a for a in att if a.status == Attendance.Status.EXEMPT]
    lines = [
        f"Tổng số đảng viên của chi bộ được điểm danh: {len(att)}; có mặt: {len(present)}; vắng: {len(absent)}; "
        f"miễn sinh hoạt: {len(exempt)}."
    ]
    for a in absent:
        reason = f" ({a.reason})" if a.reason else " (không lý do)"
        lines.append(f"Vắng: đồng chí {a.member.full_name}{reason}.")
    for a in exempt:
        lines.append(f"Miễn sinh hoạt: đồng chí {a.member.full_name}.")
    if meeting.kind == MeetingKind.REGULAR:
        subtitle = f"Sinh hoạt chi bộ định kỳ tháng {meeting.for_month.month:02d}/{meeting.for_month.year}"
    elif meeting.kind == MeetingKind.THEMATIC:
        subtitle = f"Sinh hoạt chi bộ chuyên đề: {meeting.topic}"
    else:
        subtitle = "Sinh hoạt chi bộ bất thường"
    place = setting_value("minutes_place", meeting.date)
    return MinutesContent(
        superior=(cell.parent.name if cell.parent else "").upper(),
        issuer=cell.name.upper(),
        place_date=f"{place}, {_date_words(meeting.date)}",
        title="BIÊN BẢN",
        subtitle=subtitle,
        opening=[
            f"Hôm nay, {_date_words(meeting.date)}, tại {meeting.place or 'trụ sở chi bộ'}, {cell.name} tiến hành "
            f"{subtitle[0].lower() + subtitle[1:]}.",
            f"Chủ trì: đồng chí {meeting.chair.full_name if meeting.chair else '……………'}. "
            f"Thư ký: đồng chí {meeting.recorder.full_name if meeting.recorder else '……………'}.",
        ],
        attendance=lines,
        agenda=[(a.text, a.done) for a in meeting.agenda.all()],
        topic=meeting.topic,
        content=meeting.content,
        contributions=[(c.member.full_name, c.text) for c in meeting.contributions.select_related("member")],
        discussion=meeting.discussion,
        resolution=meeting.resolution_summary,
        items=[
            (i.task, i.owner.full_name, i.deadline.strftime("%d/%m/%Y"))
            for i in meeting.items.select_related("owner").order_by("order", "id")
        ],
        chair=meeting.chair.full_name if meeting.chair else "",
        recorder=meeting.recorder.full_name if meeting.recorder else "",
    )


def _para(
    doc: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: int = 14,
    align: int | None = None,
    space_after: int = 4,
) -> object:
    p = doc.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


def _cell_text(
    cell: object, text: str, *, bold: bool = False, italic: bool = False, size: int = 14, underline: bool = False
) -> None:
    p = cell.add_paragraph() if cell.paragraphs[0].text else cell.paragraphs[0]  # type: ignore[attr-defined]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold, run.italic, run.underline, run.font.size = bold, italic, underline, Pt(size)


def render_minutes(content: MinutesContent, out: IO[bytes]) -> None:
    doc = DocxDocument()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"  # type: ignore[attr-defined]
    style.font.size = Pt(14)  # type: ignore[attr-defined]
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")  # type: ignore[attr-defined]

    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = head.rows[0].cells
    _cell_text(left, content.superior, size=13)
    _cell_text(left, content.issuer, bold=True, size=13)
    _cell_text(left, "*", size=13)
    _cell_text(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=15, underline=True)
    _cell_text(right, content.place_date, italic=True, size=14)

    _para(doc)
    _para(doc, content.title, bold=True, size=16, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(doc, content.subtitle, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    for line in content.opening:
        _para(doc, line)
    _para(doc, "I. THÀNH PHẦN", bold=True)
    for line in content.attendance:
        _para(doc, line)
    _para(doc, "II. NỘI DUNG", bold=True)
    for text, done in content.agenda:
        _para(doc, f"{'☑' if done else '☐'} {text}{'' if done else ' (không thực hiện)'}")
    if content.topic:
        _para(doc, f"Chuyên đề: {content.topic}", bold=True)
    for line in content.content.splitlines():
        if line.strip():
            _para(doc, line)
    _para(doc, "III. Ý KIẾN THẢO LUẬN", bold=True)
    for name, said in content.contributions:
        _para(doc, f"Đồng chí {name}: {said}")
    for line in content.discussion.splitlines():
        if line.strip():
            _para(doc, line)
    if not content.contributions and not content.discussion.strip():
        _para(doc, "(Không ghi ý kiến.)", italic=True)
    _para(doc, "IV. NGHỊ QUYẾT", bold=True)
    for line in content.resolution.splitlines():
        if line.strip():
            _para(doc, line)
    if content.items:
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, ("TT", "Công việc", "Người thực hiện", "Thời hạn"), strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(label)
            run.bold, run.font.size = True, Pt(13)
        for n, (task, owner, deadline) in enumerate(content.items, start=1):
            cells = table.add_row().cells
            for cell, value in zip(cells, (str(n), task, owner, deadline), strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(value).font.size = Pt(13)
        widths = (Cm(1.2), Cm(8.8), Cm(4.5), Cm(2.5))
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
    _para(doc, "Cuộc họp kết thúc, biên bản đã được thông qua trước chi bộ.", italic=True)
    _para(doc)
    sign = doc.add_table(rows=1, cols=2)
    left, right = sign.rows[0].cells
    _cell_text(left, "THƯ KÝ", bold=True)
    _cell_text(left, " ")
    _cell_text(right, "T/M CHI BỘ", bold=True)
    _cell_text(right, "CHỦ TRÌ", bold=True)
    for cell, name in ((left, content.recorder), (right, content.chair)):
        for _ in range(3):
            _cell_text(cell, " ")
        _cell_text(cell, name, bold=True)
    doc.save(out)
