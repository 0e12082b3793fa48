"""Settings are read through strict helpers, and every one of them is documented in the README."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ct05.env import DEV_SECRET_KEY, SETTINGS, ConfigError, env_bool, env_int, parse_database_url

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in SETTINGS if f"`{name}`" not in readme]
    assert missing == []


def test_a_malformed_boolean_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CT05_TEST_BOOL", "maybe")
    with pytest.raises(ConfigError):
        env_bool("CT05_TEST_BOOL", False, "test")
    monkeypatch.setenv("CT05_TEST_BOOL", "yes")
    assert env_bool("CT05_TEST_BOOL", False, "test") is True


def test_a_malformed_integer_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CT05_TEST_INT", "12MB")
    with pytest.raises(ConfigError):
        env_int("CT05_TEST_INT", 1, "test")


def test_it_parses_database_urls() -> None:
    assert parse_database_url("sqlite:///var/x.sqlite3")["NAME"] == "var/x.sqlite3"
    assert parse_database_url("sqlite:////tmp/x.sqlite3")["NAME"] == "/tmp/x.sqlite3"
    pg = parse_database_url("postgres://ct05:s%40cret@db.local:5433/ct05?sslmode=require")
    assert (pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == (
        "ct05",
        "s@cret",
        "db.local",
        "5433",
        "ct05",
    )
    assert pg["OPTIONS"] == {"sslmode": "require"}
    with pytest.raises(ConfigError):
        parse_database_url("mysql://x/y")


def test_production_settings_pass_the_deploy_check() -> None:
    env = {
        **os.environ,
        "SECRET_KEY": "k" * 20 + "Zq9!x" * 10,
        "ALLOWED_HOSTS": "ct05.example.vn",
        "SECURE_HTTPS": "true",
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "ct05.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "ct05.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_malformed_variable_stops_the_start(tmp_path: Path) -> None:
    env = {**os.environ, "DEBUG": "sometimes", "DJANGO_SETTINGS_MODULE": "ct05.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "ct05.manage", "check"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def _run(command: list[str], env_changes: dict[str, str | None]) -> subprocess.CompletedProcess[str]:
    """`ct05 <command>` in a fresh process with the production settings and the environment changed."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ct05.settings"}
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(
        [sys.executable, "-m", "ct05.manage", *command], env=env, capture_output=True, text=True, cwd=ROOT
    )


def _check(env_changes: dict[str, str | None]) -> subprocess.CompletedProcess[str]:
    return _run(["check"], env_changes)


@pytest.mark.parametrize(
    "key",
    [None, "", "   ", "short-key-0123456789", DEV_SECRET_KEY],
    ids=["unset", "empty", "blank", "short", "development key"],
)
def test_without_debug_it_refuses_to_start_without_a_real_secret_key(key: str | None) -> None:
    result = _check({"DEBUG": "false", "SECRET_KEY": key})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "Khi DEBUG tắt" in result.stderr


def test_without_debug_a_long_random_key_is_accepted() -> None:
    result = _check({"DEBUG": "false", "SECRET_KEY": "x7Q" * 20})
    assert result.returncode == 0, result.stderr


def test_in_debug_mode_the_development_key_is_used_when_none_is_set() -> None:
    result = _check({"DEBUG": "true", "SECRET_KEY": None})
    assert result.returncode == 0, result.stderr


def test_without_debug_a_command_that_signs_nothing_runs_without_a_key() -> None:
    result = _run(["makemigrations", "--check", "--dry-run"], {"DEBUG": "false", "SECRET_KEY": None})
    assert result.returncode == 0, result.stderr


def test_without_debug_the_wsgi_application_refuses_to_load_without_a_real_key() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | {"DEBUG": "false"}
    env["DJANGO_SETTINGS_MODULE"] = "ct05.settings"
    result = subprocess.run(
        [sys.executable, "-c", "import ct05.wsgi"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode != 0
    assert "Khi DEBUG tắt" in result.stderr


def test_cache_url_names_one_of_the_shared_caches_or_is_refused() -> None:
    from ct05.env import ConfigError, parse_cache_url

    assert parse_cache_url("locmem://")["BACKEND"].endswith("LocMemCache")
    assert parse_cache_url("db://") == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ct05_cache",
    }
    redis = parse_cache_url("redis://127.0.0.1:6379/2")
    assert redis == {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/2"}
    for bad in ("memcached://x", "redis://", "db://x;drop"):
        with pytest.raises(ConfigError, match="CACHE_URL"):
            parse_cache_url(bad)


def test_ct05_storage_chooses_the_file_store_of_every_alias_and_refuses_others() -> None:
    script = (
        "from django.conf import settings as s; "
        "print(sorted({s.STORAGES[a]['BACKEND'] for a in ('default', 'reports', 'imports')}))"
    )
    result = _run(["shell", "-c", script], {"DEBUG": "true", "CT05_STORAGE": "database"})
    assert result.returncode == 0 and "['ct05.core.storage.DatabaseStorage']" in result.stdout
    result = _check({"DEBUG": "true", "CT05_STORAGE": "s3"})
    assert result.returncode != 0 and "CT05_STORAGE" in result.stderr
