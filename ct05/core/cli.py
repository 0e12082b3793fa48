"""Argument types shared by the `ct05` management commands (argparse turns their errors into the usual
"argument --x: …" message, a CommandError when called from code). `--org` is `ct05.orgs.cli.org_code`."""

from __future__ import annotations

import argparse
import datetime as dt


def vn_date(value: str) -> dt.date:
    """`--date dd/mm/yyyy`."""
    try:
        return dt.datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{value}” không phải ngày dạng dd/mm/yyyy.") from None
