"""Who may restructure the org tree, and which kinds may sit under which (issue 12).

Restructuring a unit (adding a child, splitting, merging, moving, changing its kind) is a decision of the
level ABOVE it: the actor needs the policy's write on the PARENT, so a cell secretary cannot split his own
cell and a ward office cannot split its own ward committee. Kinds come from the OrgKind records (level,
is_cell), not from names: a cell has no sub-units, and a child sits at a lower level (a larger number)
than its parent. `actor=None` is the system itself (seeding, imports already authorized by their caller).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ct05.access.policy import Write
from ct05.access.resolver import may_write
from ct05.orgs.models import Member, Organization, OrgKind


def require_write(actor: Any, write: Write, org: Organization | None, *, what: str) -> None:
    """Refuse (403) unless `actor` may make `write` on `org` (None: the root level, superusers only)."""
    if actor is None:
        return
    if org is None:
        allowed = bool(getattr(actor, "is_superuser", False))
    else:
        allowed = may_write(actor, write, org)
    if not allowed:
        where = org.name if org is not None else _("cấp cao nhất")
        raise PermissionDenied(
            _("Bạn không có quyền %(what)s: việc này do cấp quản lý %(where)s quyết định.")
            % {"what": what, "where": where}
        )


def check_kind_under(kind: OrgKind, parent: Organization | None) -> None:
    """A unit of `kind` may sit under `parent`: not under a cell, and one level below at least."""
    if parent is None:
        return
    if parent.kind.is_cell:
        raise ValidationError(
            {"parent": _("“%(p)s” là chi bộ: chi bộ không có đơn vị trực thuộc.") % {"p": parent.name}}
        )
    if kind.level <= parent.kind.level:
        raise ValidationError(
            {
                "kind": _("Loại “%(k)s” không thể trực thuộc “%(pk)s” (%(p)s).")
                % {"k": kind.name, "pk": parent.kind.name, "p": parent.name}
            }
        )


def check_kind_change(org: Organization, kind: OrgKind) -> None:
    """A unit may take `kind`: its parent, its active sub-units and its members must still fit."""
    check_kind_under(kind, org.parent)
    children = Organization.objects.filter(parent=org, active_to__isnull=True).select_related("kind")
    if kind.is_cell and children.exists():
        raise ValidationError({"kind": _("Đơn vị còn đơn vị trực thuộc nên không thể là chi bộ.")})
    if any(c.kind.level <= kind.level for c in children):
        raise ValidationError({"kind": _("Loại “%(k)s” không cao hơn các đơn vị trực thuộc.") % {"k": kind.name}})
    if not kind.is_cell and org.members.filter(status=Member.Status.ACTIVE).exists():
        raise ValidationError({"kind": _("Đơn vị còn đảng viên sinh hoạt nên phải là chi bộ.")})
