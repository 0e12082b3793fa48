"""Records and supervision rows as the API's plain dicts (ct05.api.schemas_more / schemas_writes), one function
per kind, shared by the lists, the single reads and the writes (which answer the record they wrote); and `Detail`,
how a single read and a write under If-Match answer one kind of record with its ETag."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.http import HttpResponse

from ct05.api.writes import content_etag, lock, require_match
from ct05.records.models import Meeting, ResolutionItem
from ct05.supervision.models import Finding, Mission, RemediationTask, Warning


def meeting(m: Any) -> dict[str, Any]:
    """A row of meeting_list (annotated with n_present and n_items)."""
    return {
        "id": m.pk,
        "cell_id": m.cell_id,
        "cell_code": m.cell.code,
        "kind": m.kind,
        "date": m.date,
        "for_month": m.for_month,
        "topic": m.topic,
        "resolution_summary": m.resolution_summary,
        "present": m.n_present,
        "resolution_items": m.n_items,
    }


def resolution_item(i: ResolutionItem) -> dict[str, Any]:
    return {
        "id": i.pk,
        "meeting_id": i.meeting_id,
        "cell_code": i.meeting.cell.code,
        "task": i.task,
        "owner_id": i.owner_id,
        "owner_card": i.owner.card_number,
        "deadline": i.deadline,
        "status": i.status,
        "evidence": i.evidence,
        "completed_on": i.completed_on,
    }


def meeting_detail(m: Meeting) -> dict[str, Any]:
    """One meeting with its agenda and the resolution's items; the ETag is a digest of this."""
    items = list(m.items.select_related("owner").order_by("order", "id"))
    agenda = list(m.agenda.select_related("requirement"))
    m.n_present = m.attendance.filter(status="present").count()  # type: ignore[attr-defined]
    m.n_items = len(items)  # type: ignore[attr-defined]
    return {
        **meeting(m),
        "place": m.place,
        "chair_card": m.chair.card_number if m.chair else None,
        "recorder_card": m.recorder.card_number if m.recorder else None,
        "content": m.content,
        "discussion": m.discussion,
        "agenda": [
            {
                "code": a.requirement.code if a.requirement else None,
                "text": a.text,
                "done": a.done,
                "required": bool(a.requirement and a.requirement.is_required),
            }
            for a in agenda
        ],
        "items": [{**resolution_item(i), "cell_code": m.cell.code} for i in items],
    }


def _fields(row: Any, *names: str) -> dict[str, Any]:
    """The row's attributes of these names, in this order."""
    return {name: getattr(row, name) for name in names}


def warning(w: Warning) -> dict[str, Any]:
    return {
        "id": w.pk,
        **_fields(w, "code", "organization_id"),
        "organization_code": w.organization.code,
        **_fields(w, "severity", "message", "count", "first_seen", "last_seen"),
    }


def mission(m: Mission) -> dict[str, Any]:
    return {
        "id": m.pk,
        **_fields(m, "kind", "title", "decision_number", "issuing_body_id", "start_date", "end_date", "status"),
        "completed_on": m.completed_on,
        "units": [u.organization_id for u in m.units.all()],
    }


def finding(f: Finding) -> dict[str, Any]:
    return {"id": f.pk, **_fields(f, "mission_id", "organization_id", "kind", "text", "status", "suggested")}


def task(t: RemediationTask) -> dict[str, Any]:
    return {
        "id": t.pk,
        **_fields(
            t, "mission_id", "organization_id", "point_number", "text", "owner_id", "deadline", "status", "evidence"
        ),
        "completed_on": t.completed_on,
    }


def task_detail(t: RemediationTask) -> dict[str, Any]:
    return {
        **task(t),
        "organization_code": t.organization.code,
        "owner_card": t.owner.card_number,
        **_fields(t, "follow_up_on", "follow_up_result"),
    }


def etag(kind: str, body: dict[str, Any]) -> str:
    """The ETag of a record without a version: a digest of what the API shows of it."""
    return content_etag(kind, int(body["id"]), body)


@dataclass(frozen=True)
class Detail:
    """One kind of record without a version as the API answers it: its dict and, beside it, its ETag (a digest of
    the dict). A write to it locks the row and checks If-Match against that ETag, then answers the record as it
    now is, with its new ETag."""

    model: type[Model]
    kind: str  # the ETag's prefix
    what: str  # the record as a 428 or 412 names it (translated when the answer is made)
    related: tuple[str, ...]
    render: Callable[[Any], dict[str, Any]]

    def read(self, pk: int) -> tuple[dict[str, Any], str]:
        body = self.render(self.model._default_manager.select_related(*self.related).get(pk=pk))
        return body, etag(self.kind, body)

    def lock_matching(self, pk: int, if_match: str | None) -> None:
        """Inside the write's transaction: the row locked, then 428 without If-Match, 412 when it is stale."""
        lock(self.model, pk)
        require_match(if_match, self.read(pk)[1], what=str(self.what))

    def answer(self, pk: int, response: HttpResponse) -> dict[str, Any]:
        """The record as it is now, its ETag in the response's headers."""
        body, tag = self.read(pk)
        response["ETag"] = tag
        return body

    def created(self, pk: int, collection: str) -> tuple[int, dict[str, Any], dict[str, str]]:
        """The answer to a creation (through ct05.api.idempotency): 201, the record, its ETag and Location."""
        body, tag = self.read(pk)
        return 201, body, {"ETag": tag, "Location": f"{collection}/{pk}"}
