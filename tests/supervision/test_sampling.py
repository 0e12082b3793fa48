"""The sample proposal's algorithm on its own (no database)."""

from __future__ import annotations

from ct05.supervision.sampling import Candidate, choose


def _c(i: int, kind: str, sector: str, risk: float, committee: bool = False) -> Candidate:
    return Candidate(id=i, name=f"Đơn vị {i:02d}", kind=kind, sector=sector, committee=committee, risk=risk)


POOL = [
    _c(1, "Đảng bộ trực thuộc", "Cơ quan", 1.0, committee=True),
    _c(2, "Đảng bộ trực thuộc", "Xã, phường", 0.5, committee=True),
    _c(3, "Đảng bộ trực thuộc", "Doanh nghiệp", 0.0, committee=True),
    _c(4, "Đảng bộ cơ sở", "Xã, phường", 9.0),
    _c(5, "Đảng bộ cơ sở", "Xã, phường", 8.0),
    _c(6, "Chi bộ cơ sở", "Cơ quan", 2.0),
    _c(7, "Đảng bộ cơ sở", "Đơn vị sự nghiệp", 1.0),
    _c(8, "Đảng bộ cơ sở", "Xã, phường", 0.1),
]


def test_it_takes_the_riskiest_unit_first() -> None:
    assert choose(POOL, 3)[0].candidate.id == 4


def test_it_proposes_the_size_asked_for_and_never_the_same_unit_twice() -> None:
    picked = [c.candidate.id for c in choose(POOL, 6)]
    assert len(picked) == 6 and len(set(picked)) == 6


def test_a_sample_of_six_has_two_committees_and_four_grassroots_units_like_the_article() -> None:
    picked = choose(POOL, 6)
    assert sum(c.candidate.committee for c in picked) == 2


def test_it_spreads_over_kinds_and_sectors_before_repeating_them() -> None:
    picked = choose(POOL, 6)
    grassroots = [c.candidate for c in picked if not c.candidate.committee]
    assert {c.kind for c in grassroots} == {"Đảng bộ cơ sở", "Chi bộ cơ sở"}
    assert {"Xã, phường", "Cơ quan", "Đơn vị sự nghiệp"} <= {c.sector for c in grassroots}


def test_it_is_deterministic_and_handles_small_pools() -> None:
    assert [c.candidate.id for c in choose(POOL, 5)] == [c.candidate.id for c in choose(list(reversed(POOL)), 5)]
    assert len(choose(POOL[:2], 10)) == 2
    assert choose([], 3) == [] and choose(POOL, 0) == []
