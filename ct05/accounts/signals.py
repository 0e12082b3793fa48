"""At sign-in: the session's clock starts; a pending first-sign-in password change and the need for a
second factor are noted (ct05/accounts/middleware.py)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from ct05.accounts.middleware import LAST_SEEN, MUST_CHANGE_PASSWORD, NEEDS_TWO_FACTOR, SIGNED_IN_AT
from ct05.accounts.models import AccountFlags
from ct05.accounts.two_factor import needs_two_factor


@receiver(user_logged_in)
def on_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now
        if AccountFlags.objects.filter(user=user, must_change_password=True).exists():
            request.session[MUST_CHANGE_PASSWORD] = True
        if needs_two_factor(user):
            request.session[NEEDS_TWO_FACTOR] = True
