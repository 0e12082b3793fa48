"""`Idempotency-Key` on POST: a client that did not get the answer (a dropped connection in the highlands)
sends the same request again with the same key and gets the first answer, not a second write.

The same key with a different request (method, path or body) is refused with 422; while the first request
with that key is still running, a second one waits for it and gets its answer. Only successful answers are
kept: after an error the client may correct the request and send it again with the same key. Keys are kept
for 24 hours.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ct05.api.auth import token_of
from ct05.api.models import IdempotencyKey
from ct05.api.problems import Problem

KEEP = dt.timedelta(hours=24)
Produce = Callable[[], tuple[int, dict[str, Any], dict[str, str]]]


def _json_response(status: int, body: dict[str, Any], headers: dict[str, str]) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False), status=status, content_type="application/json"
    )
    for name, value in headers.items():
        response[name] = value
    return response


def _digest(request: HttpRequest) -> str:
    h = hashlib.sha256()
    h.update(f"{request.method} {request.path}\n".encode())
    h.update(request.body)
    return h.hexdigest()


def idempotent(request: HttpRequest, produce: Produce) -> HttpResponse:
    """The response of `produce()` (status, JSON body, headers), remembered under the request's key. `produce`
    runs in one transaction, key or not: its writes, its audit and its answer stand or fall together."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        with transaction.atomic():
            return _json_response(*produce())
    if len(key) > 255:
        raise Problem(400, _("Idempotency-Key dài quá 255 ký tự."))
    token = token_of(request)
    digest = _digest(request)
    IdempotencyKey.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    # The key, the write and the answer are one transaction: a node that dies in the middle leaves nothing
    # behind (the client's resend runs afresh), and on PostgreSQL a second request with the same key waits on
    # the key's unique index until the first one commits, then gets its answer.
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = IdempotencyKey.objects.create(token=token, key=key, request_digest=digest)
        except IntegrityError:
            return _replay(IdempotencyKey.objects.get(token=token, key=key), digest)
        status, body, headers = produce()  # an error rolls the key back too: the client may correct and resend
        row.status = status
        row.body = json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False)
        row.headers = headers
        row.save(update_fields=["status", "body", "headers"])
    return _json_response(status, body, headers)


def _replay(seen: IdempotencyKey, digest: str) -> HttpResponse:
    if seen.request_digest != digest:
        raise Problem(
            422,
            _("Idempotency-Key này đã được dùng cho một yêu cầu khác; mỗi yêu cầu mới cần một khóa mới."),
        )
    if seen.status == 0:  # kept by a version that stored the key before the write; gone within KEEP
        raise Problem(409, _("Yêu cầu với Idempotency-Key này đang được xử lý; hãy thử lại sau ít giây."))
    response = _json_response(seen.status, json.loads(seen.body), dict(seen.headers))
    response["Idempotent-Replayed"] = "true"
    return response
