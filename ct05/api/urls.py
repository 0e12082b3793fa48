"""/api/…: the operations, /api/openapi.json and the docs page /api/docs (URL namespace "api")."""

from ct05.api.main import api

urlpatterns = api.urls[0]
app_name = "api"
