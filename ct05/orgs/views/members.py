from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ct05.access.resolver import member_q
from ct05.accounts.reads import personal_data_read
from ct05.core import clock
from ct05.core.audit import ACTION_LABELS, describe
from ct05.core.models import AuditEvent
from ct05.core.web.forms import errors_onto_form
from ct05.core.web.htmx import htmx_template
from ct05.core.web.lists import paginate
from ct05.orgs.forms import DutyForm, MemberForm
from ct05.orgs.models import Duty, Member, Organization
from ct05.orgs.params import org_param
from ct05.orgs.selectors import members as member_sel
from ct05.orgs.services import structure


@dataclass(frozen=True)
class MemberFilters:
    org: Organization | None
    query: str
    status: str
    key_leader: bool | None
    no_duty: bool


def member_filters(request: HttpRequest) -> MemberFilters:
    """The member list's filters, read the same way by the page and by its export."""
    org = org_param(request)
    status = request.GET.get("status", Member.Status.ACTIVE)
    if status not in {*Member.Status.values, ""}:
        status = Member.Status.ACTIVE
    key = request.GET.get("key_leader")
    return MemberFilters(
        org=org,
        query=request.GET.get("q", "").strip()[:100],
        status=status,
        key_leader=True if key == "1" else False if key == "0" else None,
        no_duty=request.GET.get("no_duty") == "1",
    )


def filtered_members(request: HttpRequest, *, roster: bool = False) -> tuple[MemberFilters, QuerySet[Member]]:
    """The filtered list; `roster` adds those the user sees by name and position only (the page, not the
    export, which carries every field)."""
    filters = member_filters(request)
    qs = member_sel.member_list(
        user=request.user,
        org=filters.org,
        query=filters.query,
        status=filters.status,
        key_leader=filters.key_leader,
        roster=roster,
    )
    if filters.no_duty:
        today = clock.today()
        current = Duty.objects.filter(member=OuterRef("pk")).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        qs = qs.exclude(Exists(current))
    return filters, qs


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    filters, qs = filtered_members(request, roster=True)
    page, querystring = paginate(request, qs)
    return render(
        request,
        htmx_template(request, "orgs/member_list.html"),
        {
            "page": page,
            "f": filters,
            "statuses": Member.Status.choices,
            "querystring": querystring,
        },
    )


def _member_page(
    request: HttpRequest, member: Member, duty_form: DutyForm | None = None, status: int = 200
) -> HttpResponse:
    """The member page; also re-rendered, with the duty form's errors, when adding a duty fails."""
    can_manage = Member.objects.filter(member_q(request.user, "manage"), pk=member.pk).exists()
    # Seen through the roster only (a cell-mate, for a plain member): name, cell and positions (issue 12).
    roster_only = not Member.objects.filter(member_q(request.user), pk=member.pk).exists()
    audit = []
    if can_manage:
        duty_ids = [str(d) for d in member.duties.values_list("id", flat=True)]
        events = AuditEvent.objects.filter(
            Q(target_type="orgs.member", target_id=str(member.pk)) | Q(target_type="orgs.duty", target_id__in=duty_ids)
        ).select_related("actor")[:30]
        audit = [
            (e, ACTION_LABELS.get(e.action, e.action), describe(e, Member if e.target_type == "orgs.member" else Duty))
            for e in events
        ]
    if can_manage and duty_form is None:
        duty_form = DutyForm(initial={"started_on": clock.today()})
    context = {
        "m": member,
        "duties": member.duties.all(),
        "transfers": member.transfers.select_related("from_cell", "to_cell"),
        "audit": audit,
        "can_manage": can_manage,
        "roster_only": roster_only,
        "duty_form": duty_form if can_manage else None,
    }
    return render(request, "orgs/member_detail.html", context, status=status)


@login_required
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_sel.member_get(user=request.user, pk=pk)
    personal_data_read(reader=request.user, what="member.page", member_id=member.pk)  # issue 12: reads are logged
    return _member_page(request, member)


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_sel.member_get(user=request.user, pk=pk, action="manage")
    form = MemberForm(request.POST or None, instance=Member.objects.get(pk=member.pk))
    if request.method == "POST" and form.is_valid():
        try:
            structure.member_update(actor=request.user, member=member, **{k: v for k, v in form.cleaned_data.items()})
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin đảng viên."))
            return redirect("orgs:member_detail", pk=member.pk)
    return render(request, "orgs/member_edit.html", {"m": member, "form": form})


@login_required
@require_POST
def duty_add(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_sel.member_get(user=request.user, pk=pk, action="manage")
    form = DutyForm(request.POST)
    if form.is_valid():
        try:
            structure.duty_add(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã thêm nhiệm vụ được phân công."))
            return redirect("orgs:member_detail", pk=member.pk)
    return _member_page(request, member, duty_form=form, status=400)
