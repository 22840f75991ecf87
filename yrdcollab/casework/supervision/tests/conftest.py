import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from yrdcollab.casework.collaboration.models import TrackedItem, TrackedState


@pytest.fixture
def supervisor(make_user):
    return make_user("supervisor", "sh")


@pytest.fixture
def wujiang_leader(make_user):
    return make_user("bureau_leader", "wujiang")


@pytest.fixture
def qingpu_leader(make_user):
    return make_user("bureau_leader", "qingpu")


@pytest.fixture
def make_item(agency):
    """A tracked item 青浦 → 吴江 waiting on 吴江, due `due_in` from now (negative = overdue)."""

    def build(
        *,
        due_in=timedelta(hours=-1),
        sender="qingpu",
        receiver="wujiang",
        waiting_on="receiver",
        kind="transfer",
        state=TrackedState.OPEN,
        level=0,
        title="占道经营线索",
        provisional=False,
    ):
        sender_agency, receiver_agency = agency(sender), agency(receiver)
        waiting = {"receiver": receiver_agency, "sender": sender_agency, None: None}[waiting_on]
        return TrackedItem.objects.create(
            kind=kind,
            public_id=uuid.uuid4(),
            title=title,
            doc_number="",
            sender=sender_agency,
            receiver=receiver_agency,
            waiting_on=waiting,
            step="accept",
            status_label="已签收",
            due_at=None if due_in is None else timezone.now() + due_in,
            due_provisional=provisional,
            state=state,
            escalation_level=level,
        )

    return build
