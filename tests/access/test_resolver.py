"""The resolver against a brute-force walk of the tree, on random trees and random assignments."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from ct05.access.models import Role, RoleAssignment
from ct05.access.resolver import MANAGE_ROLES, MEMBER_VIEW_ROLES, SUPERVISE_ROLES, member_q, org_scope
from ct05.core import clock
from ct05.orgs.models import Member, Organization, OrgKind
from ct05.orgs.services.structure import member_create, organization_create, organization_move
from ct05.supervision.access import supervise_q, supervises
from tests.conftest import World

TODAY = clock.today()  # the resolver's "today": Việt Nam's date, not the server clock's


def _random_tree(rng: random.Random, size: int) -> list[Organization]:
    kinds = list(OrgKind.objects.all())
    root = organization_create(actor=None, code="R", name="Gốc", kind=OrgKind.objects.get(code="tinh-uy"), parent=None)
    orgs = [root]
    for i in range(size):
        # Any parent that may have sub-units, any kind below it (issue 12: kinds are validated).
        parent = rng.choice([o for o in orgs if not o.kind.is_cell])
        kind = rng.choice([k for k in kinds if k.level > parent.kind.level])
        orgs.append(organization_create(actor=None, code=f"O{i}", name=f"Đơn vị {i}", kind=kind, parent=parent))
    return orgs


def _brute_force(orgs: list[Organization], assignments: list[RoleAssignment], roles: frozenset[str] | None) -> set[int]:
    children: dict[int, list[int]] = {}
    for o in orgs:
        if o.parent_id:
            children.setdefault(o.parent_id, []).append(o.pk)
    seen: set[int] = set()
    for a in assignments:
        if not a.is_valid_on(TODAY) or (roles is not None and a.role not in roles):
            continue
        stack = [a.organization_id]
        recursive = a.recursive and a.role != Role.MEMBER
        while stack:
            pk = stack.pop()
            seen.add(pk)
            if recursive:
                stack.extend(children.get(pk, []))
    return seen


@pytest.mark.parametrize("seed", range(8))
def test_it_agrees_with_a_brute_force_walk_on_random_trees(db: object, seed: int) -> None:
    rng = random.Random(seed)
    orgs = _random_tree(rng, 40)
    # Moves rewrite paths: the resolver must still agree afterwards.
    for _ in range(5):
        org, target = rng.choice(orgs[1:]), rng.choice(orgs)
        try:
            organization_move(actor=None, org=org, new_parent=target)
        except ValidationError:
            pass  # a move into its own subtree is refused; tested in tests/orgs
    orgs = list(Organization.objects.all())
    cells = [o for o in orgs if o.kind.is_cell]
    for i, cell in enumerate(cells):
        member_create(
            actor=None,
            full_name=f"Nguyễn Văn {i}",
            date_of_birth=dt.date(1980, 1, 1),
            gender="M",
            card_number=f"C{seed}-{i}",
            joined_on=dt.date(2005, 1, 1),
            cell=cell,
        )
    for u in range(6):
        user = User.objects.create(username=f"u{seed}-{u}")
        for _ in range(rng.randint(0, 4)):
            start = TODAY - dt.timedelta(days=rng.randint(-5, 30))
            end = None if rng.random() < 0.6 else TODAY + dt.timedelta(days=rng.randint(-10, 10))
            role = rng.choice(Role.values)
            if role == Role.MISSION_MEMBER and end is None:
                end = TODAY + dt.timedelta(days=3)
            RoleAssignment.objects.create(
                user=user,
                role=role,
                organization=rng.choice(orgs),
                recursive=rng.random() < 0.6,
                valid_from=start,
                valid_until=end,
            )
        assignments = list(RoleAssignment.objects.filter(user=user))
        user = User.objects.get(pk=user.pk)  # fresh: no cached roles

        view = set(Organization.objects.filter(org_scope(user, "view").q()).values_list("pk", flat=True))
        assert view == _brute_force(orgs, assignments, None)
        manage = set(Organization.objects.filter(org_scope(user, "manage").q()).values_list("pk", flat=True))
        assert manage == _brute_force(orgs, assignments, MANAGE_ROLES)
        assert all(org_scope(user).contains(o) == (o.pk in view) for o in orgs)
        supervised = _brute_force(orgs, assignments, SUPERVISE_ROLES)
        assert set(Organization.objects.filter(supervise_q(user)).values_list("pk", flat=True)) == supervised
        assert all(supervises(user, o) == (o.pk in supervised) for o in orgs)

        member_orgs = _brute_force(orgs, assignments, MEMBER_VIEW_ROLES)
        expected_members = set(Member.objects.filter(cell_id__in=member_orgs).values_list("pk", flat=True))
        got = set(Member.objects.filter(member_q(user)).values_list("pk", flat=True))
        assert got == expected_members


def test_a_mission_member_loses_access_when_the_mission_ends(world: World) -> None:
    user = User.objects.create(username="doan")
    RoleAssignment.objects.create(
        user=user,
        role=Role.MISSION_MEMBER,
        organization=world.ward,
        recursive=True,
        valid_from=TODAY - dt.timedelta(days=10),
        valid_until=TODAY + dt.timedelta(days=5),
    )
    assert org_scope(user, day=TODAY).contains(world.cell1)
    assert not org_scope(user, day=TODAY + dt.timedelta(days=6)).contains(world.cell1)
    assert not org_scope(user, day=TODAY).contains(world.other_cell)
    assert org_scope(user, "manage").is_empty


def test_a_disabled_user_sees_nothing(world: World) -> None:
    world.officer.is_active = False
    world.officer.save()
    assert org_scope(world.officer).is_empty
    assert not Member.objects.filter(member_q(world.officer)).exists()


def test_a_member_sees_only_their_own_record(world: World) -> None:
    visible = set(Member.objects.filter(member_q(world.member1)))
    assert visible == {world.m1}


def test_a_cell_secretary_manages_only_their_cell(world: World) -> None:
    managed = set(Member.objects.filter(member_q(world.secretary, "manage")))
    assert managed == {world.m1}
    assert org_scope(world.secretary, "manage").contains(world.cell1)
    assert not org_scope(world.secretary, "manage").contains(world.cell2)


def test_a_supervisor_sees_everything_but_manages_nothing(world: World) -> None:
    assert set(Member.objects.filter(member_q(world.supervisor))) == {world.m1, world.m2, world.m_other}
    assert org_scope(world.supervisor, "manage").is_empty
