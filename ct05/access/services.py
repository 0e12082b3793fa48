"""Writes to users and role assignments, each audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ct05.access.models import Role, RoleAssignment
from ct05.access.policy import MISSION_ACCESS_MAX_DAYS, SUPERVISING_ROLES
from ct05.accounts.models import AccountFlags
from ct05.core.audit import record, snapshot
from ct05.core.text import clean
from ct05.orgs.models import Organization


@transaction.atomic
def role_assign(
    *,
    actor: Any,
    user: User,
    role: str,
    organization: Organization,
    recursive: bool = True,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    note: str = "",
) -> RoleAssignment:
    if role not in Role.values:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    # Without django-stubs mypy reads a TextChoices member as the (value, label) tuple it is declared with.
    if role == Role.MISSION_MEMBER and valid_until is None:  # type: ignore[comparison-overlap]
        raise ValidationError({"valid_until": _("Thành viên đoàn phải có ngày kết thúc quyền truy cập.")})
    start = valid_from or dt.date(2000, 1, 1)
    if valid_until is not None and valid_until < start:
        raise ValidationError({"valid_until": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    if role == Role.MISSION_MEMBER:  # type: ignore[comparison-overlap]
        check_mission_member(user, start, valid_until)
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role,
        organization=organization,
        recursive=recursive,
        valid_from=start,
        valid_until=valid_until,
        note=note,
    )
    record(
        actor=actor,
        action="role.assign",
        target=assignment,
        organization_id=organization.pk,
        after=snapshot(assignment),
    )
    return assignment


def check_mission_member(user: User, start: dt.date, until: dt.date | None) -> None:
    """Temporary access through a mission is given only to someone who supervises, and never for long
    (issue 12): it cannot be a plain member's way into other units' records."""
    if until is not None and (until - start).days > MISSION_ACCESS_MAX_DAYS:
        raise ValidationError(
            {"valid_until": _("Quyền của thành viên đoàn không quá %(n)d ngày.") % {"n": MISSION_ACCESS_MAX_DAYS}}
        )
    if user.is_superuser:
        return
    holds = RoleAssignment.objects.filter(user=user, role__in=SUPERVISING_ROLES, valid_from__lte=start).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=start)
    )
    if not holds.exists():
        raise ValidationError(
            {
                "user": _(
                    "%(u)s không giữ vai trò kiểm tra, giám sát (cán bộ giám sát, văn phòng cấp ủy, quản trị cấp "
                    "tỉnh) nên không thể là thành viên đoàn."
                )
                % {"u": user.get_full_name() or user.username}
            }
        )


@transaction.atomic
def role_revoke(*, actor: Any, assignment: RoleAssignment) -> None:
    before = snapshot(assignment)
    record(
        actor=actor, action="role.revoke", target=assignment, organization_id=assignment.organization_id, before=before
    )
    assignment.delete()


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    is_active: bool = True,
    must_change_password: bool = False,
) -> User:
    """A new account. `must_change_password`: someone else chose the password (an import, a secretary),
    so its owner must set their own at first sign-in (ct05/accounts/middleware.py)."""
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("Tên đăng nhập “%(u)s” đã có.") % {"u": username}})
    # Django shows first_name + " " + last_name: for a Vietnamese name that is family and middle names, then
    # the given name, so "Đặng Văn Trường" displays in its own order.
    family_middle, _sep, given = clean(full_name).rpartition(" ")
    user = User(
        username=username, first_name=family_middle[:150], last_name=given[:150], email=email, is_active=is_active
    )
    user.set_password(password)
    user.save()
    if must_change_password:
        AccountFlags.objects.create(user=user, must_change_password=True)
    record(
        actor=actor,
        action="user.create",
        target=user,
        after={"username": username, "is_active": is_active, "must_change_password": must_change_password},
    )
    return user
