"""What every API write shares: the headers it takes (If-Match, Idempotency-Key), the statuses it may
answer, the version check behind If-Match, and the audit event that names the token.

Registrations carry an optimistic-lock version (the one the pages use), so their ETag is that version.
Meetings, resolution items and remediation tasks have none: their ETag is a digest of what the API shows
of them (and of what a write replaces), so any change by a page, an import or another client changes it.
The check is made on the row locked for the write (`select_for_update`), so two clients holding the same
ETag cannot both write: the second one gets 412.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Path

from ct05.api.auth import token_of
from ct05.api.problems import Problem
from ct05.core.audit import record

Id = Annotated[int, Path(ge=1, le=2**62)]
IfMatch = Annotated[str | None, Header(None, alias="If-Match", description="ETag của lần đọc trước")]
IdemKey = Annotated[str | None, Header(None, alias="Idempotency-Key", description="khóa duy nhất của yêu cầu")]
WRITE_ERRORS = frozenset({400, 401, 403, 404, 409, 412, 413, 422, 428, 429})


def audit_write(request: HttpRequest, operation: str, target: Any, organization_id: int | None, **after: Any) -> None:
    """The API's own audit event: which token made the write, next to the service's event of the write."""
    token = token_of(request)
    record(
        actor=request.user,
        action=f"api.{operation}",
        target=token,
        organization_id=organization_id,
        after={
            "token": token.pk,
            "token_prefix": token.prefix,
            "token_name": token.name,
            "object": f"{target._meta.label_lower}#{target.pk}",
            **after,
        },
        note=f"{request.method} {request.path}",
    )


def lock(model: Any, pk: int) -> None:
    """Lock the row for the rest of the transaction (`SELECT … FOR UPDATE`; SQLite serialises writers)."""
    list(model.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))


def content_etag(kind: str, pk: int, state: Any) -> str:
    """A strong ETag for an object without a version: `"<kind><id>-<digest of its state>"`."""
    blob = json.dumps(state, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False).encode()
    return f'"{kind}{pk}-{hashlib.sha256(blob).hexdigest()[:16]}"'


def require_match(if_match: str | None, current: str, *, what: str) -> None:
    """428 without If-Match, 412 (with the current ETag) when it names another version; `*` matches any."""
    if not if_match:
        raise Problem(
            428, _("Gửi tiêu đề If-Match với ETag nhận được khi đọc %(what)s (tránh ghi đè).") % {"what": what}
        )
    sent = if_match.strip()
    if sent == "*":
        return
    candidates = {s.strip().removeprefix("W/") for s in sent.split(",")}
    if current not in candidates:
        raise Problem(
            412,
            _("%(what)s đã được cập nhật sau lần bạn đọc; hãy đọc lại rồi gửi lại.")
            % {"what": what[:1].upper() + what[1:]},
            headers={"ETag": current},
        )
