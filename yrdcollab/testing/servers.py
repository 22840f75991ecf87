"""Skip helpers for tests that need an external program or server. On CI (CI=true) a missing
server is a failure, not a skip: .ci/run must have started everything."""

import os
import shutil
import socket

import pytest


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require_server(name: str, host: str, port: int) -> None:
    if _reachable(host, port):
        return
    message = f"needs {name} at {host}:{port}, which is not reachable"
    if os.environ.get("CI") == "true":
        pytest.fail(f"MISSING SERVER: {message}")
    pytest.skip(f"MISSING SERVER: {message}")


def require_program(name: str, path: str) -> str:
    found = shutil.which(path) or (path if os.path.exists(path) else None)
    if found:
        return found
    message = f"needs {name} ({path}), which is not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(f"MISSING SERVER: {message}")
    pytest.skip(f"MISSING SERVER: {message}")
