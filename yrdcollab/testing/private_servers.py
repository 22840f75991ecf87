"""Private database and cache servers for the fault tests (issue #13): a PostgreSQL cluster and a
Redis of their own, on free ports, so a test can crash and restart *its* database without touching
the one the rest of the suite uses.

* `PostgresCluster` — initdb + pg_ctl in a directory of its own (as the postgres user when run as
  root: initdb refuses root); `restart("immediate")` is a crash of the database server.
* `RedisServer` — a private redis-server without persistence (the Huey queue and the cache)."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

from .ingest_cluster import free_port, listening
from .waiting import wait_until

POSTGRES_BINARIES = sorted(
    Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0
)
PG_USER = "postgres"
DATABASE = "yrd"


def postgres_bin() -> Path:
    """The newest installed PostgreSQL server's bin directory (Debian layout), or PATH's."""
    for candidate in reversed(POSTGRES_BINARIES):
        if (candidate / "initdb").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else Path("/usr/lib/postgresql/15/bin")


class PostgresCluster:
    """A PostgreSQL cluster of its own: data directory, port, log. As root the server runs as the
    postgres user (initdb refuses root), in a directory that user owns."""

    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="yrd-fault-pg-"))
        if self.as_root:
            shutil.chown(self.root, user=PG_USER, group=None)
        self.data = self.root / "data"
        self.log = self.root / "server.log"

    def _run(self, program: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        command = [str(self.bin / program), *args]
        if self.as_root:
            command = ["runuser", "-u", PG_USER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.root)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise AssertionError(f"{program} {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}\n{log}")
        return done

    def url(self, database: str = DATABASE) -> str:
        return f"postgres://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str = DATABASE) -> str:
        return f"postgresql://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", PG_USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N")

    def start(self) -> None:
        # fsync off: the test crashes the server process (restart -m immediate), not the machine, so what
        # PostgreSQL wrote stays in the OS's cache and recovery replays it; the migrations run faster.
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root} -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start")

    def restart(self, mode: str = "immediate") -> None:
        """`immediate`: the server is killed without a checkpoint and recovers from its WAL — a crash."""
        # -l again: without it the new server would write to pg_ctl's stdout, which never closes.
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-m", mode, "-w", "-t", "60", "restart")

    def create_database(self, name: str = DATABASE) -> None:
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

    def checkpoint(self) -> None:
        """After a bulk load (the migrations): a crash then replays seconds of WAL, not the whole load."""
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute("CHECKPOINT")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")
            except AssertionError:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def destroy(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class RedisServer:
    def __init__(self, program: str, workdir: Path):
        self.program, self.workdir, self.port = program, workdir, free_port()
        self.process: subprocess.Popen | None = None
        workdir.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = open(self.workdir / "redis.log", "ab")
        self.process = subprocess.Popen(
            [self.program, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", str(self.workdir)],
            stdout=log,
            stderr=log,
        )
        wait_until(lambda: listening(self.port), timeout=10, interval=0.05, message="redis-server to listen")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
