"""Reads of the yearly cycle. Every function takes the acting user and returns only what the access
resolver lets that user see (ct05.cycle.access wraps `member_q` and `org_scope`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, When
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from ct05.access.models import Role
from ct05.access.resolver import Action, member_q, org_scope, roles_of
from ct05.core import clock
from ct05.core.text import fold
from ct05.cycle import quality
from ct05.cycle.access import registration_q
from ct05.cycle.models import (
    CellIndicator,
    CheckIn,
    Commitment,
    CycleYear,
    Notification,
    Registration,
    SimilarPair,
    Topic,
)
from ct05.orgs.models import Member, Organization


def current_year() -> int:
    return clock.today().year


@dataclass
class RegistrationFilters:
    year: int
    org: Organization | None = None
    status: str = ""
    track: str = ""
    query: str = ""
    quality: str = ""  # "generic" | "copied" | "no_duty" | "no_deadline"


def registration_list(*, user: Any, filters: RegistrationFilters, action: Action = "view") -> QuerySet[Registration]:
    qs = (
        Registration.objects.filter(registration_q(user, action), year=filters.year)
        .select_related("member", "organization", "rating")
        .annotate(
            n_commitments=Count("commitments", distinct=True),
            n_generic=Count("commitments", filter=Q(commitments__verdict="generic"), distinct=True),
            n_copied=Count("commitments", filter=Q(commitments__max_similarity__isnull=False), distinct=True),
        )
    )
    if filters.org is not None:
        qs = qs.filter(organization__path__startswith=filters.org.path)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.track:
        qs = qs.filter(track=filters.track)
    if filters.query:
        for word in fold(filters.query).split():
            qs = qs.filter(Q(member__search_text__contains=word) | Q(organization__search_text__contains=word))
    if filters.quality == "generic":
        qs = qs.filter(commitments__verdict="generic").distinct()
    elif filters.quality == "copied":
        qs = qs.filter(commitments__max_similarity__isnull=False).distinct()
    elif filters.quality == "no_duty":
        qs = qs.filter(member__isnull=False, commitments__duty__isnull=True).distinct()
    elif filters.quality == "no_deadline":
        qs = qs.filter(commitments__deadline__isnull=True, commitments__milestones="").distinct()
    return qs.order_by("organization__path", "member__sort_key", "id")


def registration_get(*, user: Any, pk: int, action: Action = "view") -> Registration:
    """The registration, or 404 when the user may not see (or act on) it: as if it did not exist."""
    qs = Registration.objects.filter(registration_q(user, action)).select_related(
        "member", "member__user", "organization", "rating", "entered_by", "submitted_by", "reviewed_by", "term_plan"
    )
    try:
        return qs.get(pk=pk)
    except Registration.DoesNotExist:
        raise Http404 from None


def registration_for_action(*, user: Any, pk: int) -> Registration:
    """For a write: the owner's own registration or one the user manages; anything else is 404."""
    reg = registration_get(user=user, pk=pk)
    from ct05.cycle.access import is_owner, may_manage

    if not (is_owner(user, reg) or may_manage(user, reg)):
        raise Http404
    return reg


def commitments_of(*, registration: Registration) -> QuerySet[Commitment]:
    return registration.commitments.select_related("duty").prefetch_related(
        Prefetch("checkins", queryset=CheckIn.objects.order_by("quarter"))
    )


def member_for_registration(*, user: Any, pk: int) -> Member:
    """The member a registration may be created for: oneself or a member the user manages; else 404."""
    try:
        return Member.objects.select_related("cell").get(Q(user=user) | member_q(user, "manage"), pk=pk)
    except Member.DoesNotExist:
        raise Http404 from None


def own_member(*, user: Any) -> Member | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.filter(user=user).select_related("cell").first()


def topics_for(*, user: Any, year: int, organization: Organization | None = None) -> QuerySet[Topic]:
    qs = Topic.objects.filter(year_from__lte=year, year_to__gte=year).select_related("organization")
    scope = org_scope(user)
    visible = Q(organization__isnull=True) | scope.q("organization__")
    if organization is not None:
        ancestors = [int(s) for s in organization.path.strip("/").split("/") if s]
        visible |= Q(organization_id__in=ancestors)
    # National theme, then the province's topic, then the unit's focus (the level codes sort otherwise).
    rank = Case(*(When(level=code, then=n) for n, code in enumerate(Topic.Level.values)), default=len(Topic.Level))
    return qs.filter(visible).order_by(rank, "title")


def calendar(*, year: int) -> CycleYear:
    return CycleYear.objects.filter(year=year).first() or CycleYear.default_for(year)


# Near-duplicates as the user may see them ------------------------------------------------------------


@dataclass
class MatchView:
    similarity: int  # percent
    visible: bool
    same_cell: bool
    owner: str = ""
    organization: str = ""
    url: str = ""
    other: list[tuple[str, bool]] = field(default_factory=list)
    own: list[tuple[str, bool]] = field(default_factory=list)


def _match_views(
    *, user: Any, own_text: str, own_org_id: int | None, found: list[tuple[int, float, list[Any], list[Any]]]
) -> list[MatchView]:
    """found: (other commitment id, similarity, own spans, other spans)."""
    ids = [f[0] for f in found]
    others = {
        c.pk: c
        for c in Commitment.objects.filter(pk__in=ids).select_related(
            "registration__member", "registration__organization"
        )
    }
    visible = set(
        Registration.objects.filter(
            registration_q(user), pk__in=[c.registration_id for c in others.values()]
        ).values_list("pk", flat=True)
    )
    out: list[MatchView] = []
    for cid, sim, own_spans, other_spans in found:
        c = others.get(cid)
        if c is None:
            continue
        reg = c.registration
        see = reg.pk in visible
        mv = MatchView(
            similarity=round(sim * 100),
            visible=see,
            same_cell=reg.organization_id == own_org_id,
            own=quality.segments(own_text, own_spans),
        )
        if see:
            mv.owner = reg.owner_name
            mv.organization = reg.organization.name
            mv.url = reverse("cycle:registration_detail", args=[reg.pk])
            mv.other = quality.segments(c.content, other_spans)
        out.append(mv)
    return out


@dataclass
class LiveCheck:
    score: int
    verdict: str
    reasons: list[dict[str, str]]
    matches: list[MatchView]
    empty: bool = False


def live_check(
    *,
    user: Any,
    text: str,
    year: int,
    organization: Organization | None,
    duty_text: str | None,
    exclude_registration: int | None,
) -> LiveCheck:
    """What the page shows while a commitment is typed: verdict, reasons, verified near-duplicates."""
    if not text.strip():
        return LiveCheck(0, "", [], [], empty=True)
    baseline = quality.baseline_for(year)
    templates = quality.template_texts_for(year=year, organization=organization)
    judgement = quality.judge(text, duty=duty_text, templates=templates)
    fp = quality.fingerprint_of(text, baseline)
    found = quality.lookup(fp, baseline=baseline, exclude_registration=exclude_registration)
    contents = dict(Commitment.objects.filter(pk__in=[f.commitment_id for f in found]).values_list("pk", "content"))
    detailed = []
    for f in found:
        own_spans, other_spans = quality.spans(text, contents.get(f.commitment_id, ""), baseline)
        detailed.append((f.commitment_id, f.similarity, own_spans, other_spans))
    matches = _match_views(
        user=user, own_text=text, own_org_id=organization.pk if organization else None, found=detailed
    )
    return LiveCheck(judgement.score, judgement.verdict, judgement.reasons, matches)


def stored_matches(*, user: Any, commitment: Commitment) -> list[MatchView]:
    """The verified near-duplicates stored for a commitment (on save, submit, or by the analysis): identical
    copies first (same `text_digest` in the year, those of its own unit first), then the stored pairs, each
    with the overlapping text highlighted."""
    found: list[tuple[int, float, list[Any], list[Any]]] = []
    reg = commitment.registration
    baseline = quality.baseline_for(reg.year)
    sim = commitment.max_similarity
    if sim is not None and sim >= quality.IDENTICAL and commitment.text_digest is not None:
        same = (
            Commitment.objects.filter(text_digest=commitment.text_digest, registration__year=reg.year)
            .exclude(pk=commitment.pk)
            .exclude(registration_id=reg.pk)
            .order_by(Case(When(registration__organization_id=reg.organization_id, then=0), default=1), "pk")
            .values_list("pk", "content")[: quality.MAX_MATCHES]
        )
        peers = [pk for pk, content in same if content == commitment.content]  # else a digest collision (2⁻⁶⁴)
        if peers:
            spans, _same = quality.spans(commitment.content, commitment.content, baseline)
            found += [(pk, 1.0, spans, spans) for pk in peers]
    pairs = SimilarPair.objects.filter(Q(a=commitment) | Q(b=commitment)).order_by("-similarity")
    pairs = pairs[: max(0, quality.MAX_MATCHES - len(found))]
    other_ids = [p.b_id if p.a_id == commitment.pk else p.a_id for p in pairs]
    texts = dict(Commitment.objects.filter(pk__in=other_ids).values_list("pk", "content"))
    for p, other in zip(pairs, other_ids, strict=True):
        own_spans, other_spans = quality.spans(commitment.content, texts.get(other, ""), baseline)
        found.append((other, p.similarity, own_spans, other_spans))
    return _match_views(
        user=user, own_text=commitment.content, own_org_id=commitment.registration.organization_id, found=found
    )


@dataclass(frozen=True)
class PreviousReview:
    """Last year's review of the same member: what this year's commitments should put right."""

    registration: Registration
    rating: str
    cell_comment: str
    self_summary: str
    unfinished: list[Commitment]  # self-assessed "partly" or "not done"


def previous_review(registration: Registration) -> PreviousReview | None:
    """The member's registration of the year before, once it was assessed (by the member or the cell)."""
    if registration.member_id is None:
        return None
    prev = (
        Registration.objects.filter(
            member_id=registration.member_id,
            year=registration.year - 1,
            track=registration.track,
            status__in=["self_assessed", "assessed", "locked"],
        )
        .select_related("rating")
        .first()
    )
    if prev is None:
        return None
    unfinished = list(prev.commitments.filter(self_result__in=["partly", "not"]).order_by("position", "pk"))
    return PreviousReview(
        registration=prev,
        rating=prev.rating.name if prev.rating else "",
        cell_comment=prev.cell_comment,
        self_summary=prev.self_summary,
        unfinished=unfinished,
    )


# Indicators, notifications, attention ------------------------------------------------------------------


def indicator_list(*, user: Any, year: int, org: Organization | None = None) -> QuerySet[CellIndicator]:
    qs = CellIndicator.objects.filter(org_scope(user).q("organization__"), year=year).select_related(
        "organization__parent"
    )
    if org is not None:
        qs = qs.filter(organization__path__startswith=org.path)
    return qs.order_by("organization__path")


def notification_list(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(user=user)
    return qs.filter(read_at__isnull=True) if unread_only else qs


@dataclass(frozen=True)
class AttentionItem:
    message: str
    count: int
    url: str


def cycle_attention(*, user: Any, today: dt.date | None = None) -> list[AttentionItem]:
    """For the home page: what of the yearly cycle needs this user's attention now."""
    today = today or clock.today()
    year = today.year
    items: list[AttentionItem] = []
    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    if unread:
        items.append(AttentionItem(_("thông báo mới về đăng ký làm theo"), unread, reverse("cycle:notifications")))
    me = own_member(user=user)
    if me is not None and me.status == Member.Status.ACTIVE:
        reg = Registration.objects.filter(member=me, year=year).first()
        if reg is None:
            items.append(
                AttentionItem(
                    _("bạn chưa có bản đăng ký làm theo năm %(y)s") % {"y": year}, 1, reverse("cycle:my_registration")
                )
            )
        elif reg.status == Registration.Status.RETURNED:
            items.append(
                AttentionItem(
                    _("bản đăng ký của bạn bị trả lại, cần sửa và nộp lại"),
                    1,
                    reverse("cycle:registration_detail", args=[reg.pk]),
                )
            )
        elif reg.status == Registration.Status.DRAFT:
            items.append(
                AttentionItem(
                    _("bản đăng ký của bạn còn là bản nháp, chưa nộp"),
                    1,
                    reverse("cycle:registration_detail", args=[reg.pk]),
                )
            )
    manages = any(a.role in {Role.CELL_SECRETARY, Role.COMMITTEE_OFFICER, Role.PROVINCE_ADMIN} for a in roles_of(user))
    if manages or getattr(user, "is_superuser", False):
        base = Registration.objects.filter(registration_q(user, "manage"), year=year)
        waiting = base.filter(status=Registration.Status.SUBMITTED).count()
        url = reverse("cycle:registration_list")
        if waiting:
            items.append(
                AttentionItem(_("bản đăng ký làm theo chờ chi bộ xem xét"), waiting, f"{url}?status=submitted")
            )
        to_assess = base.filter(status=Registration.Status.SELF_ASSESSED).count()
        if to_assess:
            items.append(
                AttentionItem(_("bản đăng ký chờ chi bộ nhận xét, xếp loại"), to_assess, f"{url}?status=self_assessed")
            )
        done = Registration.objects.filter(member=OuterRef("pk"), year=year).exclude(status__in=Registration.EDITABLE)
        missing = (
            Member.objects.filter(member_q(user, "manage"), status=Member.Status.ACTIVE, is_exempt=False)
            .exclude(Exists(done))
            .count()
        )
        if missing and today >= calendar(year=year).registration_due - dt.timedelta(days=30):
            items.append(
                AttentionItem(
                    _("đảng viên chưa nộp bản đăng ký làm theo năm %(y)s") % {"y": year},
                    missing,
                    reverse("cycle:missing"),
                )
            )
    return items


def members_without_registration(*, user: Any, year: int, org: Organization | None = None) -> QuerySet[Member]:
    done = Registration.objects.filter(member=OuterRef("pk"), year=year).exclude(status__in=Registration.EDITABLE)
    qs = Member.objects.filter(member_q(user, "view"), status=Member.Status.ACTIVE, is_exempt=False).exclude(
        Exists(done)
    )
    if org is not None:
        qs = qs.filter(cell__path__startswith=org.path)
    return (
        qs.select_related("cell")
        .annotate(has_draft=Exists(Registration.objects.filter(member=OuterRef("pk"), year=year)))
        .order_by("cell__path", "sort_key")
    )
