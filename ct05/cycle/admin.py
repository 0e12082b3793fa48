"""Rules of the cycle that the province admin edits as data: topics, the yearly calendar, rating levels."""

from django.contrib import admin

from ct05.core.admin import AuditedAdmin
from ct05.cycle.models import CycleYear, RatingLevel, Topic


@admin.register(Topic)
class TopicAdmin(AuditedAdmin):
    list_display = ["title", "level", "year_from", "year_to", "organization"]
    list_filter = ["level", "year_from"]
    search_fields = ["title"]
    raw_id_fields = ["organization", "parent"]


@admin.register(CycleYear)
class CycleYearAdmin(AuditedAdmin):
    list_display = ["year", "registration_due", "midyear_review", "self_assessment_due", "cell_assessment_due"]


@admin.register(RatingLevel)
class RatingLevelAdmin(AuditedAdmin):
    list_display = ["rank", "code", "name", "effective_from", "effective_to"]
