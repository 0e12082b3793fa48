"""Template helpers for the import and export links on the list pages."""

from __future__ import annotations

from typing import Any

from django import template

from ct05.access.resolver import org_scope

register = template.Library()


@register.simple_tag(takes_context=True)
def may_import(context: dict[str, Any]) -> bool:
    """Whether the user manages any unit, and so may import (the import page checks it again)."""
    request = context.get("request")
    return request is not None and not org_scope(request.user, "manage").is_empty
