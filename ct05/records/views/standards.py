"""Units' ethical standards: the list (with units never reviewed in the period), a unit's standards with
their history, entry with the text-quality verdict shown as one types (htmx), and "reviewed, unchanged"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ct05.access.resolver import org_scope
from ct05.core.web.forms import errors_onto_form, flash_errors
from ct05.core.web.lists import Column, ListPage, export_list
from ct05.orgs.models import Organization
from ct05.orgs.selectors import organizations as org_selectors
from ct05.records import forms as f
from ct05.records.models import StandardCategory, setting_int
from ct05.records.quality import GOOD_VERDICTS, assess_items
from ct05.records.selectors import standards as sel
from ct05.records.services import standards as svc
from ct05.records.views._common import read_filters, render_list, today


def _std(o: Organization) -> Any:
    return getattr(o, "ethics_standard", None)


def _quality(o: Organization) -> str:
    s = _std(o)
    if s is None or not s.verdict:
        return ""
    return _("Đạt") if s.verdict in GOOD_VERDICTS else _("Chưa đạt")


def _review(o: Organization) -> str:
    state = sel.review_state(_std(o), today())
    return state.label + (" — " + _("quá hạn rà soát") if state.overdue else "")


def standard_page() -> ListPage:
    return ListPage(
        key="standard",
        title=gettext_lazy("Chuẩn mực đạo đức của đơn vị"),
        columns=[
            Column(gettext_lazy("Đơn vị"), lambda o: o.name, link=True),
            Column(gettext_lazy("Bộ chuẩn mực"), lambda o: _std(o).title if _std(o) else _("Chưa ban hành")),
            Column(gettext_lazy("Ban hành"), lambda o: _std(o).issued_on if _std(o) else None, hide_sm=True),
            Column(gettext_lazy("Rà soát gần nhất"), _review),
            Column(gettext_lazy("Lần sửa đổi"), lambda o: _std(o).version if _std(o) else None, hide_sm=True),
            Column(gettext_lazy("Chất lượng"), _quality),
        ],
        statuses=[
            (sel.NOT_REVIEWED, _("Chưa rà soát trong kỳ (hoặc chưa ban hành)")),
            (sel.MISSING, _("Chưa ban hành")),
            (sel.WEAK, _("Chưa ngắn gọn, cụ thể")),
        ],
        detail_url=lambda o: reverse("records:standard_detail", args=[o.pk]),
        export_stem="chuan-muc-dao-duc",
        row_class=lambda o: "late" if sel.review_state(_std(o), today()).overdue else "",
    )


@login_required
def standard_list(request: HttpRequest) -> HttpResponse:
    filters = read_filters(request)
    months = setting_int("standards_review_months", today())
    note = _("Chuẩn mực cần được rà soát ít nhất %(n)s tháng một lần.") % {"n": months}
    return render_list(
        request,
        standard_page(),
        sel.standard_units(user=request.user, filters=filters, today=today()),
        filters,
        {"note": note},
    )


@login_required
def standard_export(request: HttpRequest) -> HttpResponse:
    qs = sel.standard_units(user=request.user, filters=read_filters(request), today=today())
    return export_list(standard_page(), qs)


@login_required
def standard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = org_selectors.organization_get(user=request.user, pk=pk)
    standard = sel.standard_for(org=org)
    return render(
        request,
        "records/standard_detail.html",
        {
            "org": org,
            "standard": standard,
            "state": sel.review_state(standard, today()),
            "revisions": standard.revisions.select_related("recorded_by") if standard else [],
            "can_manage": org_scope(request.user, "manage").contains(org),
            "review_form": f.ReviewForm(initial={"date": today()}),
            "verdict": assess_items([i.text for i in standard.items.all()]) if standard else None,
        },
    )


def _rows_from_post(request: HttpRequest) -> list[svc.StandardItemInput]:
    cats = {str(c.pk): c for c in StandardCategory.objects.all()}
    rows: list[svc.StandardItemInput] = []
    texts = request.POST.getlist("item_text")
    categories = request.POST.getlist("item_category")
    for i, body in enumerate(texts):
        cat = categories[i] if i < len(categories) else ""
        rows.append(svc.StandardItemInput(category=cats.get(cat), text=body))
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def standard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = org_selectors.organization_get(user=request.user, pk=pk, action="manage")
    standard = sel.standard_for(org=org)
    initial = {
        "title": standard.title
        if standard
        else _("Chuẩn mực đạo đức của cán bộ, đảng viên %(org)s") % {"org": org.name},
        "issued_on": today(),
    }
    head = f.StandardHeadForm(request.POST or None, initial=initial)
    if request.method == "POST":
        rows = _rows_from_post(request)
        if head.is_valid():
            try:
                svc.standard_save(actor=request.user, org=org, items=rows, today=today(), **head.cleaned_data)
            except ValidationError as exc:
                errors_onto_form(head, exc)
            else:
                messages.success(request, _("Đã lưu bộ chuẩn mực."))
                return redirect("records:standard_detail", pk=org.pk)
        items = [(r.category.pk if r.category else None, r.text) for r in rows]
    else:
        items = [(i.category_id, i.text) for i in standard.items.all()] if standard else []
    items += [(None, "")] * max(3, 8 - len(items))
    return render(
        request,
        "records/standard_form.html",
        {
            "org": org,
            "standard": standard,
            "form": head,
            "items": items,
            "categories": f.standard_categories(),
            "verdict": assess_items([t for _c, t in items if t]),
            "max_items": setting_int("standard_max_items", today()),
        },
        status=400 if head.errors else 200,
    )


@login_required
@require_POST
def standard_check(request: HttpRequest, pk: int) -> HttpResponse:
    """The engine's verdict on the items as typed, for the htmx panel beside the form (nothing is saved)."""
    org_selectors.organization_get(user=request.user, pk=pk, action="manage")
    texts = [t for t in request.POST.getlist("item_text") if t.strip()]
    return render(
        request,
        "records/_verdict.html",
        {
            "verdict": assess_items(texts),
            "n_items": len(texts),
            "max_items": setting_int("standard_max_items"),
        },
    )


@login_required
@require_POST
def standard_review(request: HttpRequest, pk: int) -> HttpResponse:
    org = org_selectors.organization_get(user=request.user, pk=pk, action="manage")
    standard = sel.standard_for(org=org)
    if standard is None:
        messages.error(request, _("Đơn vị chưa ban hành chuẩn mực nên chưa thể rà soát."))
        return redirect("records:standard_detail", pk=pk)
    form = f.ReviewForm(request.POST)
    if form.is_valid():
        try:
            svc.standard_review(actor=request.user, standard=standard, today=today(), **form.cleaned_data)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Đã ghi nhận rà soát chuẩn mực."))
    else:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
    return redirect("records:standard_detail", pk=pk)
