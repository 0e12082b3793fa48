"""Test settings: tasks run immediately in the test process; everything else as in ct05.settings."""

from ct05.settings import *  # noqa: F403
from ct05.settings import VAR_DIR

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)
