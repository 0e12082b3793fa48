"""The rules of supervision are data: the province admin edits warning rules (thresholds, severity,
effective dates) and the shortcomings vocabulary here, each change audited. A negative threshold is
refused by WarningRule.clean (the admin form calls it) and by a database constraint."""

from django.contrib import admin

from ct05.core.admin import AuditedAdmin
from ct05.supervision.models import Shortcoming, WarningRule


@admin.register(WarningRule)
class WarningRuleAdmin(AuditedAdmin):
    list_display = ["code", "threshold", "severity", "min_count", "enabled", "effective_from", "effective_to"]
    list_filter = ["code", "severity", "enabled"]


@admin.register(Shortcoming)
class ShortcomingAdmin(AuditedAdmin):
    list_display = ["text", "rule_codes", "order", "active"]
    list_editable = ["order", "active"]
