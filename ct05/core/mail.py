"""The mail outbox (issue 15, item 7): notifications are e-mailed by a worker, not by the request or the
reminder run that decided them, and a mail server that is down delays them instead of losing them.

`mail_queue` writes an `OutboxMail` row in the caller's transaction and, on commit, queues `outbox_send`.
The task sends every mail that is due; one that fails waits RETRY_DELAYS[attempt] and is tried again (the
task queues itself for then), until MAX_ATTEMPTS, after which it is left with `gave_up_at` and its last error
for an administrator (admin › Outbox mails). Each mail is claimed by one conditional UPDATE, so workers on
several nodes never send the same mail twice at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from ct05.core.models import OutboxMail

logger = logging.getLogger(__name__)

# Wait after the 1st, 2nd, … failure: a server back within minutes gets the mail within minutes; one down
# for a day still gets it the next morning.
RETRY_DELAYS = [dt.timedelta(minutes=m) for m in (1, 5, 15, 60, 180, 360, 720, 1440)]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A claimed mail is not claimed again for this long (a worker killed while sending: retried after it).
LEASE = dt.timedelta(minutes=5)
BATCH = 200


SECRET_GONE = "(nội dung có liên kết bí mật, đã xoá sau khi gửi / secret content removed once sent)"


def mail_queue(*, to: str, subject: str, body: str, secret: bool = False) -> OutboxMail:
    """Queue one e-mail; it is sent after the surrounding transaction commits (never if it rolls back).
    `secret`: the body (a password-reset link) is blanked once the mail is sent or given up."""
    mail = OutboxMail.objects.create(
        to=to, subject=subject[:200], body=body, secret=secret, next_attempt_at=timezone.now()
    )
    transaction.on_commit(_enqueue_now)
    return mail


def _run_pending() -> bool:
    """A run of `outbox_send` is already waiting in the database queue to start now: one is enough (a
    reminder run that queues 50,000 mails queues one task, not 50,000)."""
    if not str(settings.TASKS["default"]["BACKEND"]).startswith("django_tasks_db."):
        return False
    from django_tasks_db.models import DBTaskResult

    path = f"{outbox_send.func.__module__}.{outbox_send.func.__qualname__}"
    return DBTaskResult.objects.ready().filter(task_path=path).exists()


def _enqueue_now() -> None:
    try:
        if not _run_pending():
            outbox_send.enqueue()
    except Exception:  # the row is kept: the next queued mail, or `ct05 remind`, sends it
        logger.exception("could not queue the outbox")


def _claim(mail_id: int, now: dt.datetime) -> bool:
    return bool(
        OutboxMail.objects.filter(
            pk=mail_id, sent_at__isnull=True, gave_up_at__isnull=True, next_attempt_at__lte=now
        ).update(next_attempt_at=now + LEASE)
    )


def outbox_deliver(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Send every due mail once; returns how many were sent, failed (to be retried) and given up."""
    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "gave_up": 0}
    due = OutboxMail.objects.filter(sent_at__isnull=True, gave_up_at__isnull=True, next_attempt_at__lte=now)
    for mail_id in list(due.values_list("pk", flat=True)[:BATCH]):
        if not _claim(mail_id, now):
            continue  # another worker took it
        mail = OutboxMail.objects.get(pk=mail_id)
        try:
            send_mail(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to])
        except Exception as exc:  # the server is down, refuses, times out: try again later
            attempts = mail.attempts + 1
            fields = {"attempts": F("attempts") + 1, "last_error": f"{type(exc).__name__}: {exc}"[:500]}
            if attempts >= MAX_ATTEMPTS:
                fields["gave_up_at"] = now
                if mail.secret:
                    fields["body"] = SECRET_GONE
                counts["gave_up"] += 1
                logger.error("mail %s to %s given up after %s attempts: %s", mail.pk, mail.to, attempts, exc)
            else:
                fields["next_attempt_at"] = now + RETRY_DELAYS[attempts - 1]
                counts["failed"] += 1
                logger.warning("mail %s to %s failed (attempt %s), retried later: %s", mail.pk, mail.to, attempts, exc)
            OutboxMail.objects.filter(pk=mail.pk).update(**fields)
            continue
        sent: dict[str, Any] = {"sent_at": timezone.now(), "attempts": F("attempts") + 1, "last_error": ""}
        if mail.secret:
            sent["body"] = SECRET_GONE
        OutboxMail.objects.filter(pk=mail.pk).update(**sent)
        counts["sent"] += 1
    return counts


def next_due() -> dt.datetime | None:
    return (
        OutboxMail.objects.filter(sent_at__isnull=True, gave_up_at__isnull=True)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )


@task()
def outbox_send() -> dict[str, int]:
    """Send what is due, then queue the next run for the earliest retry (when the backend can defer)."""
    counts = outbox_deliver()
    when = next_due()
    if when is not None and getattr(outbox_send.get_backend(), "supports_defer", False):
        outbox_send.using(run_after=max(when, timezone.now() + dt.timedelta(seconds=5))).enqueue()
    return counts
