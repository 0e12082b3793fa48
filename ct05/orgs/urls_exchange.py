"""Import and export of the org tree and the member register (.xlsx / .csv)."""

from django.urls import path

from ct05.orgs import views_exchange

urlpatterns = [
    path("to-chuc/nhap/", views_exchange.org_import, name="org_import"),
    path("to-chuc/nhap/mau/", views_exchange.org_import_template, name="org_import_template"),
    path("to-chuc/xuat/", views_exchange.org_export, name="org_export"),
    path("dang-vien/nhap/", views_exchange.member_import, name="member_import"),
    path("dang-vien/nhap/mau/", views_exchange.member_import_template, name="member_import_template"),
    path("dang-vien/xuat/", views_exchange.member_export, name="member_export"),
]
