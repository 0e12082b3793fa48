"""Panels other pages include: `{% records_home_panel %}` on the home page, `{% records_org_links org %}`
on the organization page. Both read through the access resolver with the request's user."""

from __future__ import annotations

from typing import Any

from django import template

from ct05.access.resolver import org_scope
from ct05.records.selectors.attention import records_attention
from ct05.records.selectors.meetings import overdue_resolution_items

register = template.Library()


@register.inclusion_tag("records/_home_panel.html", takes_context=True)
def records_home_panel(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    return {"attention": records_attention(user=user), "overdue": overdue_resolution_items(user=user)[:5]}


@register.inclusion_tag("records/_org_links.html", takes_context=True)
def records_org_links(context: dict[str, Any], org: Any) -> dict[str, Any]:
    user = context["request"].user
    return {"org": org, "can_manage": org_scope(user, "manage").contains(org)}
