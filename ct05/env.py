"""Strict readers of environment variables: a malformed value is an error, never a silent default.

Every variable CT05 reads is declared in `SETTINGS` with its help text; tests/test_settings_documented.py
fails when one is missing from the README's configuration table.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlparse


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: dict[str, Setting] = {}


def _declare(name: str, default: str, help: str) -> str | None:
    SETTINGS[name] = Setting(name, default, help)
    value = os.environ.get(name)
    if value is None or value == "":
        return None
    return value


def env_str(name: str, default: str, help: str) -> str:
    value = _declare(name, default, help)
    return default if value is None else value


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool, help: str) -> bool:
    value = _declare(name, "true" if default else "false", help)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigError(f"{name}={value!r} is not a boolean (use one of: {sorted(_TRUE | _FALSE)})")


def env_int(name: str, default: int, help: str) -> int:
    value = _declare(name, str(default), help)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not an integer") from None


def env_list(name: str, default: list[str], help: str) -> list[str]:
    value = _declare(name, ",".join(default), help)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def parse_database_url(url: str) -> dict[str, object]:
    """Turn `sqlite:///path` or `postgres://user:pass@host:port/name?opt=v` into a DATABASES entry."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # sqlite:///var/x.db is relative, sqlite:////abs/x.db is absolute
        path = unquote(url[len("sqlite:///") :]) if url.startswith("sqlite:///") else ""
        if not path:
            raise ConfigError("DATABASE_URL: a sqlite URL needs a file path, e.g. sqlite:///var/ct05.sqlite3")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path}
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parsed.path.lstrip("/"))
        if not name:
            raise ConfigError("DATABASE_URL: a postgres URL needs a database name")
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ConfigError(f"DATABASE_URL: unsupported scheme {parsed.scheme!r} (use sqlite:/// or postgres://)")


CACHE_TABLE = "ct05_cache"


def parse_cache_url(url: str) -> dict[str, object]:
    """Turn CACHE_URL into a CACHES entry (issue 15, item 1): `locmem://` (one process), `db://` (the database
    every node shares; table ct05_cache, made by `ct05 migrate`) or `redis://host:port/n` (Django's RedisCache)."""
    parsed = urlparse(url)
    if parsed.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ct05"}
    if parsed.scheme in {"db", "database"}:
        table = (parsed.netloc + parsed.path).strip("/") or CACHE_TABLE
        if not table.replace("_", "").isalnum():
            raise ConfigError(f"CACHE_URL: {table!r} is not a table name (letters, digits and _)")
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
    if parsed.scheme in {"redis", "rediss", "unix"}:
        if parsed.scheme != "unix" and not parsed.hostname:
            raise ConfigError("CACHE_URL: a redis URL needs a host, e.g. redis://127.0.0.1:6379/0")
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ConfigError(f"CACHE_URL: unsupported scheme {parsed.scheme!r} (use locmem://, db:// or redis://)")


def parse_replica_url(url: str, *, primary: dict[str, object]) -> dict[str, object]:
    """The DATABASES entry of a PostgreSQL streaming replica of `primary` (issue 15, ct05/core/dbrouter.py).

    SQLite has no streaming replica: a replica URL beside a SQLite primary, or a sqlite:// one, is an error.
    """
    replica = parse_database_url(url)
    postgres = "django.db.backends.postgresql"
    if primary["ENGINE"] != postgres or replica["ENGINE"] != postgres:
        raise ConfigError(
            "DATABASE_REPLICA_URL: a read replica needs PostgreSQL for both DATABASE_URL and DATABASE_REPLICA_URL "
            "(SQLite has no streaming replica); leave it empty on a single server"
        )
    return replica


# The key in the repository: fine on a developer's machine, a forgery kit anywhere else (issue 12).
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdefghijklmnop"
SECRET_KEY_MIN_LENGTH = 50
# Why the settings could not use the environment's SECRET_KEY ("" when they could).
SECRET_KEY_PROBLEM = ""


def production_secret_key(*, debug: bool) -> str:
    """SECRET_KEY from the environment; with DEBUG off, unset, empty, short or the development key is refused.

    The refusal is not raised here: reading the settings must not fail for commands that sign nothing
    (`makemigrations --check` in CI, `collectstatic`, the message catalogues). A bad key is replaced by a random
    one that lives as long as the process (it signs nothing that outlasts it) and recorded; `require_secret_key`
    raises it, and the console script (every other command) and the WSGI application call it before they run.
    Settings load before translations, so the message is in Vietnamese and English at once.
    """
    global SECRET_KEY_PROBLEM
    value = os.environ.get("SECRET_KEY", "")
    SETTINGS["SECRET_KEY"] = Setting(
        "SECRET_KEY", "", "Secret used to sign sessions and tokens; 50+ random characters, required when DEBUG is off."
    )
    SECRET_KEY_PROBLEM = ""
    if debug:
        return value or DEV_SECRET_KEY
    if not value.strip():
        problem = "chưa được đặt / is not set"
    elif value == DEV_SECRET_KEY:
        problem = "là khóa phát triển có trong mã nguồn / is the development key from the repository"
    elif len(value) < SECRET_KEY_MIN_LENGTH:
        problem = f"quá ngắn ({len(value)} ký tự) / is too short ({len(value)} characters)"
    else:
        return value
    SECRET_KEY_PROBLEM = (
        f"SECRET_KEY {problem}. Khi DEBUG tắt, CT05 cần một SECRET_KEY ngẫu nhiên từ {SECRET_KEY_MIN_LENGTH} ký tự "
        f"trở lên (tạo bằng: python -c 'import secrets; print(secrets.token_urlsafe(50))'). "
        f"With DEBUG off, CT05 needs a random SECRET_KEY of at least {SECRET_KEY_MIN_LENGTH} characters."
    )
    return secrets.token_urlsafe(64)


def require_secret_key() -> None:
    """Refuse to go on when the settings found no real SECRET_KEY (see `production_secret_key`)."""
    if SECRET_KEY_PROBLEM:
        raise ConfigError(SECRET_KEY_PROBLEM)
