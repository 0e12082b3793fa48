"""The dotted paths core names (attention providers, report handlers) resolve: a renamed module or
function fails here instead of a section quietly missing from the home page or the command."""

from __future__ import annotations

from importlib import import_module

from django.utils.module_loading import import_string

from ct05.core.reporting import REPORTS
from ct05.core.selectors import ATTENTION_PROVIDERS


def test_every_attention_provider_is_a_function_of_its_app() -> None:
    assert ATTENTION_PROVIDERS
    assert all(callable(import_string(path)) for path in ATTENTION_PROVIDERS)


def test_every_report_kind_names_a_module_with_its_two_functions() -> None:
    for path in REPORTS.values():
        module = import_module(path)
        assert callable(module.add_arguments) and callable(module.build), path
