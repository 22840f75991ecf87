"""Readiness checks: is the database answering, is the task queue reachable."""

from django.db import connection


def database_ok() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True, connection.vendor
    except Exception as exc:  # any driver error means "not ready"
        return False, type(exc).__name__


def queue_ok() -> tuple[bool, str]:
    try:
        from huey.contrib.djhuey import HUEY

        HUEY.pending_count()
        return True, type(HUEY).__name__
    except Exception as exc:
        return False, type(exc).__name__
