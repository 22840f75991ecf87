import pytest
from django.core.management import call_command

from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.directory.models import (
    AdjacentPair,
    Agency,
    Division,
    MechanismMembership,
    MechanismRole,
    Pairing,
    Zone,
    ZoneKind,
)
from yrdcollab.platform.directory.services import directory_counts, directory_load

pytestmark = pytest.mark.django_db


def test_load_counts_match_gbt2260(directory):
    assert directory["divisions"] == {"province": 4, "prefecture": 40, "county": 305, "town": 31}
    by_province = {
        p: Division.objects.filter(level="county", province_code=p).count()
        for p in ("310000", "320000", "330000", "340000")
    }
    assert by_province == {"310000": 16, "320000": 95, "330000": 90, "340000": 104}
    # Shanghai's districts hang directly under the municipality; NBS-only rows are filtered out.
    assert Division.objects.get(code="310118").parent_id == "310000"
    assert not Division.objects.filter(code__in=["310100", "320576", "320509400"]).exists()
    assert not Division.objects.filter(name="市辖区").exists()


def test_zones_pilot_area_has_the_five_towns(directory):
    pilot = Zone.objects.get(kind=ZoneKind.PILOT_AREA)
    assert sorted(pilot.members.values_list("name", flat=True)) == sorted(
        ["金泽镇", "朱家角镇", "黎里镇", "西塘镇", "姚庄镇"]
    )
    demo = Zone.objects.get(kind=ZoneKind.DEMONSTRATION_ZONE)
    assert set(demo.members.values_list("code", flat=True)) == {"310118", "320509", "330421"}
    assert AdjacentPair.objects.filter(division_a_id="310116", division_b_id="330482").exists()


def test_agencies_mechanism_and_pairing(directory):
    sh = Agency.objects.get(name="上海市城市管理行政执法局")
    assert sh.doc_prefix == "沪城管执" and not sh.is_demo
    qingpu = Agency.objects.get(name="上海市青浦区城市管理行政执法局")
    assert qingpu.parent == sh and qingpu.doc_prefix == "沪青城管" and qingpu.is_demo
    assert Agency.objects.get(name="苏州市吴江区综合行政执法局").parent.name == "苏州市城市管理局"
    assert Agency.objects.get(name="南京市城市管理局").parent.name == "江苏省住房和城乡建设厅"
    assert Agency.objects.filter(level="city").count() == 40
    lead = MechanismMembership.objects.get(role=MechanismRole.LEAD_UNIT)
    assert lead.agency == sh
    assert MechanismMembership.objects.filter(role=MechanismRole.MEMBER_UNIT).count() == 4
    pairing = Pairing.objects.get()
    assert str(pairing.signed_on) == "2020-07-24"
    assert {a.name for a in pairing.members.all()} == {
        "上海市黄浦区城市管理行政执法局",
        "南京市城市管理局",
        "杭州市城市管理局",
        "合肥市城市管理局",
    }


def test_load_is_idempotent_and_audited(directory):
    before = directory_counts()
    ids = dict(Agency.objects.values_list("name", "public_id"))
    assert directory_load() == before
    assert dict(Agency.objects.values_list("name", "public_id")) == ids
    assert AuditEntry.objects.filter(action="directory.loaded").count() == 2


def test_load_upserts_persona_agencies_by_name(agency):
    persona = agency("qingpu")  # created by the test personas before the load
    directory_load()
    persona.refresh_from_db()
    assert Agency.objects.filter(name=persona.name).count() == 1
    assert persona.is_demo and persona.division_id == "310118"


def test_command_prints_counts(db, capsys):
    call_command("load_directory")
    out = capsys.readouterr().out
    assert "county=305" in out and "agencies=62" in out
