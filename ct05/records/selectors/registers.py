"""Reads of the simple registers (good deeds, models, commendations, criticism, activities, documents)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from ct05.access.policy import Record
from ct05.access.resolver import Action, record_q
from ct05.records.models import Activity, Commendation, Criticism, Document, ExemplaryModel, GoodDeed
from ct05.records.selectors._common import ListFilters, apply_filters, get_in_scope

VERIFIED, UNVERIFIED = "verified", "unverified"


def _visible(model: Any, user: Any) -> QuerySet[Any]:
    """The records of `model` the policy lets the user see: their units' in full, or only those about
    themselves (a plain member sees criticism, deeds and commendations about them, never a cell-mate's)."""
    record = RECORDS[next(k for k, m in MODELS.items() if m is model)]
    member_via = "member__" if any(f.name == "member" for f in model._meta.get_fields()) else None
    return model.objects.filter(record_q(user, record, org_via="organization__", member_via=member_via))


def good_deed_list(*, user: Any, filters: ListFilters) -> QuerySet[GoodDeed]:
    qs = apply_filters(_visible(GoodDeed, user), filters, via="organization__", date_field="date")
    if filters.status == VERIFIED:
        qs = qs.exclude(verified_by="")
    elif filters.status == UNVERIFIED:
        qs = qs.filter(verified_by="")
    return qs.select_related("organization", "member")


def exemplary_model_list(*, user: Any, filters: ListFilters) -> QuerySet[ExemplaryModel]:
    qs = apply_filters(
        _visible(ExemplaryModel, user),
        filters,
        via="organization__",
        date_field="started_on",
    )
    if filters.status in ExemplaryModel.Status.values:
        qs = qs.filter(status=filters.status)
    elif filters.status in ExemplaryModel.Kind.values:
        qs = qs.filter(kind=filters.status)
    return qs.select_related("organization", "member").prefetch_related("replications__organization")


def commendation_list(*, user: Any, filters: ListFilters) -> QuerySet[Commendation]:
    qs = apply_filters(
        _visible(Commendation, user),
        filters,
        via="organization__",
        date_field="decision_date",
    )
    if filters.status:
        qs = qs.filter(level__code=filters.status)
    return qs.select_related("organization", "member", "level", "model")


def criticism_list(*, user: Any, filters: ListFilters) -> QuerySet[Criticism]:
    qs = apply_filters(_visible(Criticism, user), filters, via="organization__", date_field="date")
    if filters.status in Criticism.Status.values:
        qs = qs.filter(status=filters.status)
    return qs.select_related("organization", "member")


def activity_list(*, user: Any, filters: ListFilters) -> QuerySet[Activity]:
    qs = apply_filters(_visible(Activity, user), filters, via="organization__", date_field="date")
    if filters.status:
        qs = qs.filter(form__code=filters.status)
    return qs.select_related("organization", "form")


def document_list(*, user: Any, filters: ListFilters) -> QuerySet[Document]:
    qs = apply_filters(_visible(Document, user), filters, via="organization__", date_field="issued_on")
    if filters.status:
        qs = qs.filter(doc_type__code=filters.status)
    return qs.select_related("organization", "doc_type", "file")


RECORDS: dict[str, Record] = {
    "good_deed": Record.GOOD_DEED,
    "exemplary_model": Record.EXEMPLARY_MODEL,
    "commendation": Record.COMMENDATION,
    "criticism": Record.CRITICISM,
    "activity": Record.ACTIVITY,
    "document": Record.DOCUMENT,
}

MODELS: dict[str, Any] = {
    "good_deed": GoodDeed,
    "exemplary_model": ExemplaryModel,
    "commendation": Commendation,
    "criticism": Criticism,
    "activity": Activity,
    "document": Document,
}


def register_get(*, user: Any, kind: str, pk: int, action: Action = "view") -> Any:
    """One record of a simple register, or 404 when its unit is outside the user's scope for `action`."""
    model = MODELS[kind]
    if action != "view":
        return get_in_scope(
            model.objects.select_related("organization"), user=user, pk=pk, via="organization__", action=action
        )
    try:
        return _visible(model, user).select_related("organization").get(pk=pk)
    except model.DoesNotExist:
        raise Http404 from None
