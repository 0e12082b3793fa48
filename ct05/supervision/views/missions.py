"""Mission pages: list, create, the mission's page, its settings, members, units and proposed sample, start,
completion and the report (.docx)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ct05.access.guards import require_sight
from ct05.access.models import Role
from ct05.access.policy import Record
from ct05.core.web.forms import errors_onto_form, flash_errors
from ct05.core.web.lists import Column, ListPage, export_list, render_list
from ct05.orgs.models import Organization
from ct05.supervision import forms
from ct05.supervision.access import may_manage_mission, may_work_on, mission_get
from ct05.supervision.models import Mission, MissionMember, MissionUnit
from ct05.supervision.report import mission_report_docx
from ct05.supervision.selectors import missions as msel
from ct05.supervision.selectors.sample import candidates, propose_sample
from ct05.supervision.services import findings as fsvc
from ct05.supervision.services import missions as svc
from ct05.supervision.views._common import filters_of, form_page, supervised_orgs, today

MISSION_PAGE = ListPage(
    key="mission",
    title=gettext_lazy("Đoàn khảo sát, kiểm tra, giám sát"),
    columns=[
        Column(gettext_lazy("Tên đoàn"), lambda m: m.title, link=True),
        Column(gettext_lazy("Loại"), lambda m: m.get_kind_display()),
        Column(gettext_lazy("Quyết định"), lambda m: m.decision_number, hide_sm=True),
        Column(gettext_lazy("Từ ngày"), lambda m: m.start_date),
        Column(gettext_lazy("Đến ngày"), lambda m: m.end_date, hide_sm=True),
        Column(gettext_lazy("Số đơn vị"), lambda m: m.n_units, hide_sm=True),
        Column(gettext_lazy("Tình trạng"), lambda m: m.get_status_display()),
    ],
    statuses=list(Mission.Status.choices),
    export_stem="doan-khao-sat",
)


def _mission(request: HttpRequest, pk: int, *, manage: bool = False, work: bool = False) -> Mission:
    mission = mission_get(user=request.user, pk=pk, today=today())
    if manage and not may_manage_mission(request.user, mission):
        raise Http404
    if work and not may_work_on(request.user, mission, today()):
        raise Http404
    return mission


def _back(mission: Mission, anchor: str = "") -> HttpResponse:
    return redirect(reverse("supervision:mission_detail", args=[mission.pk]) + (f"#{anchor}" if anchor else ""))


@login_required
@require_sight(Record.MISSION)
def mission_list(request: HttpRequest) -> HttpResponse:
    lf, f = filters_of(request)
    can = supervised_orgs(request.user).exclude(kind__is_cell=True).exists()
    page = replace(
        MISSION_PAGE,
        detail_url=lambda m: reverse("supervision:mission_detail", args=[m.pk]),
        create_url=reverse("supervision:mission_create") if can else "",
    )
    return render_list(request, page, msel.mission_list(user=request.user, filters=f, today=today()), lf)


@login_required
@require_sight(Record.MISSION)
def mission_export(request: HttpRequest) -> HttpResponse:
    _lf, f = filters_of(request)
    return export_list(MISSION_PAGE, msel.mission_list(user=request.user, filters=f, today=today()))


def _leader_choices(request: HttpRequest) -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(pk=request.user.pk) | Q(roles__role__in=[Role.SUPERVISOR, Role.PROVINCE_ADMIN, Role.COMMITTEE_OFFICER])
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def _member_choices() -> Any:
    """Any active account: mission members are often officers with no standing role in the tree."""
    return User.objects.filter(is_active=True).order_by("last_name", "first_name")


@login_required
@require_http_methods(["GET", "POST"])
def mission_create(request: HttpRequest) -> HttpResponse:
    orgs = supervised_orgs(request.user).exclude(kind__is_cell=True)
    if not orgs.exists():
        raise Http404
    from django import forms as djforms

    form = forms.MissionForm(request.POST or None, initial={"issuer_name": _("Ban Tuyên giáo và Dân vận Tỉnh ủy")})
    form.fields = {
        "issuing_body": djforms.ModelChoiceField(label=_("Cấp ủy ra quyết định"), queryset=orgs, empty_label=None),
        **form.fields,
        "leader": djforms.ModelChoiceField(
            label=_("Trưởng đoàn"),
            queryset=_leader_choices(request),
            required=False,
            initial=request.user.pk,
            empty_label="—",
        ),
    }
    if request.method == "POST" and form.is_valid():
        try:
            mission = svc.mission_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã lập đoàn. Bước tiếp theo: thêm thành viên và chọn đơn vị."))
            return _back(mission)
    return form_page(
        request,
        title=_("Lập đoàn khảo sát, kiểm tra, giám sát"),
        form=form,
        cancel=reverse("supervision:mission_list"),
        status=400 if form.errors else 200,
    )


@login_required
def mission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The mission: members, units with their findings, report requests, conclusion and tasks; the forms to
    change them for whoever may (the managers: members, units, sample; the working members: requests)."""
    mission = _mission(request, pk)
    manage = may_manage_mission(request.user, mission)
    work = may_work_on(request.user, mission, today())
    context = {
        "m": mission,
        "manage": manage,
        "work": work,
        "members": mission.members.select_related("user"),
        "units": msel.mission_units(user=request.user, mission=mission),
        "requests": msel.request_list(user=request.user, filters=msel.Filters(), today=today()).filter(mission=mission),
        "conclusion": fsvc.conclusion_current(mission),
        "versions": mission.conclusions.order_by("-version"),
        "tasks": msel.task_list(user=request.user, filters=msel.Filters(), today=today(), mission=mission),
        "today": today(),
        "editable": mission.status != Mission.Status.COMPLETED,
    }
    if context["editable"]:
        context |= _mission_forms(request, mission, manage=manage, work=work)
    return render(request, "supervision/mission_detail.html", context)


def _mission_forms(request: HttpRequest, mission: Mission, *, manage: bool, work: bool) -> dict[str, Any]:
    """The empty forms of an open mission's page, for those who may use each."""
    unit_orgs = mission.units.values("organization")
    out: dict[str, Any] = {}
    if manage:
        out["member_form"] = forms.MemberAddForm(
            initial={"role": MissionMember.Role.MEMBER},
            users=_member_choices().exclude(pk__in=mission.members.values("user")),
        )
        out["unit_form"] = forms.UnitAddForm(orgs=candidates_qs(request, mission).exclude(pk__in=unit_orgs))
        out["sample_form"] = forms.SampleForm()
    if work:
        out["request_form"] = forms.RequestForm(orgs=Organization.objects.filter(pk__in=unit_orgs), auto_id="id_%s_r")
    return out


def candidates_qs(request: HttpRequest, mission: Mission) -> QuerySet[Organization]:
    ids = [o.pk for o in candidates(user=request.user, mission=mission, today=today())]
    return Organization.objects.filter(pk__in=ids).order_by("path")


@login_required
@require_http_methods(["GET", "POST"])
def mission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mission = _mission(request, pk, manage=True)
    fields = list(forms.MissionForm.base_fields) + list(forms.MissionReportForm.base_fields)
    initial = {f: getattr(mission, f) for f in fields}

    class EditForm(forms.MissionForm, forms.MissionReportForm):
        pass

    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.mission_update(actor=request.user, mission=mission, **form.cleaned_data)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin đoàn."))
            return _back(mission)
    return form_page(
        request,
        title=_("Sửa thông tin đoàn, người ký báo cáo"),
        form=form,
        cancel=reverse("supervision:mission_detail", args=[mission.pk]),
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    mission = _mission(request, pk, manage=True)
    form = forms.MemberAddForm(request.POST, users=_member_choices())
    if form.is_valid():
        try:
            svc.mission_member_add(actor=request.user, mission=mission, **form.cleaned_data)
            messages.success(
                request,
                _("Đã thêm thành viên; quyền xem các đơn vị của đoàn có hiệu lực trong thời gian đoàn làm việc."),
            )
        except ValidationError as exc:
            flash_errors(request, exc)
    else:
        messages.error(request, _("Chọn cán bộ và nhiệm vụ trong đoàn."))
    return _back(mission, "thanh-vien")


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    mission = _mission(request, pk, manage=True)
    member = get_object_or_404(MissionMember, pk=member_pk, mission=mission)
    try:
        svc.mission_member_remove(actor=request.user, mission=mission, member=member)
        messages.success(request, _("Đã bỏ thành viên khỏi đoàn."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return _back(mission, "thanh-vien")


@login_required
@require_POST
def unit_add(request: HttpRequest, pk: int) -> HttpResponse:
    mission = _mission(request, pk, manage=True)
    form = forms.UnitAddForm(request.POST, orgs=candidates_qs(request, mission))
    if form.is_valid():
        try:
            svc.mission_unit_add(actor=request.user, mission=mission, **form.cleaned_data)
            messages.success(request, _("Đã thêm đơn vị."))
        except ValidationError as exc:
            flash_errors(request, exc)
    else:
        messages.error(request, _("Chọn một đơn vị trong phạm vi của đoàn."))
    return _back(mission, "don-vi")


@login_required
@require_POST
def unit_remove(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    mission = _mission(request, pk, manage=True)
    unit = get_object_or_404(MissionUnit, pk=unit_pk, mission=mission)
    try:
        svc.mission_unit_remove(actor=request.user, mission=mission, unit=unit)
        messages.success(request, _("Đã bỏ đơn vị khỏi danh sách."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return _back(mission, "don-vi")


@login_required
@require_http_methods(["GET", "POST"])
def sample(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: preview the proposal for the size asked; POST: replace the proposed units with it."""
    mission = _mission(request, pk, manage=True)
    form = forms.SampleForm(request.POST or request.GET or None, initial={"size": 6})
    size = form.cleaned_data["size"] if form.is_bound and form.is_valid() else 6
    proposal = propose_sample(user=request.user, mission=mission, size=size, today=today())
    if request.method == "POST" and form.is_valid():
        try:
            n = svc.mission_sample_apply(
                actor=request.user, mission=mission, proposal=[(p.organization, p.risk, p.reason) for p in proposal]
            )
            messages.success(request, _("Đã đưa %(n)s đơn vị đề xuất vào danh sách của đoàn.") % {"n": n})
        except ValidationError as exc:
            flash_errors(request, exc)
        return _back(mission, "don-vi")
    return render(request, "supervision/sample.html", {"m": mission, "form": form, "proposal": proposal})


@login_required
@require_POST
def mission_start(request: HttpRequest, pk: int) -> HttpResponse:
    mission = _mission(request, pk, manage=True)
    try:
        svc.mission_start(actor=request.user, mission=mission)
        messages.success(request, _("Đoàn bắt đầu làm việc."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return _back(mission)


@login_required
@require_POST
def mission_complete(request: HttpRequest, pk: int) -> HttpResponse:
    mission = _mission(request, pk, manage=True)
    try:
        svc.mission_complete(actor=request.user, mission=mission)
        messages.success(request, _("Đoàn đã kết thúc; quyền truy cập của thành viên đoàn chấm dứt."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return _back(mission)


@login_required
def mission_report(request: HttpRequest, pk: int) -> HttpResponse:
    mission = _mission(request, pk, work=True)
    response = HttpResponse(
        mission_report_docx(mission),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="bao-cao-doan-{mission.pk}.docx"'
    return response
