"""The `ct05 report <kind>` command's registry: each app that produces an official document adds one
entry here — a subcommand name mapped to the dotted path of a handler module.

A handler module defines two functions:

    def add_arguments(parser: argparse.ArgumentParser) -> None   # its own options (-o is added for you)
    def build(options: dict) -> bytes                            # the document's bytes (.docx)

and raises `django.core.management.base.CommandError` with a Vietnamese message on bad input. The command
(ct05/supervision/management/commands/report.py) writes the bytes to the file given with -o/--output.

Example (issue 7 adds its periodic reports with one line):

    REPORTS["periodic"] = "ct05.reports.cli"

Listed here rather than discovered so that every official document CT05 can produce is visible in one
place. Build the document with ct05.core.partydoc (PartyDocument + render_docx).
"""

from __future__ import annotations

REPORTS: dict[str, str] = {
    "mission": "ct05.supervision.report_cli",
    "periodic": "ct05.dashboard.reports.cli",
}
