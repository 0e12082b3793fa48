"""The province-scale cycle seed looks like a province: members write from their own duties and cells, a
minority use stock phrases or copy a colleague."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from ct05.cycle.models import Commitment, Registration, SimilarPair
from ct05.seed.bulk.cycle import seed_province_cycle

pytestmark = pytest.mark.django_db


def test_the_province_cycle_seed_has_a_realistic_mix() -> None:
    call_command("seed", "province", "--tree-only", "--members", "1500", "--batch", "500", stdout=StringIO())
    seed_province_cycle(year=2026, batch=500)
    total = Commitment.objects.count()
    assert Registration.objects.filter(year=2026).count() == 1500
    distinct = Commitment.objects.values("content").distinct().count()
    linked = Commitment.objects.filter(duty__isnull=False).count()
    copied = Commitment.objects.filter(max_similarity__isnull=False).count()
    generic = Commitment.objects.filter(verdict="generic").count()
    assert distinct > total * 0.6  # not the same few hundred sentences repeated
    assert 0.3 < linked / total < 0.7
    assert 0.2 < generic / total < 0.5
    assert 0.02 < copied / total < 0.25
    # Copies with small edits are stored as pairs (different texts); a linked commitment is one of the
    # member's own duties.
    assert SimilarPair.objects.exists()
    sample = Commitment.objects.filter(duty__isnull=False).select_related("duty", "registration")[:50]
    assert all(c.duty.member_id == c.registration.member_id for c in sample)
