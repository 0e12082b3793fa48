"""Model rows as the API's plain dicts (validated against ct05.api.schemas on the way out)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from ct05.cycle.models import CheckIn, Commitment, Registration
from ct05.cycle.selectors.matches import stored_matches_of
from ct05.orgs.models import Duty, Member, Organization


def org(o: Organization) -> dict[str, Any]:
    return {
        "id": o.pk,
        "code": o.code,
        "name": o.name,
        "kind": o.kind.code,
        "kind_name": o.kind.name,
        "is_cell": o.kind.is_cell,
        "sector": o.sector.code if o.sector_id and o.sector else None,
        "parent_id": o.parent_id,
        "depth": o.depth,
        "active_from": o.active_from,
        "active_to": o.active_to,
    }


def orgs(rows: Iterable[Organization]) -> list[dict[str, Any]]:
    return [org(o) for o in rows]


def _current_duties(member_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The current duties of these members, as dicts (one query, no model instances: a page has 100)."""
    today = timezone.localdate()
    rows = (
        Duty.objects.filter(member_id__in=member_ids)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .order_by("started_on", "id")
        .values_list("member_id", "id", "text", "started_on", "ended_on")
    )
    out: dict[int, list[dict[str, Any]]] = {}
    for member_id, pk, text, started_on, ended_on in rows:
        out.setdefault(member_id, []).append({"id": pk, "text": text, "started_on": started_on, "ended_on": ended_on})
    return out


MEMBER_FIELDS = (
    "id", "card_number", "full_name", "date_of_birth", "gender", "ethnicity", "joined_on", "official_on",
    "cell_id", "party_position", "government_position", "is_key_leader", "is_exempt", "status",
)  # fmt: skip


def member(m: Member, duties: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    if duties is None:
        duties = _current_duties([m.pk]).get(m.pk, [])
    return {**{f: getattr(m, f) for f in MEMBER_FIELDS}, "cell_code": m.cell.code, "duties": duties}


def member_rows(qs: QuerySet[Member]) -> QuerySet[Any]:
    """The rows of a members' list as dicts of the fields the API shows (no model instances: a page has 100
    members, and building them was a third of the page's time)."""
    return qs.values(*MEMBER_FIELDS, cell_code=F("cell__code"))


def members(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = list(rows)
    duties = _current_duties([m["id"] for m in rows])
    return [{**m, "duties": duties.get(m["id"], [])} for m in rows]


def registration_qs(qs: QuerySet[Registration]) -> QuerySet[Registration]:
    items = Commitment.objects.order_by("position", "id").prefetch_related(
        Prefetch("checkins", queryset=CheckIn.objects.order_by("quarter"))
    )
    return qs.select_related("member", "organization", "rating").prefetch_related(
        Prefetch("commitments", queryset=items)
    )


def _item(c: Commitment, copies: list[dict[str, Any]] | None) -> dict[str, Any]:
    return {
        "id": c.pk,
        "position": c.position,
        "content": c.content,
        "duty_id": c.duty_id,
        "shortcoming": c.shortcoming,
        "standard": c.standard,
        "measures": c.measures,
        "milestones": c.milestones,
        "deadline": c.deadline,
        "expected_result": c.expected_result,
        "verdict": c.verdict,
        "score": c.score,
        "reasons": [{"code": str(r.get("code", "")), "message": str(r.get("message", ""))} for r in c.reasons or []],
        "max_similarity": c.max_similarity,
        "self_result": c.self_result,
        "self_evidence": c.self_evidence,
        "checkins": [
            {"quarter": k.quarter, "progress": k.progress, "evidence": k.evidence, "percent": k.percent}
            for k in c.checkins.all()
        ],
        "copies": copies,
    }


def registration(r: Registration, *, user: Any = None, with_copies: bool = False) -> dict[str, Any]:
    commitments = list(r.commitments.all())
    for c in commitments:
        c.registration = r
    matches = stored_matches_of(user=user, commitments=commitments) if with_copies else {}
    items = []
    for c in commitments:
        copies = None
        if with_copies:
            copies = [
                {
                    "similarity": mv.similarity,
                    "same_cell": mv.same_cell,
                    "visible": mv.visible,
                    "owner": mv.owner,
                    "organization": mv.organization,
                }
                for mv in matches.get(c.pk, [])
            ]
        items.append(_item(c, copies))
    return {
        "id": r.pk,
        "year": r.year,
        "track": r.track,
        "status": r.status,
        "version": r.version,
        "member_id": r.member_id,
        "member_card": r.member.card_number if r.member_id and r.member else None,
        "organization_id": r.organization_id,
        "organization_code": r.organization.code,
        "rating": r.rating.code if r.rating_id and r.rating else None,
        "self_summary": r.self_summary,
        "cell_comment": r.cell_comment,
        "updated_at": r.updated_at,
        "items": items,
    }


def registrations(rows: Iterable[Registration]) -> list[dict[str, Any]]:
    return [registration(r) for r in rows]


def etag(r: Registration) -> str:
    return f'"r{r.pk}-v{r.version}"'
