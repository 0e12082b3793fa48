"""Who may see or act on which registrations, expressed through THE access resolver (ct05.access.resolver).

An individual registration follows its member: `member_q(user, action)` decides (so a member sees only
their own, a secretary the members of the cell). A collective plan follows its organization:
`org_scope(user, action)`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from ct05.access.resolver import Action, member_q, org_scope


def _prefixed(q: Q, prefix: str) -> Q:
    """The same filter, applied through a relation (`member__`): Q children are (lookup, value) pairs."""
    out = Q()
    out.connector = q.connector
    out.negated = q.negated
    for child in q.children:
        if isinstance(child, Q):
            out.children.append(_prefixed(child, prefix))
        else:
            key, value = child
            out.children.append((prefix + key, value))
    return out


def registration_q(user: Any, action: Action = "view") -> Q:
    """A filter on Registration: those `user` may see (or, for "manage", act on as the cell)."""
    individual = Q(member__isnull=False) & _prefixed(member_q(user, action), "member__")
    collective = Q(member__isnull=True) & org_scope(user, action).q("organization__")
    return individual | collective


def is_owner(user: Any, registration: Any) -> bool:
    member = registration.member
    return member is not None and member.user_id is not None and member.user_id == getattr(user, "pk", None)


def may_manage(user: Any, registration: Any) -> bool:
    from ct05.cycle.models import Registration

    return Registration.objects.filter(registration_q(user, "manage"), pk=registration.pk).exists()
