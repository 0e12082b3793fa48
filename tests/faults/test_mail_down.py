"""Fault: the mail server is down (issue 15, item 7). Notifications are kept and shown in the application;
their e-mails wait in the outbox and leave once the server answers again; nothing is sent twice."""

from __future__ import annotations

import datetime as dt
import socket
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from ct05.core.mail import MAX_ATTEMPTS, RETRY_DELAYS, _claim, mail_queue, outbox_deliver
from ct05.core.models import OutboxMail
from ct05.cycle.models import Notification
from ct05.cycle.services.reminders import notify
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_down(settings: Any) -> Any:
    """SMTP to a port on 127.0.0.1 where nothing listens: every connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    return settings


def test_a_notification_is_kept_and_its_mail_waits_while_the_server_is_down_then_leaves_once(
    world: World, smtp_down: Any, django_capture_on_commit_callbacks: Any
) -> None:
    world.member1.email = "dv@example.vn"
    world.member1.save()
    with django_capture_on_commit_callbacks(execute=True):  # the worker's task runs at commit (immediate backend)
        assert notify(user=world.member1, kind="returned", key="k1", message="Bản đăng ký bị trả lại", url="/x/")
    assert Notification.objects.filter(user=world.member1, key="k1").exists()  # the in-app notice is there
    waiting = OutboxMail.objects.get()
    assert waiting.sent_at is None and waiting.attempts == 1 and "Connection" in waiting.last_error
    assert waiting.next_attempt_at > timezone.now() + RETRY_DELAYS[0] - dt.timedelta(seconds=30)

    # still down at the retry: it waits longer
    assert outbox_deliver(now=waiting.next_attempt_at) == {"sent": 0, "failed": 1, "gave_up": 0}
    waiting.refresh_from_db()
    assert waiting.attempts == 2

    # the server is back: before the retry time nothing happens, at it the mail leaves, once
    smtp_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox_deliver(now=waiting.next_attempt_at - dt.timedelta(seconds=1))["sent"] == 0
    assert outbox_deliver(now=waiting.next_attempt_at)["sent"] == 1
    assert outbox_deliver(now=waiting.next_attempt_at + dt.timedelta(days=2))["sent"] == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dv@example.vn"]
    assert "trả lại" in mail.outbox[0].subject


def test_a_mail_that_never_goes_is_given_up_with_its_error_after_the_last_attempt(smtp_down: Any) -> None:
    queued = mail_queue(to="a@example.vn", subject="s", body="b")
    now = timezone.now()
    for _ in range(MAX_ATTEMPTS):
        outbox_deliver(now=now)
        now += dt.timedelta(days=2)
    queued.refresh_from_db()
    assert queued.gave_up_at is not None and queued.sent_at is None and queued.attempts == MAX_ATTEMPTS
    assert queued.last_error
    assert outbox_deliver(now=now + dt.timedelta(days=30)) == {"sent": 0, "failed": 0, "gave_up": 0}


def test_a_rolled_back_notification_sends_nothing(world: World, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.member1.email = "dv@example.vn"
    world.member1.save()
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(user=world.member1, kind="returned", key="k2", message="m")
        raise RuntimeError("the surrounding write failed")
    assert not OutboxMail.objects.exists() and not Notification.objects.filter(key="k2").exists()
    outbox_deliver()
    assert mail.outbox == []


def test_two_workers_never_send_the_same_mail() -> None:
    queued = mail_queue(to="a@example.vn", subject="s", body="b")
    now = timezone.now()
    assert _claim(queued.pk, now) is True
    assert _claim(queued.pk, now) is False  # the other worker finds it taken (leased for a few minutes)


def test_many_mails_queued_at_once_start_one_run_of_the_worker(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    for n in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            mail_queue(to=f"a{n}@example.vn", subject="s", body="b")
    assert DBTaskResult.objects.filter(task_path="ct05.core.mail.outbox_send", status="READY").count() == 1
    assert OutboxMail.objects.filter(sent_at__isnull=True).count() == 5
