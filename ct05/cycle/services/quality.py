"""The engine's judgement of commitments, stored next to them: verdict and reasons (with the engine
version), fingerprint and band keys, verified near-duplicate pairs with their overlapping spans."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from ct05.cycle import quality
from ct05.cycle.models import Commitment, CommitmentBand, Registration, SimilarPair
from ct05.cycle.services.uniform import uniform_refresh


def registration_refresh_quality(*, registration: Registration) -> None:
    """Judge every commitment of the registration again, store the results, re-index, re-pair.

    Called inside the service transaction that changed the registration (save and submit).
    """
    baseline = quality.baseline_for(registration.year)
    templates = quality.template_texts_for(year=registration.year, organization=registration.organization)
    commitments = list(registration.commitments.select_related("duty"))
    ids = [c.pk for c in commitments]
    CommitmentBand.objects.filter(commitment_id__in=ids).delete()
    SimilarPair.objects.filter(Q(a_id__in=ids) | Q(b_id__in=ids)).delete()
    now = timezone.now()
    bands: list[CommitmentBand] = []
    pairs: list[SimilarPair] = []
    raised: dict[int, float] = {}  # other commitments that now have a (closer) near-duplicate
    for c in commitments:
        judgement = quality.judge(c.content, duty=c.duty.text if c.duty else None, templates=templates)
        fp = quality.fingerprint_of(c.content, baseline)
        found = quality.lookup(fp, baseline=baseline, exclude_registration=registration.pk)
        c.score, c.verdict, c.reasons = judgement.score, judgement.verdict, judgement.reasons
        c.engine_version = quality.ENGINE_VERSION
        c.checked_at = now
        c.fp_key = baseline.key
        c.fingerprint = fp.to_bytes()
        c.text_digest = quality.text_digest(c.content)
        c.max_similarity = round(found[0].similarity, 4) if found else None  # stored as the analysis does
        bands.extend(quality.band_rows(c.pk, registration.year, fp))
        others = dict(Commitment.objects.filter(pk__in=[f.commitment_id for f in found]).values_list("pk", "content"))
        for f in found:
            raised[f.commitment_id] = max(raised.get(f.commitment_id, 0.0), round(f.similarity, 4))
            other_text = others.get(f.commitment_id, "")
            if other_text == c.content:  # identical copies are found through `text_digest`, not stored
                continue
            a, b = sorted((c.pk, f.commitment_id))
            pairs.append(SimilarPair(year=registration.year, a_id=a, b_id=b, similarity=f.similarity))
    Commitment.objects.bulk_update(
        commitments,
        [
            "score",
            "verdict",
            "reasons",
            "engine_version",
            "checked_at",
            "fp_key",
            "fingerprint",
            "text_digest",
            "max_similarity",
        ],
    )
    CommitmentBand.objects.bulk_create(bands)
    SimilarPair.objects.bulk_create(pairs, ignore_conflicts=True)
    # Uniform versus personal is a property of the unit: the members' registrations of the unit (or, for a
    # collective plan, of every unit under it) are flagged again.
    units: list[int] = [registration.organization_id]
    if registration.member_id is None:
        units = list(
            Registration.objects.filter(
                year=registration.year, organization__path__startswith=registration.organization.path
            )
            .values_list("organization_id", flat=True)
            .distinct()
            .order_by()
        )
    uniform_refresh(year=registration.year, org_ids=units)
    # The other side of each match now has a near-duplicate too.
    for other, similarity in raised.items():
        Commitment.objects.filter(pk=other).filter(
            Q(max_similarity__isnull=True) | Q(max_similarity__lt=similarity)
        ).update(max_similarity=similarity)
