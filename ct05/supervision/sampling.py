"""Choosing the units a mission visits: a sample of the size asked for, covering different organization
kinds and sectors, weighted by risk. No Django: the selector gathers the candidates and words the reasons.

Greedy: at each step take the candidate with the highest
    risk / max risk  +  KIND_BONUS (its kind not yet in the sample)  +  SECTOR_BONUS (its sector not yet)
    +  TIER_BONUS (its tier — committee or grassroots — is below its share of the sample)
so that a high-risk unit is chosen first and the rest of the sample spreads over kinds and sectors, as the
survey in DESIGN.md did (2 committees directly under the province, 4 grassroots units of different kinds).
Ties go to the name, so the proposal is the same every time for the same data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KIND_BONUS = 0.5
SECTOR_BONUS = 0.5
TIER_BONUS = 1.0
COMMITTEE_SHARE = 1 / 3


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    kind: str
    sector: str
    committee: bool  # a committee above grassroots level (else a grassroots unit)
    risk: float
    risk_reasons: tuple[str, ...] = ()


@dataclass
class Choice:
    candidate: Candidate
    new_kind: bool = False
    new_sector: bool = False
    fills_tier: bool = False
    factors: list[str] = field(default_factory=list)


def choose(candidates: list[Candidate], size: int) -> list[Choice]:
    """Up to `size` candidates, in the order chosen."""
    pool = sorted(candidates, key=lambda c: (c.name, c.id))
    if size <= 0 or not pool:
        return []
    size = min(size, len(pool))
    top = max((c.risk for c in pool), default=0.0) or 1.0
    has_committees = any(c.committee for c in pool) and any(not c.committee for c in pool)
    committee_target = max(1, round(size * COMMITTEE_SHARE)) if has_committees else 0
    chosen: list[Choice] = []
    kinds: set[str] = set()
    sectors: set[str] = set()
    n_committees = 0
    while len(chosen) < size and pool:
        best: tuple[float, Choice] | None = None
        for c in pool:
            new_kind = c.kind not in kinds
            new_sector = bool(c.sector) and c.sector not in sectors
            if has_committees:
                fills = (
                    (n_committees < committee_target)
                    if c.committee
                    else (len(chosen) - n_committees < size - committee_target)
                )
            else:
                fills = False
            score = c.risk / top + KIND_BONUS * new_kind + SECTOR_BONUS * new_sector + TIER_BONUS * fills
            if best is None or score > best[0] + 1e-9:
                best = (score, Choice(c, new_kind=new_kind, new_sector=new_sector, fills_tier=fills))
        assert best is not None
        choice = best[1]
        chosen.append(choice)
        pool.remove(choice.candidate)
        kinds.add(choice.candidate.kind)
        if choice.candidate.sector:
            sectors.add(choice.candidate.sector)
        n_committees += choice.candidate.committee
    return chosen
