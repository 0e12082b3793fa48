"""The shape of a generated province: its party committees directly under the Tỉnh ủy (đảng bộ trực thuộc),
the kinds of grassroots organizations each one has, and their cells, with realistic names and sizes.

Pure generation: yields plans, holds nothing but the current grassroots unit, so a national run streams.
Cell sizes follow a log-normal curve (most cells 10–30 members, a long tail to 60; never below 5 unless the
budget runs out) with a median per kind of cell. The data it draws from: ct05.seed.bulk.places (the
blocs) and ct05.seed.bulk.units (the kinds of grassroots units). No Django import.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

from ct05.seed.bulk.places import NATION_BLOCS, PLACE_A, PLACE_B, Bloc
from ct05.seed.bulk.units import NAME_SOURCES, UNIT_TEMPLATES, VILLAGE_A, VILLAGE_B

MIN_CELL, MAX_CELL = 5, 60


@dataclass
class CellPlan:
    name: str
    profile: str
    sector: str
    size: int
    place: str


@dataclass
class UnitPlan:
    name: str
    kind: str  # OrgKind code: dang-bo-co-so or chi-bo-co-so
    sector: str
    cells: list[CellPlan]  # for a chi bộ cơ sở: one plan, the unit itself

    @property
    def is_cell(self) -> bool:
        return self.kind == "chi-bo-co-so"

    @property
    def members(self) -> int:
        return sum(c.size for c in self.cells)


class Namer:
    """Draws names in turn from the name lists, so neighbouring units rarely share a name."""

    def __init__(self, rng: random.Random, district: str, communes: tuple[str, ...]) -> None:
        self.rng = rng
        self.district = district
        self.communes = list(communes)
        self.used_communes = 0
        self.queues: dict[str, list[str]] = {}

    def commune(self) -> str:
        if self.used_communes < len(self.communes):
            self.used_communes += 1
            return self.communes[self.used_communes - 1]
        return f"{self.rng.choice(PLACE_A)} {self.rng.choice(PLACE_B)}"

    def village(self) -> str:
        return f"{self.rng.choice(VILLAGE_A)} {self.rng.choice(VILLAGE_B)}"

    def source(self, key: str) -> str:
        queue = self.queues.get(key)
        if not queue:
            queue = list(NAME_SOURCES[key])
            self.rng.shuffle(queue)
            self.queues[key] = queue
        return queue.pop()


def cell_size(rng: random.Random, median: int) -> int:
    return max(MIN_CELL, min(MAX_CELL, int(rng.lognormvariate(math.log(median), 0.45) + 0.5)))


def _strip(name: str, prefixes: tuple[str, ...]) -> str:
    for p in prefixes:
        if name.startswith(p):
            return name[len(p) :]
    return name


def place_of(cell_name: str) -> str:
    """'Chi bộ bản Na Hai' -> 'bản Na Hai': what the duties of the cell's members refer to."""
    return _strip(cell_name, ("Chi bộ ",))


def unit_of(unit_name: str) -> str:
    return _strip(unit_name, ("Đảng bộ ", "Đảng ủy ", "Chi bộ "))


def grassroots(rng: random.Random, bloc_kind: str, namer: Namer, budget: int) -> Iterator[UnitPlan]:
    """Grassroots units of one bloc until `budget` members are placed (the last unit takes what is left)."""
    templates = UNIT_TEMPLATES[bloc_kind]
    weights = [t.weight for t in templates]
    left = budget
    while left > 0:
        tpl = rng.choices(templates, weights)[0]
        values = {"district": namer.district, "commune": "", "source": "", "village": "", "n": ""}
        if "{commune}" in tpl.name:
            values["commune"] = namer.commune()
        if tpl.source:
            values["source"] = namer.source(tpl.source).format(district=namer.district, commune=namer.commune())
        name = tpl.name.format(**values)
        cells: list[CellPlan] = []
        if not tpl.cells:
            size = cell_size(rng, tpl.median)
            cells.append(CellPlan(name, tpl.profile, tpl.sector, size, place_of(name)))
        else:
            for ct in tpl.cells:
                count = rng.randint(*ct.count)
                numbers = sorted(rng.sample(range(1, count + 4), count)) if "{n}" in ct.name else []
                for i in range(count):
                    cname = ct.name.format(
                        village=namer.village(), n=numbers[i] if numbers else "", commune=values["commune"]
                    )
                    cells.append(CellPlan(cname, ct.profile, ct.sector, cell_size(rng, ct.median), place_of(cname)))
        kept: list[CellPlan] = []
        for c in cells:
            if left <= 0:
                break
            c.size = min(c.size, left)
            left -= c.size
            kept.append(c)
        yield UnitPlan(name, "chi-bo-co-so" if not tpl.cells else "dang-bo-co-so", tpl.sector, kept)


def split_budget(total: int, weights: list[int]) -> list[int]:
    """`total` split by `weights` in whole numbers that add up exactly (largest remainders)."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    out = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)[: total - sum(out)]:
        out[i] += 1
    return out


def nation_blocs(rng: random.Random, province: str, members: int) -> list[Bloc]:
    """Blocs of a generated province: about one per 3,000 members (15–20 for a province of 50,000)."""
    count = max(1, min(24, round(members / 3000)))
    short = _strip(province, ("Thành ủy ", "Tỉnh ủy "))
    blocs: list[Bloc] = []
    kinds = [k for k, _w in NATION_BLOCS]
    weights = [w for _k, w in NATION_BLOCS]
    for i in range(count):
        kind = kinds[i] if i < len(kinds) and count >= len(kinds) else rng.choices(kinds, weights)[0]
        place = f"{rng.choice(PLACE_A)} {rng.choice(PLACE_B)}"
        name = {
            "district": f"Đảng bộ huyện {place}",
            "city": f"Đảng bộ thị xã {place}",
            "agencies": f"Đảng ủy các cơ quan {short}",
            "enterprises": f"Đảng ủy Khối Doanh nghiệp {short}",
            "military": f"Đảng ủy Quân sự {short}",
            "police": f"Đảng ủy Công an {short}",
        }[kind]
        weight = 8 if kind == "district" else 5
        blocs.append(Bloc(name, kind, weight, "nation"))
    return blocs
