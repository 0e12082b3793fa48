"""Every indicator drills down to a list page that exists, filtered by unit and year."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.urls import resolve

from ct05.dashboard.indicators import INDICATORS
from ct05.dashboard.links import drill


def test_every_indicator_links_to_an_existing_list_page() -> None:
    for indicator in INDICATORS:
        url = drill(indicator.code, org_id=7, year=2025)
        assert url, indicator.code
        parts = urlsplit(url)
        resolve(parts.path)  # raises Resolver404 for a page that is not there
        assert "7" in parts.query, indicator.code


def test_a_code_without_a_list_page_has_no_link() -> None:
    assert drill("cells", org_id=None, year=2025) == ""
