"""A private deployment of the platform for the web fault test (issue #13): its own PostgreSQL
cluster, its own Redis, an SMTP sink, gunicorn and the Huey consumer — real processes that can be
SIGKILLed and restarted, on ports of their own, so a test can restart *its* database without
touching the one the rest of the suite (or anyone else on the machine) uses.

* The private PostgreSQL and Redis are `testing/private_servers.py`.
* The SMTP sink the deployment mails to is `testing/smtp_sink.py`.
* `WebServer` — gunicorn with config/gunicorn.conf.py, as `./yrd up` starts it.
* `QueueWorker` — `manage.py run_huey`, as `./yrd up` starts it.
* `deployment_env()` — the environment of those processes and of `manage.py` commands run against
  the private database; `api_call()` — one HTTP request that says whether its outcome is known."""

import http.client
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from yrdcollab.platform.catalogue.models import Matter

from .ingest_cluster import BASE_DIR, free_port
from .personas import bearer_for, make_user
from .processes import children, group_members, kill, killpg, stop_gently
from .waiting import wait_until


def deployment_env(*, database_url: str, redis_url: str, smtp_port: int, var_dir: Path, **extra) -> dict:
    """The environment `./yrd up` gives its processes (config.settings.local, DEBUG off), pointed at
    a private database, Redis (queue and cache) and SMTP server, with a var directory of its own.
    Nothing of the caller's Django, database or deployment settings leaks in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "YRD_", "GUNICORN_", "EMAIL_", "REDIS_"))
        and key not in {"WEB_CONCURRENCY", "HOST", "PORT", "LOG_LEVEL"}
    }
    var_dir.mkdir(parents=True, exist_ok=True)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DJANGO_SECRET_KEY="web-fault-test-" + "k" * 40,  # one key for every process (no race on var/secret_key)
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        YRD_VAR_DIR=str(var_dir),
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env: dict, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """`manage.py <args>` against the deployment; raises with its output when it fails."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


# --- the platform's processes ------------------------------------------------------------------


class WebServer:
    """gunicorn with config/gunicorn.conf.py (gthread workers, `./yrd up`'s settings), in a process
    group of its own so a SIGKILL of the master, of one worker or of all of them can be dealt."""

    def __init__(self, env: dict, workdir: Path, *, workers: int = 2):
        self.port = free_port()
        self.workdir = workdir
        self.env = {**env, "HOST": "127.0.0.1", "PORT": str(self.port), "WEB_CONCURRENCY": str(workers)}
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        log = open(self.workdir / f"gunicorn-{self.starts}.log", "ab")
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", "config/gunicorn.conf.py", "--access-logfile", str(self.workdir / "access.log")]
            + ["config.wsgi"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )

    def ready(self) -> bool:
        try:
            status, _body = api_call(self.port, "GET", "/readyz", timeout=2)
        except OSError:
            return False
        return status == 200

    def wait_ready(self, timeout: float = 60) -> None:
        wait_until(self.ready, timeout=timeout, interval=0.1, message=f"gunicorn on {self.port} to be ready")

    @property
    def master(self) -> int | None:
        return self.process.pid if self.process and self.process.poll() is None else None

    def workers(self) -> list[int]:
        return children(self.master) if self.master else []

    def kill_worker(self, index: int) -> int | None:
        """SIGKILL one worker process; the master starts another in its place."""
        workers = sorted(self.workers())
        if not workers:
            return None
        pid = workers[index % len(workers)]
        kill(pid)
        return pid

    def kill_master(self) -> None:
        """SIGKILL the master alone: its workers are orphaned, finish what they serve and exit."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def kill_all(self) -> None:
        """SIGKILL master and workers at once (an OOM kill of the group, a container killed)."""
        if self.process:
            killpg(self.process.pid)
            self.process.wait(10)

    def gone(self) -> bool:
        return self.process is None or (self.process.poll() is not None and not group_members(self.process.pid))

    def restart(self, timeout: float = 45) -> None:
        """Starts a new master once nothing of the old one holds the port any more."""
        wait_until(self.gone, timeout=timeout, interval=0.05, message="the killed gunicorn's workers to exit")
        self.start()

    def stop(self) -> None:
        if self.process is None:
            return
        stop_gently(self.process, grace=35)
        killpg(self.process.pid)


class QueueWorker:
    """The Huey consumer as `./yrd up` runs it (`manage.py run_huey --workers 2 --flush-locks`)."""

    def __init__(self, env: dict, workdir: Path):
        self.env, self.workdir = env, workdir
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        log = open(self.workdir / f"huey-{self.starts}.log", "ab")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "run_huey", "--workers", "2", "--flush-locks"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        if self.process:
            killpg(self.process.pid)
            self.process.wait(10)

    def stop(self) -> None:
        """SIGTERM: Huey stops at once (tasks in flight are abandoned, as on a deploy)."""
        stop_gently(self.process, grace=20, then=self.kill)
        if self.process:
            killpg(self.process.pid)


# --- the client --------------------------------------------------------------------------------

NOT_SENT = -1  # the connection was refused: the server never saw the request (safe to send again)
UNKNOWN = 0  # the request went out and no answer came back: it may or may not have been applied


def api_call(
    port: int, method: str, path: str, *, token: str = "", body: dict | None = None, timeout: float = 10
) -> tuple[int, dict]:
    """One request on a fresh connection. Returns (status, JSON body), or (NOT_SENT, {}) when the
    connection could not be opened, or (UNKNOWN, {"error": …}) when it broke after the request left."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        try:
            conn.connect()
        except OSError as exc:
            return NOT_SENT, {"error": type(exc).__name__}
        headers = {"Connection": "close", "Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            conn.request(method, path, body=payload, headers=headers)
            response = conn.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException) as exc:
            return UNKNOWN, {"error": type(exc).__name__}
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            data = {"raw": raw[:200].decode(errors="replace")}
        return response.status, data
    finally:
        conn.close()


@dataclass
class Timeline:
    """What happened when, for the test's report (seconds since the start of the workload)."""

    started: float = field(default_factory=time.monotonic)
    events: list[tuple[float, str]] = field(default_factory=list)

    def note(self, what: str) -> None:
        self.events.append((round(time.monotonic() - self.started, 2), what))

    def __str__(self) -> str:
        return ", ".join(f"{at:.1f}s {what}" for at, what in self.events)


def seed_world() -> dict:
    """Run inside a `manage.py`-style process on the private database: the requester's and the
    responder's agencies (the test personas' 青浦 and 吴江), a few handlers on each side (each gets
    the other side's notifications and e-mails), and a token for one officer of each."""
    requester = make_user("officer", "qingpu", username="fault_requester")
    responder = make_user("officer", "wujiang", username="fault_responder")
    make_user("squad_leader", "qingpu", username="fault_qingpu_leader")
    make_user("squad_leader", "wujiang", username="fault_wujiang_leader")
    make_user("liaison", "wujiang", username="fault_wujiang_liaison")
    matter = Matter.objects.filter(is_active=True, parent__isnull=False).order_by("code").first()
    return {
        "requester_token": bearer_for(requester).removeprefix("Bearer "),
        "responder_token": bearer_for(responder).removeprefix("Bearer "),
        "responder_agency": str(responder.agency.public_id),
        "matter": matter.code,
    }


SEED_SCRIPT = (
    "import django, json; django.setup(); "
    "from yrdcollab.testing.web_cluster import seed_world; print('SEED ' + json.dumps(seed_world()))"
)


def seed(env: dict) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", SEED_SCRIPT], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    for line in done.stdout.splitlines():
        if line.startswith("SEED "):
            return json.loads(line[5:])
    raise AssertionError(f"seeding failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
