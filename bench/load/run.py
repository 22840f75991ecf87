"""Load test of the web node (issue #13 items 10 and 12): the officer mix of locustfile.py against
gunicorn with the shipped config/gunicorn.conf.py, as `./yrd up` starts it, on

* `--db postgres`: PostgreSQL (a fresh database, BENCH_POSTGRES_SERVER/yrd_bench_load) and a private
  Redis (cache, rate limits and the Huey queue) — gunicorn then runs 2 × cores processes × 4 threads
  (DATABASE_URL, when it names a PostgreSQL database, is used instead: bench/run_all.sh's fresh());
* `--db sqlite`: the embedded default — SQLite and Huey on SQLite in a private YRD_VAR_DIR, no Redis:
  one gunicorn process × 8 threads.

Each run: migrate, seed_demo, bench/load/prepare.py (officers with tokens, clues and assistance
requests), then for every user count a warm-up (discarded) and a measured run of locust (headless,
FastHttpUser, statistics reset once every user has started). Per endpoint: requests, failures,
requests/s, p50/p95/p99 (ms); /healthz, in the same mix, is the floor of the stack. CPU: the seconds
each process group used during the measured window (gunicorn, the Huey worker, the PostgreSQL
backends of the bench database, Redis, locust itself) and the whole machine's busy share (/proc/stat).
The load generator shares the machine's cores with the server.

    .venv/bin/python bench/load/run.py --db postgres --users 100 200 --duration 120
    .venv/bin/python bench/load/run.py --db sqlite --users 50 100 --duration 120
    .venv/bin/python bench/load/run.py --db postgres --users 60 --wait 0      # capacity: no think time

Results: printed as Markdown tables and written to bench/results/load-<db>-<users>u.json."""

import argparse
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"
RESULTS = ROOT / "bench" / "results"
SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")
DATABASE = "yrd_bench_load"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url_host: str, port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((url_host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {url_host}:{port}")


def run(cmd: list[str], env: dict, **kwargs) -> None:
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def fresh_postgres() -> str:
    """DATABASE_URL of an empty database: the one bench/run_all.sh made with fresh(), else a new
    yrd_bench_load on BENCH_POSTGRES_SERVER (dropped and created)."""
    global DATABASE
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith("postgres"):
        DATABASE = given.rsplit("/", 1)[-1]
        return given
    import psycopg

    with psycopg.connect(SERVER.replace("postgres://", "postgresql://", 1) + "/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    return f"{SERVER}/{DATABASE}"


class Processes:
    """The processes this run started, stopped by their ids (never by name)."""

    def __init__(self) -> None:
        self.started: dict[str, subprocess.Popen] = {}

    def start(self, name: str, cmd: list[str], env: dict, log: Path) -> subprocess.Popen:
        print("$", " ".join(cmd), f"> {log}", flush=True)
        process = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
        self.started[name] = process
        return process

    def stop_all(self) -> None:
        for process in reversed(list(self.started.values())):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.started.values():
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()


def _tree(pid: int) -> list[psutil.Process]:
    try:
        parent = psutil.Process(pid)
        return [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _postgres_backends() -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["name", "cmdline"]):
        cmdline = " ".join(process.info.get("cmdline") or [])
        if process.info.get("name", "").startswith("postgres") and f" {DATABASE} " in f" {cmdline} ":
            found.append(process)
    return found


def _cpu_seconds(processes: list[psutil.Process]) -> dict[int, float]:
    seconds = {}
    for process in processes:
        try:
            times = process.cpu_times()
            seconds[process.pid] = times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return seconds


class CpuWindow:
    """CPU seconds per process group between start() and stop(), and the machine's busy share."""

    def __init__(self, groups: dict) -> None:
        self.groups = groups  # name → callable returning the group's processes now

    @staticmethod
    def _machine() -> tuple[float, float]:
        fields = [float(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = fields[3] + fields[4]
        return sum(fields), idle

    def start(self) -> None:
        self.t0 = time.monotonic()
        self.machine0 = self._machine()
        self.before = {name: _cpu_seconds(find()) for name, find in self.groups.items()}

    def stop(self) -> dict:
        wall = time.monotonic() - self.t0
        total, idle = self._machine()
        busy = 1 - (idle - self.machine0[1]) / max(total - self.machine0[0], 1)
        used = {}
        for name, find in self.groups.items():
            after = _cpu_seconds(find())
            used[name] = round(sum(max(0.0, after[pid] - self.before[name].get(pid, 0.0)) for pid in after) / wall, 2)
        return {"wall_s": round(wall, 1), "cores_used": used, "machine_busy": round(busy, 3), "cores": os.cpu_count()}


def read_stats(prefix: Path) -> list[dict]:
    rows = []
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.append(
                {
                    "name": row["Name"] if row["Type"] else "Aggregated",
                    "method": row["Type"],
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": round(float(row["Requests/s"]), 1),
                    "p50": float(row["50%"] or 0),
                    "p95": float(row["95%"] or 0),
                    "p99": float(row["99%"] or 0),
                }
            )
    return rows


def markdown(result: dict) -> str:
    cpu = result["cpu"]
    lines = [
        f"**{result['db']}, {result['users']} users, think time {result['wait']} s** — "
        f"{result['total_rps']} req/s, {result['failures']} failures of {result['requests']}; "
        f"measured {cpu['wall_s']} s; machine busy {cpu['machine_busy']:.0%} of {cpu['cores']} cores; cores used: "
        + ", ".join(f"{k} {v}" for k, v in cpu["cores_used"].items())
        + f"; load average {result['loadavg']}",
        "",
        "| endpoint | requests | failures | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in sorted(result["endpoints"], key=lambda r: (r["name"] == "Aggregated", -r["requests"])):
        name = row["name"] if row["name"] == "Aggregated" else f"{row['method']} {row['name'].split(' ', 1)[-1]}"
        lines.append(
            f"| {name} | {row['requests']} | {row['failures']} | {row['rps']} | {row['p50']:.0f} | {row['p95']:.0f} | {row['p99']:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--users", type=int, nargs="+", default=[100, 200])
    parser.add_argument("--duration", type=int, default=120, help="measured seconds per user count")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--wait", type=float, default=1.5, help="mean think time (s); 0 for a capacity run")
    args = parser.parse_args()

    RESULTS.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"yrd-load-{args.db}-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",  # what `./yrd up` serves (DEBUG off)
        "YRD_VAR_DIR": str(work / "var"),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("DATABASE_URL", "REDIS_URL", "WEB_CONCURRENCY", "GUNICORN_THREADS", "DJANGO_DEBUG"):
        env.pop(name, None)  # the run sets what it measures (fresh_postgres reads a given DATABASE_URL)
    processes = Processes()
    try:
        groups = {}
        if args.db == "postgres":
            env["DATABASE_URL"] = fresh_postgres()
            redis_port = free_port()
            redis = processes.start(
                "redis",
                ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                env,
                work / "redis.log",
            )
            wait_for("127.0.0.1", redis_port)
            env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
            groups["postgres"] = _postgres_backends
            groups["redis"] = lambda: _tree(redis.pid)
        else:
            env["DATABASE_URL"] = f"sqlite:///{work / 'var' / 'yrdcollab.sqlite3'}"
        (work / "var").mkdir(parents=True, exist_ok=True)
        py = str(VENV / "python")
        run([py, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([py, "manage.py", "seed_demo", "-v0"], env, stdout=subprocess.DEVNULL)
        run([py, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        tokens = work / "tokens.json"
        run([py, "bench/load/prepare.py", str(tokens)], env)
        web = processes.start(
            "web",
            [
                str(VENV / "gunicorn"),
                "-c",
                "config/gunicorn.conf.py",
                "--access-logfile",
                str(work / "access.log"),
                "config.wsgi",
            ],
            env,
            work / "gunicorn.log",
        )
        worker = processes.start(
            "worker", [py, "manage.py", "run_huey", "--workers", "2", "--flush-locks"], env, work / "worker.log"
        )
        wait_for("127.0.0.1", port)
        groups = {"gunicorn": lambda: _tree(web.pid), "worker": lambda: _tree(worker.pid), **groups}
        for users in args.users:
            locust_env = {**env, "BENCH_TOKENS": str(tokens), "BENCH_WAIT": str(args.wait)}
            spawn = max(10, users // 5)
            base = [
                str(VENV / "locust"), "-f", "bench/load/locustfile.py", "--headless", "--host", f"http://127.0.0.1:{port}",
                "-u", str(users), "-r", str(spawn), "--only-summary", "--loglevel", "WARNING",
            ]  # fmt: skip
            # The warm-up (every worker process loads the application, the caches fill); its figures
            # are discarded, and locust's exit status (1 when any request failed) with them.
            subprocess.run([*base, "-t", f"{args.warmup}s"], env=locust_env, cwd=ROOT, stdout=subprocess.DEVNULL)
            prefix = work / f"stats-{users}"
            locust = processes.start(
                f"locust-{users}",
                [*base, "-t", f"{args.duration + users // spawn}s", "--reset-stats", "--csv", str(prefix)],
                locust_env,
                work / f"locust-{users}.log",
            )
            time.sleep(users / spawn + 1)  # every user started: the statistics were reset
            window = CpuWindow({**groups, "locust": lambda p=locust: _tree(p.pid)})
            window.start()
            time.sleep(max(1, args.duration - 3))
            cpu = window.stop()
            locust.wait(timeout=args.duration + 120)
            endpoints = read_stats(prefix)
            total = next(r for r in endpoints if r["name"] == "Aggregated")
            result = {
                "db": args.db,
                "users": users,
                "wait": args.wait,
                "duration": args.duration,
                "total_rps": total["rps"],
                "requests": total["requests"],
                "failures": total["failures"],
                "endpoints": endpoints,
                "cpu": cpu,
                "loadavg": Path("/proc/loadavg").read_text().split()[0],
                "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                "commit": subprocess.run(
                    ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
                ).stdout.strip(),
            }
            suffix = "" if args.wait else "-capacity"
            (RESULTS / f"load-{args.db}-{users}u{suffix}.json").write_text(
                json.dumps(result, indent=2, ensure_ascii=False)
            )
            print(markdown(result), flush=True)
            print(flush=True)
    finally:
        processes.stop_all()
        print(f"logs in {work}", file=sys.stderr)


if __name__ == "__main__":
    main()
