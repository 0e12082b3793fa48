"""The mission's work: requested reports and the units' answers, findings per unit (with CT05's
suggestions), the conclusion (versioned), remediation tasks and their follow-up."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ct05.access.guards import require_sight
from ct05.access.policy import Record
from ct05.core.concurrency import ConcurrentEdit
from ct05.core.web.forms import errors_onto_form, flash_errors
from ct05.core.web.lists import Column, ListPage, export_list, render_list
from ct05.core.web.params import int_param
from ct05.orgs.models import Member, Organization
from ct05.records.filestore import KINDS, FileRejected, SizeLimit, open_stored, safe_name, store_upload, too_big_message
from ct05.supervision import forms
from ct05.supervision.access import may_manage_mission, may_work_on, supervises
from ct05.supervision.models import Finding, RemediationTask, ReportAttachment
from ct05.supervision.selectors import missions as msel
from ct05.supervision.selectors.suggest import suggestions
from ct05.supervision.services import findings as fsvc
from ct05.supervision.services import requests as rsvc
from ct05.supervision.views._common import filters_of, form_page, today
from ct05.supervision.views.missions import _back, _mission

REQUEST_PAGE = ListPage(
    key="request",
    title=gettext_lazy("Báo cáo đoàn yêu cầu"),
    columns=[
        Column(gettext_lazy("Chủ đề"), lambda r: r.topic, link=True),
        Column(gettext_lazy("Đơn vị"), lambda r: r.organization.name),
        Column(gettext_lazy("Đoàn"), lambda r: r.mission.title, hide_sm=True),
        Column(gettext_lazy("Hạn gửi"), lambda r: r.deadline),
        Column(gettext_lazy("Đã gửi"), lambda r: _("Đã gửi") if r.answered else _("Chưa gửi")),
    ],
    statuses=[
        ("waiting", gettext_lazy("Chưa gửi")),
        ("answered", gettext_lazy("Đã gửi")),
        (msel.OVERDUE, gettext_lazy("Quá hạn chưa gửi")),
    ],
    export_stem="bao-cao-yeu-cau",
)
TASK_PAGE = ListPage(
    key="task",
    title=gettext_lazy("Nhiệm vụ khắc phục sau kiểm tra, khảo sát"),
    columns=[
        Column(gettext_lazy("Việc phải làm"), lambda t: t.text, link=True),
        Column(gettext_lazy("Đơn vị"), lambda t: t.organization.name),
        Column(gettext_lazy("Người chịu trách nhiệm"), lambda t: t.owner.full_name),
        Column(gettext_lazy("Thời hạn"), lambda t: t.deadline),
        Column(gettext_lazy("Tình trạng"), lambda t: t.get_status_display()),
        Column(gettext_lazy("Đoàn"), lambda t: t.mission.title, hide_sm=True),
        Column(gettext_lazy("Kiểm tra lại"), lambda t: t.follow_up_on, hide_sm=True),
    ],
    statuses=[(msel.OVERDUE, gettext_lazy("Quá hạn")), *RemediationTask.Status.choices],
    export_stem="nhiem-vu-khac-phuc",
    row_class=lambda t: "overdue" if t.is_overdue_on(today()) else "",
)


# Requested reports ---------------------------------------------------------------------------------------


@login_required
@require_POST
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    mission = _mission(request, pk, work=True)
    form = forms.RequestForm(
        request.POST, orgs=Organization.objects.filter(pk__in=mission.units.values("organization"))
    )
    if form.is_valid():
        try:
            rsvc.report_request_create(actor=request.user, mission=mission, **form.cleaned_data)
            messages.success(request, _("Đã gửi yêu cầu báo cáo đến đơn vị."))
        except ValidationError as exc:
            flash_errors(request, exc)
    else:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
    return _back(mission, "yeu-cau")


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    lf, f = filters_of(request)
    page = replace(REQUEST_PAGE, detail_url=lambda r: reverse("supervision:request_detail", args=[r.pk]))
    return render_list(request, page, msel.request_list(user=request.user, filters=f, today=today()), lf)


@login_required
def request_export(request: HttpRequest) -> HttpResponse:
    _lf, f = filters_of(request)
    return export_list(REQUEST_PAGE, msel.request_list(user=request.user, filters=f, today=today()))


@csrf_exempt  # checked by _request_page once the size limit is installed (as the records' document upload)
@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    limit = SizeLimit(request)
    if request.method == "POST":
        request.upload_handlers.insert(0, limit)
    return _request_page(request, pk, limit)


@csrf_protect
def _request_page(request: HttpRequest, pk: int, limit: SizeLimit) -> HttpResponse:
    req = msel.request_get(user=request.user, pk=pk, today=today(), answer=request.method == "POST")
    can_answer = msel.may_answer(user=request.user, request=req)
    answer = getattr(req, "answer", None)
    form = forms.AnswerForm(request.POST or None, initial={"text": answer.text if answer else ""})
    if request.method == "POST":
        request.POST  # noqa: B018 — parse now, through the size limit
        if limit.too_big:
            form.add_error(None, too_big_message())
        elif form.is_valid():
            try:
                files = [_stored(f) for f in request.FILES.getlist("files")]
                rsvc.report_answer_submit(actor=request.user, request=req, text=form.cleaned_data["text"], files=files)
            except ValidationError as exc:
                errors_onto_form(form, exc)
            else:
                messages.success(request, _("Đã gửi báo cáo cho đoàn."))
                return redirect("supervision:request_detail", pk=req.pk)
    return render(
        request,
        "supervision/request_detail.html",
        {"r": req, "answer": answer, "form": form if can_answer else None, "today": today()},
        status=400 if form.errors else 200,
    )


def _stored(upload: Any) -> tuple[Any, str]:
    try:
        stored = store_upload(upload)
    except FileRejected as exc:
        raise ValidationError({"text": f"{upload.name}: {exc.message}"}) from None
    return stored, safe_name(upload.name, stored.kind)


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    att = get_object_or_404(ReportAttachment.objects.select_related("answer__request", "file"), pk=pk)
    msel.request_get(user=request.user, pk=att.answer.request_id, today=today())  # 404 outside scope
    try:
        fh = open_stored(att.file)
    except (OSError, ValueError):
        raise Http404 from None
    response = FileResponse(fh, as_attachment=True, filename=att.file_name, content_type=KINDS[att.file.kind])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# Findings ------------------------------------------------------------------------------------------------


@login_required
@require_POST
def findings_prefill(request: HttpRequest, pk: int) -> HttpResponse:
    mission = _mission(request, pk, work=True)
    n = fsvc.findings_prefill(
        actor=request.user, mission=mission, suggestions=suggestions(user=request.user, mission=mission, today=today())
    )
    messages.success(request, _("CT05 đã gợi ý %(n)s kết quả mới từ dữ liệu của các đơn vị.") % {"n": n})
    return _back(mission, "don-vi")


@login_required
@require_http_methods(["GET", "POST"])
def unit_findings(request: HttpRequest, pk: int, org_pk: int) -> HttpResponse:
    mission = _mission(request, pk, work=True)
    unit = get_object_or_404(mission.units.select_related("organization"), organization_id=org_pk)
    form = forms.FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fsvc.finding_add(actor=request.user, mission=mission, organization=unit.organization, **form.cleaned_data)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã ghi kết quả."))
            return redirect("supervision:unit_findings", pk=mission.pk, org_pk=org_pk)
    rows = mission.findings.filter(organization_id=org_pk).select_related("shortcoming").order_by("kind", "order", "id")
    return render(
        request,
        "supervision/unit_findings.html",
        {
            "m": mission,
            "unit": unit,
            "form": form,
            "suggested": [f for f in rows if f.status == Finding.Status.SUGGESTED],
            "accepted": [f for f in rows if f.status == Finding.Status.ACCEPTED],
            "rejected": [f for f in rows if f.status == Finding.Status.REJECTED],
            "answers": mission.requests.filter(organization_id=org_pk).select_related("answer"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def finding_decide(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    mission = _mission(request, pk, work=True)
    finding = get_object_or_404(Finding, pk=finding_pk, mission=mission)
    accept = request.POST.get("decision") == "accept"
    text = request.POST.get("text") if accept else None
    try:
        fsvc.finding_decide(actor=request.user, finding=finding, accept=accept, text=text)
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("supervision:unit_findings", pk=mission.pk, org_pk=finding.organization_id)


# Conclusion ----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def conclusion(request: HttpRequest, pk: int) -> HttpResponse:
    mission = _mission(request, pk, manage=True)
    current = fsvc.conclusion_current(mission)
    initial = {}
    if current is not None:
        initial = {
            "commendation": current.commendation,
            "shortcomings": current.shortcomings,
            "points": "\n".join(p.text for p in current.points.all()),
        }
    form = forms.ConclusionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            c = fsvc.conclusion_save(
                actor=request.user,
                mission=mission,
                commendation=form.cleaned_data["commendation"],
                shortcomings=form.cleaned_data["shortcomings"],
                points=form.point_list(),
            )
            if request.POST.get("then") == "issue":
                fsvc.conclusion_issue(actor=request.user, conclusion=c)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã lưu kết luận (lần %(v)s).") % {"v": c.version})
            return _back(mission, "ket-luan")
    return render(
        request,
        "supervision/conclusion.html",
        {"m": mission, "form": form, "current": current, "versions": mission.conclusions.prefetch_related("points")},
        status=400 if form.errors else 200,
    )


# Remediation tasks ---------------------------------------------------------------------------------------


def _task_form(mission: Any, data: Any = None) -> forms.TaskForm:
    current = fsvc.conclusion_current(mission)
    points = [(p.number, f"{p.label}: {p.text[:80]}") for p in current.points.all()] if current else []
    units = Organization.objects.filter(pk__in=mission.units.values("organization")).order_by("path")
    q = Q(pk__in=[])
    for org in units:
        q |= Q(cell__path__startswith=org.path)
    members = Member.objects.filter(q, status=Member.Status.ACTIVE)
    return forms.TaskForm(data, points=points, orgs=units, members=members.select_related("cell").order_by("sort_key"))


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    mission = _mission(request, pk, manage=True)
    form = _task_form(mission, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fsvc.task_create(actor=request.user, mission=mission, **form.cleaned_data)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã giao nhiệm vụ khắc phục."))
            return _back(mission, "nhiem-vu")
    return form_page(
        request,
        title=_("Giao nhiệm vụ khắc phục"),
        form=form,
        intro=_("Rõ người, rõ việc, rõ thời gian: đơn vị, người chịu trách nhiệm và thời hạn đều bắt buộc."),
        cancel=reverse("supervision:mission_detail", args=[mission.pk]),
        status=400 if form.errors else 200,
    )


@login_required
@require_sight(Record.REMEDIATION_TASK)
def task_list(request: HttpRequest) -> HttpResponse:
    lf, f = filters_of(request)
    page = replace(TASK_PAGE, detail_url=lambda t: reverse("supervision:task_detail", args=[t.pk]))
    return render_list(request, page, msel.task_list(user=request.user, filters=f, today=today()), lf)


@login_required
@require_sight(Record.REMEDIATION_TASK)
def task_export(request: HttpRequest) -> HttpResponse:
    _lf, f = filters_of(request)
    return export_list(TASK_PAGE, msel.task_list(user=request.user, filters=f, today=today()))


@login_required
@require_http_methods(["GET", "POST"])
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The task; its two forms post here, each to its own handler: the unit's status update ("update") and
    the issuing body's follow-up ("follow")."""
    task = msel.task_get(user=request.user, pk=pk)
    if request.method == "POST":
        handler = {"update": _task_update, "follow": _task_follow_up}.get(request.POST.get("form", ""))
        if handler is not None:
            return handler(request, task)
        if not (
            msel.may_update_task(user=request.user, task=task) or supervises(request.user, task.mission.issuing_body)
        ):
            raise Http404
    return _task_page(request, task)


def _task_update_form(task: RemediationTask, data: Any = None) -> forms.TaskUpdateForm:
    initial = {"status": task.status, "evidence": task.evidence, "completed_on": task.completed_on}
    return forms.TaskUpdateForm(data, initial=initial)


def _follow_up_form(task: RemediationTask, data: Any = None) -> forms.FollowUpForm:
    return forms.FollowUpForm(
        data, initial={"follow_up_on": task.follow_up_on, "follow_up_result": task.follow_up_result}
    )


def _task_update(request: HttpRequest, task: RemediationTask) -> HttpResponse:
    """The unit responsible reports the task's status and evidence."""
    if not msel.may_update_task(user=request.user, task=task):
        if supervises(request.user, task.mission.issuing_body):
            return _task_page(request, task)  # sees the page, may not report for the unit
        raise Http404
    form = _task_update_form(task, request.POST)
    version = int_param(request, "version")  # the version the page showed (no lost update); absent = no check
    if form.is_valid():
        try:
            fsvc.task_update(actor=request.user, task=task, version=version, **form.cleaned_data)
        except ConcurrentEdit as exc:
            form.add_error(None, exc)
            return _task_page(request, task, form=form, version=version, status=409)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã cập nhật tình trạng nhiệm vụ."))
            return redirect("supervision:task_detail", pk=task.pk)
    return _task_page(request, task, form=form, version=version)


def _task_follow_up(request: HttpRequest, task: RemediationTask) -> HttpResponse:
    """The issuing body schedules and records its re-inspection."""
    if not supervises(request.user, task.mission.issuing_body):
        if msel.may_update_task(user=request.user, task=task):
            return _task_page(request, task)  # the unit sees the page, may not follow up on itself
        raise Http404
    follow = _follow_up_form(task, request.POST)
    version = int_param(request, "version")
    if follow.is_valid():
        try:
            fsvc.task_follow_up(
                actor=request.user,
                task=task,
                follow_up_on=follow.cleaned_data["follow_up_on"],
                result=follow.cleaned_data["follow_up_result"],
                version=version,
            )
        except ConcurrentEdit as exc:
            follow.add_error(None, exc)
            return _task_page(request, task, follow=follow, version=version, status=409)
        except ValidationError as exc:
            errors_onto_form(follow, exc)
        else:
            messages.success(request, _("Đã lưu lịch kiểm tra lại."))
            return redirect("supervision:task_detail", pk=task.pk)
    return _task_page(request, task, follow=follow, version=version)


def _task_page(
    request: HttpRequest,
    task: RemediationTask,
    *,
    form: forms.TaskUpdateForm | None = None,
    follow: forms.FollowUpForm | None = None,
    version: int | None = None,
    status: int | None = None,
) -> HttpResponse:
    """The task page; a posted form comes back with its errors (status 400), the other one fresh."""
    can_update = msel.may_update_task(user=request.user, task=task)
    can_follow = supervises(request.user, task.mission.issuing_body)
    form = form or _task_update_form(task)
    follow = follow or _follow_up_form(task)
    return render(
        request,
        "supervision/task_detail.html",
        {
            "t": task,
            "form": form if can_update else None,
            "follow": follow if can_follow else None,
            "overdue": task.is_overdue_on(today()),
            "manage_mission": may_manage_mission(request.user, task.mission),
            "work": may_work_on(request.user, task.mission, today()),
            "version": task.version if version is None else version,
        },
        status=status or (400 if (form.errors or follow.errors) else 200),
    )
