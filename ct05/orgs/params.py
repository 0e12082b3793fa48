"""The unit a page is about, from `?org=<id>` (or a posted hidden `org`): read with core's parameter rules
(malformed is a 400 with a Vietnamese message) and resolved in the user's scope (outside it is a 404, as if it
did not exist). Every app's views use this rather than parsing `org` themselves."""

from __future__ import annotations

from django.http import HttpRequest

from ct05.access.resolver import Action
from ct05.core.web.params import int_param
from ct05.orgs.models import Organization
from ct05.orgs.selectors.organizations import organization_get


def org_param(request: HttpRequest, action: Action = "view", name: str = "org") -> Organization | None:
    """The unit of `?org=`, or None when not given."""
    pk = int_param(request, name)
    return organization_get(user=request.user, pk=pk, action=action) if pk is not None else None
