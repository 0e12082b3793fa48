"""API tokens: create (the clear token is returned once), list, revoke, and find the token of a request."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ct05.api.models import ApiToken
from ct05.core.audit import record, snapshot

TOKEN_PREFIX = "ct05_"
TOKEN_FIELDS = ["user", "name", "kind", "scope", "prefix", "expires_on", "revoked_at"]


def digest_of(clear: str) -> str:
    return hashlib.sha256(clear.encode("utf-8")).hexdigest()


@transaction.atomic
def token_create(
    *,
    actor: Any,
    user: Any,
    name: str,
    scope: str = "read",
    kind: str = "personal",
    expires_on: dt.date | None = None,
) -> tuple[ApiToken, str]:
    """A new token for `user`: (the stored row, the clear token). The clear token is not kept anywhere."""
    errors: dict[str, str] = {}
    name = " ".join(name.split())
    if not name:
        errors["name"] = _("Đặt tên cho mã truy cập (ví dụ: tên hệ thống sẽ dùng nó).")
    elif len(name) > 120:
        errors["name"] = _("Tên mã truy cập tối đa 120 ký tự.")
    if scope not in ApiToken.Scope.values:
        errors["scope"] = _("Quyền phải là “read” (chỉ đọc) hoặc “write” (đọc và ghi).")
    if kind not in ApiToken.Kind.values:
        errors["kind"] = _("Loại phải là “personal” (cá nhân) hoặc “service” (hệ thống kết nối).")
    if expires_on is not None and expires_on < timezone.localdate():
        errors["expires_on"] = _("Ngày hết hạn đã qua.")
    if not getattr(user, "is_active", False):
        errors["user"] = _("Tài khoản này đã bị khóa: không tạo được mã truy cập.")
    if errors:
        raise ValidationError(errors)
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        kind=kind,
        scope=scope,
        digest=digest_of(clear),
        prefix=clear[:12],
        expires_on=expires_on,
    )
    record(actor=actor, action="api_token.create", target=token, after=snapshot(token, TOKEN_FIELDS))
    return token, clear


@transaction.atomic
def token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    before = snapshot(token, TOKEN_FIELDS)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(actor=actor, action="api_token.revoke", target=token, before=before, after=snapshot(token, TOKEN_FIELDS))
    return token


def token_list(*, user: Any, owner: Any | None = None) -> QuerySet[ApiToken]:
    """The tokens `user` may see: their own; a superuser sees everyone's (or `owner`'s)."""
    qs = ApiToken.objects.select_related("user")
    if getattr(user, "is_superuser", False):
        return qs.filter(user=owner) if owner is not None else qs
    return qs.filter(user=user)


def token_for_bearer(clear: str) -> ApiToken | None:
    """The usable token with this clear value (an active user, not revoked, not expired), or None."""
    if not clear.startswith(TOKEN_PREFIX) or len(clear) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(clear)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    # One write a minute at most per token: reading must not turn every request into an UPDATE.
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
