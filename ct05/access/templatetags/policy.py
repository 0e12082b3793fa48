"""Template side of the visibility policy: `{% if m|personal:user %}` guards a member's protected fields
(date of birth, card number, ethnicity, contact), so a page never prints what the policy withholds."""

from __future__ import annotations

from typing import Any

from django import template

from ct05.access.resolver import sees_member_fields

register = template.Library()


@register.filter
def personal(member: Any, user: Any) -> bool:
    return sees_member_fields(user, member)
