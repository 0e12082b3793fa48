"""The year's topics and the user's notifications."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ct05.core.web.lists import paginate
from ct05.core.web.params import int_param
from ct05.cycle.selectors import registrations as rsel
from ct05.cycle.selectors import year as ysel
from ct05.cycle.services.reminders import notification_mark_read
from ct05.cycle.views._common import year_of


@login_required
def topics(request: HttpRequest) -> HttpResponse:
    year = year_of(request)
    me = rsel.own_member(user=request.user)
    return render(
        request,
        "cycle/topics.html",
        {
            "year": year,
            "topics": ysel.topics_for(user=request.user, year=year, organization=me.cell if me else None),
            "calendar": ysel.calendar(year=year),
        },
    )


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        notification_mark_read(user=request.user, pk=int_param(request, "pk"))
        return redirect("cycle:notifications")
    page, querystring = paginate(request, ysel.notification_list(user=request.user))
    return render(request, "cycle/notifications.html", {"page": page, "querystring": querystring})
