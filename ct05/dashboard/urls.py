from django.urls import path

from ct05.dashboard import views, views_reports

app_name = "dashboard"

urlpatterns = [
    path("", views.start, name="start"),
    path("bang-dieu-khien/", views.dashboard, name="home"),
    path("bang-dieu-khien/<int:pk>/", views.dashboard, name="org"),
    path("bao-cao-dinh-ky/<int:pk>/", views_reports.report_page, name="report"),
    path("bao-cao-dinh-ky/cong-viec/<int:pk>/", views_reports.report_job, name="report_job"),
    path("bao-cao-dinh-ky/cong-viec/<int:pk>/tai-ve.<str:fmt>", views_reports.report_download, name="report_download"),
]
