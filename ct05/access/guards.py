"""View guards that read the visibility policy: a page of a kind of record the user's roles do not see
answers 403 (the page exists; this user may not open it). Objects outside the scope stay 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from ct05.access.policy import Record
from ct05.access.resolver import sees

View = Callable[..., HttpResponse]


def require_sight(*records: Record) -> Callable[[View], View]:
    """Let the view run only for users who see at least one of `records` (own ones count)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not any(sees(request.user, r) for r in records):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorate
