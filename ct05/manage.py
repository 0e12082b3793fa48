"""The `ct05` console script: the project's manage.py."""

import os
import sys

# Commands that sign nothing and serve nothing: they run without a real SECRET_KEY even with DEBUG off
# (CI runs `makemigrations --check` with no production secrets). Every other command refuses (issue 12).
KEYLESS_COMMANDS = frozenset({"makemigrations", "collectstatic", "compilemessages", "makemessages", "help", "version"})


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ct05.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from ct05.env import ConfigError, require_secret_key

    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    if command not in KEYLESS_COMMANDS and not command.startswith("-"):
        try:
            settings.SECRET_KEY  # noqa: B018 — reading the settings is what records a missing key
            require_secret_key()
        except ConfigError as exc:
            sys.exit(str(exc))
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
