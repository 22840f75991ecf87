"""Counting the SQL statements of one request (issue #13 item 10: every workflow action ≤ 12 queries).

    def test_send(api, officer, request_queries):
        client = api(officer)
        client.get(url)                                     # warm the node's caches first
        with request_queries(max=12) as queries:
            response = client.post(url, ...)
        assert response.status_code == 200

What is counted is what the request costs a web node in production: every statement it sends,
including those of the callbacks that run when its transaction commits (they run in the request
thread: `transaction.on_commit`), but not the tasks they queue for the worker (those run after the
block, uncounted, as the worker would run them) nor the SAVEPOINT / RELEASE SAVEPOINT statements a test adds
because it runs inside the test's own transaction (production has BEGIN and COMMIT there, which
Django does not log as queries).

With QUERY_COUNT_LOG=<file> the counts are appended to the file instead of checked (a survey of
every action before and after a change)."""

import os
import re
from contextlib import contextmanager

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

_SAVEPOINT = re.compile(r"^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.IGNORECASE)


class CountedQueries:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __len__(self) -> int:
        return len(self.statements)

    def report(self) -> str:
        return "\n".join(f"{n:3d}. {sql[:300]}" for n, sql in enumerate(self.statements, 1))


@contextmanager
def count_request_queries(*, max: int | None = None):  # noqa: A002 — reads as the limit it is
    """Counts the statements inside the block (on-commit callbacks executed, savepoints left out);
    fails with the list when there are more than `max`."""
    from huey.contrib.djhuey import HUEY

    counted, queued = CountedQueries(), []
    enqueue = HUEY.enqueue
    HUEY.enqueue = queued.append  # type: ignore[method-assign]  # the worker's tasks run after the count
    try:
        with CaptureQueriesContext(connection) as captured:
            with TestCase.captureOnCommitCallbacks(execute=True):
                yield counted
    finally:
        HUEY.enqueue = enqueue  # type: ignore[method-assign]
    for task in queued:  # what the worker would do next, outside the count
        HUEY.execute(task)
    counted.statements = [q["sql"] for q in captured.captured_queries if not _SAVEPOINT.match(q["sql"])]
    log = os.environ.get("QUERY_COUNT_LOG")  # survey mode: write the count down instead of failing
    if log:
        test = os.environ.get("PYTEST_CURRENT_TEST", "?").rsplit(" ", 1)[0]
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{connection.vendor}\t{test}\t{len(counted)}\n")
        return
    if max is not None and len(counted) > max:
        raise AssertionError(f"{len(counted)} queries, at most {max} allowed:\n{counted.report()}")
