"""Reads of the member register, through the access resolver."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from ct05.access.resolver import Action, member_q
from ct05.core.text import fold
from ct05.orgs.models import Member, Organization


def member_list(
    *,
    user: Any,
    org: Organization | None = None,
    query: str = "",
    status: str = "active",
    key_leader: bool | None = None,
    action: Action = "view",
) -> QuerySet[Member]:
    qs = Member.objects.filter(member_q(user, action)).select_related("cell")
    if org is not None:
        qs = qs.filter(cell__path__startswith=org.path)
    if query:
        for word in fold(query).split():
            qs = qs.filter(search_text__contains=word)
    if status:
        qs = qs.filter(status=status)
    if key_leader is not None:
        qs = qs.filter(is_key_leader=key_leader)
    return qs.order_by("sort_key", "id")


def member_get(*, user: Any, pk: int, action: Action = "view") -> Member:
    """The member, or 404 when the user may not see (or, for "manage", change) them."""
    try:
        return Member.objects.select_related("cell", "cell__kind", "user").get(member_q(user, action), pk=pk)
    except Member.DoesNotExist:
        raise Http404 from None
