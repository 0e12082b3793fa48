"""`ct05 token create --user USER [--scope read|write] [--kind personal|service] [--expires dd/mm/yyyy]`
prints the new token on its last line, once; `ct05 token list [--user USER]`; `ct05 token revoke ID`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ct05.api.models import ApiToken
from ct05.api.tokens import token_create, token_revoke
from ct05.core.cli import vn_date


def _user(username: str) -> Any:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Không có tài khoản “{username}”.")
    return user


class Command(BaseCommand):
    help = "Tạo, liệt kê và thu hồi mã truy cập API (Authorization: Bearer …)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        create = sub.add_parser("create", help="Tạo mã mới; mã được in một lần, ở dòng cuối.")
        create.add_argument("--user", required=True, help="Tên đăng nhập của người dùng mã.")
        create.add_argument("--scope", choices=ApiToken.Scope.values, default=ApiToken.Scope.READ)
        create.add_argument("--kind", choices=ApiToken.Kind.values, default=ApiToken.Kind.PERSONAL)
        create.add_argument("--name", default="", help="Tên gợi nhớ (mặc định: theo loại và người dùng).")
        create.add_argument("--expires", type=vn_date, default=None, help="Hết hạn sau ngày dd/mm/yyyy.")
        listing = sub.add_parser("list", help="Liệt kê các mã (không in mã).")
        listing.add_argument("--user", default="", help="Chỉ các mã của người dùng này.")
        revoke = sub.add_parser("revoke", help="Thu hồi một mã theo số (cột đầu của `token list`).")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['verb']}")(options)

    def _create(self, options: dict[str, Any]) -> None:
        user = _user(options["user"])
        name = options["name"] or f"{options['kind']} {user.username}"
        try:
            token, clear = token_create(
                actor=None,
                user=user,
                name=name,
                scope=options["scope"],
                kind=options["kind"],
                expires_on=options["expires"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(str(m) for m in exc.messages)) from None
        expiry = token.expires_on.strftime("%d/%m/%Y") if token.expires_on else "không hết hạn"
        self.stdout.write(f"Mã #{token.pk} cho {user.username}, quyền {token.scope}, {expiry}.")
        self.stdout.write("Mã chỉ hiện một lần: hãy lưu ngay. Gửi kèm yêu cầu: Authorization: Bearer <mã>")
        self.stdout.write(clear)

    def _list(self, options: dict[str, Any]) -> None:
        qs = ApiToken.objects.select_related("user").order_by("id")
        if options["user"]:
            qs = qs.filter(user=_user(options["user"]))
        for t in qs:
            state = "đã thu hồi" if t.revoked_at else ("hết hạn" if not t.is_usable else "đang dùng")
            expiry = t.expires_on.strftime("%d/%m/%Y") if t.expires_on else "-"
            self.stdout.write(
                f"{t.pk}\t{t.user.username}\t{t.prefix}…\t{t.kind}\t{t.scope}\t{expiry}\t{state}\t{t.name}"
            )

    def _revoke(self, options: dict[str, Any]) -> None:
        token = ApiToken.objects.filter(pk=options["id"]).first()
        if token is None:
            raise CommandError(f"Không có mã số {options['id']}.")
        token_revoke(actor=None, token=token)
        self.stdout.write(f"Đã thu hồi mã #{token.pk} ({token.prefix}…) của {token.user.username}.")
