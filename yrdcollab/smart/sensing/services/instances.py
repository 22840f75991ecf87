"""The ingest processes' own records (ADR 0020): the lease on the deployment's MQTT session and the
registry of running instances that the monitor page and `/readyz` of each process report from.

A lease is claimed or renewed with one conditional UPDATE (held by me, or expired, or free), so two
instances can never both hold it, on SQLite or PostgreSQL, without row locks or advisory locks."""

import os
import socket
import uuid
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from ..models import IngestInstance, IngestLease

MQTT_SESSION_LEASE = "mqtt-session"
FORGET_AFTER = timedelta(days=1)  # an instance silent this long is gone: its row leaves the monitor page


def new_instance_id() -> str:
    """Unique per process: a restarted or renamed instance is a new holder (its old lease simply expires)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def lease_hold(*, name: str, holder: str, seconds: float) -> bool:
    """Claims the lease if it is free or expired, renews it if `holder` has it; True while held."""
    now = timezone.now()
    IngestLease.objects.get_or_create(name=name)
    claimable = Q(holder=holder) | Q(holder="") | Q(expires_at__isnull=True) | Q(expires_at__lt=now)
    updated = IngestLease.objects.filter(claimable, name=name).update(
        holder=holder, expires_at=now + timedelta(seconds=seconds)
    )
    return updated == 1


def lease_release(*, name: str, holder: str) -> None:
    """Hands the lease back at once (a clean stop), so a standby instance need not wait for it to expire."""
    IngestLease.objects.filter(name=name, holder=holder).update(holder="", expires_at=None)


def instance_report(*, instance_id: str, **fields) -> None:
    now = timezone.now()
    updated = IngestInstance.objects.filter(instance_id=instance_id).update(heartbeat_at=now, **fields)
    if not updated:
        IngestInstance.objects.create(
            instance_id=instance_id,
            host=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=now,
            heartbeat_at=now,
            **fields,
        )
        IngestInstance.objects.filter(heartbeat_at__lt=now - FORGET_AFTER).delete()


def instance_remove(*, instance_id: str) -> None:
    IngestInstance.objects.filter(instance_id=instance_id).delete()
