"""Shared by the cycle's views: the registration year from the query string, the list's filters."""

from __future__ import annotations

from django.http import HttpRequest

from ct05.core.text import clean
from ct05.core.web.params import year_param
from ct05.cycle.models import Registration
from ct05.cycle.selectors import registrations as rsel
from ct05.orgs.params import org_param


def registration_filters(request: HttpRequest) -> rsel.RegistrationFilters:
    """The list's filters, read the same way by the page and its export."""
    org = org_param(request)
    status = request.GET.get("status", "")
    track = request.GET.get("track", "")
    quality = request.GET.get("quality", "")
    return rsel.RegistrationFilters(
        year=year_of(request),
        org=org,
        status=status if status in Registration.Status.values else "",
        track=track if track in Registration.Track.values else "",
        query=clean(request.GET.get("q", ""))[:100],
        quality=quality if quality in {"generic", "copied", "uniform", "no_duty", "no_deadline"} else "",
    )


def year_of(request: HttpRequest) -> int:
    """`?year=` (or a posted `year`), this registration year when absent."""
    return year_param(request, rsel.current_year()) or rsel.current_year()
