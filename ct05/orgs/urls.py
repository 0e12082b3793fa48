from django.urls import path

from ct05.orgs import views

urlpatterns = [
    path("to-chuc/", views.org_tree, name="org_tree"),
    path("to-chuc/<int:pk>/", views.org_detail, name="org_detail"),
    path("dang-vien/", views.member_list, name="member_list"),
    path("dang-vien/<int:pk>/", views.member_detail, name="member_detail"),
    path("dang-vien/<int:pk>/sua/", views.member_edit, name="member_edit"),
    path("dang-vien/<int:pk>/nhiem-vu/", views.duty_add, name="duty_add"),
]
