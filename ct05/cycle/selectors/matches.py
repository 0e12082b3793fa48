"""Reads of the similarity checks: a commitment's stored matches and the live check while typing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Q, When
from django.urls import reverse

from ct05.cycle import quality
from ct05.cycle.access import registration_q
from ct05.cycle.models import (
    Commitment,
    Registration,
    SimilarPair,
)
from ct05.orgs.models import Organization

# Near-duplicates as the user may see them ------------------------------------------------------------


@dataclass
class MatchView:
    similarity: int  # percent
    visible: bool
    same_cell: bool
    owner: str = ""
    organization: str = ""
    url: str = ""
    other: list[tuple[str, bool]] = field(default_factory=list)
    own: list[tuple[str, bool]] = field(default_factory=list)


def _match_views(
    *, user: Any, own_text: str, own_org_id: int | None, found: list[tuple[int, float, list[Any], list[Any]]]
) -> list[MatchView]:
    """found: (other commitment id, similarity, own spans, other spans)."""
    ids = [f[0] for f in found]
    others = {
        c.pk: c
        for c in Commitment.objects.filter(pk__in=ids).select_related(
            "registration__member", "registration__organization"
        )
    }
    visible = set(
        Registration.objects.filter(
            registration_q(user), pk__in=[c.registration_id for c in others.values()]
        ).values_list("pk", flat=True)
    )
    out: list[MatchView] = []
    for cid, sim, own_spans, other_spans in found:
        c = others.get(cid)
        if c is None:
            continue
        reg = c.registration
        see = reg.pk in visible
        mv = MatchView(
            similarity=round(sim * 100),
            visible=see,
            same_cell=reg.organization_id == own_org_id,
            own=quality.segments(own_text, own_spans),
        )
        if see:
            mv.owner = reg.owner_name
            mv.organization = reg.organization.name
            mv.url = reverse("cycle:registration_detail", args=[reg.pk])
            mv.other = quality.segments(c.content, other_spans)
        out.append(mv)
    return out


@dataclass
class LiveCheck:
    score: int
    verdict: str
    reasons: list[dict[str, object]]
    matches: list[MatchView]
    empty: bool = False


def live_check(
    *,
    user: Any,
    text: str,
    year: int,
    organization: Organization | None,
    duty_text: str | None,
    exclude_registration: int | None,
    example_duty: str | None = None,
) -> LiveCheck:
    """What the page shows while a commitment is typed: verdict, reasons, verified near-duplicates."""
    if not text.strip():
        return LiveCheck(0, "", [], [], empty=True)
    baseline = quality.baseline_for(year)
    templates = quality.template_texts_for(year=year, organization=organization)
    judgement = quality.judge(text, duty=duty_text, templates=templates, example_duty=example_duty)
    fp = quality.fingerprint_of(text, baseline)
    found = quality.lookup(fp, baseline=baseline, exclude_registration=exclude_registration)
    contents = dict(Commitment.objects.filter(pk__in=[f.commitment_id for f in found]).values_list("pk", "content"))
    detailed = []
    for f in found:
        own_spans, other_spans = quality.spans(text, contents.get(f.commitment_id, ""), baseline)
        detailed.append((f.commitment_id, f.similarity, own_spans, other_spans))
    matches = _match_views(
        user=user, own_text=text, own_org_id=organization.pk if organization else None, found=detailed
    )
    return LiveCheck(judgement.score, judgement.verdict, judgement.reasons, matches)


def stored_matches(*, user: Any, commitment: Commitment) -> list[MatchView]:
    """The verified near-duplicates stored for a commitment (on save, submit, or by the analysis): identical
    copies first (same `text_digest` in the year, those of its own unit first), then the stored pairs, each
    with the overlapping text highlighted."""
    found: list[tuple[int, float, list[Any], list[Any]]] = []
    reg = commitment.registration
    baseline = quality.baseline_for(reg.year)
    sim = commitment.max_similarity
    if sim is not None and sim >= quality.IDENTICAL and commitment.text_digest is not None:
        same = (
            Commitment.objects.filter(text_digest=commitment.text_digest, registration__year=reg.year)
            .exclude(pk=commitment.pk)
            .exclude(registration_id=reg.pk)
            .order_by(Case(When(registration__organization_id=reg.organization_id, then=0), default=1), "pk")
            .values_list("pk", "content")[: quality.MAX_MATCHES]
        )
        peers = [pk for pk, content in same if content == commitment.content]  # else a digest collision (2⁻⁶⁴)
        if peers:
            spans, _same = quality.spans(commitment.content, commitment.content, baseline)
            found += [(pk, 1.0, spans, spans) for pk in peers]
    pairs = SimilarPair.objects.filter(Q(a=commitment) | Q(b=commitment)).order_by("-similarity")
    pairs = pairs[: max(0, quality.MAX_MATCHES - len(found))]
    other_ids = [p.b_id if p.a_id == commitment.pk else p.a_id for p in pairs]
    texts = dict(Commitment.objects.filter(pk__in=other_ids).values_list("pk", "content"))
    for p, other in zip(pairs, other_ids, strict=True):
        own_spans, other_spans = quality.spans(commitment.content, texts.get(other, ""), baseline)
        found.append((other, p.similarity, own_spans, other_spans))
    return _match_views(
        user=user, own_text=commitment.content, own_org_id=commitment.registration.organization_id, found=found
    )
