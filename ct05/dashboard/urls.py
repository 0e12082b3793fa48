from django.urls import path

from ct05.dashboard.views import dashboard, reports, start

app_name = "dashboard"

urlpatterns = [
    path("", start.start, name="start"),
    path("bang-dieu-khien/", dashboard.dashboard, name="home"),
    path("bang-dieu-khien/<int:pk>/", dashboard.dashboard, name="org"),
    path("bao-cao-dinh-ky/<int:pk>/", reports.report_page, name="report"),
    path("bao-cao-dinh-ky/cong-viec/<int:pk>/", reports.report_job, name="report_job"),
    path("bao-cao-dinh-ky/cong-viec/<int:pk>/tai-ve.<str:fmt>", reports.report_download, name="report_download"),
]
