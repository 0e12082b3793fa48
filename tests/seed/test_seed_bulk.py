"""`ct05 seed province` and `ct05 seed national`: consistent trees, unique cards, derived fields."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from ct05.core.models import AuditEvent
from ct05.orgs.models import Member, Organization, path_segment

pytestmark = pytest.mark.django_db


def _assert_consistent_tree() -> None:
    for org in Organization.objects.select_related("parent").iterator():
        parent_path = org.parent.path if org.parent else ""
        assert org.path == parent_path + path_segment(org.pk), org.code
        assert org.depth == org.path.count("/") - 1


def test_national_seed_writes_consistent_paths_and_unique_cards() -> None:
    out = StringIO()
    call_command("seed", "national", "--members", "3000", "--batch", "1000", stdout=out)
    assert Member.objects.count() == 3000
    _assert_consistent_tree()
    cards = list(Member.objects.values_list("card_number", flat=True))
    assert len(set(cards)) == len(cards)
    assert Organization.objects.filter(kind__code="tinh-uy", code__startswith="VN").count() == 34
    # Members sit in cells only, and every cell has members.
    assert not Member.objects.exclude(cell__kind__is_cell=True).exists()
    assert not Organization.objects.filter(kind__is_cell=True, members__isnull=True).exists()
    assert out.getvalue().count("đảng viên ·") >= 3  # a progress line per batch
    assert AuditEvent.objects.filter(action="seed.national").count() == 1


def test_national_seed_gives_every_member_one_or_two_duties_and_the_derived_fields() -> None:
    call_command("seed", "national", "--members", "500", stdout=StringIO())
    counts = Counter(Member.objects.annotate(n=Count("duties")).values_list("n", flat=True))
    assert set(counts) <= {1, 2}
    for member in Member.objects.order_by("?")[:50]:
        sort_key, search_text = member.sort_key, member.search_text
        member.refresh_derived()
        assert (member.sort_key, member.search_text) == (sort_key, search_text)


def test_national_seed_refuses_to_run_twice() -> None:
    call_command("seed", "national", "--members", "100", stdout=StringIO())
    with pytest.raises(CommandError, match="VN01"):
        call_command("seed", "national", "--members", "100", stdout=StringIO())


def test_province_seed_builds_a_province_of_realistic_shape() -> None:
    call_command("seed", "province", "--tree-only", "--members", "1500", "--batch", "500", stdout=StringIO())
    root = Organization.objects.get(code="DIENBIEN")
    assert root.kind.code == "tinh-uy"
    blocs = Organization.objects.filter(parent=root)
    assert blocs.count() == 15
    assert set(blocs.values_list("kind__code", flat=True)) == {"dang-bo-truc-thuoc"}
    grassroots = Organization.objects.filter(kind__is_grassroots=True)
    assert {"dang-bo-co-so", "chi-bo-co-so"} == set(grassroots.values_list("kind__code", flat=True))
    sizes = list(
        Organization.objects.filter(kind__is_cell=True).annotate(n=Count("members")).values_list("n", flat=True)
    )
    assert max(sizes) <= 60
    assert 10 <= sum(sizes) / len(sizes) <= 40
    assert Member.objects.count() == 1500
    _assert_consistent_tree()


def test_province_seed_refuses_when_the_province_code_is_taken() -> None:
    call_command("seed", "province", "--tree-only", "--members", "200", stdout=StringIO())
    with pytest.raises(CommandError, match="--code"):
        call_command("seed", "province", "--tree-only", "--members", "200", stdout=StringIO())
    call_command("seed", "province", "--tree-only", "--members", "200", "--code", "DIENBIEN2", stdout=StringIO())
    assert Organization.objects.filter(code="DIENBIEN2").exists()
