from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("ct05.core.urls")),
    path("", include("ct05.ops.urls")),
    path("", include("ct05.accounts.urls")),
    path("", include("ct05.orgs.urls")),
    path("", include("ct05.cycle.urls")),
    path("", include("ct05.records.urls")),
    path("", include("ct05.supervision.urls")),
    path("", include("ct05.dashboard.urls")),
    path("api/", include("ct05.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),  # configurable (ADMIN_URL), superusers only
]

# A malformed query parameter is a 400 that names it (ct05.core.web.params), not a 500.
handler400 = "ct05.core.views.bad_request"
