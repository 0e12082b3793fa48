"""Precomputed figures per organization subtree and year (issue 7), what makes them stale, and the risk
weights (data, editable by the province admin)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ct05.orgs.models import Organization


class Rollup(models.Model):
    """The figures of one organization for one year: `own` from the records kept at that unit, `total`
    for its whole subtree (own + the totals of its sub-units). See ct05/dashboard/figures.py for the shape.

    One row per unit and year — monthly and quarterly counters are lists inside the JSON — so the
    dashboard of any unit reads a handful of rows whatever the size of the subtree."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    own = models.JSONField(default=dict)
    total = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="dashboard_rollup_once")]
        indexes = [models.Index(fields=["year", "organization"], name="dashboard_rollup_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.organization_id}"


class StaleUnit(models.Model):
    """A unit whose own figures of a year changed since its rollup was computed: written on commit of any
    write to the records behind the figures (the write services call ct05/dashboard/stale.py), consumed
    by the refresh task, which recomputes the unit and its ancestors."""

    organization_id = models.BigIntegerField()
    year = models.PositiveSmallIntegerField()
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization_id", "year"], name="dashboard_stale_once")]

    def __str__(self) -> str:
        return f"{self.year} {self.organization_id}"


class RiskWeight(models.Model):
    """The weight of one indicator in the risk score that ranks sub-units (0 leaves it out)."""

    code = models.SlugField(_("mã chỉ số"), max_length=40, unique=True)
    weight = models.FloatField(_("trọng số"), default=1.0)

    class Meta:
        ordering = ["code"]
        verbose_name = _("trọng số điểm rủi ro")
        verbose_name_plural = _("trọng số điểm rủi ro")

    def __str__(self) -> str:
        return f"{self.code} × {self.weight}"


class ReportDraft(models.Model):
    """The assessment paragraphs a user edited for a periodic report, kept so that a later download (or
    the background job) uses them."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=16)
    texts = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "organization", "period"], name="dashboard_draft_once")]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.period}"
