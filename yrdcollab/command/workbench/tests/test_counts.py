"""The workbench counts every part of every queue in one statement (issue #14): each count is the
COUNT of the part's own queryset (or of its app's tally), for every demo login, and the menu badges add
up the same parts."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yrdcollab.command.workbench import selectors
from yrdcollab.command.workbench.queues import QUEUES_BY_KEY, Part
from yrdcollab.command.workbench.selectors import BADGE_PARTS, nav_badges, queues_for, workbench_cards
from yrdcollab.platform.accounts.demo import demo_users_ensure
from yrdcollab.platform.accounts.models import User


@pytest.fixture(scope="module")
def demo(module_db):
    call_command("seed_demo", verbosity=0)
    return [login.username for login in demo_users_ensure()]


def test_every_count_is_the_count_of_its_part_in_one_statement(db, demo):
    counted = 0
    for username in demo:
        actor = User.objects.get(username=username)
        now = timezone.now()
        queues = queues_for(actor)
        with CaptureQueriesContext(connection) as queries:
            cards = workbench_cards(actor=actor, now=now)
        counting = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
        assert len(counting) <= 1, (username, counting)
        assert [card.key for card in cards] == [queue.key for queue in queues]
        for card, queue in zip(cards, queues, strict=True):
            expected = [part.queryset(actor, now).count() for part in queue.parts]
            assert [part.count for part in card.parts] == expected, (username, queue.key)
            assert card.count == sum(expected)
            counted += card.count
        selectors.forget_badges(actor=actor)
        badges = nav_badges(actor=actor)
        selectors.forget_badges(actor=actor)  # a later test's user may get the same id
        allowed = {queue.key for queue in queues}
        for name, parts in BADGE_PARTS.items():
            expected = sum(
                QUEUES_BY_KEY[key].parts[index].queryset(actor, now).count() for key, index in parts if key in allowed
            )
            assert badges[name] == expected, (username, name)
    assert counted > 0, "the demo platform should have something waiting on someone"


def test_a_part_its_selector_answers_none_is_zero(db, demo):
    actor = User.objects.get(username=demo[0])
    empty = Part("—", lambda actor, now: User.objects.none(), lambda: "/")
    some = Part("—", lambda actor, now: User.objects.filter(pk=actor.pk), lambda: "/")
    assert selectors._counts(actor, timezone.now(), [empty, some, empty]) == [0, 1, 0]
    assert selectors._counts(actor, timezone.now(), [empty]) == [0]
    assert selectors._counts(actor, timezone.now(), []) == []
