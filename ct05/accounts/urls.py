"""Two-factor sign-in and password reset by e-mail (issue 12, item 4)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from ct05.accounts.views.mydata import my_data, my_data_download
from ct05.accounts.views.signin import PasswordResetConfirmView, PasswordResetView
from ct05.accounts.views.two_factor import two_factor

app_name = "accounts"

urlpatterns = [
    path("xac-thuc-hai-buoc/", two_factor, name="two_factor"),
    path("du-lieu-cua-toi/", my_data, name="my_data"),
    path("du-lieu-cua-toi/tai-ve.json", my_data_download, name="my_data_download"),
    path("quen-mat-khau/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("quen-mat-khau/<uidb64>/<token>/", PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path(
        "quen-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
