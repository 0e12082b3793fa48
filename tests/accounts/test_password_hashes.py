"""Password hashes in production: Argon2id first, older PBKDF2 hashes still sign in and are re-hashed."""

from __future__ import annotations

import importlib

from django.contrib.auth.hashers import identify_hasher, make_password
from django.contrib.auth.models import User
from django.test import Client, override_settings

from tests.conftest import PASSWORD, World

# The production list (tests/settings.py replaces it with MD5 so that sign-ins in tests are fast).
PRODUCTION_HASHERS = importlib.import_module("ct05.settings").PASSWORD_HASHERS


def test_production_hashes_new_passwords_with_argon2id_at_owasp_settings() -> None:
    with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
        encoded = make_password("mot-mat-khau-9")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_a_member_with_an_old_pbkdf2_hash_signs_in_and_gets_an_argon2id_hash(world: World) -> None:
    with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
        user = User.objects.get(username="bithu")
        user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
        user.save(update_fields=["password"])
        assert identify_hasher(user.password).algorithm == "pbkdf2_sha256"

        response = Client().post("/dang-nhap/", {"username": "bithu", "password": PASSWORD})

        assert response.status_code == 302
        user.refresh_from_db()
        assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
        assert Client().post("/dang-nhap/", {"username": "bithu", "password": "sai-mat-khau"}).status_code == 200
