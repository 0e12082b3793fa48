"""The yearly cycle at province scale, called by `ct05 seed province` after the tree and the records:
~50,000 registrations × ~5 commitments in bulk, then the background analysis.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TextIO

from django.db import transaction

from ct05.cycle.models import Commitment, Registration
from ct05.cycle.services.analysis import analyze
from ct05.orgs.models import Duty, Member, Organization
from ct05.seed.bulk import statistics_refresh
from ct05.seed.commitments import GENERIC, SEED, edited_copy, seed_topics, specific_text


def _say(stdout: TextIO | None, line: str) -> None:
    if stdout is not None:
        stdout.write(line + "\n")


def seed_province_cycle(
    *, year: int, stdout: TextIO | None = None, per_member: int = 5, batch: int = 5000, run_analysis: bool = True
) -> None:
    """Province scale: one registration (bulk, no audit: load data) per active member, ~5 commitments each,
    then the background analysis fills in verdicts, fingerprints, pairs and indicators (`run_analysis=False`
    leaves that to the caller: bench/cycle times it on its own).

    The mix is the demo's, written from each member's own duties and cell (as `seed_demo_cycle`):
    ~30 % stock phrases (identical across the province), ~6 % copies with small edits (mostly of a colleague
    in the same cell), the rest specific, two in three linked to one of the member's duties.
    """
    rng = random.Random(SEED)
    province = Organization.objects.filter(parent__isnull=True).order_by("pk").first()
    seed_topics(year=year, ward=None, province=province)
    have = set(Registration.objects.filter(year=year, member__isnull=False).values_list("member_id", flat=True))
    members = Member.objects.filter(status=Member.Status.ACTIVE).exclude(pk__in=have).values_list("pk", "cell_id")
    places = {
        pk: name.replace("Chi bộ ", "")
        for pk, name in Organization.objects.filter(kind__is_cell=True).values_list("pk", "name")
    }
    statuses = ["submitted", "accepted", "accepted", "accepted", "self_assessed", "draft"]
    by_cell: dict[int, list[str]] = {}  # the last specific texts written in each cell: what a colleague copies
    pool: list[str] = []
    total = 0
    chunk: list[tuple[int, int]] = []

    def flush() -> None:
        nonlocal total
        ids = [m for m, _c in chunk]
        duties: dict[int, list[tuple[int, str]]] = {}
        for pk, member_id, text in Duty.objects.filter(member_id__in=ids, ended_on__isnull=True).values_list(
            "pk", "member_id", "text"
        ):
            duties.setdefault(member_id, []).append((pk, text))
        regs = [Registration(year=year, member_id=m, organization_id=c, status=rng.choice(statuses)) for m, c in chunk]
        with transaction.atomic():
            Registration.objects.bulk_create(regs, batch_size=2000)
            regs = list(Registration.objects.filter(year=year, member_id__in=ids))
            commitments = []
            for reg in regs:
                own = duties.get(reg.member_id, [])
                colleagues = by_cell.setdefault(reg.organization_id, [])
                for k in range(rng.randint(per_member - 2, per_member + 2)):
                    roll = rng.random()
                    duty = rng.choice(own) if own and rng.random() < 0.65 else None
                    if roll < 0.3:
                        text = rng.choice(GENERIC)
                        duty = None if rng.random() < 0.7 else duty
                    elif roll < 0.36 and (colleagues or pool):
                        text = edited_copy(rng, rng.choice(colleagues if colleagues and rng.random() < 0.8 else pool))
                    else:
                        place = places.get(reg.organization_id, "địa bàn")
                        text = specific_text(rng, year, duty[1] if duty else None, place)
                        colleagues.append(text)
                        del colleagues[:-10]
                        if len(pool) < 5000:
                            pool.append(text)
                    commitments.append(
                        Commitment(
                            registration=reg,
                            position=k + 1,
                            content=text,
                            duty_id=duty[0] if duty else None,
                            deadline=dt.date(year, 12, 15) if roll >= 0.3 else None,
                        )
                    )
            Commitment.objects.bulk_create(commitments, batch_size=5000)
        total += len(chunk)
        _say(stdout, f"  {total} bản đăng ký")
        chunk.clear()

    for row in members.iterator(chunk_size=batch):
        chunk.append(row)
        if len(chunk) >= batch:
            flush()
    if chunk:
        flush()
    if not run_analysis:
        return
    statistics_refresh()
    summary = analyze(year=year)
    _say(
        stdout,
        f"  phân tích: {summary['commitments']} nội dung, {summary['pairs']} cặp giống nhau, "
        f"{summary['seconds']['total']} giây",
    )
