"""TOTP second factor for province roles, supervisors and superusers (issue 12, item 4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ct05.accounts.two_factor import needs_two_factor
from ct05.core.models import AuditEvent
from tests.conftest import PASSWORD, World


@pytest.fixture(autouse=True)
def _required(settings: Any) -> None:
    settings.TWO_FACTOR_REQUIRED = True


def _sign_in(user: User) -> Client:
    client = Client()
    response = client.post("/dang-nhap/", {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.4.1")
    assert response.status_code == 302
    return client


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_province_roles_supervisors_and_superusers_need_it_a_cell_secretary_does_not(world: World) -> None:
    assert needs_two_factor(world.admin) and needs_two_factor(world.supervisor)
    assert needs_two_factor(User.objects.create_superuser("root", password=PASSWORD))
    assert not needs_two_factor(world.secretary) and not needs_two_factor(world.member1)


def test_a_supervisor_enrols_at_first_sign_in_then_gets_in(world: World) -> None:
    client = _sign_in(world.supervisor)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:two_factor"))
    page = client.get(response["Location"])
    assert "<svg" in page.content.decode() and "quét mã QR" in page.content.decode()
    device = TOTPDevice.objects.get(user=world.supervisor, confirmed=False)
    assert client.post(reverse("accounts:two_factor"), {"code": _code(device), "next": "/"})["Location"] == "/"
    assert client.get("/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="user.two_factor_enrol", target_id=str(world.supervisor.pk)).exists()


def test_a_wrong_code_keeps_the_door_shut(world: World) -> None:
    TOTPDevice.objects.create(user=world.admin, name="CT05", confirmed=True)
    client = _sign_in(world.admin)
    response = client.post(reverse("accounts:two_factor"), {"code": "000000"})
    assert response.status_code == 400 and "Mã không đúng" in response.content.decode()
    assert client.get("/").status_code == 302


def test_an_enrolled_admin_signs_in_with_a_code_and_reaches_the_admin(world: World) -> None:
    root = User.objects.create_superuser("root", password=PASSWORD)
    device = TOTPDevice.objects.create(user=root, name="CT05", confirmed=True)
    client = _sign_in(root)
    assert client.get(reverse("admin:index")).status_code == 302
    page = client.get(reverse("accounts:two_factor"))
    assert "<svg" not in page.content.decode()  # no new enrolment for an enrolled account
    client.post(reverse("accounts:two_factor"), {"code": _code(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_cell_secretary_signs_in_with_the_password_alone(world: World) -> None:
    assert _sign_in(world.secretary).get("/").status_code == 200


def test_the_next_address_must_stay_on_the_site(world: World) -> None:
    device = TOTPDevice.objects.create(user=world.admin, name="CT05", confirmed=True)
    client = _sign_in(world.admin)
    response = client.post(reverse("accounts:two_factor"), {"code": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("dashboard:start")
