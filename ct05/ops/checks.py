"""Checks of an installation, each saying what to fix: `/readyz` runs the cheap ones on every probe,
`ct05 doctor` runs them all (issue 15, item 8). Details that could help an attacker (addresses, exception
texts) go to the log and to the operator's terminal, never to the public readiness answer."""

from __future__ import annotations

import datetime as dt
import errno
import logging
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.mail import get_connection
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

OK, WARN, FAIL = "ok", "warning", "error"
DEV_SECRET_PREFIX = "dev-only-insecure-key"
# A worker that took a task in this long is alive; a task waiting longer than STUCK means none is.
WORKER_RECENT = dt.timedelta(minutes=10)
STUCK = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    message: str

    @property
    def ok(self) -> bool:
        return self.status != FAIL


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        logger.warning("database check failed: %s", exc)
        return Check(
            "database",
            FAIL,
            _("Không kết nối được cơ sở dữ liệu (%(error)s): kiểm tra DATABASE_URL và máy chủ PostgreSQL.")
            % {"error": str(exc).strip()[:300]},
        )
    return Check("database", OK, _("Kết nối được cơ sở dữ liệu (%(vendor)s).") % {"vendor": connection.vendor})


def check_migrations() -> Check:
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        return Check("migrations", FAIL, _("Không đọc được trạng thái migration: %(error)s") % {"error": exc})
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan[:3])
        return Check(
            "migrations",
            FAIL,
            _("Còn %(n)s migration chưa áp dụng (%(names)s…): chạy `ct05 migrate`.") % {"n": len(plan), "names": names},
        )
    return Check("migrations", OK, _("Mọi migration đã được áp dụng."))


def _uses_db_queue() -> bool:
    return str(settings.TASKS["default"]["BACKEND"]).startswith("django_tasks_db.")


def check_queue() -> Check:
    """The queue's table answers; a task waiting longer than STUCK means no worker takes them."""
    if not _uses_db_queue():
        return Check("queue", OK, _("Tác vụ nền chạy ngay trong tiến trình (không dùng hàng đợi)."))
    from django_tasks_db.models import DBTaskResult

    try:
        waiting = DBTaskResult.objects.ready().filter(enqueued_at__lt=timezone.now() - STUCK).count()
    except Exception as exc:
        logger.warning("queue check failed: %s", exc)
        return Check("queue", FAIL, _("Không đọc được hàng đợi tác vụ nền: chạy `ct05 migrate`."))
    if waiting:
        return Check(
            "queue",
            WARN,
            _("%(n)s tác vụ nền chờ quá %(min)s phút: tiến trình `ct05 db_worker` có đang chạy không?")
            % {"n": waiting, "min": int(STUCK.total_seconds() // 60)},
        )
    return Check("queue", OK, _("Hàng đợi tác vụ nền đọc được, không có tác vụ chờ lâu."))


def check_worker(*, wait_seconds: float) -> Check:
    """Alive = a task started in the last WORKER_RECENT; otherwise a ping task is queued and must be run
    by a worker within `wait_seconds` (django-tasks-db keeps no heartbeat of its own)."""
    if not _uses_db_queue():
        return Check("worker", OK, _("Không cần tiến trình xử lý nền (TASKS_BACKEND chạy tác vụ ngay)."))
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(started_at__gte=timezone.now() - WORKER_RECENT).exists():
        return Check(
            "worker",
            OK,
            _("Tiến trình xử lý nền vừa nhận tác vụ trong %(min)s phút qua.")
            % {"min": int(WORKER_RECENT.total_seconds() // 60)},
        )
    from ct05.ops.tasks import ping

    result = ping.enqueue()
    deadline = time.monotonic() + wait_seconds
    while True:
        result.refresh()
        if result.is_finished:
            return Check("worker", OK, _("Tiến trình xử lý nền đã chạy tác vụ thử."))
        if time.monotonic() >= deadline:
            break
        time.sleep(0.5)
    DBTaskResult.objects.filter(pk=result.id, status="READY").delete()  # do not leave the probe behind
    return Check(
        "worker",
        FAIL,
        _(
            "Không có tiến trình xử lý nền nào chạy tác vụ thử trong %(s)s giây: khởi động `ct05 db_worker` "
            "(systemctl start ct05-worker)."
        )
        % {"s": int(wait_seconds)},
    )


STORE_ALIASES = ("default", "reports", "imports")


def check_storage() -> Check:
    """Every file store (STORAGES' documents, reports and imports) takes a file, gives it back and deletes it:
    folders under CT05_VAR_DIR, or the database when CT05_STORAGE=database."""
    for alias in STORE_ALIASES:
        store = storages[alias]
        probe = f".probe/{secrets.token_hex(8)}"
        try:
            name = store.save(probe, ContentFile(b"ok"))
            try:
                with store.open(name) as fh:
                    if fh.read() != b"ok":
                        raise OSError(errno.EIO, "the probe came back different")
            finally:
                store.delete(name)
        except Exception as exc:
            logger.warning("storage check failed for %s: %s", alias, exc)
            if settings.FILE_STORAGE == "database":
                hint = _("kiểm tra cơ sở dữ liệu (CT05_STORAGE=database: tệp lưu trong bảng core_storedobject).")
            else:
                hint = _("kiểm tra CT05_VAR_DIR (%(path)s), quyền ghi và dung lượng đĩa.") % {"path": settings.VAR_DIR}
            return Check(
                "storage",
                FAIL,
                _("Không ghi được tệp vào kho “%(alias)s” (%(error)s): %(hint)s")
                % {"alias": alias, "error": getattr(exc, "strerror", None) or str(exc)[:200], "hint": hint},
            )
    if settings.FILE_STORAGE == "database":
        return Check("storage", OK, _("Ghi được tệp vào cơ sở dữ liệu (CT05_STORAGE=database, dùng chung mọi máy)."))
    return Check("storage", OK, _("Ghi được vào các thư mục tệp trong %(path)s.") % {"path": settings.VAR_DIR})


def check_cache() -> Check:
    """The cache answers; a per-process cache is only right for one process (DEBUG or a single worker)."""
    key = f"ct05:doctor:{secrets.token_hex(6)}"
    try:
        cache.set(key, "ok", timeout=30)
        value = cache.get(key)
        cache.delete(key)
    except Exception as exc:
        logger.warning("cache check failed: %s", exc)
        return Check(
            "cache",
            FAIL,
            _(
                "Bộ nhớ đệm không trả lời (%(error)s): kiểm tra CACHE_URL (Redis có chạy không?) "
                "hoặc chạy `ct05 migrate`."
            )
            % {"error": str(exc)[:200]},
        )
    if value != "ok":
        return Check("cache", FAIL, _("Bộ nhớ đệm không giữ được giá trị: kiểm tra CACHE_URL."))
    if settings.CACHES["default"]["BACKEND"].endswith("locmem.LocMemCache"):
        return Check(
            "cache",
            OK if settings.DEBUG else WARN,
            _(
                "Bộ nhớ đệm nằm trong từng tiến trình (CACHE_URL=locmem://): giới hạn lượt gọi API bị nhân theo số "
                "tiến trình. Khi chạy nhiều tiến trình hay nhiều máy, đặt CACHE_URL=redis://… hoặc db://."
            ),
        )
    return Check(
        "cache", OK, _("Bộ nhớ đệm dùng chung trả lời (%(b)s).") % {"b": settings.CACHES["default"]["BACKEND"]}
    )


def check_mail(*, connect: bool) -> Check:
    backend = settings.EMAIL_BACKEND
    if backend.endswith("console.EmailBackend") or backend.endswith("locmem.EmailBackend"):
        status = OK if settings.DEBUG else WARN
        return Check(
            "mail",
            status,
            _(
                "Thư chỉ được in ra màn hình (EMAIL_BACKEND=%(b)s): đặt EMAIL_BACKEND là "
                "django.core.mail.backends.smtp.EmailBackend và EMAIL_HOST để gửi thật."
            )
            % {"b": backend},
        )
    if backend.endswith("smtp.EmailBackend") and connect:
        try:
            mail = get_connection(timeout=10)
            mail.open()
            mail.close()
        except Exception as exc:
            return Check(
                "mail",
                FAIL,
                _(
                    "Không kết nối được máy chủ thư %(host)s:%(port)s (%(error)s): kiểm tra "
                    "EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS."
                )
                % {"host": settings.EMAIL_HOST, "port": settings.EMAIL_PORT, "error": exc},
            )
    if settings.DEFAULT_FROM_EMAIL.endswith("@localhost"):
        return Check(
            "mail", WARN, _("DEFAULT_FROM_EMAIL=%(f)s: đặt một địa chỉ gửi thật.") % {"f": settings.DEFAULT_FROM_EMAIL}
        )
    return Check(
        "mail", OK, _("Cấu hình thư: %(host)s:%(port)s.") % {"host": settings.EMAIL_HOST, "port": settings.EMAIL_PORT}
    )


def check_secret() -> Check:
    key = settings.SECRET_KEY
    if key.startswith(DEV_SECRET_PREFIX):
        return Check(
            "secret",
            FAIL,
            _(
                "SECRET_KEY chưa được đặt (đang dùng khóa mặc định cho máy phát triển): đặt "
                "SECRET_KEY là 50 ký tự ngẫu nhiên trở lên trong tệp môi trường."
            ),
        )
    if len(key) < 50 or len(set(key)) < 5:
        return Check("secret", FAIL, _("SECRET_KEY quá ngắn hoặc quá đơn giản: cần 50 ký tự ngẫu nhiên trở lên."))
    if settings.DEBUG:
        return Check("secret", WARN, _("SECRET_KEY đã đặt, nhưng DEBUG=true: tắt DEBUG khi chạy thật."))
    return Check("secret", OK, _("SECRET_KEY đã đặt."))


def readiness() -> list[Check]:
    """What a balancer needs before sending traffic: database, queue table, storage (no network probes)."""
    database = check_database()
    if not database.ok:
        return [database, Check("queue", FAIL, _("Chưa kiểm tra (cơ sở dữ liệu lỗi).")), check_storage()]
    return [database, check_queue(), check_storage()]


def doctor(*, wait_seconds: float, connect_mail: bool) -> list[Check]:
    database = check_database()
    checks = [database]
    if database.ok:
        checks += [check_migrations(), check_queue(), check_worker(wait_seconds=wait_seconds)]
    return [*checks, check_storage(), check_cache(), check_mail(connect=connect_mail), check_secret()]
