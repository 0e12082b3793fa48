"""Missions: creation rules, the time-boxed access of members through the one resolver, units and the
proposed sample, start and completion."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from ct05.access.models import Role, RoleAssignment
from ct05.access.resolver import org_scope
from ct05.access.services import role_assign
from ct05.supervision.models import Mission, MissionUnit
from ct05.supervision.selectors.sample import propose_sample
from ct05.supervision.services import missions as msvc
from ct05.supervision.services.warnings import warnings_evaluate
from tests.conftest import World
from tests.supervision.conftest import make_mission


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # the resolver caches roles on the object


def test_a_mission_member_sees_the_mission_units_through_a_mission_member_role(
    w: World, mission: Mission, inspector: User, today: dt.date
) -> None:
    assignments = RoleAssignment.objects.filter(user=inspector).exclude(role=Role.SUPERVISOR)
    assert {a.role for a in assignments} == {Role.MISSION_MEMBER}
    assert {a.valid_until for a in assignments} == {mission.end_date}
    scope = org_scope(_fresh(inspector))
    assert scope.contains(w.ward) and scope.contains(w.cell1)
    assert not scope.contains(w.other_ward)
    client = w.client_for(inspector)
    assert client.get(f"/to-chuc/{w.cell1.pk}/").status_code == 200
    assert client.get(f"/to-chuc/{w.other_cell.pk}/").status_code == 404
    assert client.get(f"/giam-sat/doan/{mission.pk}/").status_code == 200


def test_access_ends_with_the_mission(w: World, mission: Mission, inspector: User) -> None:
    after = mission.end_date + dt.timedelta(days=1)
    assert not org_scope(_fresh(inspector), day=after).contains(w.ward)
    assert org_scope(_fresh(inspector), day=mission.end_date).contains(w.ward)
    assert not org_scope(_fresh(inspector), day=mission.start_date - dt.timedelta(days=1)).contains(w.ward)


def test_completing_the_mission_early_ends_the_access_that_day(
    w: World, mission: Mission, inspector: User, today: dt.date
) -> None:
    tomorrow = today + dt.timedelta(days=1)
    assert org_scope(_fresh(inspector), day=tomorrow).contains(w.ward)
    msvc.mission_complete(actor=w.supervisor, mission=mission)
    assert not org_scope(_fresh(inspector), day=tomorrow).contains(w.ward)
    assert RoleAssignment.objects.get(user=inspector, role=Role.MISSION_MEMBER).valid_until == today


def test_a_member_of_a_mission_that_has_ended_opens_nothing(w: World, inspector: User, today: dt.date) -> None:
    past = make_mission(w, today - dt.timedelta(days=60), today - dt.timedelta(days=50))
    msvc.mission_unit_add(actor=w.supervisor, mission=past, organization=w.ward)
    msvc.mission_member_add(actor=w.supervisor, mission=past, user=inspector)
    client = w.client_for(inspector)
    assert client.get(f"/to-chuc/{w.ward.pk}/").status_code == 404
    assert client.get(f"/giam-sat/doan/{past.pk}/").status_code == 404
    assert w.client_for(w.supervisor).get(f"/giam-sat/doan/{past.pk}/").status_code == 200


def test_removing_a_member_or_a_unit_takes_the_access_away(w: World, mission: Mission, inspector: User) -> None:
    unit = MissionUnit.objects.get(mission=mission, organization=w.ward)
    msvc.mission_unit_remove(actor=w.supervisor, mission=mission, unit=unit)
    assert not org_scope(_fresh(inspector)).contains(w.ward)
    msvc.mission_unit_add(actor=w.supervisor, mission=mission, organization=w.ward)
    assert org_scope(_fresh(inspector)).contains(w.ward)
    msvc.mission_member_remove(actor=w.supervisor, mission=mission, member=mission.members.get(user=inspector))
    assert not RoleAssignment.objects.filter(user=inspector, role=Role.MISSION_MEMBER).exists()


def test_only_someone_holding_a_supervising_role_can_join_a_mission(w: World, mission: Mission) -> None:
    with pytest.raises(ValidationError) as exc:
        msvc.mission_member_add(actor=w.supervisor, mission=mission, user=w.member1)
    assert "vai trò kiểm tra, giám sát" in exc.value.message_dict["user"][0]
    assert not RoleAssignment.objects.filter(user=w.member1, role=Role.MISSION_MEMBER).exists()


def test_temporary_access_longer_than_a_year_is_refused(w: World, inspector: User, today: dt.date) -> None:
    with pytest.raises(ValidationError) as exc:
        role_assign(
            actor=None,
            user=inspector,
            role=Role.MISSION_MEMBER,
            organization=w.ward,
            valid_from=today,
            valid_until=today + dt.timedelta(days=400),
        )
    assert "valid_until" in exc.value.message_dict


def test_changing_the_dates_moves_the_access_window(w: World, mission: Mission, inspector: User) -> None:
    later = mission.end_date + dt.timedelta(days=20)
    msvc.mission_update(actor=w.supervisor, mission=mission, end_date=later)
    assert org_scope(_fresh(inspector), day=later).contains(w.ward)


def test_bad_missions_are_refused_with_the_field_named(w: World, today: dt.date) -> None:
    with pytest.raises(ValidationError) as exc:
        make_mission(w, today, today - dt.timedelta(days=1), title=" ")
    assert {"end_date", "title"} <= set(exc.value.message_dict)


def test_a_unit_outside_the_issuing_body_is_refused(w: World, mission: Mission) -> None:
    ward_mission = make_mission(w, mission.start_date, mission.end_date, issuing_body=w.ward)
    with pytest.raises(ValidationError):
        msvc.mission_unit_add(actor=w.supervisor, mission=ward_mission, organization=w.other_ward)
    with pytest.raises(ValidationError):
        msvc.mission_unit_add(actor=w.supervisor, mission=mission, organization=w.ward)  # already there


def test_the_sample_proposes_the_riskiest_units_with_a_reason_each(w: World, today: dt.date) -> None:
    warnings_evaluate(actor=None, today=today)
    m = make_mission(w, today, today + dt.timedelta(days=10))
    proposal = propose_sample(user=w.supervisor, mission=m, size=2, today=today)
    assert len(proposal) == 2 and all(p.reason for p in proposal)
    assert {p.organization.kind.is_grassroots for p in proposal} == {True, False}  # a committee and a grassroots
    msvc.mission_sample_apply(
        actor=w.supervisor, mission=m, proposal=[(p.organization, p.risk, p.reason) for p in proposal]
    )
    assert m.units.filter(source=MissionUnit.Source.PROPOSED).count() == 2
    assert "cảnh báo" in m.units.first().reason or "đối chứng" in m.units.first().reason


def test_a_proposal_only_uses_units_the_user_may_see(w: World, today: dt.date) -> None:
    m = make_mission(w, today, today + dt.timedelta(days=10), issuing_body=w.ward)
    orgs = {p.organization.pk for p in propose_sample(user=w.officer, mission=m, size=5, today=today)}
    assert orgs and all(o in {w.cell1.pk, w.cell2.pk} for o in orgs)


def test_a_mission_cannot_start_without_units_and_members(w: World, today: dt.date) -> None:
    m = make_mission(w, today, today, leader=None)
    with pytest.raises(ValidationError):
        msvc.mission_start(actor=w.supervisor, mission=m)


def test_the_mission_pages_of_another_unit_are_404(w: World, mission: Mission) -> None:
    assert w.client_for(w.member2).get(f"/giam-sat/doan/{mission.pk}/").status_code == 404
    assert w.client_for(w.officer).get(f"/giam-sat/doan/{mission.pk}/").status_code == 404  # issued by the province
    assert w.client_for(w.officer).post(f"/giam-sat/doan/{mission.pk}/ket-thuc/").status_code == 404
