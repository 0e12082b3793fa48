"""The yearly cycle of the demo, called by `ct05 seed demo` after the org tree and the records.

`seed_demo_cycle`: this year's topics and calendar, and registrations of the demo members in every state of
the workflow, with a realistic mix: specific ones, generic ones, a few copied with small edits, some linked
to duties and some not. Written through the services (audit trail, fingerprints, pairs as in real use).

`seed_demo_cycle_history`: a past year's registrations, closed, for the year-on-year figures.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, TextIO

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ct05.cycle import quality
from ct05.cycle.models import CheckIn, Commitment, Registration
from ct05.cycle.services import followup, registrations
from ct05.cycle.services.analysis import analyze
from ct05.cycle.services.registrations import CommitmentInput
from ct05.orgs.models import Member, Organization
from ct05.seed.commitments import FOCUS, SEED, commitment_items, seed_topics

# Planned shares of each final state (cumulative order matters: later states pass through earlier ones).
STATES = (
    ("none", 8),
    ("draft", 10),
    ("submitted", 14),
    ("returned", 6),
    ("accepted", 32),
    ("self_assessed", 10),
    ("assessed", 12),
    ("locked", 8),
)


def _say(stdout: TextIO | None, line: str) -> None:
    if stdout is not None:
        stdout.write(line + "\n")


def _actor_for(member: Member, secretaries: dict[int, User], admin: User | None) -> Any:
    if member.user is not None and member.user.is_active and rng_own(member):
        return member.user
    return secretaries.get(member.cell_id) or admin


def rng_own(member: Member) -> bool:
    return member.pk % 3 != 0  # two in three members enter their own; the secretary enters for the others


def _state_plan(rng: random.Random, n: int) -> list[str]:
    """A final state for each of n members, in the planned shares, every state at least once when n allows
    (a new user must see each of them), in random order."""
    total = sum(w for _s, w in STATES)
    counts = {s: max(1 if n >= len(STATES) else 0, n * w // total) for s, w in STATES}
    largest = max(STATES, key=lambda sw: sw[1])[0]
    counts[largest] += n - sum(counts.values())
    plan = [s for s, k in counts.items() for _ in range(k)]
    rng.shuffle(plan)
    return plan


def seed_demo_cycle(*, year: int, stdout: TextIO | None = None) -> None:
    """This year's topics and the demo members' registrations in every state (idempotent per member)."""
    from ct05.access.models import Role, RoleAssignment

    rng = random.Random(SEED + year)
    province = Organization.objects.filter(parent__isnull=True).order_by("pk").first()
    ward = Organization.objects.filter(code="PMT").first()
    seed_topics(year=year, ward=ward, province=province)
    admin = (
        User.objects.filter(roles__role=Role.PROVINCE_ADMIN, is_active=True).order_by("pk").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )
    secretaries = {
        a.organization_id: a.user
        for a in RoleAssignment.objects.filter(role=Role.CELL_SECRETARY).select_related("user")
    }
    members = list(
        Member.objects.filter(status=Member.Status.ACTIVE)
        .select_related("cell", "user")
        .prefetch_related("duties")
        .order_by("cell__path", "sort_key")
    )
    today = timezone.localdate()
    quarters = [q for q in (1, 2, 3, 4) if dt.date(year, 3 * q - 2, 1) <= today] or [1]
    pools: dict[int, list[str]] = {}
    counts: dict[str, int] = {}
    from ct05.cycle.models import RatingLevel

    levels = list(RatingLevel.objects.order_by("rank"))
    done = set(Registration.objects.filter(year=year, member__isnull=False).values_list("member_id", flat=True))
    members = [m for m in members if m.pk not in done]
    plans = {m.pk: commitment_items(rng, m, year, pools.setdefault(m.cell_id, [])) for m in members}
    # The year's baseline (topic texts + phrases most members share) as the analysis would compute it, so
    # that stock phrases are judged generic rather than "copied" from the first registration on.
    quality.baseline_store(year=year, corpus=[i.content for items in plans.values() for i in items])
    states = _state_plan(rng, len(members))
    for member, state in zip(members, states, strict=True):
        if member.user is not None and member.user.username == "dangvien":
            state = "accepted"  # the demo member sees the follow-up screens at once
        counts[state] = counts.get(state, 0) + 1
        if state == "none":
            continue
        actor = _actor_for(member, secretaries, admin)
        manager = secretaries.get(member.cell_id) or admin
        if manager.pk == member.user_id:
            manager = admin  # nobody reviews their own registration (issue 12): the secretary's goes up a level
        with transaction.atomic():
            reg = registrations.registration_create(actor=actor, year=year, member=member)
            reg = registrations.registration_save(
                actor=actor, registration=reg, version=reg.version, commitments=plans[member.pk]
            )
            if state == "draft":
                continue
            reg = registrations.registration_submit(actor=actor, registration=reg, version=reg.version)
            if state == "submitted":
                continue
            if state == "returned":
                registrations.registration_return(
                    actor=manager,
                    registration=reg,
                    version=reg.version,
                    comment="Nội dung còn chung chung; ghi rõ số lượng và thời hạn.",
                )
                continue
            review = min(today, dt.date(year, 4, 10)) if reg.track == Registration.Track.KEY_LEADER else None
            reg = registrations.registration_accept(
                actor=manager, registration=reg, version=reg.version, cell_review_on=review
            )
            for c in reg.commitments.all():
                for q in quarters[: rng.randint(0, len(quarters))]:
                    followup.checkin_record(
                        actor=actor,
                        commitment=c,
                        quarter=q,
                        percent=min(100, 25 * q),
                        progress=f"Quý {q}: đã thực hiện theo kế hoạch",
                        evidence="Sổ theo dõi",
                    )
            if state == "accepted":
                continue
            results = [
                followup.SelfResultInput(c.pk, rng.choice(["done", "done", "partly", "not"]), "Sổ theo dõi")
                for c in reg.commitments.all()
            ]
            reg = followup.registration_self_assess(
                actor=actor,
                registration=reg,
                version=reg.version,
                results=results,
                summary="Cơ bản hoàn thành nội dung đã đăng ký.",
            )
            if state == "self_assessed":
                continue
            reg = followup.registration_assess(
                actor=manager,
                registration=reg,
                version=reg.version,
                rating=rng.choice(levels[:3]),
                comment="Chi bộ thống nhất nhận xét.",
            )
            if state == "locked":
                followup.registration_lock(actor=manager, registration=reg, version=reg.version)
    if ward is not None and not Registration.objects.filter(member__isnull=True, organization=ward, year=year).exists():
        officer = User.objects.filter(roles__role=Role.COMMITTEE_OFFICER, roles__organization=ward).first() or admin
        plan = registrations.registration_create(actor=officer, year=year, organization=ward)
        registrations.registration_save(
            actor=officer,
            registration=plan,
            version=plan.version,
            commitments=[
                CommitmentInput(
                    content=FOCUS[1], deadline=dt.date(year, 12, 15), measures="Phân công từng đảng ủy viên"
                )
            ],
        )
    analyze(year=year)
    _say(stdout, f"  đăng ký làm theo năm {year}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


# Last year's reviews, as a cell's records hold them: rating names by rank (1 = best) and comments.
_COMMENTS = (
    "Hoàn thành tốt các nội dung đăng ký, có sổ theo dõi và minh chứng đầy đủ.",
    "Hoàn thành phần lớn nội dung; việc báo cáo tiến độ hằng quý còn chậm.",
    "Một số nội dung còn chung chung, chưa có minh chứng; cần đăng ký cụ thể hơn.",
    "Chưa hoàn thành nội dung gắn với nhiệm vụ chuyên môn; cần tự soi, tự sửa trong năm tới.",
)


def seed_demo_cycle_history(*, year: int, stdout: TextIO | None = None) -> None:
    """A past year's registrations of the demo members, closed (assessed and locked), with self-assessed
    results and the cell's rating and comment: what this year's "tự soi, tự sửa" panel and the dashboard's
    year-on-year comparison read. History is load data (bulk, no audit trail), then analysed like any year."""
    from ct05.cycle.models import RatingLevel

    if Registration.objects.filter(year=year).exists():
        return
    rng = random.Random(SEED + year)
    province = Organization.objects.filter(parent__isnull=True).order_by("pk").first()
    seed_topics(year=year, ward=Organization.objects.filter(code="PMT").first(), province=province)
    levels = list(RatingLevel.objects.order_by("rank"))
    closed = timezone.make_aware(dt.datetime(year, 12, 20, 9, 0))
    members = list(
        Member.objects.filter(status=Member.Status.ACTIVE, joined_on__lt=dt.date(year, 1, 1))
        .select_related("cell")
        .prefetch_related("duties")
        .order_by("cell__path", "sort_key")
    )
    pools: dict[int, list[str]] = {}
    with transaction.atomic():
        regs = Registration.objects.bulk_create(
            [
                Registration(
                    year=year,
                    member=m,
                    organization_id=m.cell_id,
                    status=Registration.Status.LOCKED,
                    submitted_at=closed - dt.timedelta(days=260),
                    reviewed_at=closed - dt.timedelta(days=255),
                    self_assessed_at=closed - dt.timedelta(days=10),
                    assessed_at=closed,
                    locked_at=closed,
                )
                for m in members
                if rng.random() < 0.9  # a few did not register that year
            ]
        )
        if regs and regs[0].pk is None:
            regs = list(Registration.objects.filter(year=year).order_by("pk"))
        by_member = {m.pk: m for m in members}
        commitments: list[Commitment] = []
        for reg in regs:
            member = by_member[reg.member_id]
            items = commitment_items(rng, member, year, pools.setdefault(member.cell_id, []))
            results = [rng.choices(("done", "partly", "not"), (70, 20, 10))[0] for _ in items]
            rank = 1 if all(r == "done" for r in results) else 2 if results.count("not") == 0 else 3
            reg.rating = levels[min(rank, len(levels)) - 1] if levels else None
            reg.cell_comment = _COMMENTS[min(rank + (1 if "not" in results else 0), 4) - 1]
            reg.self_summary = "Cơ bản hoàn thành các nội dung đã đăng ký." if rank < 3 else "Còn nội dung chưa làm."
            for k, (item, result) in enumerate(zip(items, results, strict=True)):
                commitments.append(
                    Commitment(
                        registration=reg,
                        position=k + 1,
                        content=item.content,
                        duty_id=item.duty_id,
                        standard=item.standard,
                        measures=item.measures,
                        milestones=item.milestones,
                        deadline=item.deadline,
                        expected_result=item.expected_result,
                        self_result=result,
                        self_evidence={"done": "Sổ theo dõi, biên bản", "partly": "Mới làm được một phần"}.get(
                            result, ""
                        ),
                    )
                )
        Registration.objects.bulk_update(regs, ["rating", "cell_comment", "self_summary"])
        commitments = Commitment.objects.bulk_create(commitments)
        if commitments and commitments[0].pk is None:
            commitments = list(Commitment.objects.filter(registration__year=year).order_by("pk"))
        # Quarterly progress, as a closed year has it: most members reported every quarter, some skipped.
        reported = {r.pk for r in regs if rng.random() < 0.85}
        CheckIn.objects.bulk_create(
            [
                CheckIn(
                    commitment=c,
                    quarter=q,
                    progress=f"Quý {q}: đã thực hiện theo kế hoạch",
                    evidence="Sổ theo dõi",
                    percent=min(100, 25 * q),
                )
                for c in commitments
                if c.registration_id in reported
                for q in (1, 2, 3, 4)
                if q < 4 or c.self_result != "not"
            ]
        )
    summary = analyze(year=year)
    _say(stdout, f"  năm {year}: {len(regs)} bản đăng ký đã khóa sổ, {summary['commitments']} nội dung")
