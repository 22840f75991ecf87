from datetime import timedelta

import pytest
from django.utils import timezone

from yrdcollab.casework.bulletins import selectors, services
from yrdcollab.casework.bulletins.audience import BulletinDraft
from yrdcollab.casework.bulletins.models import Bulletin, BulletinRecipient
from yrdcollab.core.errors import Conflict, InvalidInput, InvalidTransition, NotFound, PermissionDenied
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.directory.models import Agency
from yrdcollab.platform.notifications.models import Notification


def _draft(**overrides) -> BulletinDraft:
    data = dict(kind="work_notice", title="关于开展联合执法的通知", body="请各单位按方案执行。", audience_type="all")
    data.update(overrides)
    return BulletinDraft(**data)


def _publish(actor, draft):
    bulletin = services.bulletin_create(actor=actor, draft=draft)
    return services.bulletin_publish(actor=actor, public_id=bulletin.public_id)


def test_region_audience_reaches_only_that_province(publisher, make_user, django_capture_on_commit_callbacks):
    wujiang_officer = make_user("officer", "wujiang")
    jiashan_officer = make_user("officer", "jiashan")
    bulletin = services.bulletin_create(actor=publisher, draft=_draft(audience_type="region", provinces=("320000",)))
    with django_capture_on_commit_callbacks(execute=True):
        bulletin = services.bulletin_publish(actor=publisher, public_id=bulletin.public_id)
    assert bulletin.doc_number.startswith("沪青城管通〔") and bulletin.published_by == publisher
    recipients = set(bulletin.recipients.values_list("agency__name", flat=True))
    assert recipients == {"苏州市吴江区综合行政执法局"}
    assert Notification.objects.filter(recipient=wujiang_officer, kind="bulletin.published").count() == 1
    assert not Notification.objects.filter(recipient=jiashan_officer).exists()
    assert AuditEntry.objects.filter(action="bulletin.published", object_id=str(bulletin.public_id)).exists()
    with pytest.raises(NotFound):
        selectors.bulletin_get(actor=jiashan_officer, public_id=bulletin.public_id)


def test_recipients_are_fixed_at_publication(publisher, agencies):
    bulletin = _publish(publisher, _draft(audience_type="region", provinces=("330000",)))
    Agency.objects.create(name="嘉兴市南湖区综合行政执法局", level="district", division_id="330400")
    assert list(bulletin.recipients.values_list("agency__name", flat=True)) == ["嘉善县综合行政执法局"]


def test_all_audience_excludes_issuer(publisher, agencies):
    bulletin = _publish(publisher, _draft())
    assert set(bulletin.recipients.values_list("agency_id", flat=True)) == {
        agencies["sh"].pk,
        agencies["wujiang"].pk,
        agencies["jiashan"].pk,
    }


def test_zone_audience_uses_directory(directory, make_user):
    actor = make_user("liaison", "sh")
    bulletin = _publish(actor, _draft(audience_type="zone", zone="demonstration_zone"))
    names = set(bulletin.recipients.values_list("agency__name", flat=True))
    assert names and all(("青浦" in n) or ("吴江" in n) or ("嘉善" in n) for n in names)
    assert any("吴江" in n for n in names) and any("嘉善" in n for n in names)


def test_read_receipt_is_per_agency_and_idempotent(publisher, make_user):
    first = make_user("officer", "wujiang")
    second = make_user("squad_leader", "wujiang")
    bulletin = _publish(publisher, _draft(audience_type="region", provinces=("320000",)))
    services.bulletin_mark_read(actor=first, public_id=bulletin.public_id)
    services.bulletin_mark_read(actor=second, public_id=bulletin.public_id)
    services.bulletin_mark_read(actor=publisher, public_id=bulletin.public_id)
    receipt = BulletinRecipient.objects.get(bulletin=bulletin)
    assert receipt.read_by == first and receipt.read_at is not None
    assert AuditEntry.objects.filter(action="bulletin.read").count() == 1
    assert selectors.bulletin_unread_count(actor=second) == 0


def test_acknowledgement_deadline_late_and_overdue(publisher, make_user, tomorrow):
    wujiang = make_user("officer", "wujiang")
    jiashan = make_user("liaison", "jiashan")
    sh = make_user("bureau_leader", "sh")
    bulletin = _publish(publisher, _draft(requires_ack=True, ack_due_on=tomorrow))
    on_time = services.bulletin_acknowledge(actor=wujiang, public_id=bulletin.public_id, note="已部署")
    assert not on_time.ack_late and on_time.read_at is not None
    with pytest.raises(Conflict):
        services.bulletin_acknowledge(actor=wujiang, public_id=bulletin.public_id)
    Bulletin.objects.filter(pk=bulletin.pk).update(ack_due_on=timezone.localdate() - timedelta(days=1))

    receipts = selectors.bulletin_receipts(actor=publisher, public_id=bulletin.public_id)
    assert {a.name for a in receipts["overdue"]} == {"嘉善县综合行政执法局", "上海市城市管理行政执法局"}
    assert {a.name for a in receipts["not_acknowledged"]} == {"嘉善县综合行政执法局", "上海市城市管理行政执法局"}
    assert receipts["counts"] == {"recipients": 3, "read": 1, "acknowledged": 1, "late": 0, "overdue": 2}

    late = services.bulletin_acknowledge(actor=jiashan, public_id=bulletin.public_id)
    assert late.ack_late
    receipts = selectors.bulletin_receipts(actor=publisher, public_id=bulletin.public_id)
    assert [a.name for a in receipts["overdue"]] == ["上海市城市管理行政执法局"]
    assert receipts["counts"]["late"] == 1
    assert sh.agency.name == "上海市城市管理行政执法局"


def test_acknowledge_rules(publisher, make_user, tomorrow):
    credit = make_user("credit_officer", "wujiang")
    officer = make_user("officer", "wujiang")
    plain = _publish(publisher, _draft())
    with pytest.raises(Conflict):
        services.bulletin_acknowledge(actor=officer, public_id=plain.public_id)
    needs_ack = _publish(publisher, _draft(requires_ack=True, ack_due_on=tomorrow))
    with pytest.raises(PermissionDenied):
        services.bulletin_acknowledge(actor=credit, public_id=needs_ack.public_id)
    with pytest.raises(PermissionDenied):  # the issuer is no recipient
        services.bulletin_acknowledge(actor=publisher, public_id=needs_ack.public_id)
    services.bulletin_withdraw(actor=publisher, public_id=needs_ack.public_id, reason="内容有误")
    with pytest.raises(InvalidTransition):
        services.bulletin_acknowledge(actor=officer, public_id=needs_ack.public_id)


def test_publish_twice_and_withdraw_rules(publisher, make_user):
    recipient_leader = make_user("bureau_leader", "wujiang")
    bulletin = services.bulletin_create(actor=publisher, draft=_draft())
    with pytest.raises(InvalidTransition):
        services.bulletin_withdraw(actor=publisher, public_id=bulletin.public_id)
    services.bulletin_publish(actor=publisher, public_id=bulletin.public_id)
    with pytest.raises(InvalidTransition):
        services.bulletin_publish(actor=publisher, public_id=bulletin.public_id)
    with pytest.raises(InvalidTransition):
        services.bulletin_update(actor=publisher, public_id=bulletin.public_id, changes={"title": "新标题"})
    with pytest.raises(PermissionDenied):
        services.bulletin_withdraw(actor=recipient_leader, public_id=bulletin.public_id)
    assert BulletinRecipient.objects.filter(bulletin=bulletin).count() == 3
    withdrawn = services.bulletin_withdraw(actor=publisher, public_id=bulletin.public_id, reason="重复发布")
    assert withdrawn.status == "withdrawn"
    # recipients still see it, marked withdrawn
    assert selectors.bulletin_get(actor=recipient_leader, public_id=bulletin.public_id).status == "withdrawn"


def test_draft_validation(publisher, make_user, agencies):
    officer = make_user("officer", "qingpu")
    with pytest.raises(PermissionDenied):
        services.bulletin_create(actor=officer, draft=_draft())
    cases = [
        (dict(kind="gossip"), "kind"),
        (dict(title="  "), "title"),
        (dict(body="x" * 20001), "body"),
        (dict(audience_type="region", provinces=()), "provinces"),
        (dict(audience_type="region", provinces=("320500",)), "provinces"),
        (dict(audience_type="zone", zone="moon_base"), "zone"),
        (dict(audience_type="agencies", agencies=()), "agencies"),
        (dict(requires_ack=True), "ack_due_on"),
        (dict(requires_ack=True, ack_due_on=timezone.localdate() - timedelta(days=1)), "ack_due_on"),
    ]
    for overrides, field in cases:
        with pytest.raises(InvalidInput) as caught:
            services.bulletin_create(actor=publisher, draft=_draft(**overrides))
        assert caught.value.details["field"] == field, overrides
    assert not Bulletin.objects.exists()


def test_agency_list_audience_and_draft_drafts_hidden(publisher, make_user, agencies):
    jiashan = make_user("officer", "jiashan")
    colleague = make_user("officer", "qingpu")
    bulletin = services.bulletin_create(
        actor=publisher, draft=_draft(audience_type="agencies", agencies=(agencies["jiashan"].public_id,))
    )
    with pytest.raises(NotFound):
        selectors.bulletin_get(actor=jiashan, public_id=bulletin.public_id)
    assert selectors.bulletin_get(actor=colleague, public_id=bulletin.public_id) == bulletin
    services.bulletin_publish(actor=publisher, public_id=bulletin.public_id)
    assert selectors.bulletin_get(actor=jiashan, public_id=bulletin.public_id) == bulletin
    received = selectors.bulletin_list_for(actor=jiashan, box="received")
    assert [b.pk for b in received] == [bulletin.pk] and received[0].my_read_at is None


def test_command_centre_sees_published_not_drafts(publisher, make_user):
    supervisor = make_user("supervisor", "sh")
    draft = services.bulletin_create(actor=publisher, draft=_draft(title="草稿"))
    published = _publish(publisher, _draft(audience_type="region", provinces=("330000",)))
    visible = {b.pk for b in selectors.bulletin_list_for(actor=supervisor)}
    assert published.pk in visible and draft.pk not in visible
    assert selectors.bulletin_receipts(actor=supervisor, public_id=published.public_id)["counts"]["recipients"] == 1


def test_reminder_once_per_day(publisher, make_user, tomorrow):
    wujiang = make_user("officer", "wujiang")
    jiashan = make_user("officer", "jiashan")
    make_user("credit_officer", "jiashan")
    bulletin = _publish(
        publisher,
        _draft(audience_type="region", provinces=("320000", "330000"), requires_ack=True, ack_due_on=tomorrow),
    )
    services.bulletin_acknowledge(actor=wujiang, public_id=bulletin.public_id)
    today = timezone.localdate()
    assert services.bulletin_remind_overdue(today=today) == 0  # not yet overdue
    Bulletin.objects.filter(pk=bulletin.pk).update(ack_due_on=today - timedelta(days=1))
    assert services.bulletin_remind_overdue(today=today) == 1
    assert services.bulletin_remind_overdue(today=today) == 0
    reminders = Notification.objects.filter(kind="bulletin.ack_overdue")
    assert [n.recipient for n in reminders] == [jiashan]  # acknowledging roles only; 吴江 already confirmed
    assert services.bulletin_remind_overdue(today=today + timedelta(days=1)) == 1
    assert Notification.objects.filter(kind="bulletin.ack_overdue").count() == 2


def test_periodic_task_runs_at_nine_shanghai():
    from datetime import datetime

    from yrdcollab.casework.bulletins import tasks

    validate = tasks.remind_overdue_acknowledgements.task_class().validate_datetime
    assert validate(datetime(2026, 3, 2, 1, 0))  # 01:00 UTC = 09:00 Asia/Shanghai
    assert not validate(datetime(2026, 3, 2, 9, 0))


def test_every_move_runs_through_the_one_transition_service(publisher, make_user):
    officer = make_user("officer", "wujiang")
    bulletin = services.bulletin_create(actor=publisher, draft=_draft())
    with pytest.raises(InvalidInput) as unknown:  # refused before the lookup (the draft is not the officer's: 404)
        services.bulletin_transition(actor=officer, public_id=bulletin.public_id, action="forward")
    assert unknown.value.code == "unknown_action" and unknown.value.status == 422
    with pytest.raises(NotFound):  # a draft is the issuer's own business
        services.bulletin_transition(actor=officer, public_id=bulletin.public_id, action="read")
    with pytest.raises(InvalidTransition) as illegal:
        services.bulletin_transition(actor=publisher, public_id=bulletin.public_id, action="withdraw")
    assert illegal.value.code == "invalid_transition" and illegal.value.status == 409
    with pytest.raises(InvalidInput) as unexpected:
        services.bulletin_transition(actor=publisher, public_id=bulletin.public_id, action="publish", reason="x")
    assert unexpected.value.code == "unexpected_field"
    published = services.bulletin_transition(actor=publisher, public_id=bulletin.public_id, action="publish")
    assert published.status == "published" and Bulletin.objects.get(pk=bulletin.pk).status == "published"
    with pytest.raises(PermissionDenied):  # the issuer reads its own bulletin but is no recipient
        services.bulletin_transition(actor=publisher, public_id=bulletin.public_id, action="read")
    services.bulletin_transition(actor=officer, public_id=bulletin.public_id, action="read")
    assert BulletinRecipient.objects.get(bulletin=bulletin, agency=officer.agency).read_by == officer
    services.bulletin_transition(actor=publisher, public_id=bulletin.public_id, action="withdraw", reason="重复")
    with pytest.raises(InvalidTransition):
        services.bulletin_transition(actor=officer, public_id=bulletin.public_id, action="acknowledge")
    assert set(AuditEntry.objects.filter(object_id=str(bulletin.public_id)).values_list("action", flat=True)) == {
        "bulletin.created",
        "bulletin.published",
        "bulletin.read",
        "bulletin.withdrawn",
    }


def test_reminders_only_for_bulletins_that_can_still_be_acknowledged(publisher, make_user, tomorrow):
    make_user("officer", "wujiang")
    bulletin = _publish(
        publisher, _draft(audience_type="region", provinces=("320000",), requires_ack=True, ack_due_on=tomorrow)
    )
    services.bulletin_withdraw(actor=publisher, public_id=bulletin.public_id, reason="内容有误")
    Bulletin.objects.filter(pk=bulletin.pk).update(ack_due_on=timezone.localdate() - timedelta(days=1))
    assert services.bulletin_remind_overdue() == 0
