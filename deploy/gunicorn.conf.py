"""gunicorn settings for an application node (deploy/ct05-web.service starts it with `-c` this file).

Each node is stateless: sessions, the task queue and files live in the shared database and storage, so any
number of nodes can run behind nginx (deploy/nginx.conf).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))  # about 2 per CPU core; pages wait on the database
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 60  # long work runs on the task workers; a page that takes a minute is a bug
graceful_timeout = 30  # systemd's TimeoutStopSec is a little longer
keepalive = 5  # nginx keeps connections to the upstream open (keepalive in deploy/nginx.conf)
max_requests = 2000  # recycle workers now and then; the jitter keeps them from restarting together
max_requests_jitter = 200
# Only nginx's address may set X-Forwarded-For/Proto (BEHIND_PROXY=true makes Django read the latter).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# The request id nginx generated (and the application returned) joins this line to the application's logs.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s'


def child_exit(server, worker):  # noqa: ANN001, ANN201 (gunicorn's hook signature)
    """A dead worker's live-gauge files are marked dead (prometheus_client multiprocess mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
