"""Reads of the yearly cycle. Every function takes the acting user and returns only what the access
resolver lets that user see (ct05.cycle.access wraps `member_q` and `org_scope`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from ct05.access.resolver import Action, member_q
from ct05.core import clock
from ct05.core.text import fold
from ct05.core.web.lists import PER_PAGE
from ct05.cycle.access import registration_q
from ct05.cycle.models import (
    CheckIn,
    Commitment,
    Registration,
)
from ct05.orgs.models import Member, Organization
from ct05.orgs.selectors.members import member_of_user


def current_year() -> int:
    return clock.today().year


@dataclass
class RegistrationFilters:
    year: int
    org: Organization | None = None
    status: str = ""
    track: str = ""
    query: str = ""
    quality: str = ""  # "generic" | "copied" | "uniform" | "no_duty" | "no_deadline"


def registration_list(*, user: Any, filters: RegistrationFilters, action: Action = "view") -> QuerySet[Registration]:
    """The registrations, in book order. Their commitment counts are not in this query: a page of it gets
    them from `with_commitment_counts` (a JOIN + GROUP BY, or a subquery per row, over every registration of
    the province made each page of the list take 1.6 s to 12 s; issue 15)."""
    qs = Registration.objects.filter(registration_q(user, action), year=filters.year).select_related(
        "member", "organization", "rating"
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
    # EXISTS rather than a JOIN + DISTINCT: one row per registration without sorting the whole list twice.
    if filters.quality in QUALITY:
        qs = qs.filter(Exists(Commitment.objects.filter(QUALITY[filters.quality], registration=OuterRef("pk"))))
        if filters.quality == "no_duty":
            qs = qs.filter(member__isnull=False)
    return qs.order_by("organization__path", "member__sort_key", "id")


class BookPaginator(Paginator):
    """Pages of the registration list, which is sorted over three tables (unit's path, member's name key, id):
    the page's ids are sorted alone (the whole rows of 50,000 registrations sorted for an OFFSET made the
    deep pages take seconds; issue 15), from whichever end of the list is nearer — the last page is the
    first 50 of the reversed order, not 50 after 49,950 — and then the page's rows are read by id."""

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        qs = self.object_list
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if bottom > self.count - top:  # nearer the end: the order is total (id last), so reversing is exact
            ids = list(qs.reverse().values_list("pk", flat=True)[self.count - top : self.count - bottom])[::-1]
        else:
            ids = list(qs.values_list("pk", flat=True)[bottom:top])
        rows = {r.pk: r for r in qs.filter(pk__in=ids).order_by()}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


def registration_page(qs: QuerySet[Registration], number: Any, per_page: int = PER_PAGE) -> Page:
    return BookPaginator(qs, per_page).get_page(number)


def with_commitment_counts(registrations: list[Registration]) -> list[Registration]:
    """Each registration with `n_commitments`, `n_generic`, `n_copied` and `n_uniform`: one grouped query for
    the page."""
    counts = (
        Commitment.objects.filter(registration__in=[r.pk for r in registrations])
        .order_by()
        .values("registration")
        .annotate(
            n=Count("pk"),
            generic=Count("pk", filter=Q(verdict="generic")),
            copied=Count("pk", filter=Q(max_similarity__isnull=False, uniform="")),
            uniform=Count("pk", filter=~Q(uniform="")),
        )
    )
    by_id = {row["registration"]: row for row in counts}
    for r in registrations:
        row = by_id.get(r.pk, {})
        r.n_commitments = row.get("n", 0)  # type: ignore[attr-defined]
        r.n_generic = row.get("generic", 0)  # type: ignore[attr-defined]
        r.n_copied = row.get("copied", 0)  # type: ignore[attr-defined]
        r.n_uniform = row.get("uniform", 0)  # type: ignore[attr-defined]
    return registrations


# The quality filters of the list: registrations with at least one commitment that is …
QUALITY = {
    "generic": Q(verdict="generic"),
    "copied": Q(max_similarity__isnull=False, uniform=""),
    "uniform": Q(uniform__in=Commitment.Uniform.values),
    "no_duty": Q(duty__isnull=True),
    "no_deadline": Q(deadline__isnull=True, milestones=""),
}


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


def members_to_register(*, user: Any, year: int, limit: int = 5000) -> list[tuple[Member, bool]]:
    """The active members the user may register on behalf of (cell by cell, in name order), each with
    whether they already have a registration for `year`."""
    managed = Member.objects.filter(member_q(user, "manage"), status=Member.Status.ACTIVE)
    managed = managed.select_related("cell").order_by("cell__path", "sort_key")[:limit]
    done = set(Registration.objects.filter(year=year, member__in=managed).values_list("member_id", flat=True))
    return [(m, m.pk in done) for m in managed]


def own_member(*, user: Any) -> Member | None:
    return member_of_user(user=user)


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
