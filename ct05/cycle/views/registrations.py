"""Pages of the registrations: list, new, detail, edit with live quality feedback, workflow actions.

Views parse, authorize through the selectors (404 outside scope) and call one service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ct05.access.models import Role
from ct05.access.resolver import org_scope, roles_of
from ct05.accounts.reads import personal_data_read
from ct05.core.text import clean
from ct05.core.web.forms import error_messages, errors_onto_form, flash_errors
from ct05.core.web.htmx import htmx_template
from ct05.core.web.params import int_param
from ct05.cycle.access import is_owner, may_manage
from ct05.cycle.forms import (
    AcceptForm,
    AssessForm,
    CheckInForm,
    CommitmentFormSet,
    NewRegistrationForm,
    ReturnForm,
    initial_commitments,
)
from ct05.cycle.models import Registration
from ct05.cycle.selectors import matches as msel
from ct05.cycle.selectors import registrations as rsel
from ct05.cycle.selectors import year as ysel
from ct05.cycle.services import followup, registrations
from ct05.cycle.views._common import registration_filters, year_of
from ct05.orgs.models import Duty, Organization
from ct05.orgs.params import org_param


@login_required
def registration_list(request: HttpRequest) -> HttpResponse:
    f = registration_filters(request)
    qs = rsel.registration_list(user=request.user, filters=f)
    page = rsel.registration_page(qs, request.GET.get("page"))
    page.object_list = rsel.with_commitment_counts(list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    querystring = query.urlencode()
    can_manage = not org_scope(request.user, "manage").is_empty
    return render(
        request,
        htmx_template(request, "cycle/registration_list.html"),
        {
            "page": page,
            "f": f,
            "statuses": Registration.Status.choices,
            "tracks": Registration.Track.choices,
            "querystring": querystring,
            "can_manage": can_manage,
            "me": rsel.own_member(user=request.user),
        },
    )


@login_required
def my_registration(request: HttpRequest) -> HttpResponse:
    me = rsel.own_member(user=request.user)
    if me is None:
        messages.error(request, _("Tài khoản của bạn chưa gắn với hồ sơ đảng viên."))
        return redirect("cycle:registration_list")
    year = rsel.current_year()
    reg = Registration.objects.filter(member=me, year=year).first()
    if reg is not None:
        return redirect("cycle:registration_detail", pk=reg.pk)
    return redirect(f"{_url('cycle:registration_new')}?member={me.pk}&year={year}")


def _url(name: str, *args: Any) -> str:
    from django.urls import reverse

    return reverse(name, args=args)


def _member_choices(request: HttpRequest, year: int) -> list[tuple[int, str]]:
    """Oneself first, then the members the user manages, marked when they already registered for `year`."""
    me = rsel.own_member(user=request.user)
    choices = [(me.pk, f"{me.full_name} ({_('bản thân')})")] if me is not None else []
    has_one = _("đã có bản đăng ký")
    choices += [
        (m.pk, f"{m.full_name} — {m.cell.name}" + (f" ({has_one})" if done else ""))
        for m, done in rsel.members_to_register(user=request.user, year=year)
        if me is None or m.pk != me.pk
    ]
    return choices


def _registration_create(
    request: HttpRequest, data: dict[str, Any], collective_org: Organization | None
) -> Registration:
    """A unit's collective plan when `?org=` names one, otherwise the chosen member's registration."""
    if collective_org is not None:
        return registrations.registration_create(
            actor=request.user, year=data["year"], organization=collective_org, term_plan_text=data["term_plan"]
        )
    if data["member"] is None:
        raise ValidationError({"member": _("Chọn đảng viên.")})
    return registrations.registration_create(
        actor=request.user,
        year=data["year"],
        member=rsel.member_for_registration(user=request.user, pk=data["member"]),
        track=data["track"] or None,
        term_plan_text=data["term_plan"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_new(request: HttpRequest) -> HttpResponse:
    """A new registration: a member's (their own, or entered by the secretary on their behalf) or, with
    `?org=`, a unit's collective plan; then on to its commitments."""
    year = year_of(request)
    collective_org = org_param(request, "manage")
    initial = {"year": year, "member": int_param(request, "member")}
    form = NewRegistrationForm(request.POST or None, initial=initial, members=_member_choices(request, year))
    if request.method == "POST":
        posted_member = int_param(request, "member")
        if posted_member is not None:
            rsel.member_for_registration(user=request.user, pk=posted_member)  # 404 outside scope
        if form.is_valid():
            try:
                reg = _registration_create(request, form.cleaned_data, collective_org)
            except ValidationError as exc:
                errors_onto_form(form, exc)
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, _("Đã tạo bản đăng ký. Nhập các nội dung đăng ký."))
                return redirect("cycle:registration_edit", pk=reg.pk)
    return render(request, "cycle/registration_new.html", {"form": form, "org": collective_org, "year": year})


def _audits_verdicts(user: Any) -> bool:
    audit_roles = {str(Role.SUPERVISOR), str(Role.PROVINCE_ADMIN)}
    return bool(user.is_superuser) or any(a.role in audit_roles for a in roles_of(user))


def _detail_context(request: HttpRequest, reg: Registration) -> dict[str, Any]:
    commitments = list(rsel.commitments_of(registration=reg))
    matches = msel.stored_matches_of(user=request.user, commitments=commitments)
    rows = [{"c": c, "matches": matches[c.pk]} for c in commitments]
    manage = may_manage(request.user, reg)
    owner = is_owner(request.user, reg)
    return {
        "reg": reg,
        "rows": rows,
        "can_manage": manage,
        "can_review": manage and not owner,  # nobody accepts or rates their own registration
        "is_owner": owner,
        "can_act": manage or owner,
        "calendar": ysel.calendar(year=reg.year),
        "accept_form": AcceptForm(),
        "return_form": ReturnForm(),
        "assess_form": AssessForm(year=reg.year) if manage and not owner else None,
        "checkin_form": CheckInForm(),
        "topics": ysel.topics_for(user=request.user, year=reg.year, organization=reg.organization),
        # the engine's version string helps those who audit verdicts; to a member it is noise (issue 13)
        "show_engine": _audits_verdicts(request.user),
    }


@login_required
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reg = rsel.registration_get(user=request.user, pk=pk)
    personal_data_read(reader=request.user, what="registration.page", member_id=reg.member_id)  # issue 12
    return render(request, "cycle/registration_detail.html", _detail_context(request, reg))


def _duties_of(reg: Registration) -> list[tuple[int, str]]:
    if reg.member_id is None:
        return []
    return list(Duty.objects.filter(member_id=reg.member_id).values_list("pk", "text"))


@login_required
@require_http_methods(["GET", "POST"])
def registration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    reg = rsel.registration_for_action(user=request.user, pk=pk)
    duties = _duties_of(reg)
    commitments = list(reg.commitments.all())
    if request.method == "POST":
        formset = CommitmentFormSet(request.POST, duties=duties, prefix="c")
        version = int_param(request, "version", 0) or 0
        if formset.is_valid():
            try:
                registrations.registration_save(
                    actor=request.user, registration=reg, version=version, commitments=formset.inputs()
                )
                if request.POST.get("then") == "submit":
                    reg.refresh_from_db()
                    registrations.registration_submit(actor=request.user, registration=reg, version=reg.version)
                    messages.success(request, _("Đã lưu và nộp bản đăng ký để chi bộ xem xét."))
                else:
                    messages.success(request, _("Đã lưu bản đăng ký."))
            except registrations.ConcurrentEdit as exc:
                return _edit_page(request, reg, formset, version, status=409, conflict=error_messages(exc))
            except ValidationError as exc:
                return _edit_page(request, reg, formset, version, status=400, errors=error_messages(exc))
            except PermissionDenied:
                raise Http404 from None
            return redirect("cycle:registration_detail", pk=reg.pk)
        return _edit_page(request, reg, formset, version, status=400)
    if not reg.is_editable:
        messages.error(
            request, _("Bản đăng ký đang ở trạng thái “%(s)s”: không sửa được.") % {"s": reg.get_status_display()}
        )
        return redirect("cycle:registration_detail", pk=reg.pk)
    formset = CommitmentFormSet(initial=initial_commitments(commitments), duties=duties, prefix="c")
    return _edit_page(request, reg, formset, reg.version)


def _edit_page(
    request: HttpRequest, reg: Registration, formset: Any, version: int, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """The edit page, with last year's review of the same member beside it ("tự soi, tự sửa")."""
    context = {"reg": reg, "formset": formset, "version": version, "previous": rsel.previous_review(reg), **extra}
    return render(request, "cycle/registration_edit.html", context, status=status)


@login_required
@require_POST
def live_check(request: HttpRequest) -> HttpResponse:
    """htmx: the engine's verdict and verified near-duplicates of the text being typed (no save)."""
    reg = rsel.registration_for_action(user=request.user, pk=int_param(request, "registration", 0) or 0)
    prefix = request.POST.get("prefix", "")
    if not prefix.startswith("c-") or not prefix[2:].isdigit():
        raise Http404
    text = clean(request.POST.get(f"{prefix}-content", ""))[:5000]
    duty_id = int_param(request, f"{prefix}-duty")
    duty_text = example_duty = None
    if reg.member_id:
        duties = Duty.objects.filter(member_id=reg.member_id)  # the latest first
        if duty_id is not None:
            duty_text = duties.filter(pk=duty_id).values_list("text", flat=True).first()
        else:  # the suggestion's example still comes from the member's own duty (issue 16, item 9)
            example_duty = duties.values_list("text", flat=True).first()
    check = msel.live_check(
        user=request.user,
        text=text,
        year=reg.year,
        organization=reg.organization,
        duty_text=duty_text,
        exclude_registration=reg.pk,
        example_duty=example_duty,
    )
    return render(request, "cycle/_quality.html", {"check": check, "too_long": len(text) > 2000})


def _require_review(request: HttpRequest, pk: int) -> None:
    """Accept, return, rate, lock: refused (404, as the service's refusal) before any form is read, for
    anyone but the cell's managers, and for a manager on their own registration (issue 12)."""
    reg = rsel.registration_for_action(user=request.user, pk=pk)
    if is_owner(request.user, reg) or not may_manage(request.user, reg):
        raise Http404


def _act(request: HttpRequest, pk: int, action: Any, success: str, **kwargs: Any) -> HttpResponse:
    reg = rsel.registration_for_action(user=request.user, pk=pk)
    version = int_param(request, "version", 0) or 0
    try:
        action(actor=request.user, registration=reg, version=version, **kwargs)
    except ValidationError as exc:
        flash_errors(request, exc)
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, success)
    return redirect("cycle:registration_detail", pk=reg.pk)


@login_required
@require_POST
def registration_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, registrations.registration_submit, _("Đã nộp bản đăng ký để chi bộ xem xét."))


@login_required
@require_POST
def registration_accept(request: HttpRequest, pk: int) -> HttpResponse:
    _require_review(request, pk)
    form = AcceptForm(request.POST)
    day = form.cleaned_data.get("cell_review_on") if form.is_valid() else None
    if not form.is_valid():
        messages.error(request, _("Ngày thông qua trước chi bộ không đúng dạng dd/mm/yyyy."))
        return redirect("cycle:registration_detail", pk=pk)
    return _act(
        request, pk, registrations.registration_accept, _("Chi bộ đã thông qua bản đăng ký."), cell_review_on=day
    )


@login_required
@require_POST
def registration_return(request: HttpRequest, pk: int) -> HttpResponse:
    _require_review(request, pk)
    return _act(
        request,
        pk,
        registrations.registration_return,
        _("Đã trả lại bản đăng ký kèm ý kiến."),
        comment=request.POST.get("comment", ""),
    )


@login_required
@require_POST
def registration_assess(request: HttpRequest, pk: int) -> HttpResponse:
    _require_review(request, pk)
    reg = rsel.registration_for_action(user=request.user, pk=pk)
    form = AssessForm(request.POST, year=reg.year)
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, e)
        return redirect("cycle:registration_detail", pk=pk)
    return _act(
        request,
        pk,
        followup.registration_assess,
        _("Đã ghi nhận xét và xếp loại của chi bộ."),
        rating=form.cleaned_data["rating"],
        comment=form.cleaned_data["comment"],
    )


@login_required
@require_POST
def registration_lock(request: HttpRequest, pk: int) -> HttpResponse:
    _require_review(request, pk)
    return _act(request, pk, followup.registration_lock, _("Đã khóa sổ bản đăng ký."))
