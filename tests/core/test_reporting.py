"""Every report kind `ct05 report` offers names a module with its two functions: a renamed module fails
here instead of the subcommand quietly missing."""

from __future__ import annotations

from importlib import import_module

from ct05.core.reporting import REPORTS


def test_every_report_kind_names_a_module_with_its_two_functions() -> None:
    assert REPORTS
    for path in REPORTS.values():
        module = import_module(path)
        assert callable(module.add_arguments) and callable(module.build), path
