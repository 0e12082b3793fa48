"""The org tree and a unit's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ct05.access.policy import Record, Write
from ct05.access.resolver import may_write, org_scope, record_scope
from ct05.core.web.htmx import htmx_template, is_htmx
from ct05.core.web.lists import paginate
from ct05.orgs.models import Organization, OrgKind
from ct05.orgs.selectors import members as member_sel
from ct05.orgs.selectors import organizations as org_sel


@login_required
def org_tree(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    context: dict[str, object] = {"q": query, "kind": kind, "kinds": OrgKind.objects.all()}
    if query or kind:
        results = org_sel.organization_list(user=request.user, query=query, kind=kind)
        context["results"], context["querystring"] = paginate(request, results)
    else:
        context["roots"] = org_sel.organization_roots(user=request.user)
    return render(request, htmx_template(request, "orgs/org_tree.html"), context)


def _abilities(request: HttpRequest, org: Organization) -> dict[str, bool]:
    """The buttons the page shows: the policy's writes, restructuring judged on the parent (issue 12)."""
    user = request.user
    return {
        "edit": may_write(user, Write.ORG_EDIT, org),
        "add_child": not org.kind.is_cell and may_write(user, Write.ORG_RESTRUCTURE, org),
        "add_member": org.kind.is_cell and may_write(user, Write.MEMBER_EDIT, org),
        "restructure": org.parent is not None and may_write(user, Write.ORG_RESTRUCTURE, org.parent),
    }


@login_required
def org_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = org_sel.organization_get(user=request.user, pk=pk)
    if is_htmx(request) and request.GET.get("part") == "children":
        return render(
            request, "orgs/_children.html", {"children": org_sel.organization_children(user=request.user, org=org)}
        )
    members = member_sel.member_list(user=request.user, org=org, query=request.GET.get("q", "")[:100], roster=True)
    members_page, querystring = paginate(request, members)
    visible_ancestors = [a for a in org.ancestors() if org_scope(request.user).contains(a)]
    return render(
        request,
        "orgs/org_detail.html",
        {
            "org": org,
            "ancestors": visible_ancestors,
            "children": org_sel.organization_children(user=request.user, org=org),
            "figures": org_sel.organization_figures(user=request.user, org=org),
            "members": members_page,
            "querystring": querystring,
            "history": org_sel.organization_history(user=request.user, org=org)[:50],
            "can_manage": org_scope(request.user, "manage").contains(org),
            "can": _abilities(request, org),
            "temporary": (
                org_sel.temporary_access_list(user=request.user, org=org)
                if record_scope(request.user, Record.TEMPORARY_ACCESS).contains(org)
                else None
            ),
            "q": request.GET.get("q", ""),
        },
    )
