"""`--org CODE` for the `ct05` management commands (the other shared argument types are in `ct05.core.cli`)."""

from __future__ import annotations

import argparse

from ct05.orgs.models import Organization


def org_code(value: str) -> Organization:
    """`--org CODE`: the organization with that code, whatever its case."""
    code = value.strip()
    org = Organization.objects.select_related("parent").filter(code__iexact=code).first() if code else None
    if org is None:
        raise argparse.ArgumentTypeError(f"không có tổ chức đảng mã “{code}”.")
    return org
