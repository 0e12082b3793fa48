"""The one base of rules that are data with effective dates (DESIGN.md section 4): meeting requirements,
warning rules, rating levels, org kinds and sectors, the Quy định 144-QĐ/TW taxonomy, commendation levels,
activity forms, document types and small settings all inherit `EffectiveDated`, so "in force on a day" is
written once. (Organizations are not rules: their working dates are `Organization.objects.active_on(day)`.)

A version is in force on `day` when `effective_from <= day` and it has no end or `day <= effective_to`.
No import of the domain apps: an abstract model has no table of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _


def in_force_q(day: dt.date, prefix: str = "") -> Q:
    """The condition "in force on `day`" on the fields of an `EffectiveDated` (through `prefix`)."""
    return Q(**{f"{prefix}effective_from__lte": day}) & (
        Q(**{f"{prefix}effective_to__isnull": True}) | Q(**{f"{prefix}effective_to__gte": day})
    )


class EffectiveQuerySet(models.QuerySet):
    def in_effect(self, day: dt.date) -> QuerySet[Any]:
        """The versions in force on `day`."""
        return self.filter(in_force_q(day))

    def overlapping(self, start: dt.date, end: dt.date) -> QuerySet[Any]:
        """The versions in force on at least one day of `start`..`end`."""
        return self.filter(Q(effective_from__lte=end), Q(effective_to__isnull=True) | Q(effective_to__gte=start))


class EffectiveDated(models.Model):
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    source = models.CharField(_("căn cứ"), max_length=255, blank=True)

    objects = EffectiveQuerySet.as_manager()

    class Meta:
        abstract = True

    def in_effect_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def effective_errors(self) -> dict[str, str]:
        """The message for an end before the start, keyed by field (subclasses add their own checks)."""
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            return {"effective_to": str(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))}
        return {}

    def clean(self) -> None:
        super().clean()
        errors = self.effective_errors()
        if errors:
            raise ValidationError(errors)
