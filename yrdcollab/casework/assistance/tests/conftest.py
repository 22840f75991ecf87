from datetime import datetime

import pytest
from django.utils import timezone

from yrdcollab.casework.assistance import services
from yrdcollab.casework.assistance.services import PartyInput


@pytest.fixture
def matter(db):
    from yrdcollab.platform.catalogue.models import Matter

    parent, _ = Matter.objects.get_or_create(code="T98", defaults={"name": "测试：建筑垃圾/渣土"})
    return Matter.objects.get_or_create(code="T9801", defaults={"name": "渣土偷乱倒", "parent": parent})[0]


@pytest.fixture
def requester(make_user):
    return make_user("officer", "qingpu")


@pytest.fixture
def responder(make_user):
    return make_user("officer", "wujiang")


@pytest.fixture
def clock(monkeypatch):
    """clock.set(datetime) fixes timezone.now (Shanghai local time) until the next set."""

    class Clock:
        def set(self, *args):
            moment = timezone.make_aware(datetime(*args))
            monkeypatch.setattr(timezone, "now", lambda: moment)
            return moment

    return Clock()


@pytest.fixture
def draft(requester, responder, matter):
    def build(**overrides):
        kwargs = dict(
            actor=requester,
            responder_id=responder.agency.public_id,
            type="verify_identity",
            matter_code=matter.code,
            title="核实渣土车车主身份",
            questions="请核实沪A12345号牌车辆登记车主及其联系方式。",
            parties=[PartyInput(kind="vehicle", name="重型自卸货车", plate="沪A12345")],
            address="青浦区金泽镇318国道旁",
            division_code="",
        )
        kwargs.update(overrides)
        return services.assistance_create(**kwargs)

    return build


@pytest.fixture
def act(django_capture_on_commit_callbacks):
    """Runs a move as a request does: the transaction commits, then its callbacks run (the worker,
    immediate in tests, composes the notifications)."""

    def run(actor, request, action, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.assistance_transition(actor=actor, public_id=request.public_id, action=action, **kwargs)

    return run
