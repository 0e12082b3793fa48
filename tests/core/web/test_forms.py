"""A service's ValidationError lands on the form's field, or on the form, or in the flash messages."""

from __future__ import annotations

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from ct05.core.web.forms import error_messages, errors_onto_form, flash_errors


class _Form(forms.Form):
    title = forms.CharField(required=False)


def test_an_error_about_a_field_of_the_form_lands_on_that_field() -> None:
    form = _Form({"title": "x"})
    form.is_valid()
    errors_onto_form(form, ValidationError({"title": "Tiêu đề quá ngắn.", "deadline": "Thiếu thời hạn."}))
    assert form.errors["title"] == ["Tiêu đề quá ngắn."]
    assert form.non_field_errors() == ["Thiếu thời hạn."]


def test_an_error_without_a_field_lands_on_the_form_as_a_whole() -> None:
    form = _Form({"title": "x"})
    form.is_valid()
    errors_onto_form(form, ValidationError(["Đã khóa sổ.", "Không sửa được."]))
    assert form.non_field_errors() == ["Đã khóa sổ.", "Không sửa được."]


def test_every_message_is_listed_whatever_the_shape_of_the_error() -> None:
    assert error_messages(ValidationError({"a": ["một", "hai"], "b": "ba"})) == ["một", "hai", "ba"]
    assert error_messages(ValidationError("bốn")) == ["bốn"]


def test_errors_without_a_form_become_flash_messages() -> None:
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    flash_errors(request, ValidationError({"a": "một"}))
    assert [str(m) for m in get_messages(request)] == ["một"]
