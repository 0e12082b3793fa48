"""The rules of the routine records are data: the province admin edits them here (each change audited)."""

from django.contrib import admin

from ct05.core.admin import AuditedAdmin
from ct05.records.models import (
    ActivityForm,
    CommendationLevel,
    DocumentType,
    MeetingRequirement,
    RecordSetting,
    StandardCategory,
)

for model in (ActivityForm, CommendationLevel, DocumentType, MeetingRequirement, RecordSetting, StandardCategory):
    admin.site.register(model, AuditedAdmin)
