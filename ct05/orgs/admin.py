from django.contrib import admin
from django.http import HttpRequest

from ct05.core.admin import AuditedAdmin
from ct05.orgs.models import Organization, OrgKind, Sector


@admin.register(OrgKind)
class OrgKindAdmin(AuditedAdmin):
    list_display = ["code", "name", "level", "is_cell", "is_grassroots", "effective_from", "effective_to"]


@admin.register(Sector)
class SectorAdmin(AuditedAdmin):
    list_display = ["code", "name", "effective_from", "effective_to"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    """Read-only here: the tree changes through the CT05 pages so that history and paths stay right."""

    list_display = ["code", "name", "kind", "parent", "active_from", "active_to"]
    search_fields = ["code", "search_text"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
