"""Cell meetings: list and export, record a meeting, its attendance, contributions and resolution, the
minutes as .docx, the resolution book with overdue items, and the compliance calendar."""

from __future__ import annotations

import datetime as dt
import tempfile
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ct05.access.policy import Record
from ct05.access.resolver import org_scope, record_scope
from ct05.core.concurrency import ConcurrentEdit
from ct05.core.web.forms import errors_onto_form, flash_errors
from ct05.core.web.htmx import htmx_template, is_htmx
from ct05.core.web.lists import Column, ListPage, export_list
from ct05.core.web.params import int_param
from ct05.orgs.models import Member
from ct05.orgs.params import org_param
from ct05.records import forms as f
from ct05.records.minutes import minutes_content, render_minutes
from ct05.records.models import Attendance, Meeting, MeetingKind, ResolutionItem
from ct05.records.selectors import meetings as sel
from ct05.records.services import meetings as svc
from ct05.records.views._common import choose_org, read_filters, render_list, today

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _study(m: Meeting) -> str:
    if m.kind != MeetingKind.REGULAR:
        return ""
    done = any(a.done and a.requirement and a.requirement.code == sel.STUDY_CODE for a in m.agenda.all())
    return _("Có") if done else _("Thiếu")


def meeting_page() -> ListPage:
    return ListPage(
        key="meeting",
        title=gettext_lazy("Sinh hoạt chi bộ"),
        columns=[
            Column(gettext_lazy("Ngày họp"), lambda m: m.date, link=True),
            Column(gettext_lazy("Chi bộ"), lambda m: m.cell.name),
            Column(gettext_lazy("Buổi sinh hoạt"), lambda m: m.title),
            Column(gettext_lazy("Học tập và làm theo"), _study),
            Column(gettext_lazy("Có mặt"), lambda m: m.n_present, hide_sm=True),
            Column(gettext_lazy("Việc trong nghị quyết"), lambda m: m.n_items, hide_sm=True),
            Column(gettext_lazy("Địa điểm"), lambda m: m.place, hide_sm=True),
        ],
        statuses=[*MeetingKind.choices, (sel.MISSING_STUDY, _("Định kỳ thiếu nội dung học tập và làm theo"))],
        status_label=gettext_lazy("Loại, nội dung"),
        detail_url=lambda m: reverse("records:meeting_detail", args=[m.pk]),
        create_url=reverse("records:meeting_create"),
        export_stem="sinh-hoat-chi-bo",
        row_class=lambda m: "warn" if _study(m) == _("Thiếu") else "",
    )


def _meetings(request: HttpRequest) -> tuple[Any, Any]:
    filters = read_filters(request)
    qs = sel.meeting_list(user=request.user, filters=filters).prefetch_related("agenda__requirement")
    return filters, qs


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    filters, qs = _meetings(request)
    return render_list(
        request,
        meeting_page(),
        qs,
        filters,
        {
            "note": _(
                "Mỗi chi bộ ghi một buổi sinh hoạt định kỳ cho mỗi tháng; họp thêm thì ghi là sinh hoạt bất thường "
                "hoặc chuyên đề."
            )
        },
    )


@login_required
def meeting_export(request: HttpRequest) -> HttpResponse:
    _filters, qs = _meetings(request)
    return export_list(meeting_page(), qs)


def _meeting_input(form: f.MeetingForm) -> svc.MeetingInput:
    d = form.cleaned_data
    return svc.MeetingInput(
        kind=d["kind"],
        date=d["date"],
        place=d["place"],
        chair=d["chair"],
        recorder=d["recorder"],
        topic=d["topic"],
        content=d["content"],
        discussion=d["discussion"],
        makeup=d["makeup"],
        agenda_done=form.agenda_done(),
        extra_agenda=form.extra_lines(),
    )


def _warn_missing(request: HttpRequest, meeting: Meeting) -> None:
    missing = svc.missing_required(meeting)
    if missing:
        messages.error(
            request, _("Buổi sinh hoạt chưa có nội dung bắt buộc: %(items)s.") % {"items": "; ".join(missing)}
        )


def _members(cell_id: int) -> Any:
    return Member.objects.filter(cell_id=cell_id, status=Member.Status.ACTIVE).order_by("sort_key")


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    cell = org_param(request, "manage")
    if cell is None:
        return choose_org(request, title=_("Ghi buổi sinh hoạt: chọn chi bộ"), cells_only=True)
    form = f.MeetingForm(
        request.POST or None,
        members=_members(cell.pk),
        day=today(),
        initial={"kind": MeetingKind.REGULAR, "date": today(), "place": ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = svc.meeting_create(actor=request.user, cell=cell, data=_meeting_input(form), today=today())
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã ghi buổi sinh hoạt. Tiếp theo: điểm danh, ý kiến, nghị quyết."))
            _warn_missing(request, meeting)
            return redirect("records:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "records/meeting_form.html",
        {"form": form, "cell": cell, "title": _("Ghi buổi sinh hoạt chi bộ")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = sel.meeting_get(user=request.user, pk=pk, action="manage")
    done = {a.requirement_id for a in meeting.agenda.all() if a.done and a.requirement_id}
    initial: dict[str, Any] = {
        "kind": meeting.kind,
        "date": meeting.date,
        "makeup": meeting.is_late,
        "place": meeting.place,
        "chair": meeting.chair,
        "recorder": meeting.recorder,
        "topic": meeting.topic,
        "content": meeting.content,
        "discussion": meeting.discussion,
        "extra_agenda": "\n".join(a.text for a in meeting.agenda.all() if not a.requirement_id),
    }
    form = f.MeetingForm(request.POST or None, members=_members(meeting.cell_id), day=meeting.date, initial=initial)
    for req in form.requirements:
        form.fields[f"agenda_{req.pk}"].initial = req.pk in done or (not meeting.agenda.exists() and req.is_required)
    # the version the form was opened on travels with it: a save on an older one is refused (no lost update)
    # absent (a client that never showed the form) = no check; the page always sends it
    version = int_param(request, "version") if request.method == "POST" else meeting.version
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            meeting = svc.meeting_update(
                actor=request.user, meeting=meeting, data=_meeting_input(form), today=today(), version=version
            )
        except ConcurrentEdit as exc:
            form.add_error(None, exc)
            status = 409
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            _warn_missing(request, meeting)
            return redirect("records:meeting_detail", pk=meeting.pk)
    context = {"form": form, "cell": meeting.cell, "meeting": meeting, "title": _("Sửa buổi sinh hoạt")}
    return render(
        request,
        "records/meeting_form.html",
        {**context, "version": version},
        status=status if status != 200 else (400 if form.errors else 200),
    )


def _detail_context(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    can_manage = org_scope(request.user, "manage").contains(meeting.cell)
    members = list(sel.cell_members(meeting=meeting))
    att = {a.member_id: a for a in meeting.attendance.all()}
    said = {c.member_id: c.text for c in meeting.contributions.all()}
    rows = [
        {
            "m": m,
            "status": att[m.pk].status if m.pk in att else ("exempt" if m.is_exempt else "present"),
            "reason": att[m.pk].reason if m.pk in att else "",
            "recorded": m.pk in att,
            "said": said.get(m.pk, ""),
        }
        for m in members
    ]
    if not record_scope(request.user, Record.ABSENCE_REASON).contains(meeting.cell):
        # A plain member sees their own attendance only; who was absent and why is the cell's (issue 12).
        rows = [r for r in rows if r["m"].user_id is not None and r["m"].user_id == request.user.pk]
    items = list(meeting.items.select_related("owner"))
    return {
        "meeting": meeting,
        "can_manage": can_manage,
        "agenda": meeting.agenda.select_related("requirement"),
        "rows": rows,
        "n_recorded": len(att),
        "counts": {s: sum(1 for a in att.values() if a.status == s) for s, _l in Attendance.Status.choices},
        "statuses": Attendance.Status.choices,
        "contributions": meeting.contributions.select_related("member"),
        "items": items,
        "blank_items": range(len(items) + 1, len(items) + 4),
        "members": members,
        "today": today(),
    }


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = sel.meeting_get(user=request.user, pk=pk)
    return render(request, "records/meeting_detail.html", _detail_context(request, meeting))


@login_required
@require_POST
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = sel.meeting_get(user=request.user, pk=pk, action="manage")
    rows: list[tuple[int, str, str]] = []
    for key, value in request.POST.items():
        if key.startswith("att-") and key[4:].isdigit():
            member_id = int(key[4:])
            rows.append((member_id, value, request.POST.get(f"reason-{member_id}", "")))
    try:
        svc.meeting_set_attendance(actor=request.user, meeting=meeting, rows=rows)
    except ValidationError as exc:
        flash_errors(request, exc)
        context = _detail_context(request, meeting)
        return render(request, "records/meeting_detail.html", context, status=400)
    messages.success(request, _("Đã lưu điểm danh."))
    return redirect(reverse("records:meeting_detail", args=[pk]) + "#diem-danh")


@login_required
@require_POST
def meeting_contributions(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = sel.meeting_get(user=request.user, pk=pk, action="manage")
    rows = [(int(k[4:]), v) for k, v in request.POST.items() if k.startswith("say-") and k[4:].isdigit()]
    try:
        svc.meeting_set_contributions(actor=request.user, meeting=meeting, rows=rows)
    except ValidationError as exc:
        flash_errors(request, exc)
        return render(request, "records/meeting_detail.html", _detail_context(request, meeting), status=400)
    messages.success(request, _("Đã lưu ý kiến đóng góp."))
    return redirect(reverse("records:meeting_detail", args=[pk]) + "#y-kien")


def _parse_date(value: str) -> dt.date | None | str:
    value = value.strip()
    if not value:
        return None
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return value  # kept as text: reported as an invalid date


@login_required
@require_POST
def meeting_resolution(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = sel.meeting_get(user=request.user, pk=pk, action="manage")
    members = {m.pk: m for m in sel.cell_members(meeting=meeting)}
    rows: list[svc.ItemInput] = []
    bad: list[str] = []
    n = 0
    for key in sorted((k for k in request.POST if k.startswith("task-")), key=lambda k: int(k[5:] or 0)):
        idx = key[5:]
        if not idx.isdigit():
            continue
        n += 1
        owner_raw = request.POST.get(f"owner-{idx}", "")
        owner = members.get(int(owner_raw)) if owner_raw.isdigit() else None
        if owner_raw.isdigit() and owner is None:
            bad.append(_("Việc số %(n)s: người thực hiện không thuộc chi bộ.") % {"n": n})
        deadline = _parse_date(request.POST.get(f"deadline-{idx}", ""))
        if isinstance(deadline, str):
            bad.append(_("Việc số %(n)s: thời hạn “%(v)s” không hợp lệ, hãy ghi dd/mm/yyyy.") % {"n": n, "v": deadline})
            deadline = None
        item_pk = request.POST.get(f"id-{idx}", "")
        rows.append(
            svc.ItemInput(
                pk=int(item_pk) if item_pk.isdigit() else None,
                owner=owner,
                task=request.POST.get(key, ""),
                deadline=deadline,
                delete=request.POST.get(f"delete-{idx}") == "1",
            )
        )
    try:
        if bad:
            raise ValidationError({"items": bad})
        svc.resolution_save(actor=request.user, meeting=meeting, summary=request.POST.get("summary", ""), rows=rows)
    except ValidationError as exc:
        flash_errors(request, exc)
        context = _detail_context(request, meeting) | {"posted": request.POST}
        return render(request, "records/meeting_detail.html", context, status=400)
    messages.success(request, _("Đã lưu nghị quyết."))
    return redirect(reverse("records:meeting_detail", args=[pk]) + "#nghi-quyet")


@login_required
@require_POST
def meeting_delete(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = sel.meeting_get(user=request.user, pk=pk, action="manage")
    try:
        svc.meeting_delete(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("records:meeting_detail", pk=pk)
    messages.success(request, _("Đã xóa buổi sinh hoạt."))
    return redirect(reverse("records:meeting_list") + f"?org={meeting.cell_id}")


@login_required
@require_GET
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = sel.meeting_get(user=request.user, pk=pk)
    if not record_scope(request.user, Record.ABSENCE_REASON).contains(meeting.cell):
        raise PermissionDenied  # the minutes name who was absent and why
    fh = tempfile.TemporaryFile()
    render_minutes(minutes_content(meeting), fh)
    fh.seek(0)
    name = f"bien-ban-{meeting.cell.code.lower()}-{meeting.date:%Y%m%d}.docx"
    return FileResponse(fh, as_attachment=True, filename=name, content_type=DOCX_TYPE)


# Resolution book ---------------------------------------------------------------------------------------


def item_page() -> ListPage:
    return ListPage(
        key="item",
        title=gettext_lazy("Sổ nghị quyết: việc cần làm"),
        columns=[
            Column(gettext_lazy("Thời hạn"), lambda i: i.deadline, link=True),
            Column(gettext_lazy("Công việc"), lambda i: i.task),
            Column(gettext_lazy("Người thực hiện"), lambda i: i.owner.full_name),
            Column(
                gettext_lazy("Tình trạng"),
                lambda i: i.get_status_display() + (" — " + _("quá hạn") if i.is_overdue else ""),
            ),
            Column(gettext_lazy("Chi bộ"), lambda i: i.meeting.cell.name, hide_sm=True),
            Column(gettext_lazy("Buổi sinh hoạt"), lambda i: i.meeting.date, hide_sm=True),
            Column(gettext_lazy("Kết quả, minh chứng"), lambda i: i.evidence, hide_sm=True),
        ],
        statuses=[(sel.OVERDUE, _("Quá hạn")), *ResolutionItem.Status.choices],
        detail_url=lambda i: reverse("records:item_detail", args=[i.pk]),
        export_stem="nghi-quyet-viec-can-lam",
        row_class=lambda i: "late" if i.is_overdue else "",
    )


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    filters = read_filters(request)
    return render_list(request, item_page(), sel.resolution_item_list(user=request.user, filters=filters), filters)


@login_required
def item_export(request: HttpRequest) -> HttpResponse:
    return export_list(item_page(), sel.resolution_item_list(user=request.user, filters=read_filters(request)))


@login_required
@require_http_methods(["GET", "POST"])
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = sel.resolution_item_get(user=request.user, pk=pk)
    can_manage = org_scope(request.user, "manage").contains(item.meeting.cell)
    form = f.ItemProgressForm(
        request.POST or None,
        initial={"status": item.status, "evidence": item.evidence, "completed_on": item.completed_on or today()},
    )
    if request.method == "POST":
        item = sel.resolution_item_get(user=request.user, pk=pk, action="manage")
        if form.is_valid():
            try:
                svc.resolution_item_progress(actor=request.user, item=item, today=today(), **form.cleaned_data)
            except ValidationError as exc:
                errors_onto_form(form, exc)
            else:
                messages.success(request, _("Đã cập nhật tiến độ."))
                if is_htmx(request):
                    item.refresh_from_db()
                    return render(
                        request, "records/item_detail.html#progress", {"item": item, "form": form, "can_manage": True}
                    )
                return redirect("records:item_detail", pk=pk)
    template = htmx_template(request, "records/item_detail.html", "progress")
    return render(
        request, template, {"item": item, "form": form, "can_manage": can_manage}, status=400 if form.errors else 200
    )
