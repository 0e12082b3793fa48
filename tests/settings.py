"""Test settings: tasks run immediately in the test process; everything else as in ct05.settings."""

import os
from pathlib import Path

# Tests run with DEBUG off, which needs a real key (ct05/env.py); a fresh one per run unless one is given.
os.environ.setdefault("SECRET_KEY", os.urandom(40).hex())
# Under pytest-xdist (make test) each worker has its own database and its own folder of files: stored files,
# exports and reports are named after rows whose ids repeat from one worker's database to the other's.
if _worker := os.environ.get("PYTEST_XDIST_WORKER"):
    _var = Path(os.environ.get("CT05_VAR_DIR", Path(__file__).resolve().parents[1] / "var"))
    os.environ["CT05_VAR_DIR"] = str(_var / f"pytest-{_worker}")

from ct05.settings import *  # noqa: F403
from ct05.settings import DATABASES, VAR_DIR

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)
# The personas sign in with force_login, without a phone: tests/accounts/test_two_factor.py turns it on.
TWO_FACTOR_REQUIRED = False
# A read replica alias on the test database itself (Django's TEST MIRROR); routing stays off except in
# tests/core/test_dbrouter.py, which turns REPLICA_READS on.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
REPLICA_READS = False
