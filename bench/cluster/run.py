"""A real CT05 cluster on one machine (issue 15, item 3), started by a person as root, never by CI:

    sudo .venv/bin/python -m bench.cluster.run [--duration 120] [--members 20000] [--keep-logs]

Hosts are network namespaces (`ct05c-*`) joined by veth pairs to a bridge that lives in its own namespace;
their addresses (10.77.0.0/24) exist inside those namespaces only: nothing outside this machine is contacted
and the machine's own addresses and PostgreSQL (5432) are not touched (the cluster's listen on 5440 and 5441
of their namespace addresses).

    lb 10.77.0.10   nginx (the balancer, deploy/nginx.conf's proxy settings)
    app1 .11, app2 .12  gunicorn with deploy/gunicorn.conf.py
    wk1 .21, wk2 .22    `ct05 db_worker` (and, on wk1, `ct05 tasks_reap` each 10 s: deploy/ct05-reaper.timer)
    db1 .31         PostgreSQL 15 primary (Debian's binaries, data under /tmp)
    db2 .32         its streaming replica, made with pg_basebackup; DATABASE_REPLICA_URL points at it
    client .40      the journeys (bench/cluster/journeys.py)

It seeds the demo province (logins) and a multi-province dataset, runs the journeys through the balancer; in
the middle it stops app2 as `systemctl stop` does (SIGTERM), starts it again, then kills it (SIGKILL) and kills
one worker while it runs a task; then it says, phase by phase, which requests failed beyond nginx's retry and
whether a task was left running, and measures the national analysis on one worker against two, with the year's
baseline made once per run and made by every province task (item 4). Everything is removed at the end, on
failure and on Ctrl-C too. The figures are printed as JSON (and the journeys' request log kept with
--keep-logs) for docs/benchmarks-cluster.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"
PGBIN = Path("/usr/lib/postgresql/15/bin")
PREFIX = "ct05c-"
TMP = Path("/tmp/ct05c")
NET = "10.77.0"
# The two PostgreSQL servers listen on their namespace address only, on ports of their own.
PGPORT = {"db1": 5440, "db2": 5441}
HOSTS = {"lb": 10, "app1": 11, "app2": 12, "wk1": 21, "wk2": 22, "db1": 31, "db2": 32, "client": 40}
YEAR = time.gmtime().tm_year


def sh(
    *cmd: str,
    ns: str | None = None,
    check: bool = True,
    env: dict[str, str] | None = None,
    timeout: float = 600,
    user: str | None = None,
) -> subprocess.CompletedProcess[str]:
    full = list(cmd)
    if user:
        full = ["runuser", "-u", user, "--", *full]
    if ns:
        full = ["ip", "netns", "exec", PREFIX + ns, *full]
    done = subprocess.run(full, check=False, text=True, capture_output=True, env=env, timeout=timeout)
    if check and done.returncode:
        raise RuntimeError(f"{' '.join(full)}: exit {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done


# The national analysis as it ran before the baseline was shared: every province task makes the year's
# baseline again from the whole corpus (ct05/cycle/tasks.py `provinces_enqueue(shared_baseline=False)`).
PER_TASK_BASELINE = """
import functools
from django.core.management import call_command
from ct05.cycle import tasks
from ct05.cycle.management.commands import analyze as command
command.provinces_enqueue = functools.partial(tasks.provinces_enqueue, shared_baseline=False)
call_command("analyze", "--year", "{year}", "--on-workers", "--wait", "3000", "--workers", "1")
"""


def _healthz(url: str, *, host: str = "") -> str:
    """The HTTP status of GET `url` from the client's namespace, as curl prints it ("000": no answer)."""
    headers = ["-H", f"Host: {host}"] if host else []
    r = sh("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", *headers, url, ns="client", check=False)
    return str(r.stdout)


class Cluster:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.events: list[dict[str, Any]] = []
        self.t0 = time.time()
        self.started_at = 0.0  # journeys' start, seconds after t0
        self.env = {
            **{k: v for k, v in os.environ.items() if k in {"PATH", "LANG", "LC_ALL", "HOME"}},
            "DJANGO_SETTINGS_MODULE": "ct05.settings",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DATABASE_URL": f"postgres://postgres@{NET}.31:{PGPORT['db1']}/ct05",
            "DATABASE_REPLICA_URL": f"postgres://postgres@{NET}.32:{PGPORT['db2']}/ct05",
            "ALLOWED_HOSTS": f"{NET}.10",
            "CSRF_TRUSTED_ORIGINS": f"http://{NET}.10",
            "BEHIND_PROXY": "false",
            "SECURE_HTTPS": "false",
            "TWO_FACTOR_REQUIRED": "false",  # the demo logins have no authenticator; a bench, not a site
            "STATIC_MANIFEST": "true",
            # Shared files: one folder every node sees (no shared storage backend on main yet: see the docs).
            "CT05_VAR_DIR": str(TMP / "var"),
            "TASK_LEASE_SECONDS": "15",
            "LOG_LEVEL": "WARNING",
        }

    def mark(self, what: str, **more: Any) -> None:
        event = {"t": round(time.time() - self.t0, 1), "event": what, **more}
        self.events.append(event)
        print(json.dumps(event, ensure_ascii=False), flush=True)

    # ---------------------------------------------------------------- network
    def network(self) -> None:
        sh("ip", "netns", "add", PREFIX + "sw")
        sh("ip", "link", "add", "br0", "type", "bridge", ns="sw")
        sh("ip", "link", "set", "br0", "up", ns="sw")
        for host, last in HOSTS.items():
            ns = PREFIX + host
            sh("ip", "netns", "add", ns)
            sh("ip", "link", "set", "lo", "up", ns=host)
            # the pair is made inside the switch's namespace: nothing is ever added to the machine's own
            sh("ip", "link", "add", f"p-{host}", "type", "veth", "peer", "name", "eth0", ns="sw")
            sh("ip", "link", "set", "eth0", "netns", ns, ns="sw")
            sh("ip", "link", "set", f"p-{host}", "master", "br0", ns="sw")
            sh("ip", "link", "set", f"p-{host}", "up", ns="sw")
            sh("ip", "addr", "add", f"{NET}.{last}/24", "dev", "eth0", ns=host)
            sh("ip", "link", "set", "eth0", "up", ns=host)
        self.mark("network up", hosts=len(HOSTS))

    # ---------------------------------------------------------------- PostgreSQL
    def databases(self) -> None:
        primary, replica = TMP / "pg1", TMP / "pg2"
        for d in (primary, replica, TMP / "sock1", TMP / "sock2", TMP / "pglogs"):
            d.mkdir(parents=True, mode=0o700)
            shutil.chown(d, "postgres", "postgres")
        sh(
            str(PGBIN / "initdb"),
            "-D",
            str(primary),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            user="postgres",
        )
        with open(primary / "postgresql.conf", "a") as conf:
            conf.write("wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\nfsync = off\n")
        with open(primary / "pg_hba.conf", "a") as hba:
            hba.write(f"host all all {NET}.0/24 trust\nhost replication all {NET}.0/24 trust\n")
        self._pg_start("db1", primary, 31, TMP / "sock1")
        sh(
            str(PGBIN / "pg_basebackup"),
            "-h",
            f"{NET}.31",
            "-p",
            str(PGPORT["db1"]),
            "-U",
            "postgres",
            "-D",
            str(replica),
            "-R",
            "-X",
            "stream",
            ns="db2",
            user="postgres",
            timeout=300,
        )
        self._pg_start("db2", replica, 32, TMP / "sock2")
        sh(
            str(PGBIN / "psql"),
            "-h",
            f"{NET}.31",
            "-p",
            str(PGPORT["db1"]),
            "-U",
            "postgres",
            "-c",
            "CREATE DATABASE ct05",
            ns="db1",
        )
        self.mark("primary and replica up")

    def _pg_start(self, host: str, data: Path, last: int, sock: Path) -> None:
        opts = f"-c listen_addresses={NET}.{last} -c port={PGPORT[host]} -c unix_socket_directories={sock}"
        log = str(TMP / "pglogs" / f"{host}.log")
        sh(
            str(PGBIN / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            log,
            "-o",
            opts,
            "-w",
            "-t",
            "60",
            "start",
            ns=host,
            user="postgres",
            timeout=90,
        )

    # ---------------------------------------------------------------- application
    def ct05(self, *args: str, ns: str = "app1", timeout: float = 1800) -> str:
        return sh(str(VENV / "ct05"), *args, ns=ns, env=self.env, timeout=timeout).stdout

    def prepare(self) -> None:
        (TMP / "var").mkdir(parents=True)
        self.ct05("migrate", "--noinput")
        self.ct05("collectstatic", "--noinput")
        self.ct05("seed", "demo", "--allow-demo-password", "--tree-only")  # units, members, the five logins
        self.mark("demo province seeded")
        self.ct05("seed", "national", "--members", str(self.args.members))
        code = f"from ct05.seed.bulk.cycle import seed_province_cycle as s; s(year={YEAR}, run_analysis=False)"
        self.ct05("shell", "-c", code)
        self.mark(
            "national dataset seeded",
            members=self.args.members,
            commitments=self.sql(
                "db1",
                f"SELECT count(*) FROM cycle_commitment c JOIN cycle_registration r ON r.id = c.registration_id "
                f"WHERE r.year = {YEAR}",
            ),
        )

    def sql(self, host: str, query: str) -> str:
        last = HOSTS[host]
        return sh(
            str(PGBIN / "psql"),
            "-h",
            f"{NET}.{last}",
            "-p",
            str(PGPORT[host]),
            "-U",
            "postgres",
            "-d",
            "ct05",
            "-At",
            "-c",
            query,
            ns="client",
        ).stdout.strip()

    def start(self, name: str, host: str, *cmd: str, env: dict[str, str] | None = None) -> None:
        log = open(TMP / f"{name}.log", "ab")
        self.procs[name] = subprocess.Popen(
            ["ip", "netns", "exec", PREFIX + host, *cmd],
            env=env or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=ROOT,
        )

    def nodes(self) -> None:
        for name in ("app1", "app2"):
            self.node(name)
        for name in ("wk1", "wk2"):
            self.worker(name)
        self.start("reaper", "wk1", "sh", "-c", f"while :; do {VENV}/ct05 tasks_reap; sleep 10; done")
        self.balancer()
        self.wait_up()
        self.mark("nodes, workers and balancer up")

    def node(self, name: str) -> None:
        metrics = TMP / f"metrics-{name}"
        shutil.rmtree(metrics, ignore_errors=True)
        metrics.mkdir()
        env = {
            **self.env,
            "GUNICORN_BIND": f"{NET}.{HOSTS[name]}:8000",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "2",
            "GUNICORN_FORWARDED_ALLOW_IPS": f"{NET}.10",
            "PROMETHEUS_MULTIPROC_DIR": str(metrics),
        }
        self.start(
            name, name, str(VENV / "gunicorn"), "ct05.wsgi", "-c", str(ROOT / "deploy/gunicorn.conf.py"), env=env
        )

    def worker(self, name: str) -> None:
        self.start(name, name, str(VENV / "ct05"), "db_worker", "--worker-id", name, "--interval", "0.5")

    def balancer(self, *, down: tuple[str, ...] = (), reload: bool = False) -> None:
        conf = balancer_conf(
            (ROOT / "deploy/nginx.conf").read_text(),
            tmp=TMP,
            listen=f"{NET}.10:80",
            servers=[f"{NET}.{HOSTS[n]}:8000" for n in ("app1", "app2")],
            down=[f"{NET}.{HOSTS[n]}:8000" for n in down],
        )
        (TMP / "nginx.conf").write_text(conf)
        sh("nginx", "-t", "-c", str(TMP / "nginx.conf"), ns="lb")
        if reload:
            sh("nginx", "-c", str(TMP / "nginx.conf"), "-s", "reload", ns="lb")
            self.mark("balancer reloaded", down=list(down))
        else:
            self.start("nginx", "lb", "nginx", "-c", str(TMP / "nginx.conf"), "-g", "daemon off;")

    def node_up(self, name: str) -> None:
        """Wait (bounded) until the node answers /healthz itself, as a balancer's health check would."""
        for _try in range(120):
            # the site's name (ALLOWED_HOSTS), as nginx passes it
            if _healthz(f"http://{NET}.{HOSTS[name]}:8000/healthz", host=f"{NET}.10") == "200":
                self.mark(f"{name} serving again")
                return
            time.sleep(0.5)
        raise RuntimeError(f"{name} did not answer /healthz in 60 s")

    def wait_up(self) -> None:
        for _try in range(120):  # bounded: two minutes
            if _healthz(f"http://{NET}.10/healthz") == "200":
                return
            time.sleep(1)
        raise RuntimeError("the balancer did not answer /healthz in 120 s")

    # ---------------------------------------------------------------- faults
    def kill(self, name: str) -> None:
        proc = self.procs[name]
        os.killpg(proc.pid, signal.SIGKILL)  # the node's whole process group: master and workers, no goodbye
        proc.wait(timeout=30)
        self.mark(f"killed {name} (SIGKILL)")

    def stop(self, name: str) -> None:
        """What `systemctl stop ct05-web` does (KillMode=mixed): SIGTERM to gunicorn's master, which stops
        accepting, lets its workers finish the requests they hold (graceful_timeout) and exits."""
        proc = self.procs[name]
        self.mark(f"stopping {name} (SIGTERM to the master)")
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
        self.mark(f"{name} stopped", exit=proc.returncode)

    def running_task_on(self, worker: str) -> str:
        return self.sql(
            "db1",
            "SELECT id FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING' "
            f"AND worker_ids->>-1 = '{worker}' LIMIT 1",
        )

    def scenario(self) -> dict[str, Any]:
        d = self.args.duration
        out = open(TMP / "journeys.jsonl", "w")
        journeys = subprocess.Popen(
            [
                "ip",
                "netns",
                "exec",
                PREFIX + "client",
                str(VENV / "python"),
                "-m",
                "bench.cluster.journeys",
                "--base",
                f"http://{NET}.10",
                "--duration",
                str(d),
                "--timeout",
                "150",
                "--clients",
                str(self.args.clients),
            ],
            stdout=out,
            stderr=open(TMP / "journeys.err", "w"),
            cwd=ROOT,
            start_new_session=True,
        )
        self.procs["journeys"] = journeys
        self.started_at = time.time() - self.t0
        self.mark("journeys started", duration=d, clients=self.args.clients)
        # a national analysis, one task per province: wk2 is surely running one of them when it is killed
        self.start(
            "analyze",
            "app1",
            str(VENV / "ct05"),
            "analyze",
            "--year",
            str(YEAR),
            "--on-workers",
            "--wait",
            "0",
            "--workers",
            "1",
        )
        # 1. app2 taken out as docs/operations.md says (marked down at the balancer, then stopped), started again
        # and put back; 2. app2 stopped as a plain `systemctl stop` does, started again; 3. app2 killed, and wk2
        # while it runs a task
        self.wait_until(d * 0.12)
        self.mark("taking app2 out: down at the balancer")
        self.balancer(down=("app2",), reload=True)
        time.sleep(15)  # the requests it holds finish (the longest pages of this loaded machine: ~10 s)
        self.stop("app2")
        self.node("app2")
        self.node_up("app2")
        self.balancer(reload=True)
        self.mark("app2 back in the balancer")
        self.wait_until(d * 0.45)
        self.stop("app2")
        self.node("app2")
        self.node_up("app2")
        self.wait_until(d * 0.7)
        self.kill("app2")
        killed_task = ""
        for _poll in range(int(d * 2)):  # bounded
            killed_task = self.running_task_on("wk2")
            if killed_task:
                break
            time.sleep(0.5)
        self.kill("wk2")
        self.mark("wk2 was running task", task=killed_task)
        journeys.wait(timeout=d + 600)
        self.mark("journeys ended")
        drained = self.drain()
        return {"killed_task": killed_task, "killed_task_end": self.task_end(killed_task), **drained}

    def wait_until(self, seconds: float) -> None:
        """Sleep until `seconds` after the journeys started."""
        time.sleep(max(0.0, self.t0 + self.started_at + seconds - time.time()))

    def drain(self) -> dict[str, Any]:
        """Wait (bounded) until the queue is empty, then say how every task ended."""
        for _poll in range(900):
            left = self.sql(
                "db1", "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
            )
            if left == "0":
                break
            time.sleep(1)
        self.mark("queue drained")
        rows = self.sql("db1", "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status")
        jobs = self.sql("db1", "SELECT status, count(*) FROM core_backgroundjob GROUP BY status")
        return {
            "tasks": dict(r.split("|") for r in rows.splitlines()),
            "jobs": dict(r.split("|") for r in jobs.splitlines()),
        }

    def task_end(self, task_id: str) -> dict[str, Any]:
        if not task_id:
            return {}
        row = self.sql(
            "db1",
            "SELECT status, worker_ids::text, left(traceback, 200) FROM "
            f"django_tasks_database_dbtaskresult WHERE id = '{task_id}'",
        )
        status, workers, trace = (row.split("|") + ["", "", ""])[:3]
        return {"status": status, "workers": workers, "message": trace}

    def replica_evidence(self) -> dict[str, Any]:
        app_reads = self.sql(
            "db2",
            f"SELECT count(*) FROM pg_stat_activity WHERE datname = 'ct05' AND client_addr IN ('{NET}.11', '{NET}.12')",
        )
        lag = self.sql("db2", "SELECT now() - pg_last_xact_replay_timestamp()")
        return {
            "replica_sessions_from_app_nodes": int(app_reads or 0),
            "replica_replay_lag": lag,
            "replica_in_recovery": self.sql("db2", "SELECT pg_is_in_recovery()"),
        }

    # ---------------------------------------------------------------- item 4
    def national(self) -> dict[str, Any]:
        """The national analysis on one worker, then two; each time with the year's baseline made once for the
        run (now) and, for comparison, made again by every province task (as before: `shared_baseline=False`)."""
        out: dict[str, Any] = {}
        # wk2 is dead (killed in the scenario): the first runs have wk1 alone
        for workers in (1, 2):
            if workers == 2:
                self.worker("wk2")  # back
                self.mark("wk2 started again")
            for way in ("baseline once", "baseline in every task"):
                load = Path("/proc/loadavg").read_text().split()[:3]
                t = time.perf_counter()
                if way == "baseline once":
                    text = self.ct05(
                        "analyze", "--year", str(YEAR), "--on-workers", "--wait", "3000", "--workers", "1", ns="client"
                    )
                else:
                    text = self.ct05("shell", "-c", PER_TASK_BASELINE.format(year=YEAR), ns="client")
                wall = time.perf_counter() - t
                summary = json.loads([line for line in text.splitlines() if line.startswith("{")][-1])
                out[f"{workers} worker(s), {way}"] = {
                    "wall_seconds": round(wall, 1),
                    "load_before": " ".join(load),
                    **summary,
                }
                self.mark(f"national analysis on {workers} worker(s), {way}", seconds=round(wall, 1))
        if self.args.single:
            t = time.perf_counter()
            self.ct05("analyze", "--year", str(YEAR), "--workers", "1", ns="client")
            out["single_process"] = {"wall_seconds": round(time.perf_counter() - t, 1)}
        return out

    # ---------------------------------------------------------------- clean-up
    def cleanup(self) -> None:
        for name, proc in self.procs.items():
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM if name.startswith("app") or name == "nginx" else signal.SIGKILL)
                    proc.wait(timeout=20)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    try:
                        os.killpg(proc.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
        for host, data in (("db2", TMP / "pg2"), ("db1", TMP / "pg1")):
            if (data / "postmaster.pid").exists():
                sh(
                    str(PGBIN / "pg_ctl"),
                    "-D",
                    str(data),
                    "-m",
                    "immediate",
                    "stop",
                    ns=host,
                    user="postgres",
                    check=False,
                    timeout=60,
                )
        remove_namespaces()
        if TMP.exists():
            logs = Path(f"/tmp/ct05c-logs-{int(self.t0)}")
            if self.args.keep_logs:
                logs.mkdir()
                for f in [*TMP.glob("*.log"), *TMP.glob("pglogs/*.log")]:
                    shutil.copy(f, logs)
                for f in ("journeys.jsonl", "journeys.err"):
                    if (TMP / f).exists():
                        shutil.copy(TMP / f, logs)
                print(f"logs kept in {logs}", flush=True)
            shutil.rmtree(TMP, ignore_errors=True)


PROXYING = re.compile(r"\n(    # --- proxying: .*?\n    # --- end of proxying ---\n)", re.S)


def balancer_conf(deploy: str, *, tmp: Path, listen: str, servers: list[str], down: list[str] | None = None) -> str:
    """The balancer's nginx.conf: deploy/nginx.conf's log format, its upstream settings (keepalive and its
    timeout, failure counting) and its proxying block verbatim (headers, timeouts, which requests are resent
    to the other node), inside a plain-HTTP server; `X-Upstream` added to each answer for the journeys."""
    proxying = PROXYING.search(deploy)
    log_format = re.search(r"(log_format ct05 .*?;)\n", deploy, re.S)
    upstream = re.search(r"upstream ct05_app \{(.*?)\n\}", deploy, re.S)
    assert proxying and log_format and upstream, "deploy/nginx.conf lost its proxying block, log format or upstream"
    server_opts = re.search(r"^\s*server \S+ ([^;]*);", upstream.group(1), re.M)
    kept = [line.strip() for line in upstream.group(1).splitlines() if re.match(r"\s*keepalive", line)]
    opts = server_opts.group(1) if server_opts else ""
    upstream_lines = [f"server {a} {opts}{' down' if a in (down or []) else ''};" for a in servers] + kept
    inner = "\n        ".join(upstream_lines)
    return f"""worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    client_body_temp_path {tmp}/nginx-body; proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fcgi; uwsgi_temp_path {tmp}/nginx-uwsgi; scgi_temp_path {tmp}/nginx-scgi;
    {log_format.group(1)}
    upstream ct05_app {{
        {inner}
    }}
    server {{
        listen {listen};
        access_log {tmp}/nginx-access.log ct05;
        client_max_body_size 25m;
        add_header X-Upstream $upstream_addr always;
{proxying.group(1)}    }}
}}
"""


def remove_namespaces() -> None:
    names = sh("ip", "netns", "list", check=False).stdout.split()
    for name in names:
        if name.startswith(PREFIX):
            sh("ip", "netns", "del", name, check=False)


def summarize(path: Path, events: list[dict[str, Any]], t0: float) -> dict[str, Any]:
    lines = [json.loads(x) for x in path.read_text().splitlines() if x.startswith("{")]
    requests = [x for x in lines if x["method"] != "-"]
    for x in requests:
        x["t_end"] = round(x["t"] - t0, 2)  # seconds after the script's start, as the events
    ms = sorted(x["ms"] for x in requests)

    def failed(x: dict[str, Any]) -> bool:
        return bool(x["status"] == 0 or x["status"] >= 500)

    def retried(x: dict[str, Any]) -> bool:
        return "," in x.get("upstream", "")

    def pct(p: float) -> float:
        return ms[min(len(ms) - 1, int(p * len(ms)))] if ms else 0.0

    by_node: dict[str, int] = {}
    for x in requests:
        for hop in x.get("upstream", "").split(" | "):
            last = hop.split(", ")[-1]
            by_node[last] = by_node.get(last, 0) + 1
    # phases by the events; a request belongs to the phase in which it ended (a request in flight when a node
    # died ends, failed or retried, after the event)
    at = {e["event"]: e["t"] for e in events}
    stops = [e["t"] for e in events if e["event"] == "stopping app2 (SIGTERM to the master)"]
    backs = [e["t"] for e in events if e["event"] == "app2 serving again"]
    edges = [
        ("both nodes, before any stop", 0.0),
        (
            "app2 marked down at the balancer, stopped, started, put back",
            at.get("taking app2 out: down at the balancer"),
        ),
        ("both nodes again (1)", at.get("app2 back in the balancer")),
        ("app2 stopped with a plain SIGTERM, until it serves again", stops[-1] if len(stops) > 1 else None),
        ("both nodes again (2)", backs[-1] if len(backs) > 1 else None),
        ("app2 killed with SIGKILL (and wk2)", at.get("killed app2 (SIGKILL)")),
    ]
    phases = [(name, start) for name, start in edges if start is not None]
    by_phase: dict[str, dict[str, Any]] = {}
    for i, (name, start) in enumerate(phases):
        end = phases[i + 1][1] if i + 1 < len(phases) else float("inf")
        inside = [x for x in requests if start <= x["t_end"] < end]
        by_phase[name] = {
            "from t": start,
            "requests": len(inside),
            "POST": sum(1 for x in inside if x["method"] == "POST"),
            "failed": len([x for x in inside if failed(x)]),
            "retried by nginx": len([x for x in inside if retried(x)]),
            "retried POST": sorted({x["step"] for x in inside if retried(x) and x["method"] == "POST"}),
        }
    return {
        "requests": len(requests),
        "failed (5xx or no answer)": len([x for x in requests if failed(x)]),
        "refused (4xx)": len([x for x in requests if 400 <= x["status"] < 500]),
        "retried by nginx on the other node": len([x for x in requests if retried(x)]),
        "by phase": by_phase,
        "ms p50/p95/p99/max": [pct(0.5), pct(0.95), pct(0.99), ms[-1] if ms else 0],
        "mean ms": round(statistics.fmean(ms), 1) if ms else 0,
        "served by (last upstream)": by_node,
        "dashboard pages from the replica": sum(1 for x in requests if x.get("replica")),
        "dashboard pages": sum(1 for x in requests if x["path"].startswith("/bang-dieu-khien/")),
        "reports ended": [x.get("done") for x in lines if x["step"] == "report job ended"],
        "steps": sorted({x["step"] for x in requests}),
        "failures": [x for x in requests if failed(x)][:30],
        "retries": [x for x in requests if retried(x)][:40],
        "refusals": [x for x in requests if 400 <= x["status"] < 500][:20],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=120, help="seconds of journeys")
    parser.add_argument("--clients", type=int, default=5)
    parser.add_argument("--members", type=int, default=20000, help="members of the multi-province dataset")
    parser.add_argument("--skip-national", action="store_true", help="no one-worker/two-worker measure")
    parser.add_argument("--single", action="store_true", help="also time one `ct05 analyze` of the nation")
    parser.add_argument("--keep-logs", action="store_true")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("run as root: network namespaces and PostgreSQL's own user need it")
    if not shutil.which("nginx"):
        install_nginx()
    remove_namespaces()  # a run killed with -9 leaves its namespaces behind
    shutil.rmtree(TMP, ignore_errors=True)
    TMP.mkdir(mode=0o755)
    cluster = Cluster(args)

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(signal.strsignal(signum))

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    result: dict[str, Any] = {"commit": git_commit(), "uptime_before": uptime()}
    try:
        cluster.network()
        cluster.databases()
        cluster.prepare()
        cluster.nodes()
        result["scenario"] = cluster.scenario()
        result["replica"] = cluster.replica_evidence()
        result["journeys"] = summarize(TMP / "journeys.jsonl", cluster.events, cluster.t0)
        print(json.dumps(result, ensure_ascii=False, indent=1), flush=True)  # kept should the rest fail
        if not args.skip_national:
            result["national"] = cluster.national()
    except Exception as exc:  # the figures gathered so far are still printed, with what stopped the run
        result["stopped_by"] = f"{type(exc).__name__}: {exc}"[:3000]
        raise
    finally:
        result["uptime_after"] = uptime()
        result["events"] = cluster.events
        cluster.cleanup()
        print(json.dumps(result, ensure_ascii=False, indent=1), flush=True)


def install_nginx() -> None:
    """Debian's nginx-light, without letting the package start a server on the machine's port 80."""
    policy = Path("/usr/sbin/policy-rc.d")
    mine = not policy.exists()
    if mine:
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
    try:
        subprocess.run(["apt-get", "install", "-y", "-qq", "nginx-light"], check=True, timeout=600)
    finally:
        if mine:
            policy.unlink()


def git_commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True, capture_output=True)
    return done.stdout.strip()


def uptime() -> str:
    return subprocess.run(["uptime"], text=True, capture_output=True).stdout.strip()


if __name__ == "__main__":
    main()
