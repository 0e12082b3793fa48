"""Helpers shared by the cycle's views: numbers, the year and the unit from the query string, validation
errors as messages, the list's filters."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from ct05.access.resolver import Action
from ct05.core.text import clean
from ct05.cycle.models import Registration
from ct05.cycle.selectors import registrations as rsel
from ct05.orgs.models import Organization
from ct05.orgs.selectors.organizations import organization_get


def error_messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [str(m) for msgs in exc.message_dict.values() for m in msgs]
    return [str(m) for m in exc.messages]


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for m in error_messages(exc):
        messages.error(request, m)


def int_param(value: str | None, default: int | None = None) -> int | None:
    return int(value) if value and value.isdigit() else default


def registration_filters(request: HttpRequest) -> rsel.RegistrationFilters:
    """The list's filters, read the same way by the page and its export."""
    org = None
    org_id = int_param(request.GET.get("org"))
    if org_id is not None:
        org = organization_get(user=request.user, pk=org_id)
    status = request.GET.get("status", "")
    track = request.GET.get("track", "")
    quality = request.GET.get("quality", "")
    return rsel.RegistrationFilters(
        year=int_param(request.GET.get("year"), rsel.current_year()) or rsel.current_year(),
        org=org,
        status=status if status in Registration.Status.values else "",
        track=track if track in Registration.Track.values else "",
        query=clean(request.GET.get("q", ""))[:100],
        quality=quality if quality in {"generic", "copied", "no_duty", "no_deadline"} else "",
    )


def year_param(request: HttpRequest) -> int:
    return int_param(request.GET.get("year") or request.POST.get("year"), rsel.current_year()) or rsel.current_year()


def org_param(request: HttpRequest, action: Action = "view") -> Organization | None:
    """The unit of `?org=`, 404 outside the user's scope for `action`; None when not given."""
    pk = int_param(request.GET.get("org") or request.POST.get("org"))
    return organization_get(user=request.user, pk=pk, action=action) if pk is not None else None
