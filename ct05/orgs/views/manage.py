"""Changing the org tree and adding members: each action goes through a service and is recorded in the
unit's history and the audit log. Only users whose manage scope covers the unit get here (else 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ct05.access.policy import Write
from ct05.access.resolver import org_scope
from ct05.core import clock
from ct05.core.web.forms import errors_onto_form
from ct05.orgs.forms import MemberCreateForm, OrgForm, OrgMergeForm, OrgMoveForm, OrgSplitForm
from ct05.orgs.models import Organization
from ct05.orgs.selectors import organizations as org_sel
from ct05.orgs.services import structure
from ct05.orgs.services.authority import require_write


def _managed_orgs(request: HttpRequest, exclude: Organization) -> QuerySet[Organization]:
    return (
        Organization.objects.filter(org_scope(request.user, "manage").q(), active_to__isnull=True)
        .exclude(path__startswith=exclude.path)
        .select_related("kind")
        .order_by("path")
    )


@login_required
@require_http_methods(["GET", "POST"])
def org_add_child(request: HttpRequest, pk: int) -> HttpResponse:
    parent = org_sel.organization_get(user=request.user, pk=pk, action="manage")
    require_write(request.user, Write.ORG_RESTRUCTURE, parent, what=_("thêm đơn vị trực thuộc"))
    form = OrgForm(request.POST or None, initial={"active_from": clock.today(), "sector": parent.sector})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            org = structure.organization_create(
                actor=request.user,
                code=data["code"],
                name=data["name"],
                kind=data["kind"],
                parent=parent,
                sector=data["sector"],
                active_from=data["active_from"],
            )
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã thêm đơn vị %(name)s.") % {"name": org.name})
            return redirect("orgs:org_detail", pk=org.pk)
    return render(request, "orgs/org_form.html", {"form": form, "parent": parent, "title": _("Thêm đơn vị trực thuộc")})


@login_required
@require_http_methods(["GET", "POST"])
def org_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = org_sel.organization_get(user=request.user, pk=pk, action="manage")
    require_write(request.user, Write.ORG_EDIT, org, what=_("sửa thông tin đơn vị"))
    initial = {
        "code": org.code,
        "name": org.name,
        "kind": org.kind,
        "sector": org.sector,
        "active_from": org.active_from,
        "date": clock.today(),
    }
    form = OrgForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            structure.organization_update(
                actor=request.user,
                org=org,
                date=data["date"] or clock.today(),
                code=data["code"],
                name=data["name"],
                kind=data["kind"],
                sector=data["sector"],
                active_from=data["active_from"],
            )
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("orgs:org_detail", pk=org.pk)
    return render(request, "orgs/org_form.html", {"form": form, "org": org, "title": _("Sửa thông tin đơn vị")})


@login_required
@require_http_methods(["GET", "POST"])
def org_move(request: HttpRequest, pk: int) -> HttpResponse:
    org = org_sel.organization_get(user=request.user, pk=pk, action="manage")
    require_write(request.user, Write.ORG_RESTRUCTURE, org.parent, what=_("chuyển đơn vị"))
    form = OrgMoveForm(
        request.POST or None,
        parents=_managed_orgs(request, org).exclude(kind__is_cell=True),
        initial={"date": clock.today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            structure.organization_move(
                actor=request.user, org=org, new_parent=form.cleaned_data["new_parent"], date=form.cleaned_data["date"]
            )
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã chuyển đơn vị."))
            return redirect("orgs:org_detail", pk=org.pk)
    return render(request, "orgs/org_form.html", {"form": form, "org": org, "title": _("Chuyển trực thuộc")})


@login_required
@require_http_methods(["GET", "POST"])
def org_merge(request: HttpRequest, pk: int) -> HttpResponse:
    org = org_sel.organization_get(user=request.user, pk=pk, action="manage")
    require_write(request.user, Write.ORG_RESTRUCTURE, org.parent, what=_("hợp nhất đơn vị"))
    targets = _managed_orgs(request, org).filter(Q(kind=org.kind) | Q(kind__is_cell=org.kind.is_cell))
    form = OrgMergeForm(request.POST or None, targets=targets, initial={"date": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            structure.organization_merge(
                actor=request.user, sources=[org], target=form.cleaned_data["target"], date=form.cleaned_data["date"]
            )
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã hợp nhất; đảng viên và đơn vị trực thuộc đã được chuyển."))
            return redirect("orgs:org_detail", pk=form.cleaned_data["target"].pk)
    return render(
        request,
        "orgs/org_form.html",
        {
            "form": form,
            "org": org,
            "title": _("Hợp nhất vào đơn vị khác"),
            "warning": _("Đơn vị này sẽ kết thúc hoạt động; hồ sơ cũ vẫn gắn với đơn vị này."),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    cell = org_sel.organization_get(user=request.user, pk=pk, action="manage")
    form = MemberCreateForm(request.POST or None)
    if not cell.kind.is_cell:
        messages.error(request, _("Chỉ thêm đảng viên vào chi bộ."))
        return redirect("orgs:org_detail", pk=cell.pk)
    if request.method == "POST" and form.is_valid():
        try:
            member = structure.member_create(actor=request.user, cell=cell, **form.cleaned_data)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã thêm đảng viên %(name)s.") % {"name": member.full_name})
            return redirect("orgs:member_detail", pk=member.pk)
    return render(request, "orgs/org_form.html", {"form": form, "org": cell, "title": _("Thêm đảng viên")})


@login_required
@require_http_methods(["GET", "POST"])
def org_split(request: HttpRequest, pk: int) -> HttpResponse:
    """Split a cell into two or three new cells: name the new cells, then say where each member goes."""
    source = org_sel.organization_get(user=request.user, pk=pk, action="manage")
    require_write(request.user, Write.ORG_RESTRUCTURE, source.parent, what=_("chia tách đơn vị"))
    members = list(source.members.filter(status="active").order_by("sort_key"))
    form = OrgSplitForm(request.POST or None, members=members, initial={"date": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                parts = []
                for i, (code, name) in enumerate(form.new_units()):
                    unit = structure.organization_create(
                        actor=request.user,
                        code=code,
                        name=name,
                        kind=source.kind,
                        parent=source.parent,
                        sector=source.sector,
                        active_from=data["date"],
                    )
                    parts.append((unit, [m for m in members if data[f"m{m.pk}"] == str(i)]))
                structure.organization_split(
                    actor=request.user, source=source, parts=parts, date=data["date"], close_source=data["close_source"]
                )
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã chia tách đơn vị."))
            return redirect("orgs:org_detail", pk=source.parent_id or source.pk)
    return render(request, "orgs/org_form.html", {"form": form, "org": source, "title": _("Chia tách chi bộ")})
