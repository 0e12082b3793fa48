from django.contrib import admin

from ct05.access.models import RoleAssignment
from ct05.core.admin import AuditedAdmin


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedAdmin):
    list_display = ["user", "role", "organization", "recursive", "valid_from", "valid_until"]
    list_filter = ["role"]
    search_fields = ["user__username", "organization__name", "organization__code"]
    autocomplete_fields = ["organization"]
