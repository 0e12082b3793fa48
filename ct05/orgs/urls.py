from django.urls import path

from ct05.orgs.views import exchange, manage, members, organizations

app_name = "orgs"

urlpatterns = [
    path("to-chuc/", organizations.org_tree, name="org_tree"),
    path("to-chuc/<int:pk>/", organizations.org_detail, name="org_detail"),
    path("to-chuc/<int:pk>/them-don-vi/", manage.org_add_child, name="org_add_child"),
    path("to-chuc/<int:pk>/sua/", manage.org_edit, name="org_edit"),
    path("to-chuc/<int:pk>/chuyen/", manage.org_move, name="org_move"),
    path("to-chuc/<int:pk>/hop-nhat/", manage.org_merge, name="org_merge"),
    path("to-chuc/<int:pk>/chia-tach/", manage.org_split, name="org_split"),
    path("to-chuc/<int:pk>/them-dang-vien/", manage.member_add, name="member_add"),
    path("to-chuc/nhap/", exchange.org_import, name="org_import"),
    path("to-chuc/nhap/mau/", exchange.org_import_template, name="org_import_template"),
    path("to-chuc/xuat/", exchange.org_export, name="org_export"),
    path("dang-vien/", members.member_list, name="member_list"),
    path("dang-vien/<int:pk>/", members.member_detail, name="member_detail"),
    path("dang-vien/<int:pk>/sua/", members.member_edit, name="member_edit"),
    path("dang-vien/<int:pk>/nhiem-vu/", members.duty_add, name="duty_add"),
    path("dang-vien/nhap/", exchange.member_import, name="member_import"),
    path("dang-vien/nhap/mau/", exchange.member_import_template, name="member_import_template"),
    path("dang-vien/xuat/", exchange.member_export, name="member_export"),
]
