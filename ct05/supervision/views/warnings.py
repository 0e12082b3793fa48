"""The supervision hub, the warnings page (per scope, sortable by severity), plans and self-inspections."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ct05.access.guards import require_sight
from ct05.access.policy import Record
from ct05.core.exports import Export, export_response, exportable
from ct05.core.web.forms import errors_onto_form
from ct05.core.web.htmx import htmx_template
from ct05.core.web.lists import Column, ListPage, export_list, paginate, render_list
from ct05.core.web.params import choice_param
from ct05.supervision import forms
from ct05.supervision.models import RuleCode, Severity
from ct05.supervision.selectors import missions as msel
from ct05.supervision.selectors import warnings as wsel
from ct05.supervision.services import jobs
from ct05.supervision.services import plans as plan_services
from ct05.supervision.views._common import (
    filters_of,
    form_page,
    initial_org,
    self_inspection_orgs,
    supervised_orgs,
    today,
)


@login_required
@require_sight(Record.WARNING, Record.INSPECTION_PLAN, Record.MISSION)
def hub(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "supervision/hub.html",
        {
            "counts": wsel.warning_counts(user=request.user),
            "run": wsel.last_run(user=request.user),
            "Severity": Severity,
        },
    )


def _warning_filters(request: HttpRequest) -> wsel.WarningFilters:
    lf, _f = filters_of(request)
    g = request.GET
    severity = int(g["severity"]) if g.get("severity", "") in {"1", "2", "3"} else None
    return wsel.WarningFilters(
        org=lf.org,
        code=choice_param(request, "rule", RuleCode.values),
        severity=severity,
        query=lf.query,
        sort=choice_param(request, "sort", wsel.SORTS, "muc-do"),
    )


@login_required
@require_sight(Record.WARNING)
def warning_list(request: HttpRequest) -> HttpResponse:
    f = _warning_filters(request)
    page, querystring = paginate(request, qs := wsel.warning_list(user=request.user, filters=f))
    orgs = supervised_orgs(request.user)
    context = {
        "p": page,
        "f": f,
        "total": qs.count(),
        "rules": RuleCode.choices,
        "severities": Severity.choices,
        "sorts": [
            ("muc-do", _("Mức độ")),
            ("don-vi", _("Đơn vị")),
            ("moi-nhat", _("Mới phát hiện")),
            ("lau-nhat", _("Tồn tại lâu nhất")),
        ],
        "querystring": querystring,
        "run": wsel.last_run(user=request.user),
        "can_evaluate": orgs.exists(),
        "evaluate_form": forms.EvaluateForm() if orgs.exists() else None,
    }
    if context["evaluate_form"] is not None:
        context["evaluate_form"].fields["organization"].queryset = orgs.exclude(kind__is_cell=True)
    return render(request, htmx_template(request, "supervision/warning_list.html"), context)


@exportable
def warnings_export(request: HttpRequest) -> Export:
    """The warnings of the list's filters and scope; also run by the worker for a large .xlsx (core.exports)."""
    f = _warning_filters(request)
    qs = wsel.warning_list(user=request.user, filters=f)

    def rows() -> Iterable[list[object]]:
        for w in qs.iterator(chunk_size=1000):
            links = "\n".join(f"{e.get('label', '')} {e.get('url', '')}".strip() for e in w.evidence[:10])
            yield [
                w.get_severity_display(),
                w.organization.code,
                w.organization.name,
                w.get_code_display(),
                w.message,
                w.count,
                w.first_seen,
                links,
            ]

    headers = [
        _("Mức độ"),
        _("Mã đơn vị"),
        _("Đơn vị"),
        _("Quy tắc"),
        _("Cảnh báo"),
        _("Số bản ghi"),
        _("Phát hiện từ"),
        _("Căn cứ"),
    ]
    return Export(
        title=_("Cảnh báo"), headers=[str(h) for h in headers], rows=rows(), count=qs.count(), stem="canh-bao"
    )


@login_required
@require_sight(Record.WARNING)
def warning_export(request: HttpRequest) -> HttpResponse:
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    return export_response(request, warnings_export(request), builder=warnings_export, fmt=fmt)


@login_required
@require_POST
def warning_evaluate(request: HttpRequest) -> HttpResponse:
    """Re-evaluate now, in the background, for a unit the user supervises (default: the top one)."""
    orgs = supervised_orgs(request.user)
    form = forms.EvaluateForm(request.POST)
    form.fields["organization"].queryset = orgs
    if not orgs.exists() or not form.is_valid():
        raise Http404
    org = form.cleaned_data["organization"] or orgs.order_by("depth", "path").first()
    job = jobs.warnings_evaluate_start(actor=request.user, org=org)
    return redirect("core:job_detail", pk=job.pk)


# Plans and self-inspections ------------------------------------------------------------------------------

PLAN_PAGE = ListPage(
    key="plan",
    title=gettext_lazy("Kế hoạch kiểm tra, giám sát"),
    columns=[
        Column(gettext_lazy("Tên kế hoạch"), lambda p: p.title, link=True),
        Column(gettext_lazy("Năm"), lambda p: p.year),
        Column(gettext_lazy("Số"), lambda p: p.number, hide_sm=True),
        Column(gettext_lazy("Ngày ban hành"), lambda p: p.issued_on, hide_sm=True),
        Column(gettext_lazy("Cấp ủy"), lambda p: p.organization.name),
        Column(gettext_lazy("Nội dung"), lambda p: p.content),
    ],
    export_stem="ke-hoach-kiem-tra",
)
SELF_PAGE = ListPage(
    key="self_inspection",
    title=gettext_lazy("Tự kiểm tra"),
    columns=[
        Column(gettext_lazy("Ngày"), lambda s: s.date),
        Column(gettext_lazy("Đơn vị"), lambda s: s.organization.name),
        Column(gettext_lazy("Nội dung tự kiểm tra"), lambda s: s.subject),
        Column(gettext_lazy("Kết quả"), lambda s: s.result),
        Column(gettext_lazy("Việc cần khắc phục"), lambda s: s.follow_up, hide_sm=True),
    ],
    export_stem="tu-kiem-tra",
)


def _plan_page(request: HttpRequest) -> ListPage:
    can = supervised_orgs(request.user).exists()
    return replace(PLAN_PAGE, create_url=reverse("supervision:plan_create") if can else "")


def _self_page(request: HttpRequest) -> ListPage:
    can = self_inspection_orgs(request.user).exists()
    return replace(SELF_PAGE, create_url=reverse("supervision:self_inspection_create") if can else "")


@login_required
@require_sight(Record.INSPECTION_PLAN)
def plan_list(request: HttpRequest) -> HttpResponse:
    lf, f = filters_of(request)
    return render_list(request, _plan_page(request), msel.plan_list(user=request.user, filters=f), lf)


@login_required
@require_sight(Record.INSPECTION_PLAN)
def plan_export(request: HttpRequest) -> HttpResponse:
    _lf, f = filters_of(request)
    return export_list(PLAN_PAGE, msel.plan_list(user=request.user, filters=f))


@login_required
@require_sight(Record.INSPECTION_PLAN)
def self_inspection_list(request: HttpRequest) -> HttpResponse:
    lf, f = filters_of(request)
    return render_list(request, _self_page(request), msel.self_inspection_list(user=request.user, filters=f), lf)


@login_required
@require_sight(Record.INSPECTION_PLAN)
def self_inspection_export(request: HttpRequest) -> HttpResponse:
    _lf, f = filters_of(request)
    return export_list(SELF_PAGE, msel.self_inspection_list(user=request.user, filters=f))


def _with_org(form: forms.Base, orgs: object, initial: object) -> None:
    from django import forms as djforms

    form.fields = {
        "organization": djforms.ModelChoiceField(
            label=_("Đơn vị"),
            queryset=orgs,
            initial=initial,
            empty_label="—",  # type: ignore[arg-type]
            error_messages={
                "required": _("Trường “Đơn vị” không được để trống."),
                "invalid_choice": _("“Đơn vị”: lựa chọn không hợp lệ."),
            },
        ),
        **form.fields,
    }


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    orgs = supervised_orgs(request.user).exclude(kind__is_cell=True)
    if not orgs.exists():
        raise Http404
    form = forms.PlanForm(request.POST or None, initial={"year": today().year})
    _with_org(form, orgs, initial_org(request, orgs))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            plan_services.inspection_plan_create(actor=request.user, **data)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã lưu kế hoạch kiểm tra, giám sát."))
            return redirect(reverse("supervision:plan_list") + f"?org={data['organization'].pk}")
    return form_page(
        request,
        title=_("Thêm kế hoạch kiểm tra, giám sát"),
        form=form,
        cancel=reverse("supervision:plan_list"),
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def self_inspection_create(request: HttpRequest) -> HttpResponse:
    orgs = self_inspection_orgs(request.user)
    if not orgs.exists():
        raise Http404
    form = forms.SelfInspectionForm(request.POST or None)
    _with_org(form, orgs, initial_org(request, orgs))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            plan_services.self_inspection_create(actor=request.user, **data)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã ghi kết quả tự kiểm tra."))
            return redirect(reverse("supervision:self_inspection_list") + f"?org={data['organization'].pk}")
    return form_page(
        request,
        title=_("Ghi kết quả tự kiểm tra"),
        form=form,
        cancel=reverse("supervision:self_inspection_list"),
        status=400 if form.errors else 200,
    )
