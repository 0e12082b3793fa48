from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.utils import translation


class LanguageMiddleware:
    """Vietnamese unless the user picked another language with the switch (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; in a party office many browsers
    are set to English, and the interface must still open in Vietnamese.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        # For this request only: the thread's language is restored afterwards (a worker thread serves other
        # users next, and a background task started from here must not inherit one user's choice).
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class JobLimitMiddleware:
    """A job refused for the person's share of the workers (core.jobs.JobLimitReached, issue 12) answers
    429 with the message and links to the jobs under way, from whichever view tried to start it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from ct05.core.jobs import JobLimitReached

        if not isinstance(exception, JobLimitReached):
            return None
        context = {"message": exception.message, "busy": exception.busy}
        return render(request, "core/job_limit.html", context, status=429)


class PageGZipMiddleware(GZipMiddleware):
    """Pages (text/html) compressed for slow links, with Django's BREACH padding. Nothing else: the API's
    ETags must stay strong for If-Match (Django weakens the ETag of a compressed response), and downloads
    (.xlsx, .docx, .csv) are either compressed already or streamed to a program that asked for the file."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        return super().process_response(request, response)  # type: ignore[no-any-return]
