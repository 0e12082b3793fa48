"""The weights of the risk score are data: the province admin edits them here (each change audited)."""

from django.contrib import admin

from ct05.core.admin import AuditedAdmin
from ct05.dashboard.models import RiskWeight

admin.site.register(RiskWeight, AuditedAdmin)
