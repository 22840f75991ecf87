from yrdcollab.field.duty.models import CheckIn, Roster, RosterMember, ShiftAssignment
from yrdcollab.testing import personas


def test_demo_roster_is_built_through_the_services_and_idempotent(geo):
    from yrdcollab.field.duty.demo import DEMO_ROSTER, demo_duty_ensure
    from yrdcollab.platform.accounts.demo import demo_users_ensure

    for key in ("sh", "qingpu", "wujiang", "jiashan", "hefei"):
        personas.agency(key)
    demo_users_ensure()
    assert "21 shifts" in demo_duty_ensure()
    assert demo_duty_ensure().startswith("roster exists")
    roster = Roster.objects.get(name=DEMO_ROSTER)
    assert sorted(roster.area_divisions.values_list("code", flat=True)) == ["310118", "320509", "330421"]
    assert roster.agencies.count() == 3
    # 钱丽娟's certificate expired on 2025-06-30: nominated, never assigned
    assert RosterMember.objects.filter(roster=roster, officer__username="jiashan_officer").exists()
    assert not ShiftAssignment.objects.filter(officer__username="jiashan_officer").exists()
    flagged = CheckIn.objects.filter(roster=roster).exclude(flag="")
    assert [c.flag for c in flagged] == ["outside_area"] and flagged[0].distance_m > 1000


def test_demo_campaign_roster(geo, qp_manager, qp_officer):
    from yrdcollab.field.duty.demo import demo_campaign_roster_ensure
    from yrdcollab.testing import duty as factories

    campaign = factories.campaign(qp_manager)
    assert "campaign roster" in demo_campaign_roster_ensure(campaign)
    assert demo_campaign_roster_ensure(campaign).startswith("roster exists")
    roster = Roster.objects.get(campaign=campaign)
    assert roster.kind == "campaign" and roster.shifts.count() >= 1
    assert ShiftAssignment.objects.filter(shift__roster=roster, officer=qp_officer).exists()
