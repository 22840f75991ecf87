"""The import's fast paths agree with the ordinary ones: rows written by RawTable read back through
the ORM like any other."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.utils import timezone

from yrdcollab.credit.services.exchange_raw import RawTable, _uuid4_hexes
from yrdcollab.platform.parties.digest import id_number_digest
from yrdcollab.platform.parties.models import Party

pytestmark = pytest.mark.django_db


def test_uuid4_hexes_are_version_4_and_distinct():
    import uuid

    values = _uuid4_hexes(500)
    assert len(set(values)) == 500
    assert all(uuid.UUID(v).version == 4 for v in values)


def test_raw_table_rows_read_back_through_the_orm(agency):
    agency = agency("qingpu")
    now = timezone.now()
    encrypt = Party._meta.get_field("id_number").get_db_prep_save
    rows = [
        ("organisation", "甲公司", "91310118MA1JL0000N", "", ""),
        ("individual", "李某", "", encrypt("110105194912310024", connection), id_number_digest("110105194912310024")),
    ]
    with transaction.atomic():
        ids = RawTable(
            Party,
            ("kind", "name", "uscc", "id_number", "id_number_digest"),
            {"created_by_agency_id": agency.pk, "created_at": now, "updated_at": now},
        ).insert(rows, with_ids=True)
    first, second = Party.objects.get(pk=ids[0]), Party.objects.get(pk=ids[1])
    assert (first.name, first.uscc, first.created_by_agency_id) == ("甲公司", "91310118MA1JL0000N", agency.pk)
    assert second.id_number == "110105194912310024" and second.created_at == now
    assert first.public_id != second.public_id and first.created_at.date() <= date.today()
