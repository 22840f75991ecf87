"""The demo event and the named events load, and loading again changes nothing."""

from django.core.management import call_command

from yrdcollab.field.events.demo import CODE, demo_events_ensure
from yrdcollab.field.events.models import EventReport, Incident, MajorEvent, ReinforcementRequest
from yrdcollab.platform.accounts.demo import demo_users_ensure


def test_demo_event_is_idempotent(db, matters):
    call_command("load_directory", verbosity=0)
    demo_users_ensure()
    demo_events_ensure()
    event = MajorEvent.objects.get(code=CODE)
    assert event.status == "active" and event.zones.count() == 3
    request = ReinforcementRequest.objects.get(event=event)
    assert request.status == "partly_granted" and request.officers_granted.count() == 2
    assert Incident.objects.filter(event=event, is_urgent=True, zone__level="core").count() == 1
    assert EventReport.objects.filter(event=event, kind="daily").count() == 1
    named = MajorEvent.objects.exclude(code=CODE)
    assert set(named.values_list("host_city_id", flat=True)) == {
        "310118",
        "330483",
        "320100",
        "340100",
        "330521",
        "310151",
    }
    assert all(e.status == "closed" for e in named)
    counts = (MajorEvent.objects.count(), Incident.objects.count(), EventReport.objects.count())
    demo_events_ensure()
    assert (MajorEvent.objects.count(), Incident.objects.count(), EventReport.objects.count()) == counts
