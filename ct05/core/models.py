from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One write, as the service that made it saw it: who, when, what, the values before and after.

    Append-only in the database itself (ct05/core/append_only.py): UPDATE and DELETE are refused, except the
    one UPDATE that deleting an account makes (actor set to NULL); `actor_name` keeps who it was.
    """

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Written with the event and never changed: who acted, still readable after the account is deleted.
    actor_name = models.CharField(_("người thực hiện"), max_length=300, blank=True)
    action = models.CharField(_("thao tác"), max_length=64)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    organization_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["target_type", "target_id"])]
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.target_type}#{self.target_id}"

    @property
    def actor_label(self) -> str:
        """Who acted, as written at the time ("—" for the system: a command, a seed, a background task)."""
        return self.actor_name or "—"


class BackgroundJob(models.Model):
    """Progress of a long piece of work (an import, an export) as the user sees it.

    The django-tasks result says whether the worker ran it; this row says how far it got and what it
    produced, and who may see it.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    kind = models.CharField(max_length=64)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    file_path = models.CharField(max_length=500, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


class StoredObject(models.Model):
    """One file of a STORAGES alias kept in the database (ct05/core/storage.py, CT05_STORAGE=database): its name
    inside the alias's folder, its size and when it was written. The bytes are in `StoredChunk` rows of at most
    `storage.CHUNK` bytes each, so a large file is written and read in bounded memory (issue 15, item 1)."""

    folder = models.CharField(max_length=32)
    name = models.CharField(max_length=500)
    size = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["folder", "name"], name="stored_object_once")]

    def __str__(self) -> str:
        return f"{self.folder}/{self.name} ({self.size} B)"


class StoredChunk(models.Model):
    """Bytes `index * CHUNK` … of a `StoredObject`."""

    file = models.ForeignKey(StoredObject, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["file", "index"], name="stored_chunk_once")]

    def __str__(self) -> str:
        return f"{self.file_id}#{self.index}"


class OutboxMail(models.Model):
    """An e-mail waiting to be sent (ct05/core/mail.py): written in the transaction that decided to send it,
    sent by a worker, retried with growing delays while the mail server is down (issue 15, item 7)."""

    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # A body holding a secret (a password-reset link) is blanked once the mail is sent or given up: the outbox
    # is seen by administrators and kept in backups.
    secret = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    gave_up_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["next_attempt_at", "id"]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject[:40]} ({'sent' if self.sent_at else self.attempts})"


class TaskLease(models.Model):
    """A worker's claim on the task it is running, renewed while it runs (ct05/core/leases.py).

    django-tasks-db marks a task "running" when a worker claims it and never again if that worker is killed
    (a node lost, `kill -9`, the machine out of memory). A lease that stops being renewed tells the reaper the
    worker is gone: the task is put back in the queue (at most `MAX_ATTEMPTS` runs in all) or failed with a
    message. `attempts` survives the re-queue, so a task that kills its worker every time is not retried forever.
    """

    task_id = models.CharField(max_length=64, primary_key=True)
    worker_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.task_id} ({self.worker_id}, {self.attempts})"
