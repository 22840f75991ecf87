"""A step's deadline rules are cached (issue #13 item 10); an administrator's override counts for the
next deadline."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yrdcollab.casework.collaboration.deadlines import deadline_rule_for, step_defaults
from yrdcollab.casework.collaboration.models import DeadlineRule
from yrdcollab.platform.catalogue.models import Matter

pytestmark = pytest.mark.django_db


def test_rules_are_cached_and_an_override_counts_at_once():
    default = next(d for d in step_defaults() if d.workflow == "transfer" and d.step == "accept")
    matter = Matter.objects.create(code="T88", name="测试事项")
    assert deadline_rule_for(workflow="transfer", step="accept", matter=matter).amount == default.amount
    with CaptureQueriesContext(connection) as queries:
        deadline_rule_for(workflow="transfer", step="accept", matter=matter)
    assert len(queries) == 0
    own = DeadlineRule.objects.create(
        workflow="transfer",
        step="accept",
        matter=matter,
        amount=default.amount + 2,
        unit=default.unit,
        legal_basis="测试",
    )
    assert deadline_rule_for(workflow="transfer", step="accept", matter=matter).amount == default.amount + 2
    own.delete()
    assert deadline_rule_for(workflow="transfer", step="accept", matter=matter).amount == default.amount
