"""Uniform versus personal (issue 16, item 5).

A rule handed down to every member of a unit ("Không uống rượu bia trong giờ làm việc" in everyone's
registration, or an item of the unit's own plan) is checkable but not personal. It is neither the member's
own deed nor a copy between members: it gets a flag of its own, which supervisors see as such.

    from ct05.textcheck import uniform_items
    found = uniform_items(texts_of_one_unit, plan_texts=(unit_plan,))
    found[i]  # -> tuple of UniformItem(text, source, members) for texts[i]; source is "plan" or "shared"
    # Copies between members are then looked for without these items:
    find_pairs(texts, template_texts=(directive, topic, *uniform_templates(found)))

An item is uniform when, after normalization, the same item is in the registrations of at least
``min_members`` members and of at least ``min_share`` of the unit, or when most of its two-syllable phrases
(``plan_share``) are in the unit's plan.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .normalize import tokenize

MIN_MEMBERS = 3
MIN_SHARE = 0.3
PLAN_SHARE = 0.8
MIN_ITEM_SYLLABLES = 4  # shorter pieces ("Về đạo đức:") are not items

_ITEM_SPLIT_RE = re.compile(r"[;\n\r]+|(?<=[^\d\s.])\.\s+|\s(?=\d{1,2}[.)]\s)")
_BULLET_RE = re.compile(r"^\s*(?:[-+•*]|\d{1,2}[.)]|[a-eđ]\))\s*")


@dataclass(frozen=True)
class UniformItem:
    text: str  # the item as this member wrote it
    source: str  # "plan": from the unit's plan; "shared": the same item in many members' registrations
    members: int  # how many of the unit's registrations hold it

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "source": self.source, "members": self.members}


@lru_cache(maxsize=65536)
def _tokens(item: str) -> tuple[str, ...]:
    # A unit's members write the same items over and over: each distinct item is tokenized once.
    return tuple(tokenize(item))


def _key(item: str) -> str:
    return " ".join(_tokens(item))


def items_of(text: str) -> list[str]:
    """The items of a registration: pieces between ";", new lines, sentence ends and list numbers."""
    out: list[str] = []
    for piece in _ITEM_SPLIT_RE.split(text):
        piece = _BULLET_RE.sub("", piece).strip(" \t.,:")
        if len(_tokens(piece)) >= MIN_ITEM_SYLLABLES:
            out.append(piece)
    return out


def _bigrams(tokens: Sequence[str]) -> set[str]:
    return {f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)}


def uniform_items(
    texts: Sequence[str],
    *,
    plan_texts: Iterable[str] = (),
    min_members: int = MIN_MEMBERS,
    min_share: float = MIN_SHARE,
    plan_share: float = PLAN_SHARE,
) -> list[tuple[UniformItem, ...]]:
    """For each registration of one unit, its items that are uniform rather than personal."""
    plan: set[str] = set()
    for p in plan_texts:
        plan |= _bigrams(tokenize(p))
    keyed: list[list[tuple[str, str, tuple[str, ...]]]] = []
    members: dict[str, set[int]] = {}
    for i, text in enumerate(texts):
        row = []
        for item in items_of(text):
            tokens = _tokens(item)
            key = " ".join(tokens)
            row.append((item, key, tokens))
            members.setdefault(key, set()).add(i)
        keyed.append(row)
    need = max(min_members, math.ceil(min_share * len(texts)))
    out: list[tuple[UniformItem, ...]] = []
    for row in keyed:
        found: list[UniformItem] = []
        for item, key, tokens in row:
            count = len(members[key])
            grams = _bigrams(tokens)
            if plan and grams and len(grams & plan) / len(grams) >= plan_share:
                found.append(UniformItem(item, "plan", count))
            elif count >= need:
                found.append(UniformItem(item, "shared", count))
        out.append(tuple(found))
    return out


def uniform_templates(found: Sequence[tuple[UniformItem, ...]]) -> tuple[str, ...]:
    """The distinct uniform items, to pass as ``template_texts`` so they never make two members copies."""
    seen: dict[str, str] = {}
    for row in found:
        for u in row:
            seen.setdefault(_key(u.text), u.text)
    return tuple(seen.values())


def uniform_commitments(
    registrations: Sequence[Sequence[str]],
    *,
    plan_texts: Iterable[str] = (),
    min_members: int = MIN_MEMBERS,
    min_share: float = MIN_SHARE,
) -> list[list[str]]:
    """For the registrations of one unit, each a list of commitments: per commitment "plan" (its items are in
    the unit's plan or standards), "shared" (its items are in many members' registrations) or "" (personal).

    A commitment is uniform only when every item of it is: one personal deed beside a shared rule keeps it
    the member's own."""
    texts = ["\n".join(commitments) for commitments in registrations]
    found = uniform_items(texts, plan_texts=plan_texts, min_members=min_members, min_share=min_share)
    out: list[list[str]] = []
    for commitments, flags in zip(registrations, found, strict=True):
        source = {_key(u.text): u.source for u in flags}
        row = []
        for text in commitments:
            keys = [_key(item) for item in items_of(text)]
            if keys and all(k in source for k in keys):
                row.append("plan" if any(source[k] == "plan" for k in keys) else "shared")
            else:
                row.append("")
        out.append(row)
    return out
