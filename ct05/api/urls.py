"""/api/…: the operations, /api/openapi.json, the docs page /api/docs, and the user's token page
/api/tokens/ (URL namespace "api")."""

from django.urls import path

from ct05.api import views_tokens
from ct05.api.main import api

app_name = "api"
urlpatterns = [
    *api.urls[0],
    path("tokens/", views_tokens.token_page, name="tokens"),
    path("tokens/<int:pk>/revoke", views_tokens.token_revoke_view, name="token_revoke"),
]
