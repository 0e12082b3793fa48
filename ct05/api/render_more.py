"""Records and supervision rows as the API's plain dicts (ct05.api.schemas_more / schemas_writes), one function
per kind, shared by the lists, the single reads and the writes (which answer the record they wrote)."""

from __future__ import annotations

from typing import Any

from ct05.api.writes import content_etag
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


def warning(w: Warning) -> dict[str, Any]:
    return {
        "id": w.pk,
        "code": w.code,
        "organization_id": w.organization_id,
        "organization_code": w.organization.code,
        "severity": w.severity,
        "message": w.message,
        "count": w.count,
        "first_seen": w.first_seen,
        "last_seen": w.last_seen,
    }


def mission(m: Mission) -> dict[str, Any]:
    return {
        "id": m.pk,
        "kind": m.kind,
        "title": m.title,
        "decision_number": m.decision_number,
        "issuing_body_id": m.issuing_body_id,
        "start_date": m.start_date,
        "end_date": m.end_date,
        "status": m.status,
        "completed_on": m.completed_on,
        "units": [u.organization_id for u in m.units.all()],
    }


def finding(f: Finding) -> dict[str, Any]:
    return {
        "id": f.pk,
        "mission_id": f.mission_id,
        "organization_id": f.organization_id,
        "kind": f.kind,
        "text": f.text,
        "status": f.status,
        "suggested": f.suggested,
    }


def task(t: RemediationTask) -> dict[str, Any]:
    return {
        "id": t.pk,
        "mission_id": t.mission_id,
        "organization_id": t.organization_id,
        "point_number": t.point_number,
        "text": t.text,
        "owner_id": t.owner_id,
        "deadline": t.deadline,
        "status": t.status,
        "evidence": t.evidence,
        "completed_on": t.completed_on,
    }


def task_detail(t: RemediationTask) -> dict[str, Any]:
    return {
        **task(t),
        "organization_code": t.organization.code,
        "owner_card": t.owner.card_number,
        "follow_up_on": t.follow_up_on,
        "follow_up_result": t.follow_up_result,
    }


def etag(kind: str, body: dict[str, Any]) -> str:
    """The ETag of a record without a version: a digest of what the API shows of it."""
    return content_etag(kind, int(body["id"]), body)
