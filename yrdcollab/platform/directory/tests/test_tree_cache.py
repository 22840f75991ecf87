"""The agency tree behind every visibility check is cached (issue #13 item 10); every change of an
agency drops it, so the next scope follows the change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yrdcollab.core.tenancy import AgencyScope
from yrdcollab.platform.directory.models import Agency, AgencyLevel
from yrdcollab.platform.directory.tree import agency_by_public_id, agency_subtree_ids
from yrdcollab.testing import personas

pytestmark = pytest.mark.django_db


def squad(parent, name="青浦区城管执法局第一中队"):
    return Agency.objects.create(name=name, level=AgencyLevel.SQUAD, division_id=parent.division_id, parent=parent)


def test_the_subtree_is_read_once_then_from_the_cache():
    sh, qingpu = personas.agency("sh"), personas.agency("qingpu")
    assert agency_subtree_ids(sh.pk) == {sh.pk, qingpu.pk}
    with CaptureQueriesContext(connection) as queries:
        assert agency_subtree_ids(sh.pk) == {sh.pk, qingpu.pk}
        assert AgencyScope(agency_id=qingpu.pk).ids == {qingpu.pk}
    assert len(queries) == 0


def test_a_new_moved_or_deleted_agency_changes_the_scope_at_once():
    sh, qingpu, wujiang = personas.agency("sh"), personas.agency("qingpu"), personas.agency("wujiang")
    assert agency_subtree_ids(qingpu.pk) == {qingpu.pk}
    first = squad(qingpu)
    assert agency_subtree_ids(sh.pk) == {sh.pk, qingpu.pk, first.pk}
    first.parent = wujiang
    first.save()
    assert agency_subtree_ids(qingpu.pk) == {qingpu.pk} and first.pk in agency_subtree_ids(wujiang.pk)
    first.delete()
    assert agency_subtree_ids(wujiang.pk) == {wujiang.pk}


def test_an_officer_sees_a_new_squads_items_on_the_next_request(officer):
    scope = AgencyScope.for_actor(officer)
    assert scope.ids == {officer.agency_id}
    new = squad(officer.agency)
    assert AgencyScope.for_actor(officer).ids == {officer.agency_id, new.pk}


def test_an_agency_by_public_id_is_cached_and_follows_a_change():
    qingpu = personas.agency("qingpu")
    assert agency_by_public_id(qingpu.public_id).name == qingpu.name
    with CaptureQueriesContext(connection) as queries:
        assert agency_by_public_id(str(qingpu.public_id)).pk == qingpu.pk
    assert len(queries) == 0
    qingpu.is_active = False
    qingpu.save()
    assert agency_by_public_id(qingpu.public_id).is_active is False
    assert agency_by_public_id("not-a-uuid") is None
    assert agency_by_public_id("00000000-0000-4000-8000-000000000000") is None
