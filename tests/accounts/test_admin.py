"""Account and role changes made in the admin are audited; audit events there are read-only (issue 12, item 5)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from ct05.access.models import RoleAssignment
from ct05.core.audit import record
from ct05.core.models import AuditEvent
from tests.conftest import PASSWORD, World


@pytest.fixture
def root(db: object) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("root", password=PASSWORD))
    return client


def test_the_audit_list_offers_no_delete_and_refuses_one(world: World, root: Client) -> None:
    event = AuditEvent.objects.latest("id")
    page = root.get(reverse("admin:core_auditevent_changelist"))
    assert page.status_code == 200
    assert "delete_selected" not in page.content.decode()
    assert root.post(reverse("admin:core_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_changing_an_account_in_the_admin_is_audited_without_the_password(world: World, root: Client) -> None:
    user = world.secretary
    form = {
        "username": user.username,
        "first_name": "Nguyễn Văn",
        "last_name": "Bí",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "01/01/2026",
        "date_joined_1": "08:00:00",
    }
    response = root.post(reverse("admin:auth_user_change", args=[user.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(action="user.update", target_id=str(user.pk)).get()
    assert event.actor_name == "root"
    assert event.after["is_staff"] is True and event.before["is_staff"] is False
    assert "password" not in event.after


def test_setting_a_password_in_the_admin_is_audited(world: World, root: Client) -> None:
    user = world.member1
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = root.post(url, {"password1": "Mật-khẩu-mới-2026!", "password2": "Mật-khẩu-mới-2026!"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="user.password_set", target_id=str(user.pk)).count() == 1


def test_deleting_role_assignments_in_bulk_is_audited_one_by_one(world: World, root: Client) -> None:
    ids = list(RoleAssignment.objects.filter(user__in=[world.member1, world.member2]).values_list("pk", flat=True))
    response = root.post(
        reverse("admin:access_roleassignment_changelist"),
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk__in=ids).exists()
    deleted = AuditEvent.objects.filter(action="admin.delete", target_type="access.roleassignment")
    assert sorted(int(e.target_id) for e in deleted) == sorted(ids)


def test_deleting_an_account_in_the_admin_is_audited_and_keeps_its_past_events(world: World, root: Client) -> None:
    user = world.secretary
    record(actor=user, action="member.update", target=world.m1)
    response = root.post(reverse("admin:auth_user_delete", args=[user.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="user.delete", target_id=str(user.pk)).count() == 1
    assert AuditEvent.objects.filter(actor_name="bithu", actor=None).exists()


def test_a_password_change_by_its_owner_is_audited(world: World) -> None:
    client = world.client_for(world.member1)
    new = "Mật-khẩu-mới-2026!"
    response = client.post(
        reverse("core:password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="user.password_change")
    assert event.actor == world.member1 and event.after == {"password": "changed"}
