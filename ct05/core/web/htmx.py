"""An htmx request gets the page's partial (django-template-partials' `page.html#part`), a plain request the
whole page: one rule, so a page and its fragment never drift apart."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request"))


def htmx_template(request: HttpRequest, template: str, partial: str = "results") -> str:
    """`template#partial` for htmx, `template` otherwise."""
    return f"{template}#{partial}" if is_htmx(request) else template
