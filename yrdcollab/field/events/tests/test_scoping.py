"""An agency only asked for reinforcement sees the event and its own request, nothing of the parties'
work: no reports (list nor detail), and on the command page only the figures of its own requests.
Parties, their superiors and the command centre see everything."""

import json
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from yrdcollab.field.events import services
from yrdcollab.testing import personas

from .conftest import CORE_POINT


def api(user, url):
    return Client(HTTP_AUTHORIZATION=personas.bearer_for(user)).get("/api/v1/events" + url)


def _ask(w, provider_agency, officers=2):
    today = timezone.localdate()
    return services.reinforcement_request(
        actor=w.lead,
        event_id=w.event.public_id,
        data=services.ReinforcementInput(
            provider=str(provider_agency.public_id),
            officers_requested=officers,
            starts_on=today,
            ends_on=today + timedelta(days=1),
            purpose="外围巡逻",
        ),
    )


def _world_with_work(w):
    """Two pending requests (吴江 and 合肥 asked), an urgent incident and today's 日报."""
    own = _ask(w, w.provider_leader.agency)
    other = _ask(w, w.outsider.agency, officers=4)
    services.incident_report(
        actor=w.officer,
        event_id=w.event.public_id,
        data=services.IncidentInput(matter_code="0501", description="流动摊贩", lon=CORE_POINT[0], lat=CORE_POINT[1]),
    )
    report = services.event_report_compile(event=w.event, day=timezone.localdate())
    return own, other, report


def test_a_reinforcement_provider_sees_no_report_of_the_event(event_world):
    w = event_world
    _own, _other, report = _world_with_work(w)
    assert api(w.provider_leader, f"/{w.event.public_id}").status_code == 200  # it sees the event
    listed = api(w.provider_leader, f"/{w.event.public_id}/reports")
    assert listed.status_code == 200 and listed.json() == []
    assert api(w.provider_leader, f"/reports/{report.public_id}").status_code == 404
    page = Client()
    page.force_login(w.provider_leader)
    assert report.number not in page.get(f"/events/{w.event.public_id}/reports/").content.decode()
    for reader in (w.lead, w.partner_leader, w.supervisor):
        rows = api(reader, f"/{w.event.public_id}/reports").json()
        assert [r["number"] for r in rows] == [report.number] and rows[0]["figures"]["incidents"] == 1


def test_a_superior_of_a_party_sees_the_reports_and_the_full_figures(event_world):
    w = event_world
    _world_with_work(w)
    above = personas.make_user("bureau_leader", "sh", username="sh_leader")  # 上海市, above 青浦
    assert len(api(above, f"/{w.event.public_id}/reports").json()) == 1
    figures = api(above, f"/{w.event.public_id}/live").json()["figures"]
    assert figures["incidents"] == 1 and figures["reinforcement_pending"] == 2


def test_live_figures_of_a_provider_cover_its_own_requests_only(event_world):
    w = event_world
    _world_with_work(w)
    full = api(w.lead, f"/{w.event.public_id}/live").json()["figures"]
    assert full["incidents"] == 1 and full["reinforcement_pending"] == 2 and "by_agency" in full

    live = api(w.provider_leader, f"/{w.event.public_id}/live").json()
    assert live["incidents"] == []
    figures = live["figures"]
    assert figures["reinforcement_pending"] == 1 and figures["reinforcement_requests"] == 0
    for private in (
        "incidents",
        "urgent_incidents",
        "by_agency",
        "officers_on_duty",
        "staffing_gap",
        "check_ins",
        "participants",
        "incidents_by_zone",
    ):
        assert private not in figures, private
    page = Client()
    page.force_login(w.provider_leader)
    command = page.get(f"/events/{w.event.public_id}/command/")
    assert command.status_code == 200
    assert "今日在岗人员" not in command.content.decode()
    assert "by_agency" not in json.dumps(
        json.loads(page.get(f"/events/{w.event.public_id}/command/live/").content)["figures"]
    )


def test_a_provider_that_granted_is_a_party_and_sees_everything(event_world):
    w = event_world
    own, _other, _report = _world_with_work(w)
    services.reinforcement_transition(
        actor=w.provider_leader,
        request_id=own.public_id,
        action="grant",
        officers=[str(w.provider_officers[0].public_id)],
    )
    assert len(api(w.provider_leader, f"/{w.event.public_id}/reports").json()) == 1
    assert "by_agency" in api(w.provider_leader, f"/{w.event.public_id}/live").json()["figures"]
