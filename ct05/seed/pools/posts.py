"""Posts (government or professional positions) and the duties that go with them, per kind of cell, as data.

A duty text may use {place} (the cell's locality or section: "tổ dân phố 3", "bản Na Hai", "Phòng Đào tạo"),
{unit} (the grassroots unit: "phường Mường Thanh"), {subject}, {klass}, {grade}, {n} and {m} (small numbers).
Duties are what members' commitments will be checked against, so they name concrete work of the post.
No Django import. This module holds the shapes; the profiles per kind of cell are in the modules beside it and
`ct05.seed.pools.PROFILES` names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Post:
    title: str
    duties: tuple[str, ...]
    ages: tuple[int, int] = (26, 58)
    key_leader: bool = False  # head or deputy head of the body: "cán bộ chủ chốt" (Quy định 08-QĐi/TW)
    gender: str | None = None  # forced gender ("F" for the women's union chair), else drawn
    party: str = ""  # a party title of the post itself ("Bí thư Đảng ủy phường"), else the cell's roles
    weight: int = 1


@dataclass(frozen=True)
class Profile:
    """The people of one kind of cell: its heads (taken in order, once each) then staff (drawn by weight)."""

    heads: tuple[Post, ...]
    staff: tuple[Post, ...]
    subjects: tuple[str, ...] = ()
    female_share: float = 0.35  # about a third of party members are women; more in schools and health
    staff_weighted: tuple[Post, ...] = field(default=(), init=False)

    def __post_init__(self) -> None:
        expanded = tuple(p for p in self.staff for _ in range(p.weight))
        object.__setattr__(self, "staff_weighted", expanded)


CELL_SECRETARY = "Bí thư Chi bộ"
CELL_DEPUTY = "Phó Bí thư Chi bộ"
CELL_COMMITTEE = "Chi ủy viên"
