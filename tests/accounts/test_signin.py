"""Sign-in hardening (issue 12, item 4): lockout per account and address, password policy, session timeouts,
first-sign-in password, password reset by e-mail, the admin for superusers only at its configured path."""

from __future__ import annotations

import re
import socket
import time
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ct05.access.services import user_create
from ct05.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from ct05.core.mail import outbox_deliver
from ct05.core.models import AuditEvent, OutboxMail
from tests.conftest import PASSWORD, World

LOGIN = "/dang-nhap/"


def _try(client: Client, username: str, password: str, address: str = "10.0.0.1") -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_after_five_wrong_passwords_even_the_right_one_is_refused_in_vietnamese(world: World) -> None:
    client = Client()
    for _ in range(4):
        assert _try(client, "bithu", "sai-mat-khau").status_code == 200
    assert _try(client, "bithu", "sai-mat-khau").status_code == 429  # the fifth locks
    response = _try(client, "bithu", PASSWORD)
    assert response.status_code == 429
    assert "tạm bị khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_follows_the_account_to_another_address(world: World) -> None:
    for n in range(5):
        _try(Client(), "bithu", "sai-mat-khau", address=f"10.0.1.{n}")
    assert _try(Client(), "bithu", PASSWORD, address="10.0.2.9").status_code == 429
    assert _try(Client(), "muongthanh", PASSWORD, address="10.0.2.9").status_code == 302  # other accounts still open


def test_one_address_guessing_many_accounts_is_locked(world: World) -> None:
    for n in range(5):
        _try(Client(), f"doan-{n}", "sai-mat-khau", address="10.9.9.9")
    assert _try(Client(), "muongthanh", PASSWORD, address="10.9.9.9").status_code == 429


def test_an_administrator_unlocks_an_account_at_once(world: World) -> None:
    for _ in range(5):
        _try(Client(), "bithu", "sai-mat-khau")
    call_command("axes_reset_username", "bithu", verbosity=0)
    call_command("axes_reset_ip", "10.0.0.1", verbosity=0)
    assert _try(Client(), "bithu", PASSWORD).status_code == 302


def test_the_lock_list_is_in_the_admin_for_unlocking(world: World) -> None:
    _try(Client(), "bithu", "sai-mat-khau")
    root = Client()
    root.force_login(User.objects.create_superuser("root", password=PASSWORD))
    page = root.get(reverse("admin:axes_accessattempt_changelist"))
    assert page.status_code == 200 and "bithu" in page.content.decode()


@pytest.mark.parametrize(
    ("password", "why"),
    [("ct05-abc", "ít nhất 10"), ("matkhaudaithatla", "chữ số hoặc ký hiệu"), ("1234567890", "hoàn toàn là số")],
)
def test_weak_passwords_are_refused(world: World, password: str, why: str) -> None:
    with pytest.raises(ValidationError) as caught, translation.override("vi"):
        validate_password(password, world.member1)
    assert why in " ".join(caught.value.messages)


def test_a_long_mixed_password_is_accepted(world: World) -> None:
    validate_password("Mường-Thanh-2026", world.member1)


def _signed_in(user: User) -> Client:
    client = Client()
    client.post(LOGIN, {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.3.1")
    assert "_auth_user_id" in client.session
    return client


def _age(client: Client, key: str, seconds: int) -> None:
    session = client.session
    session[key] = int(time.time()) - seconds
    session.save()


def test_a_session_idle_for_longer_than_allowed_ends(world: World, settings: Any) -> None:
    client = _signed_in(world.secretary)
    assert client.get("/").status_code == 200
    _age(client, LAST_SEEN, settings.SESSION_IDLE_MINUTES * 60 + 5)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_a_busy_session_still_ends_after_the_absolute_limit(world: World, settings: Any) -> None:
    client = _signed_in(world.secretary)
    _age(client, SIGNED_IN_AT, settings.SESSION_ABSOLUTE_HOURS * 3600 + 5)
    assert client.get("/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_imported_account_must_set_its_own_password_first(world: World) -> None:
    user = user_create(actor=None, username="moi", password=PASSWORD, full_name="Lò Thị Mới", must_change_password=True)
    client = _signed_in(user)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == reverse("core:password_change")
    new = "Mường-Thanh-2026"
    client.post(reverse("core:password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="user.password_change", target_id=str(user.pk)).exists()


def test_a_forgotten_password_is_reset_through_a_one_time_link_by_email(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    user = world.member1
    user.email = "dangvien@example.vn"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):  # the outbox's task runs at commit (immediate backend)
        response = Client().post(reverse("accounts:password_reset"), {"email": "dangvien@example.vn"})
    assert response.status_code == 302
    assert OutboxMail.objects.get().sent_at is not None  # through the outbox, like every notification
    assert len(mail.outbox) == 1 and "đặt lại mật khẩu" in mail.outbox[0].subject
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body)[1]  # type: ignore[index]
    client = Client()
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = "Mường-Thanh-2026"
    done = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert AuditEvent.objects.filter(action="user.password_reset", target_id=str(user.pk)).exists()
    assert client.get(link, follow=True).context["validlink"] is False  # used once


def test_a_password_reset_mail_waits_in_the_outbox_while_the_mail_server_is_down_then_leaves(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with socket.socket() as probe:  # a port on 127.0.0.1 where nothing listens: the server is down
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    user = world.member1
    user.email = "dangvien@example.vn"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(reverse("accounts:password_reset"), {"email": "dangvien@example.vn"})
    assert response.status_code == 302  # the person is told to look at their mail, as when it leaves at once
    waiting = OutboxMail.objects.get()
    assert waiting.to == "dangvien@example.vn" and waiting.sent_at is None and waiting.attempts == 1
    assert "Connection" in waiting.last_error and "đặt lại mật khẩu" in waiting.subject

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    assert outbox_deliver(now=waiting.next_attempt_at) == {"sent": 1, "failed": 0, "gave_up": 0}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dangvien@example.vn"]
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body)[1]  # type: ignore[index]
    client = Client()
    form_url = client.get(link, follow=True).redirect_chain[-1][0]  # the late mail's link still works
    new = "Mường-Thanh-2026"
    assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_the_admin_is_for_superusers_only(world: World) -> None:
    staff = world.officer
    staff.is_staff = True
    staff.save()
    client = Client()
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 302  # to the admin's login page
    client.force_login(User.objects.create_superuser("root", password=PASSWORD))
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_admin_lives_at_the_configured_path() -> None:
    from django.conf import settings

    assert reverse("admin:index") == "/" + settings.ADMIN_URL
