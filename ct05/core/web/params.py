"""Reading the query string (or a posted form's hidden fields): absent means the default, malformed means a
400 page that says in Vietnamese which parameter is wrong — never a 500 from `int("abc")`."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.utils.translation import gettext as _

YEAR_MIN, YEAR_MAX = 2000, 2100


class BadParameter(BadRequest):
    """A malformed query parameter; `ct05.core.views.bad_request` shows its message with status 400."""


def raw_param(request: HttpRequest, name: str) -> str:
    """The value from the query string, else from the posted form; stripped, "" when absent."""
    return (request.GET.get(name) or request.POST.get(name) or "").strip()


def int_param(
    request: HttpRequest,
    name: str,
    default: int | None = None,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int | None:
    value = raw_param(request, name)
    if not value:
        return default
    if not value.isdigit():
        raise BadParameter(_("Tham số “%(name)s” phải là một số, không phải “%(value)s”.") % _args(name, value))
    number = int(value)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise BadParameter(
            _("Tham số “%(name)s” phải trong khoảng %(low)s–%(high)s.")
            % {"name": name, "low": minimum if minimum is not None else "", "high": maximum or ""}
        )
    return number


def year_param(request: HttpRequest, default: int | None = None, name: str = "year") -> int | None:
    return int_param(request, name, default, minimum=YEAR_MIN, maximum=YEAR_MAX)


def month_param(request: HttpRequest, name: str = "month") -> int | None:
    return int_param(request, name, minimum=1, maximum=12)


def choice_param(request: HttpRequest, name: str, choices: Iterable[str], default: str = "") -> str:
    """One of `choices`; anything else is the default (a stale link keeps working, unfiltered)."""
    value = raw_param(request, name)
    return value if value in set(choices) else default


def _args(name: str, value: str) -> dict[str, str]:
    return {"name": name, "value": value[:40]}
