from django.contrib.auth import views as auth_views
from django.urls import path

from ct05.accounts.views.signin import PasswordChangeView
from ct05.core import views
from ct05.core.forms import LoginForm

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(template_name="core/login.html", authentication_form=LoginForm),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", PasswordChangeView.as_view(), name="password_change"),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(template_name="core/password_change_done.html"),
        name="password_change_done",
    ),
    path("cong-viec/<int:pk>/", views.job_detail, name="job_detail"),
    path("cong-viec/<int:pk>/tai-ve/", views.job_download, name="job_download"),
]
