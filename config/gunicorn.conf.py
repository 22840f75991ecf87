"""gunicorn settings of the web process, for `./yrd up` and for the web nodes of a province
(docs/operations.md §5, which lists these values; a test keeps the two in step).

    gunicorn -c config/gunicorn.conf.py config.wsgi

Environment: HOST and PORT (the address to listen on, as for ./yrd), WEB_CONCURRENCY (worker
processes), GUNICORN_THREADS (threads per process), GUNICORN_KEEPALIVE (seconds). Anything else can
be overridden on the command line or in GUNICORN_CMD_ARGS, e.g. `--access-logfile -`.
"""

import os
from pathlib import Path

_VAR = Path(__file__).resolve().parent.parent / "var"  # this node's own disk, never the shared YRD_VAR_DIR
_VAR.mkdir(parents=True, exist_ok=True)

_host = os.environ.get("HOST", "127.0.0.1").strip("[]")
_port = os.environ.get("PORT", "8000")
bind = [f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"]  # an IPv6 address in brackets

# Threads, not only processes: requests wait on the database far more than they compute, and a
# gthread worker keeps idle keep-alive connections in a poller instead of blocking a thread on them
# (the sync worker cannot keep a connection alive at all).
worker_class = "gthread"
# Without REDIS_URL (the embedded default) the cache — rate-limit counters, the geo index — lives in
# each process's memory, and SQLite takes one writer at a time anyway: one process, so the counters
# are exact. With Redis (shared cache, PostgreSQL) two processes per core.
workers = int(os.environ.get("WEB_CONCURRENCY") or (2 * (os.cpu_count() or 1) if os.environ.get("REDIS_URL") else 1))
threads = int(os.environ.get("GUNICORN_THREADS") or (8 if workers == 1 else 4))

# Keep-alive: how long an idle connection stays open for its next request. It must be LONGER than
# the idle timeout of whatever keeps connections to this server open — the load balancer (nginx
# upstream `keepalive_timeout`, 60 s by default; HAProxy `timeout http-keep-alive`/`timeout server`;
# a cloud load balancer's idle timeout, often 60 s) or a client directly. The side with the shorter
# timeout must be the one that closes: when the server closes first, a request the client sends on
# the connection at that moment meets a reset (gunicorn's 2 s default: 31 of 19,300 requests lost,
# issue #13). 75 s is above the usual 60 s with margin; raise GUNICORN_KEEPALIVE above your balancer's.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
worker_connections = 1000  # per process: busy threads plus idle keep-alive connections

# A worker process that stops reporting for this long is killed and replaced (a hung process; with
# gthread a single slow request does not count).
timeout = 60
# On SIGTERM or SIGHUP (restart, deploy) requests in flight get this long to finish; keep the process
# supervisor's stop timeout (systemd TimeoutStopSec, 90 s by default) above it.
graceful_timeout = 30

# The access log: one line per request, path without its query string (searches can carry ID numbers
# or names), with the request id the application logs and audits under (docs/operations.md §8).
accesslog = str(_VAR / "gunicorn-access.log")
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s" %({x-request-id}o)s'
errorlog = "-"
loglevel = "info"
proc_name = "yrdcollab-web"
# No `gunicornc` control socket: its default path is one per user, which two instances on one
# machine would share; gunicorn is controlled by signals (HUP reload, TERM graceful stop).
control_socket_disable = True


def post_worker_init(worker):
    """Once the worker has loaded Django: everything alive now (modules, URL and template caches, the
    translation catalogues) moves to the garbage collector's permanent generation, so a full
    collection during a request no longer walks it. Measured on the cockpit (ADR 0028): a refresh's
    p95 went from 254–379 ms to 161–187 ms, the tail being full collections."""
    import gc

    gc.collect()
    gc.freeze()
