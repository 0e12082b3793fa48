"""Helpers shared by the org views."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def attach_errors(form: object, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        target = field if field in form.fields else None  # type: ignore[attr-defined]
        for error in errors:
            form.add_error(target, error)  # type: ignore[attr-defined]
