"""API tokens (stored as a SHA-256 digest, never in clear) and the idempotency keys of POST requests."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A bearer token of one user. The clear token is shown once, when it is created; only its SHA-256
    digest is kept (a token has 256 random bits, so a fast hash is enough: there is nothing to guess)."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("Cá nhân")
        SERVICE = "service", _("Hệ thống kết nối")

    class Scope(models.TextChoices):
        READ = "read", _("Chỉ đọc")
        WRITE = "write", _("Đọc và ghi")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.PERSONAL)
    scope = models.CharField(_("quyền"), max_length=8, choices=Scope.choices, default=Scope.READ)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("đầu mã"), max_length=16, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField(_("hết hạn sau ngày"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    def is_usable_on(self, day: dt.date) -> bool:
        return self.revoked_at is None and (self.expires_on is None or day <= self.expires_on)

    @property
    def is_usable(self) -> bool:
        return self.is_usable_on(timezone.localdate())


class IdempotencyKey(models.Model):
    """The response given to a POST carrying `Idempotency-Key`: the same key with the same request gets the
    same response again instead of a second write; the same key with another request is refused."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_digest = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(default=0)  # 0: the first request is still running
    body = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="api_one_idempotency_key_per_token")]

    def __str__(self) -> str:
        return f"{self.token_id}:{self.key}"
