"""The dashboard and order pages."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from yrdcollab.casework.supervision.models import SupervisionOrder
from yrdcollab.casework.supervision.states import ORDER_TRANSITIONS

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_dashboard_shows_states_counts_and_provisional(supervisor, make_item):
    make_item(title="超期线索", due_in=timedelta(hours=-3), level=1)
    make_item(title="临期协查", kind="assistance", due_in=timedelta(hours=2), provisional=True)
    response = login(supervisor).get(reverse("supervision:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "超期线索" in html and "已超期" in html and "即将到期" in html and "临时" in html
    assert 'data-testid="overdue-by-agency"' in html and "苏州市吴江区综合行政执法局" in html
    filtered = login(supervisor).get(reverse("supervision:dashboard"), {"deadline": "due_soon"}).content.decode()
    assert "临期协查" in filtered and "超期线索" not in filtered


def test_dashboard_bad_filter_is_422(supervisor):
    response = login(supervisor).get(reverse("supervision:dashboard"), {"level": "9"})
    assert response.status_code == 422 and "督办级别" in response.content.decode()


def test_dashboard_is_forbidden_to_others(officer, make_user):
    assert login(officer).get(reverse("supervision:dashboard")).status_code == 403
    assert (
        login(make_user("bureau_leader", "wujiang")).get(reverse("supervision:dashboard"), {"level": "9"}).status_code
        == 403
    )


def test_order_pages_whole_path(supervisor, foreign_officer, officer, make_item, make_user):
    item = make_item()
    centre = login(supervisor)
    form_url = reverse("supervision:order_new", args=[item.public_id])
    assert centre.get(form_url).status_code == 200
    bad = centre.post(form_url, {"instructions": "请办理", "due_on": "2026-13-01"})
    assert bad.status_code == 422 and "督办期限" in bad.content.decode()
    due = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = centre.post(form_url, {"instructions": "请三日内反馈", "due_on": due})
    order = SupervisionOrder.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "supervision:order_detail", args=[order.public_id]
    )
    detail = reverse("supervision:order_detail", args=[order.public_id])
    assert 'data-testid="close-form"' in centre.get(detail).content.decode()
    assert login(officer).get(form_url).status_code == 403

    handler = login(foreign_officer)
    page = handler.get(detail).content.decode()
    assert 'data-testid="reply-form"' in page and 'data-testid="close-form"' not in page
    assert 'data-testid="reply-form"' not in login(officer).get(detail).content.decode()
    handler.post(reverse("supervision:order_reply", args=[order.public_id]), {"reply": "已立案调查"})
    assert "已立案调查" in centre.get(detail).content.decode()
    assert handler.post(reverse("supervision:order_reply", args=[order.public_id]), {"reply": "x"}).status_code == 409
    assert login(make_user("officer", "jiashan")).get(detail).status_code == 404
    centre.post(reverse("supervision:order_close", args=[order.public_id]))
    order.refresh_from_db()
    assert order.status == "closed"
    assert order.doc_number in handler.get(reverse("supervision:order_list")).content.decode()


def test_closing_states_the_consequence_and_the_handling_agency_replying_asks_nothing(
    supervisor, foreign_officer, make_item
):
    item = make_item()
    due = (timezone.localdate() + timedelta(days=5)).isoformat()
    login(supervisor).post(
        reverse("supervision:order_new", args=[item.public_id]), {"instructions": "请办理", "due_on": due}
    )
    detail = reverse("supervision:order_detail", args=[SupervisionOrder.objects.get().public_id])
    close = re.search(r'<form[^>]*data-testid="close-form"[^>]*>', login(supervisor).get(detail).content.decode())
    assert f'data-confirm="{ORDER_TRANSITIONS.consequence("close")}"' in close.group(0)
    assert f'data-confirm-party="{item.waiting_on.name}"' in close.group(0)
    reply = re.search(r'<form[^>]*data-testid="reply-form"[^>]*>', login(foreign_officer).get(detail).content.decode())
    assert "data-confirm" not in reply.group(0)
