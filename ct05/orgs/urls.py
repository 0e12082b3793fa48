from django.urls import path

from ct05.orgs import views, views_manage

urlpatterns = [
    path("to-chuc/", views.org_tree, name="org_tree"),
    path("to-chuc/<int:pk>/", views.org_detail, name="org_detail"),
    path("to-chuc/<int:pk>/them-don-vi/", views_manage.org_add_child, name="org_add_child"),
    path("to-chuc/<int:pk>/sua/", views_manage.org_edit, name="org_edit"),
    path("to-chuc/<int:pk>/chuyen/", views_manage.org_move, name="org_move"),
    path("to-chuc/<int:pk>/hop-nhat/", views_manage.org_merge, name="org_merge"),
    path("to-chuc/<int:pk>/chia-tach/", views_manage.org_split, name="org_split"),
    path("to-chuc/<int:pk>/them-dang-vien/", views_manage.member_add, name="member_add"),
    path("dang-vien/", views.member_list, name="member_list"),
    path("dang-vien/<int:pk>/", views.member_detail, name="member_detail"),
    path("dang-vien/<int:pk>/sua/", views.member_edit, name="member_edit"),
    path("dang-vien/<int:pk>/nhiem-vu/", views.duty_add, name="duty_add"),
]
