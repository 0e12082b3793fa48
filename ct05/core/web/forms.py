"""A service raises ValidationError (a dict naming fields, or a plain list); a view shows it on the form it
came from, or as flash messages when there is no form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def errors_onto_form(form: Any, exc: ValidationError) -> None:
    """Each message on its field when the form has one, otherwise on the form as a whole."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for name, errors in exc.message_dict.items():
        target = name if name in form.fields else None
        for error in errors:
            form.add_error(target, error)


def error_messages(exc: ValidationError) -> list[str]:
    """Every message of the error, field by field, as plain text."""
    if hasattr(exc, "error_dict"):
        return [str(m) for msgs in exc.message_dict.values() for m in msgs]
    return [str(m) for m in exc.messages]


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in error_messages(exc):
        messages.error(request, message)
