"""Fixtures shared by the credit tests; the helpers they build on live in factories.py.

* `measure_catalogue`: the joint-measure catalogue loaded (modules that need it for every test use
  `pytest.mark.usefixtures("measure_catalogue")`);
* `credit_officer`: a 青浦 credit officer, with the matter catalogue loaded;
* `fresh_rate_limits`: the cache (where the query rate limits count) cleared before and after;
* `repair_people` / `repair_record`: the cast of 异地信用修复 — a 吴江 record of REPAIR_COMPANY,
  the 嘉善 window that files for it, the 吴江 determining agency and onlookers of 青浦 and 合肥."""

from datetime import date

import pytest
from django.core.cache import cache

from yrdcollab.testing.credit import REPAIR_COMPANY, credit_record_make, credit_user


@pytest.fixture
def measure_catalogue(db):
    from yrdcollab.credit.services.measures import measures_catalogue_load

    measures_catalogue_load()


@pytest.fixture
def credit_officer(make_user, matters):
    return make_user("credit_officer", "qingpu")


@pytest.fixture
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def repair_people(db, matters, work_calendar) -> dict:
    return {
        "wujiang_officer": credit_user("officer", "wujiang"),
        "wujiang_credit": credit_user("credit_officer", "wujiang"),
        "wujiang_leader": credit_user("bureau_leader", "wujiang"),
        "jiashan_window": credit_user("liaison", "jiashan"),
        "jiashan_credit": credit_user("credit_officer", "jiashan"),
        "qingpu_credit": credit_user("credit_officer", "qingpu"),
        "hefei_credit": credit_user("credit_officer", "hefei"),
    }


@pytest.fixture
def repair_record(repair_people):
    """A 吴江 record of a company, decided 2026-05-06 (一般, repairable from 2026-08-06)."""
    return credit_record_make(
        agency_key_or_agency="wujiang",
        party=REPAIR_COMPANY,
        decided_on=date(2026, 5, 6),
        actor=repair_people["wujiang_officer"],
    )
