"""The pure generators behind the seeds: names, people, layout. No database."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

from ct05.seed import names
from ct05.seed.bulk import layout, places
from ct05.seed.people import CellContext, cell_people, cell_roles
from ct05.seed.pools import PROFILES

REF = dt.date(2026, 1, 15)


def test_names_follow_the_pattern_of_each_ethnicity() -> None:
    rng = random.Random(1)
    for ethnicity, pool in names.POOLS.items():
        for gender in ("M", "F"):
            name = names.person_name(rng, ethnicity, gender)
            family, *middle, given = name.split(" ")
            assert family in pool.family
            assert unicodedata.is_normalized("NFC", name)
    mong_men = [names.person_name(rng, "Mông", "M") for _ in range(200)]
    assert sum(" A " in n for n in mong_men) > 100  # "Giàng A Dình"
    kinh_women = [names.person_name(rng, "Kinh", "F") for _ in range(200)]
    assert sum(" Thị " in n for n in kinh_women) > 70


def test_people_are_the_same_for_the_same_seed() -> None:
    ctx = CellContext(place="tổ dân phố 1", unit="phường Mường Thanh", mix="city")

    def draw() -> list[str]:
        rng = random.Random(7)
        return [p.full_name for p in cell_people(rng, PROFILES["residential"], 20, ctx, ref=REF)]

    assert draw() == draw()


def test_people_have_plausible_dates() -> None:
    rng = random.Random(3)
    ctx = CellContext(place="bản Na Hai", unit="xã Thanh Xương", mix="valley")
    for p in cell_people(rng, PROFILES["village"], 60, ctx, ref=REF, max_duties=3):
        assert p.date_of_birth < p.joined_on <= REF
        assert p.joined_on.year - p.date_of_birth.year >= 18
        assert p.official_on is None or p.joined_on < p.official_on <= REF
        for _text, start, end in p.duties:
            assert start <= REF and (end is None or start <= end <= REF)


def test_a_cell_of_nine_or_more_elects_a_cell_committee() -> None:
    assert cell_roles(5) == ["Bí thư Chi bộ"]
    assert cell_roles(8) == ["Bí thư Chi bộ", "Phó Bí thư Chi bộ"]
    assert len(cell_roles(12)) == 3
    assert len(cell_roles(40)) == 5


def test_split_budget_adds_up_exactly() -> None:
    assert sum(layout.split_budget(5_600_000, [w for _n, w in places.NATION])) == 5_600_000
    assert layout.split_budget(10, [1, 1, 1]) in ([4, 3, 3], [3, 4, 3], [3, 3, 4])


def test_grassroots_use_the_whole_budget_and_keep_cells_within_bounds() -> None:
    rng = random.Random(5)
    namer = layout.Namer(rng, "Tuần Giáo", ("Quài Nưa", "Quài Cang"))
    units = list(layout.grassroots(rng, "district", namer, 5000))
    assert sum(u.members for u in units) == 5000
    sizes = [c.size for u in units for c in u.cells]
    assert max(sizes) <= layout.MAX_CELL
    assert sum(s >= layout.MIN_CELL for s in sizes) >= len(sizes) - 1  # only the last may be cut short
    assert all(len(u.cells) == 1 for u in units if u.is_cell)
