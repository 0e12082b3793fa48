"""Reads of the member register, through the access resolver."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from ct05.access.policy import Record
from ct05.access.resolver import Action, member_q, record_scope
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
    roster: bool = False,
) -> QuerySet[Member]:
    """The members the user sees; with `roster`, also those the policy shows by name and position only
    (a plain member's cell-mates, issue 12)."""
    q = member_q(user, action)
    if roster and action == "view":
        q |= record_scope(user, Record.MEMBER_ROSTER).q("cell__")
    qs = Member.objects.filter(q).select_related("cell")
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
    """The member, or 404 when the user may not see (or, for "manage", change) them; for "view", a member
    of the user's roster too (the page then shows name and positions only)."""
    q = member_q(user, action)
    if action == "view":
        q |= record_scope(user, Record.MEMBER_ROSTER).q("cell__")
    try:
        return Member.objects.select_related("cell", "cell__kind", "user").get(q, pk=pk)
    except Member.DoesNotExist:
        raise Http404 from None


def member_of_user(*, user: Any) -> Member | None:
    """The user's own member record (with its cell), read once per request: the home page asks for it from
    three apps. Kept on the user object, as the resolver keeps its roles (a request's user is its own)."""
    if not getattr(user, "is_authenticated", False):
        return None
    memo: dict[str, Member | None] = user.__dict__.setdefault("_ct05_own_member", {})
    if "member" not in memo:
        memo["member"] = Member.objects.filter(user=user).select_related("cell").first()
    return memo["member"]
