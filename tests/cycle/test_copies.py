"""Identical copies are found through the text digest, not stored pair by pair; a re-run of the analysis
rewrites only what changed."""

from __future__ import annotations

import datetime as dt

import pytest

from ct05.cycle import quality
from ct05.cycle.models import Commitment, CommitmentBand, SimilarPair
from ct05.cycle.selectors import matches as msel
from ct05.cycle.services.analysis import analyze
from ct05.supervision.checks.cycle import copied
from ct05.supervision.models import WarningRule
from tests.conftest import World, make_member
from tests.cycle.helpers import COPIED, GENERIC, YEAR, registration, topic


def _three_copies(world: World) -> list[Commitment]:
    """COPIED written word for word by three members (two cells and another ward), and an edited copy."""
    topic()
    registration(world, texts=(COPIED, GENERIC))
    registration(world, actor=world.admin, member=world.m2, texts=(COPIED,))
    registration(world, actor=world.admin, member=world.m_other, texts=(COPIED,))
    other = make_member(world.cell1, "Quàng Văn Xôm", "DV0009")
    registration(world, actor=world.secretary, member=other, texts=(COPIED.replace("12 hộ", "14 hộ"),))
    return list(Commitment.objects.filter(content=COPIED).order_by("pk"))


def _state() -> dict[str, object]:
    return {
        "rows": sorted(
            (pk, verdict, fp_key, bytes(fp or b""), digest, sim)
            for pk, verdict, fp_key, fp, digest, sim in Commitment.objects.values_list(
                "pk", "verdict", "fp_key", "fingerprint", "text_digest", "max_similarity"
            )
        ),
        "bands": sorted(CommitmentBand.objects.values_list("year", "key", "commitment_id")),
        "pairs": sorted(SimilarPair.objects.values_list("a_id", "b_id", "similarity")),
    }


def test_identical_copies_are_not_stored_as_pairs_but_are_found_and_shown(world: World) -> None:
    copies = _three_copies(world)
    summary = analyze(year=YEAR, workers=1)
    assert summary["identical_groups"] == 1
    same_text = SimilarPair.objects.filter(a__content=COPIED, b__content=COPIED)
    assert not same_text.exists()
    # The edited copy pairs with each of the three (different texts: stored with spans).
    assert SimilarPair.objects.count() == 3
    for c in Commitment.objects.filter(content=COPIED):
        assert c.max_similarity == 1.0 and c.text_digest == quality.text_digest(COPIED)
    generic = Commitment.objects.get(content=GENERIC)
    assert generic.max_similarity is None

    # The secretary of cell 1 sees who wrote the same text in the province, own cell first, with the
    # overlapping text highlighted; the edited copy comes after the identical ones.
    mine = copies[0]
    matches = msel.stored_matches(user=world.secretary, commitment=mine)
    assert [m.similarity for m in matches][:2] == [100, 100]
    assert len(matches) == 3
    assert all(any(marked for _piece, marked in m.own) for m in matches)
    # A member sees that a copy exists, not whose it is.
    as_member = msel.stored_matches(user=world.member2, commitment=copies[1])
    hidden = [m for m in as_member if not m.visible]
    assert hidden and all(m.owner == "" or m.owner is None for m in hidden)


def test_the_copied_warning_counts_identical_copies(world: World) -> None:
    _three_copies(world)
    analyze(year=YEAR, workers=1)
    rule = WarningRule.objects.filter(code="copied").latest("effective_from")
    hits = {h.organization_id: h for h in copied(rule, dt.date(YEAR, 11, 1), None)}
    assert world.cell1.pk in hits and world.cell2.pk in hits and world.other_cell.pk in hits
    assert hits[world.cell1.pk].count == 2  # own copy and the edited copy
    assert len(hits[world.cell1.pk].evidence) == 2 and "100%" in hits[world.cell1.pk].evidence[0]["label"]


def test_a_second_run_rewrites_nothing_and_changes_nothing(world: World) -> None:
    _three_copies(world)
    # What the service stored on save is what the analysis would store: nothing to rewrite.
    saved = _state()
    assert analyze(year=YEAR, workers=1)["rewritten"] == 0
    assert _state() == saved
    Commitment.objects.update(fp_key="", verdict="")  # as after an engine upgrade
    first = analyze(year=YEAR, workers=1)
    assert first["rewritten"] == first["commitments"] == first["fingerprints_renewed"]
    before = _state()
    again = analyze(year=YEAR, workers=1)
    assert again["rewritten"] == 0 and again["fingerprints_renewed"] == 0
    assert _state() == before


def test_a_text_changed_behind_the_analysis_is_renewed_alone(world: World) -> None:
    copies = _three_copies(world)
    analyze(year=YEAR, workers=1)
    changed = copies[2]
    # Written without the service (an import script, a fix in the database): its stored fingerprint is stale.
    Commitment.objects.filter(pk=changed.pk).update(content=GENERIC + " Tham gia đầy đủ sinh hoạt chi bộ.")
    old_bands = set(CommitmentBand.objects.filter(commitment=changed).values_list("key", flat=True))
    summary = analyze(year=YEAR, workers=1)
    assert summary["fingerprints_renewed"] == 1 and summary["rewritten"] == 1
    changed.refresh_from_db()
    assert changed.text_digest == quality.text_digest(changed.content)
    assert set(CommitmentBand.objects.filter(commitment=changed).values_list("key", flat=True)) != old_bands
    assert changed.max_similarity is None
    # The two identical copies left are still copies of each other.
    assert Commitment.objects.filter(content=COPIED, max_similarity=1.0).count() == 2


def test_a_subtree_run_still_counts_an_identical_copy_outside_it(world: World) -> None:
    copies = _three_copies(world)
    analyze(year=YEAR, workers=1)
    Commitment.objects.update(max_similarity=None)
    analyze(year=YEAR, org=world.other_ward, workers=1)
    outside_copy = Commitment.objects.get(pk=copies[2].pk)
    assert outside_copy.registration.organization_id == world.other_cell.pk
    assert outside_copy.max_similarity == 1.0


def test_deleting_a_commitment_still_deletes_its_band_keys(world: World) -> None:
    copies = _three_copies(world)
    gone = copies[0]
    assert CommitmentBand.objects.filter(commitment_id=gone.pk).exists()
    gone.delete()
    assert not CommitmentBand.objects.filter(commitment_id=gone.pk).exists()


def test_a_subtree_run_does_not_count_a_stock_phrase_as_a_copy(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from ct05.cycle.services import analysis

    copies = _three_copies(world)
    monkeypatch.setattr(analysis, "MAX_BUCKET", 2)  # COPIED, written by three members, is now a stock phrase
    analyze(year=YEAR, workers=1)
    assert Commitment.objects.filter(content=COPIED, max_similarity=1.0).count() == 0
    analyze(year=YEAR, org=world.other_ward, workers=1)
    assert Commitment.objects.get(pk=copies[2].pk).max_similarity != 1.0
