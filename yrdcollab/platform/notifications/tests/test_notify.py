import pytest
from django.core import mail
from django.db import transaction

from yrdcollab.core.errors import InvalidInput, NotFound
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications.models import Notification, OutboxMessage, OutboxStatus
from yrdcollab.platform.notifications.selectors import unread_count_for
from yrdcollab.platform.notifications.services import mark_all_read, mark_read, notify, notify_agency_roles


class Boom(Exception):
    pass


def test_notify_writes_inbox_and_outbox(send, officer, make_user):
    leader = make_user("squad_leader")
    created = send([officer, leader, officer], title="年度节假日安排缺失", body="请导入2027年安排。", link="/calendar/")
    assert len(created) == 2  # duplicates collapse
    assert Notification.objects.filter(kind="test.ping").count() == 2
    messages = OutboxMessage.objects.order_by("recipient")
    assert [m.recipient for m in messages] == sorted([officer.email, leader.email])
    message = messages[0]
    assert message.status == OutboxStatus.PENDING and message.attempts == 0
    assert message.subject == "年度节假日安排缺失"
    assert "请导入2027年安排。" in message.body and "/calendar/" in message.body
    assert message.notification.recipient.email == message.recipient
    entry = AuditEntry.objects.filter(action="notification.created").get()
    assert entry.summary == {"kind": "test.ping", "recipients": 2, "emails": 2}


def test_rollback_of_the_cause_leaves_neither_inbox_nor_outbox(send, officer):
    with pytest.raises(Boom), transaction.atomic():
        send([officer])
        assert Notification.objects.count() == 1 and OutboxMessage.objects.count() == 1
        raise Boom
    assert Notification.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_delivery_is_queued_only_after_commit(send, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send([officer])
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [officer.email]
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT


def test_rolled_back_notify_queues_nothing(send, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Boom), transaction.atomic():
            send([officer])
            raise Boom
    assert callbacks == []
    assert mail.outbox == []


def test_email_false_and_users_without_address_get_inbox_only(send, officer, make_user):
    no_mail = make_user("liaison")
    no_mail.email = ""
    no_mail.save()
    send([officer, no_mail], email=False)
    send([no_mail])
    assert Notification.objects.count() == 3
    assert OutboxMessage.objects.count() == 0


def test_inactive_users_are_skipped_and_empty_recipients_write_nothing(send, officer):
    officer.is_active = False
    officer.save()
    assert send([officer]) == []
    assert send([]) == []
    assert Notification.objects.count() == 0
    assert not AuditEntry.objects.filter(action="notification.created").exists()


@pytest.mark.parametrize("kind", ["", "calendar", "Calendar.Missing", "calendar..x", "a.b-c", "x" * 70 + ".y"])
def test_bad_kind_is_refused_without_writing(send, officer, kind):
    with pytest.raises(InvalidInput):
        send([officer], kind=kind)
    assert Notification.objects.count() == 0


@pytest.mark.parametrize(
    "link", ["https://evil.example/x", "//evil.example", "javascript:alert(1)", "/a b", "/\\evil.example", "inbox/"]
)
def test_non_relative_link_is_refused(send, officer, link):
    with pytest.raises(InvalidInput) as exc:
        send([officer], link=link)
    assert exc.value.code == "invalid_input"
    assert OutboxMessage.objects.count() == 0


def test_blank_title_refused_and_long_multiline_title_is_one_line(send, officer):
    with pytest.raises(InvalidInput):
        send([officer], title="  \n ")
    [created] = send([officer], title="第一行\n第二行" + "长" * 300)
    assert "\n" not in created.title and len(created.title) == 200
    assert OutboxMessage.objects.get().subject == created.title


def test_notify_agency_roles_resolves_recipients_by_agency_and_role(officer, foreign_officer, make_user, agency):
    leader = make_user("squad_leader")
    both = make_user(["squad_leader", "liaison"], username="qingpu_both")
    created = notify_agency_roles(
        agency=agency("qingpu"), roles=["squad_leader", "liaison"], kind="calendar.year_missing", title="提醒", body=""
    )
    assert sorted(n.recipient_id for n in created) == sorted([leader.pk, both.pk])
    assert not Notification.objects.filter(recipient__in=[officer, foreign_officer]).exists()


def test_unread_count_and_mark_read(send, officer, foreign_officer):
    (first,) = send([officer])
    send([officer])
    send([foreign_officer])
    assert unread_count_for(officer) == 2
    marked = mark_read(actor=officer, public_id=first.public_id)
    assert marked.read_at is not None
    assert unread_count_for(officer) == 1
    again = mark_read(actor=officer, public_id=first.public_id)  # idempotent
    assert again.read_at == marked.read_at
    assert AuditEntry.objects.filter(action="notification.read").count() == 1


def test_someone_elses_notification_is_not_found(send, officer, foreign_officer):
    (theirs,) = send([foreign_officer])
    with pytest.raises(NotFound):
        mark_read(actor=officer, public_id=theirs.public_id)
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_touches_only_own_unread(send, officer, foreign_officer):
    send([officer, foreign_officer])
    send([officer])
    assert mark_all_read(actor=officer) == 2
    assert mark_all_read(actor=officer) == 0
    assert unread_count_for(officer) == 0
    assert unread_count_for(foreign_officer) == 1
    assert AuditEntry.objects.filter(action="notification.read_all").count() == 1


def test_unread_count_is_one_query(send, officer, django_assert_num_queries):
    send([officer])
    with django_assert_num_queries(1):
        assert unread_count_for(officer) == 1


def test_unread_count_for_anonymous_is_zero(db):
    from django.contrib.auth.models import AnonymousUser

    assert unread_count_for(AnonymousUser()) == 0
    assert unread_count_for(None) == 0


def test_notify_accepts_queryset_recipients(officer, make_user):
    from yrdcollab.platform.accounts.models import User

    make_user("squad_leader")
    created = notify(recipients=User.objects.all(), kind="system.broadcast", title="通知", body="正文")
    assert len(created) == User.objects.count()
