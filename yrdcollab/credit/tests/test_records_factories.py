from datetime import date

import pytest

from yrdcollab.credit.states import RecordStatus
from yrdcollab.platform.parties.identifiers import validate_id_number, validate_uscc
from yrdcollab.testing.credit import (
    ID_NUMBERS,
    USCC,
    credit_record_make,
    credit_user,
    id_number_make,
    individual,
    uscc_make,
)

pytestmark = pytest.mark.django_db


def test_identifiers_are_valid():
    assert all(validate_uscc(code).ok for _name, code in USCC.values())
    assert validate_uscc(uscc_make(7)).ok and validate_id_number(id_number_make(12)).ok
    assert all(validate_id_number(n).ok for n in ID_NUMBERS)


def test_record_make_across_agencies(matters):
    record = credit_record_make(agency_key_or_agency="hefei", decided_on=date(2026, 5, 6))
    assert record.agency.name == "合肥市城市管理局" and record.status == RecordStatus.PUBLISHED
    assert record.subject.uscc == USCC["xunfei"][1]
    person = credit_record_make(
        agency_key_or_agency="jiashan", party=individual(), penalty_types=["警告"], decided_on=date(2026, 6, 1)
    )
    assert person.status == RecordStatus.NOT_PUBLISHED and person.severity == "minor"
    squad = credit_user("squad_leader", "qingpu")
    other = credit_record_make(actor=squad, agency_key_or_agency="qingpu", penalty_types=["吊销许可证件"])
    assert other.severity == "serious"
