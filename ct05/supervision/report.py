"""The mission's report (báo cáo kết quả khảo sát / kiểm tra / giám sát) in the Party's format.

`report_data` reads the mission (the caller has checked access); `build_document` is pure and turns that
data into a ct05.core.partydoc.PartyDocument; `render_docx` writes it. The units surveyed, the results,
the shortcomings, the recommendations, the numbered tasks and the remediation table, "Nơi nhận" and the
signature: a supervisor should be able to send it after a read-through.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ct05.core.partydoc import Block, Paragraph, PartyDocument, Run, Section, Signature, Table, render_docx
from ct05.supervision.models import Conclusion, Finding, Mission, RemediationTask, ordinal

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]


@dataclass
class UnitRow:
    name: str
    kind: str
    sector: str
    requested: int
    answered: int


@dataclass
class ReportData:
    superior: str
    issuer: str
    number: str
    date: dt.date | None
    kind: str
    title: str
    purpose: str
    decision_number: str
    decision_date: dt.date | None
    start: dt.date
    end: dt.date
    topics: list[str]
    units: list[UnitRow]
    results: list[tuple[str, str]]  # (unit, text)
    shortcomings: list[tuple[str, str]]
    recommendations: list[tuple[str, str]]
    commendation: str
    general_shortcomings: str
    points: list[str]
    draft: bool
    tasks: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # unit, task, owner, deadline, status
    recipients: list[str] = field(default_factory=list)
    on_behalf: str = ""
    signer_title: str = ""
    signer_name: str = ""


def _conclusion(mission: Mission) -> Conclusion | None:
    issued = mission.conclusions.filter(status=Conclusion.Status.ISSUED).order_by("-version").first()
    return issued or mission.conclusions.order_by("-version").first()


def report_data(mission: Mission) -> ReportData:
    units = list(mission.units.select_related("organization", "organization__kind", "organization__sector"))
    requests = list(mission.requests.select_related("answer").order_by("id"))
    findings = list(
        mission.findings.filter(status=Finding.Status.ACCEPTED)
        .select_related("organization")
        .order_by("organization__path", "order", "id")
    )
    conclusion = _conclusion(mission)

    def by_kind(kind: object) -> list[tuple[str, str]]:
        return [(f.organization.name, f.text) for f in findings if f.kind == kind]

    rows = []
    for u in units:
        mine = [r for r in requests if r.organization_id == u.organization_id]
        rows.append(
            UnitRow(
                u.organization.name,
                u.organization.kind.name,
                u.organization.sector.name if u.organization.sector else "",
                len(mine),
                sum(1 for r in mine if hasattr(r, "answer")),
            )
        )
    tasks = [
        (t.organization.name, t.text, t.owner.full_name, f"{t.deadline:%d/%m/%Y}", t.get_status_display())
        for t in RemediationTask.objects.filter(mission=mission)
        .select_related("organization", "owner")
        .order_by("point_number", "organization__path", "deadline", "id")
    ]
    return ReportData(
        superior=mission.issuing_body.name,
        issuer=mission.issuer_name,
        number=mission.report_number,
        date=mission.report_date,
        kind=mission.get_kind_display(),
        title=mission.title,
        purpose=mission.purpose,
        decision_number=mission.decision_number,
        decision_date=mission.decision_date,
        start=mission.start_date,
        end=mission.end_date,
        topics=list(dict.fromkeys(r.topic for r in requests)),
        units=rows,
        results=by_kind(Finding.Kind.RESULT),
        shortcomings=by_kind(Finding.Kind.SHORTCOMING),
        recommendations=by_kind(Finding.Kind.RECOMMENDATION),
        commendation=conclusion.commendation if conclusion else "",
        general_shortcomings=conclusion.shortcomings if conclusion else "",
        points=[p.text for p in conclusion.points.all()] if conclusion else [],
        draft=conclusion is None or not conclusion.is_issued,
        tasks=tasks,
        recipients=[line.strip() for line in mission.recipients.splitlines() if line.strip()],
        on_behalf=mission.signer_on_behalf,
        signer_title=mission.signer_title,
        signer_name=mission.signer_name,
    )


def _subject(data: ReportData) -> str:
    """ "Đoàn khảo sát việc thực hiện …" → "việc thực hiện …": the summary line says "kết quả khảo sát …"."""
    rest = re.sub(r"^\s*đoàn\s+(khảo sát|kiểm tra|giám sát)\s*", "", data.title, flags=re.IGNORECASE)
    return rest or data.title


def _grouped(pairs: list[tuple[str, str]]) -> list[Block]:
    out: list[Block] = []
    for unit in dict.fromkeys(u for u, _t in pairs):
        out.append(Paragraph(runs=[Run(f"{unit}: ", italic=True)]))
        out.extend(Paragraph(f"- {text}") for u, text in pairs if u == unit)
    return out


def _text_blocks(text: str) -> list[Block]:
    return [Paragraph(line.strip()) for line in text.splitlines() if line.strip()]


def _point(n: int, text: str) -> Paragraph:
    body = re.sub(r"^\s*(một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+là\s*[,:]?\s*", "", text, flags=re.IGNORECASE)
    return Paragraph(runs=[Run(f"{ordinal(n)}, ", bold=True), Run(body)])


def build_document(data: ReportData) -> PartyDocument:
    kind = data.kind.lower()
    when = f" ngày {data.decision_date:%d/%m/%Y}" if data.decision_date else ""
    decision = re.sub(r"^\s*(quyết định\s*)?(số\s*)?", "", data.decision_number, flags=re.IGNORECASE)
    names = ", ".join(u.name for u in data.units)
    intro: list[Block] = [
        Paragraph(
            f"Thực hiện Quyết định số {decision}{when} của {data.issuer} về việc {kind} {_subject(data)}, "
            f"từ ngày {data.start:%d/%m/%Y} đến ngày {data.end:%d/%m/%Y}, Đoàn {kind} đã làm việc với "
            f"{len(data.units)} đơn vị: {names}."
        ),
    ]
    if data.purpose:
        intro.append(Paragraph(f"Mục đích, yêu cầu: {data.purpose.strip()}"))
    if data.topics:
        intro.append(Paragraph(f"Đoàn đề nghị các đơn vị báo cáo sâu về: {'; '.join(data.topics)}."))
    intro.append(Paragraph(f"Đoàn {kind} báo cáo kết quả như sau:"))

    sections: list[Section] = []

    def add(title: str, blocks: list[Block]) -> None:
        sections.append(Section(f"{ROMAN[len(sections)]}. {title}", list(blocks)))

    add(
        f"ĐƠN VỊ ĐƯỢC {kind.upper()}",
        [
            Table(
                ["TT", "Đơn vị", "Loại, loại hình", "Báo cáo sâu"],
                [
                    [
                        str(i),
                        u.name,
                        ", ".join(x for x in (u.kind, u.sector) if x),
                        f"{u.answered}/{u.requested} đã gửi" if u.requested else "—",
                    ]
                    for i, u in enumerate(data.units, start=1)
                ],
                widths_cm=[1.2, 7.3, 5, 3],
            )
        ],
    )
    add(
        "KẾT QUẢ ĐẠT ĐƯỢC",
        [*_text_blocks(data.commendation), *_grouped(data.results)] or [Paragraph("(Chưa ghi nhận.)", italic=True)],
    )
    add(
        "TỒN TẠI, HẠN CHẾ",
        [*_text_blocks(data.general_shortcomings), *_grouped(data.shortcomings)]
        or [Paragraph("(Chưa ghi nhận.)", italic=True)],
    )
    if data.recommendations:
        add("KIẾN NGHỊ, ĐỀ XUẤT CỦA CƠ SỞ", _grouped(data.recommendations))
    tasks: list[Block] = [Paragraph("Đoàn đề nghị các đơn vị tập trung thực hiện tốt một số nhiệm vụ sau:")]
    tasks += [_point(i, t) for i, t in enumerate(data.points, start=1)]
    if data.tasks:
        tasks.append(Paragraph("Phân công thực hiện (rõ người, rõ việc, rõ thời gian):", italic=True))
        tasks.append(
            Table(
                ["TT", "Đơn vị", "Việc phải làm", "Người chịu trách nhiệm", "Thời hạn", "Tình trạng"],
                [[str(i), *row] for i, row in enumerate(data.tasks, start=1)],
                widths_cm=[1.1, 3.0, 4.8, 2.9, 2.6, 2.1],
                size=12,
            )
        )
    add("NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI", tasks)
    summary = f"kết quả {kind} {_subject(data)}"
    return PartyDocument(
        superior=data.superior,
        issuer=data.issuer,
        number=data.number,
        date=data.date,
        year=data.end.year,  # a mission reports at its end: the date line carries that year until the day is set
        summary=summary + (" (dự thảo)" if data.draft else ""),
        intro=intro,
        sections=sections,
        recipients=data.recipients,
        signature=Signature(on_behalf=data.on_behalf, title=data.signer_title, name=data.signer_name),
    )


def mission_report_docx(mission: Mission) -> bytes:
    return render_docx(build_document(report_data(mission)))
