"""Spreadsheets of the cycle: the registration list export (filter + scope) and the import of registrations
kept by cells in spreadsheets (template, row/column messages, all or nothing)."""

from __future__ import annotations

import datetime as dt
import io
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ct05.access.resolver import member_q
from ct05.core.text import clean, escape_cell, fold
from ct05.cycle.models import CellIndicator, Commitment, Registration, Standard144
from ct05.cycle.services.registrations import (
    CommitmentInput,
    _clean_commitments,
    registration_create,
    registration_save,
)
from ct05.orgs import exchange as sheets
from ct05.orgs.models import Member

EXPORT_HEADERS = [
    "Năm",
    "Đơn vị",
    "Họ và tên",
    "Số thẻ đảng viên",
    "Loại",
    "Trạng thái",
    "STT",
    "Nội dung đăng ký",
    "Gắn với nhiệm vụ",
    "Chuẩn mực (QĐ 144)",
    "Giải pháp",
    "Mốc thời gian",
    "Thời hạn",
    "Kết quả dự kiến",
    "Đánh giá nội dung",
    "Điểm",
    "Lý do",
    "Giống bản đăng ký khác (%)",
    "Tự đánh giá",
    "Xếp loại",
]


def registration_rows(qs: QuerySet[Registration], *, personal: Callable[[Any], bool]) -> Iterator[list[Any]]:
    """One row per commitment of the given (already filtered and scoped) registrations, read in chunks; the
    card number only where `personal(member)` (the visibility policy) allows it. Text is escaped by the
    writer (.xlsx or .csv), so no cell runs as a formula."""
    regs = qs.select_related("member", "member__cell", "organization", "rating").prefetch_related("commitments__duty")
    for reg in regs.iterator(chunk_size=500):
        commitments = list(reg.commitments.all()) or [None]
        for n, c in enumerate(commitments, start=1):
            row: list[Any] = [
                reg.year,
                reg.organization.name,
                reg.member.full_name if reg.member else "",
                reg.member.card_number if reg.member and personal(reg.member) else "",
                reg.get_track_display(),
                reg.get_status_display(),
            ]
            if c is None:
                row += [""] * 12
            else:
                row += [
                    n,
                    c.content,
                    c.duty.text if c.duty else "",
                    c.get_standard_display() if c.standard else "",
                    c.measures,
                    c.milestones,
                    c.deadline.strftime("%d/%m/%Y") if c.deadline else "",
                    c.expected_result,
                    c.get_verdict_display() if c.verdict else "",
                    c.score if c.score is not None else "",
                    "; ".join(str(r.get("message", "")) for r in c.reasons or []),
                    round(c.max_similarity * 100) if c.max_similarity is not None else "",
                ]
            row += [c.get_self_result_display() if c and c.self_result else "", reg.rating.name if reg.rating else ""]
            yield row


def registration_row_count(qs: QuerySet[Registration]) -> int:
    """The rows `registration_rows` will give: each commitment, and one for a registration without any."""
    with_items = Commitment.objects.filter(registration__in=qs.values("pk"))
    return with_items.count() + qs.exclude(pk__in=with_items.values("registration_id")).count()


def _share(part: int, whole: int) -> float | str:
    return round(100 * part / whole, 1) if whole else ""


def export_indicators(rows: QuerySet[CellIndicator], *, year: int) -> bytes:
    """The per-cell indicators as the page shows them (already scoped and filtered), percentages as numbers."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"Chi so {year}")
    ws.append(
        [
            _("Chi bộ"),
            _("Trực thuộc"),
            _("Đảng viên"),
            _("Đã đăng ký (%)"),
            _("Cụ thể (%)"),
            _("Giống bản khác (%)"),
            _("Gắn nhiệm vụ (%)"),
            _("Có thời hạn (%)"),
            _("Cập nhật tiến độ (%)"),
            _("Tự đánh giá (%)"),
            _("Số nội dung"),
            _("Tính lúc"),
        ]
    )
    for i in rows.iterator(chunk_size=1000):
        org = i.organization
        row: list[Any] = [
            org.name,
            org.parent.name if org.parent else "",
            i.members,
            _share(i.registered, i.members),
            _share(i.specific, i.commitments),
            _share(i.copied, i.commitments),
            _share(i.linked, i.commitments),
            _share(i.with_deadline, i.commitments),
            _share(i.checked_in, i.registrations),
            _share(i.self_assessed, i.registrations),
            i.commitments,
            timezone.localtime(i.computed_at).strftime("%d/%m/%Y %H:%M"),
        ]
        ws.append([escape_cell(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# Import -------------------------------------------------------------------------------------------------

IMPORT_COLUMNS = OrderedDict(
    [
        ("card_number", "Số thẻ đảng viên"),
        ("content", "Nội dung đăng ký"),
        ("duty", "Nhiệm vụ được phân công"),
        ("shortcoming", "Hạn chế cần khắc phục"),
        ("standard", "Chuẩn mực QĐ 144 (1-5)"),
        ("measures", "Giải pháp"),
        ("milestones", "Mốc thời gian"),
        ("deadline", "Thời hạn (dd/mm/yyyy)"),
        ("expected_result", "Kết quả dự kiến"),
    ]
)
REQUIRED = {"card_number", "content"}
MAX_ROWS = 20_000


def import_template() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Dang ky lam theo"
    ws.append(list(IMPORT_COLUMNS.values()))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.append(
        [
            "DV0001",
            "Mỗi tháng tổ chức 01 buổi sinh hoạt cho thanh niên tổ dân phố về an toàn giao thông, có sổ theo dõi",
            "Phụ trách công tác thanh niên tổ dân phố 1",
            "",
            "3",
            "Phối hợp Chi đoàn, mời công an phường",
            "hằng tháng",
            "15/12/2026",
            "12 buổi, 200 lượt thanh niên",
        ]
    )
    for col, width in zip("ABCDEFGHI", (16, 60, 35, 25, 12, 30, 16, 16, 30), strict=True):
        ws.column_dimensions[col].width = width
    notes = wb.create_sheet("Huong dan")
    for line in (
        "Mỗi dòng là một nội dung đăng ký; nhiều dòng cùng số thẻ là một bản đăng ký.",
        "Cột bắt buộc: Số thẻ đảng viên, Nội dung đăng ký.",
        "Chuẩn mực QĐ 144: ghi số 1 đến 5 hoặc để trống.",
        "Nhiệm vụ: ghi đúng một nhiệm vụ đã có trong hồ sơ đảng viên, hoặc để trống.",
        "Có lỗi ở bất kỳ dòng nào thì không dòng nào được ghi.",
    ):
        notes.append([line])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class ImportError_:
    row: int | None
    column: str
    message: str


@dataclass
class ImportResult:
    errors: list[ImportError_] = field(default_factory=list)
    registrations: int = 0
    commitments: int = 0


class ImportRejected(Exception):
    def __init__(self, errors: list[ImportError_]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def _standard(value: str) -> str | None:
    v = clean(value)
    if not v:
        return ""
    if v.isdigit() and 1 <= int(v) <= 5:
        return f"qd144-{v}"
    if v in Standard144.values:
        return v
    return None


def _date(value: Any) -> dt.date | None | str:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(clean(value), fmt).date()
        except ValueError:
            continue
    return "bad"


def _rejected(message: str) -> ImportRejected:
    return ImportRejected([ImportError_(None, "", message)])


def import_file_check(path: Path) -> None:
    """What the request checks before the file is kept (issue 12): its size, that it really is an .xlsx
    (by its bytes, not its name), and the spreadsheet guard with this import's own bounds (20,000 rows, not
    the roster's 200,000), in bounded memory. ImportRejected with the reason otherwise."""
    if path.stat().st_size > settings.IMPORT_MAX_BYTES:
        raise _rejected(_("Tệp quá lớn (tối đa %(n)s MB).") % {"n": settings.IMPORT_MAX_BYTES // (1024 * 1024)})
    try:
        if sheets.sniff_format(path) != "xlsx":
            raise _rejected(_("Tệp không phải bảng tính .xlsx (hãy dùng tệp mẫu)."))
        sheets.check_file(path, "xlsx", max_rows=MAX_ROWS)
    except sheets.FileRejected as exc:
        raise _rejected(exc.message) from None


def read_import_rows(path: Path) -> list[tuple[int, list[Any]]]:
    """The sheet's rows (the header first), each with its spreadsheet row number, read by the roster
    import's reader (ct05.orgs.exchange: the spreadsheet guard again before openpyxl opens it, formulas kept
    as text and never evaluated). Checked again here: the worker may be another machine, another version."""
    import_file_check(path)
    try:
        table = sheets.read_table(path, "xlsx")
    except sheets.FileRejected as exc:
        raise _rejected(exc.message) from None
    if len(table.rows) > MAX_ROWS:
        raise _rejected(_("Tệp có quá %(n)s dòng.") % {"n": MAX_ROWS})
    return [(1, list(table.header)), *table.rows]


def import_registrations(
    *, actor: Any, rows: list[tuple[int, list[Any]]], year: int, on_write: Callable[[], None] | None = None
) -> ImportResult:
    """Create one draft registration (entered on behalf) per card number found in `rows` (from
    `read_import_rows`), or nothing at all: any error in any row and ImportRejected lists them all."""
    errors: list[ImportError_] = []
    if not rows:
        raise ImportRejected([ImportError_(None, "", _("Tệp trống."))])
    header = [fold(str(v or "")) for v in rows[0][1]]
    index: dict[str, int] = {}
    for key, label in IMPORT_COLUMNS.items():
        if fold(label) in header:
            index[key] = header.index(fold(label))
        elif key in REQUIRED:
            errors.append(ImportError_(1, label, _("Thiếu cột “%(c)s” ở dòng tiêu đề.") % {"c": label}))
    if errors:
        raise ImportRejected(errors)
    managed = Member.objects.filter(member_q(actor, "manage"))
    groups: OrderedDict[str, list[tuple[int, CommitmentInput]]] = OrderedDict()
    members: dict[str, Member] = {}
    for n, values in rows[1:]:
        cell = {k: (values[i] if i < len(values) else None) for k, i in index.items()}
        if all(v in (None, "") for v in cell.values()):
            continue
        card = clean(cell.get("card_number"))
        if not card:
            errors.append(ImportError_(n, IMPORT_COLUMNS["card_number"], _("Thiếu số thẻ đảng viên.")))
            continue
        if card not in members:
            m = managed.filter(card_number=card).first()
            if m is None:
                errors.append(
                    ImportError_(
                        n,
                        IMPORT_COLUMNS["card_number"],
                        _("Số thẻ %(c)s không có trong hệ thống hoặc không thuộc phạm vi bạn quản lý.") % {"c": card},
                    )
                )
                continue
            if Registration.objects.filter(member=m, year=year).exists():
                errors.append(
                    ImportError_(
                        n,
                        IMPORT_COLUMNS["card_number"],
                        _("Đảng viên %(name)s đã có bản đăng ký năm %(y)s.") % {"name": m.full_name, "y": year},
                    )
                )
                continue
            members[card] = m
        m = members[card]
        standard = _standard(str(cell.get("standard") or ""))
        if standard is None:
            errors.append(ImportError_(n, IMPORT_COLUMNS["standard"], _("Chuẩn mực phải là số từ 1 đến 5.")))
            continue
        deadline = _date(cell.get("deadline"))
        if deadline == "bad":
            errors.append(ImportError_(n, IMPORT_COLUMNS["deadline"], _("Ngày không đúng dạng dd/mm/yyyy.")))
            continue
        duty_id = None
        duty_text = clean(cell.get("duty"))
        if duty_text:
            wanted = fold(duty_text)
            duty_id = next((d.pk for d in m.duties.all() if fold(d.text) == wanted), None)
            if duty_id is None:
                errors.append(
                    ImportError_(
                        n,
                        IMPORT_COLUMNS["duty"],
                        _("Không khớp nhiệm vụ nào trong hồ sơ của %(name)s.") % {"name": m.full_name},
                    )
                )
                continue
        item = CommitmentInput(
            content=str(cell.get("content") or ""),
            duty_id=duty_id,
            shortcoming=str(cell.get("shortcoming") or ""),
            standard=standard,
            measures=str(cell.get("measures") or ""),
            milestones=str(cell.get("milestones") or ""),
            deadline=deadline if isinstance(deadline, dt.date) else None,
            expected_result=str(cell.get("expected_result") or ""),
        )
        # The service's own rules, checked row by row so the message names the row and the column.
        probe = Registration(year=year, member=m, organization=m.cell)
        try:
            _clean_commitments(probe, [item])
        except ValidationError as exc:
            for fname, msgs in exc.message_dict.items():
                for msg in msgs:
                    errors.append(ImportError_(n, IMPORT_COLUMNS.get(fname, fname), msg.split(": ", 1)[-1]))
            continue
        groups.setdefault(card, []).append((n, item))
    if errors:
        raise ImportRejected(errors)
    if not groups:
        raise ImportRejected([ImportError_(None, "", _("Tệp không có dòng dữ liệu nào."))])
    result = ImportResult()
    if on_write is not None:
        on_write()
    with transaction.atomic():
        for card, items in groups.items():
            reg = registration_create(actor=actor, year=year, member=members[card])
            registration_save(actor=actor, registration=reg, version=reg.version, commitments=[i for _n, i in items])
            result.registrations += 1
            result.commitments += len(items)
    return result
