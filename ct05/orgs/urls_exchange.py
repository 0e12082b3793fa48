"""Import and export of the org tree and the member register (.xlsx / .csv)."""

from django.urls import path

urlpatterns: list = []
