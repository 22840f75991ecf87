"""Real processes in the fault tests: find a process's live children or group from /proc, kill them,
and stop a process gently with a deadline (testing/ingest_cluster.py, testing/web_cluster.py)."""

import os
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path


def _proc_stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, process group) of a live process; None when gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[1]), int(fields[2])


def _live(belongs: Callable[[tuple[str, int, int]], bool]) -> list[int]:
    """The live (not zombie) processes whose /proc stat `belongs`."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            stat = _proc_stat(int(name))
            if stat and stat[0] != "Z" and belongs(stat):
                found.append(int(name))
    return found


def children(pid: int) -> list[int]:
    """The live child processes of `pid`."""
    return _live(lambda stat: stat[1] == pid)


def group_members(pgid: int) -> list[int]:
    """The live processes of a process group: a killed master's orphaned workers too."""
    return _live(lambda stat: stat[2] == pgid)


def kill(pid: int, sig: int = signal.SIGKILL) -> bool:
    try:
        os.kill(pid, sig)
        return True
    except ProcessLookupError:
        return False


def killpg(pgid: int, sig: int = signal.SIGKILL) -> None:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass


def stop_gently(process: subprocess.Popen | None, *, grace: float, then: Callable[[], None] = lambda: None) -> None:
    """SIGTERM and wait up to `grace` seconds; `then` (a kill) runs if it has not exited by then."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        then()
