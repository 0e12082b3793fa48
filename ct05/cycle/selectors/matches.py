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


Found = tuple[int, float, list[Any], list[Any]]  # other commitment id, similarity, own spans, other spans


def _match_views(*, user: Any, own_text: str, own_org_id: int | None, found: list[Found]) -> list[MatchView]:
    return _match_views_of(user=user, owners={0: (own_text, own_org_id)}, found={0: found})[0]


def _match_views_of(
    *, user: Any, owners: dict[int, tuple[str, int | None]], found: dict[int, list[Found]]
) -> dict[int, list[MatchView]]:
    """For each key of `owners` (its text and unit), its `found` matches as the user may see them: two queries
    for all of them (the registration page shows every commitment's; issue 15)."""
    ids = {f[0] for rows in found.values() for f in rows}
    others = (
        {
            c.pk: c
            for c in Commitment.objects.filter(pk__in=ids)
            .select_related("registration__member", "registration__organization")
            .order_by()
        }
        if ids
        else {}
    )
    visible = (
        set(
            Registration.objects.filter(
                registration_q(user), pk__in={c.registration_id for c in others.values()}
            ).values_list("pk", flat=True)
        )
        if others
        else set()
    )
    out: dict[int, list[MatchView]] = {}
    for key, (own_text, own_org_id) in owners.items():
        views = out[key] = []
        for cid, sim, own_spans, other_spans in found.get(key, []):
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
            views.append(mv)
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
    contents = dict(
        Commitment.objects.filter(pk__in=[f.commitment_id for f in found]).order_by().values_list("pk", "content")
    )
    detailed = []
    for f in found:
        own_spans, other_spans = quality.spans(text, contents.get(f.commitment_id, ""), baseline)
        detailed.append((f.commitment_id, f.similarity, own_spans, other_spans))
    matches = _match_views(
        user=user, own_text=text, own_org_id=organization.pk if organization else None, found=detailed
    )
    return LiveCheck(judgement.score, judgement.verdict, judgement.reasons, matches)


def stored_matches(*, user: Any, commitment: Commitment) -> list[MatchView]:
    return stored_matches_of(user=user, commitments=[commitment])[commitment.pk]


def stored_matches_of(*, user: Any, commitments: list[Commitment]) -> dict[int, list[MatchView]]:
    """The verified near-duplicates stored for each commitment (on save, submit, or by the analysis): identical
    copies first (same `text_digest` in the year, those of its own unit first), then the stored pairs, each
    with the overlapping text highlighted. Four queries for a registration's commitments, and one or two
    more for each that has a near-duplicate (issue 15: five a commitment made a member's page 23 queries)."""
    found: dict[int, list[Found]] = {c.pk: [] for c in commitments}
    if not commitments:
        return {}
    baselines: dict[int, quality.Baseline] = {}

    def baseline(year: int) -> quality.Baseline:  # read only for a page that highlights something
        if year not in baselines:
            baselines[year] = quality.baseline_for(year)
        return baselines[year]

    for c in commitments:
        reg = c.registration
        sim = c.max_similarity
        if sim is not None and sim >= quality.IDENTICAL and c.text_digest is not None:
            same = (
                Commitment.objects.filter(text_digest=c.text_digest, registration__year=reg.year)
                .exclude(pk=c.pk)
                .exclude(registration_id=reg.pk)
                .order_by(Case(When(registration__organization_id=reg.organization_id, then=0), default=1), "pk")
                .values_list("pk", "content")[: quality.MAX_MATCHES]
            )
            peers = [pk for pk, content in same if content == c.content]  # else a digest collision (2⁻⁶⁴)
            if peers:
                spans, _same = quality.spans(c.content, c.content, baseline(reg.year))
                found[c.pk] += [(pk, 1.0, spans, spans) for pk in peers]
    # A commitment with stored pairs has its highest similarity stored with them (the save's re-check and the
    # analysis set both); the others, most of a registration, need no query. Bounded per commitment: a text
    # can have hundreds of near-duplicates in a province.
    pairs_of: dict[int, list[SimilarPair]] = {}
    for c in commitments:
        room = max(0, quality.MAX_MATCHES - len(found[c.pk]))
        if c.max_similarity is not None and room:
            pairs = SimilarPair.objects.filter(Q(a_id=c.pk) | Q(b_id=c.pk)).order_by("-similarity")
            pairs_of[c.pk] = list(pairs[:room])
    other_ids = {p.b_id if p.a_id == own else p.a_id for own, ps in pairs_of.items() for p in ps}
    texts = (
        dict(Commitment.objects.filter(pk__in=other_ids).order_by().values_list("pk", "content")) if other_ids else {}
    )
    for c in commitments:
        for p in pairs_of.get(c.pk, []):
            other = p.b_id if p.a_id == c.pk else p.a_id
            own_spans, other_spans = quality.spans(c.content, texts.get(other, ""), baseline(c.registration.year))
            found[c.pk].append((other, p.similarity, own_spans, other_spans))
    return _match_views_of(
        user=user, owners={c.pk: (c.content, c.registration.organization_id) for c in commitments}, found=found
    )
