"""Argument types shared by the `ct05` management commands (argparse turns their errors into the usual
"argument --x: …" message, a CommandError when called from code)."""

from __future__ import annotations

import argparse
import datetime as dt

from ct05.orgs.models import Organization


def vn_date(value: str) -> dt.date:
    """`--date dd/mm/yyyy`."""
    try:
        return dt.datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{value}” không phải ngày dạng dd/mm/yyyy.") from None


def org_code(value: str) -> Organization:
    """`--org CODE`: the organization with that code, whatever its case."""
    code = value.strip()
    org = Organization.objects.select_related("parent").filter(code__iexact=code).first() if code else None
    if org is None:
        raise argparse.ArgumentTypeError(f"không có tổ chức đảng mã “{code}”.")
    return org
