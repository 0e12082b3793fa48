"""The members of one cell, drawn from a profile: names, dates, party and government positions, duties.

Shared by the demo seed (which saves them through the services) and the bulk seeds (which write rows).
No Django import.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from ct05.seed.names import person_name, pick_ethnicity
from ct05.seed.pools.posts import CELL_COMMITTEE, CELL_DEPUTY, CELL_SECRETARY, Post, Profile

_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class CellContext:
    """What the duties of a cell's members refer to."""

    place: str  # "tổ dân phố 1", "bản Na Hai", "Phòng Đào tạo"
    unit: str  # "phường Mường Thanh"
    mix: str = "agency"  # ethnic mix, a key of ct05.seed.names.ETHNIC_MIXES
    subjects: tuple[str, ...] = ()
    klasses: tuple[str, ...] = ()


@dataclass
class Person:
    full_name: str
    gender: str
    ethnicity: str
    date_of_birth: dt.date
    joined_on: dt.date
    official_on: dt.date | None
    party_position: str
    government_position: str
    is_key_leader: bool
    is_exempt: bool
    duties: list[tuple[str, dt.date, dt.date | None]] = field(default_factory=list)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def cell_roles(size: int) -> list[str]:
    """Party roles of a cell of `size` members: a cell of 9 or more elects a cell committee (chi ủy)
    of 3, or 5 when large; a smaller one has a secretary and, from 7 members, a deputy."""
    roles = [CELL_SECRETARY]
    if size >= 7:
        roles.append(CELL_DEPUTY)
    if size >= 9:
        roles.extend([CELL_COMMITTEE] * (3 if size >= 30 else 1))
    return roles


def _dates(rng: random.Random, age: int, ref: dt.date) -> tuple[dt.date, dt.date, dt.date | None]:
    dob = _years_before(ref, age) - rng.randint(0, 364) * _DAY
    if age < 36 and rng.random() < 0.06:
        # Recently admitted: still in the 12-month probation (dự bị), no official date yet.
        joined = ref - rng.randint(30, 330) * _DAY
    else:
        join_age = int(rng.triangular(18.5, min(age - 0.5, 45.0), 26.0)) if age > 19 else 18
        joined = _years_before(dob, -join_age) + rng.randint(0, 360) * _DAY
        latest = ref - 400 * _DAY
        if joined > latest:
            joined = latest
    earliest = _years_before(dob, -18)
    if joined < earliest:
        joined = earliest
    official: dt.date | None = joined + (365 + rng.randint(0, 45)) * _DAY
    if official is not None and official > ref:
        official = None
    return dob, joined, official


def _duty_texts(rng: random.Random, post: Post, ctx: CellContext, profile: Profile, k: int, ref: dt.date) -> list[str]:
    chosen = rng.sample(post.duties, min(k, len(post.duties)))
    subjects = ctx.subjects or profile.subjects or ("chuyên môn",)
    grade = f"{rng.randint(1, 12)}A{rng.randint(1, 4)}"
    klass = rng.choice(ctx.klasses) if ctx.klasses else f"lớp Cao đẳng K{rng.randint(14, 19)}"
    values = {
        "place": ctx.place,
        "unit": ctx.unit,
        "subject": rng.choice(subjects),
        "klass": klass,
        "grade": grade,
        "n": rng.randint(2, 9),
        "m": rng.randint(1, 12),
        "year": ref.year,
    }
    return [text.format(**values) for text in chosen]


def person(
    rng: random.Random,
    post: Post,
    profile: Profile,
    ctx: CellContext,
    *,
    cell_role: str,
    ref: dt.date,
    max_duties: int,
) -> Person:
    gender = post.gender or ("F" if rng.random() < profile.female_share else "M")
    ethnicity = pick_ethnicity(rng, ctx.mix)
    age = rng.randint(*post.ages)
    dob, joined, official = _dates(rng, age, ref)
    party = ", ".join(p for p in (post.party, cell_role) if p)
    # Very old members may be exempted from activities (miễn sinh hoạt) at their request.
    exempt = age >= 80 and not cell_role and rng.random() < 0.3
    if exempt or max_duties <= 1:
        k = 1
    else:
        k = rng.choice((1, 2, 2, 3) if max_duties >= 3 else (1, 2))
    texts = _duty_texts(rng, post, ctx, profile, k, ref)
    duties: list[tuple[str, dt.date, dt.date | None]] = []
    floor = max(joined, _years_before(dob, -20))
    for i, text in enumerate(texts):
        start = ref - rng.randint(60, 5 * 365) * _DAY
        start = max(start, floor).replace(day=1)
        end: dt.date | None = None
        if i == 2:
            # A third duty is an earlier one, now finished: shows dated duties with an end.
            end = max(start, ref - rng.randint(200, 700) * _DAY)
            start = max(floor, end - rng.randint(365, 3 * 365) * _DAY).replace(day=1)
        duties.append((text, start, end))
    return Person(
        full_name=person_name(rng, ethnicity, gender),
        gender=gender,
        ethnicity=ethnicity,
        date_of_birth=dob,
        joined_on=joined,
        official_on=official,
        party_position=party,
        government_position=post.title,
        is_key_leader=post.key_leader or cell_role == CELL_SECRETARY,
        is_exempt=exempt,
        duties=duties,
    )


def cell_people(
    rng: random.Random,
    profile: Profile,
    size: int,
    ctx: CellContext,
    *,
    ref: dt.date,
    max_duties: int = 2,
    lead: tuple[Post, ...] = (),
    extra: tuple[Post, ...] = (),
) -> Iterator[Person]:
    """`size` members: `lead` posts, the profile's heads, `extra` posts, then staff drawn by weight."""
    fixed = list(lead) + list(profile.heads) + list(extra)
    roles = cell_roles(size)
    for i in range(size):
        post = fixed[i] if i < len(fixed) else rng.choice(profile.staff_weighted)
        # The leaders of the party committee above (Bí thư, Phó Bí thư Đảng ủy) do not also lead the cell.
        takes_role = bool(roles) and not post.party.startswith(("Bí thư", "Phó Bí thư"))
        role = roles.pop(0) if takes_role else ""
        yield person(rng, post, profile, ctx, cell_role=role, ref=ref, max_duties=max_duties)
