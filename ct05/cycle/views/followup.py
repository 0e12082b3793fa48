"""Pages after acceptance: quarterly check-ins and the year-end self-assessment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ct05.core.web.forms import error_messages, flash_errors
from ct05.core.web.params import int_param
from ct05.cycle.forms import CheckInForm
from ct05.cycle.models import Commitment
from ct05.cycle.selectors import registrations as rsel
from ct05.cycle.services import followup


@login_required
@require_POST
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    reg = rsel.registration_for_action(user=request.user, pk=pk)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        for field, errs in form.errors.items():
            for e in errs:
                messages.error(request, f"{form.fields[field].label if field in form.fields else ''}: {e}")
        return redirect("cycle:registration_detail", pk=pk)
    try:
        commitment = reg.commitments.get(pk=form.cleaned_data["commitment"])
    except Commitment.DoesNotExist:
        raise Http404 from None
    try:
        followup.checkin_record(
            actor=request.user,
            commitment=commitment,
            quarter=form.cleaned_data["quarter"],
            progress=form.cleaned_data["progress"],
            evidence=form.cleaned_data["evidence"],
            percent=form.cleaned_data["percent"],
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, _("Đã cập nhật tiến độ quý %(q)s.") % {"q": form.cleaned_data["quarter"]})
    return redirect(f"{request.path.rsplit('/tien-do/', 1)[0]}/#c{commitment.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def self_assess(request: HttpRequest, pk: int) -> HttpResponse:
    reg = rsel.registration_for_action(user=request.user, pk=pk)
    commitments = list(rsel.commitments_of(registration=reg))
    errors: list[str] = []
    if request.method == "POST":
        results = [
            followup.SelfResultInput(
                commitment_id=c.pk,
                result=request.POST.get(f"result-{c.pk}", ""),
                evidence=request.POST.get(f"evidence-{c.pk}", ""),
            )
            for c in commitments
        ]
        try:
            followup.registration_self_assess(
                actor=request.user,
                registration=reg,
                version=int_param(request, "version", 0) or 0,
                results=results,
                summary=request.POST.get("summary", ""),
            )
        except ValidationError as exc:
            errors = error_messages(exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Đã ghi tự đánh giá cuối năm; chờ chi bộ nhận xét, xếp loại."))
            return redirect("cycle:registration_detail", pk=pk)
    return render(
        request,
        "cycle/self_assess.html",
        {
            "reg": reg,
            "commitments": commitments,
            "errors": errors,
            "choices": Commitment.SelfResult.choices,
            "posted": request.POST,
        },
        status=400 if errors else 200,
    )
