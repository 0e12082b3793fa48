"""The user's own API tokens, on a page: list, create (the token is shown once), revoke."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ct05.api.models import ApiToken
from ct05.api.tokens import token_create, token_list, token_revoke


def _expiry(value: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValidationError({"expires_on": _("Ngày hết hạn phải có dạng dd/mm/yyyy.")})


@never_cache  # the page that shows a new token must not be kept by a browser or a proxy
@login_required
@require_http_methods(["GET", "POST"])
def token_page(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"scopes": ApiToken.Scope.choices, "errors": {}, "values": {}}
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("name", "scope", "expires_on")}
        try:
            _token, clear = token_create(
                actor=request.user,
                user=request.user,
                name=values["name"],
                scope=values["scope"] or ApiToken.Scope.READ,
                expires_on=_expiry(values["expires_on"]),
            )
            context["new_token"] = clear
        except ValidationError as exc:
            context["errors"] = {k: " ".join(v) for k, v in exc.message_dict.items()}
            context["values"] = values
    context["tokens"] = token_list(user=request.user).filter(user=request.user)
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = token_list(user=request.user).filter(user=request.user, pk=pk).first()
    if token is None:
        raise Http404
    token_revoke(actor=request.user, token=token)
    messages.success(request, _("Đã thu hồi mã %(p)s…") % {"p": token.prefix})
    return redirect("api:tokens")
