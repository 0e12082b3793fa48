"""At sign-in: the session's clock starts, and a pending first-sign-in password change is noted
(ct05/accounts/middleware.py)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from ct05.accounts.middleware import LAST_SEEN, MUST_CHANGE_PASSWORD, SIGNED_IN_AT
from ct05.accounts.models import AccountFlags


@receiver(user_logged_in)
def start_session_clock(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now
        if AccountFlags.objects.filter(user=user, must_change_password=True).exists():
            request.session[MUST_CHANGE_PASSWORD] = True
