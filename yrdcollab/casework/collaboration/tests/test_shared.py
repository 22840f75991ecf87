from datetime import date, datetime, timedelta
from uuid import uuid4

import pytest
from django.utils import timezone

from yrdcollab.casework.collaboration.deadlines import DeadlineState, deadline_state, end_of_day, step_deadline
from yrdcollab.casework.collaboration.letters import Letter, render_letter
from yrdcollab.casework.collaboration.models import TrackedItem
from yrdcollab.casework.collaboration.selectors import tracked_items_visible_to
from yrdcollab.casework.collaboration.services import document_number_next


def test_deadline_states():
    now = timezone.make_aware(datetime(2026, 11, 27, 10, 0))
    assert deadline_state(due_at=None, now=now) == DeadlineState.NONE
    assert deadline_state(due_at=now + timedelta(days=3), now=now) == DeadlineState.ON_TIME
    assert deadline_state(due_at=now + timedelta(hours=5), now=now) == DeadlineState.DUE_SOON
    assert deadline_state(due_at=now - timedelta(seconds=1), now=now) == DeadlineState.OVERDUE


@pytest.mark.django_db
def test_default_rules_cross_the_national_day_holiday(work_calendar):
    # Sent on Wednesday 30 September 2026: three working days skip 1–7 October (holiday) and
    # count Thursday 8, Friday 9 and the make-up Saturday 10 October.
    sent = timezone.make_aware(datetime(2026, 9, 30, 16, 0))
    accept = step_deadline(workflow="transfer", step="accept", start=sent)
    assert accept.due_at == end_of_day(date(2026, 10, 10))
    assert not accept.provisional
    # Ten calendar days for assistance: holidays are not skipped.
    respond = step_deadline(workflow="assistance", step="respond", start=sent)
    assert respond.due_at == end_of_day(date(2026, 10, 10))
    # Without an acting agency the platform's agreed default is cited; each region's own basis is
    # looked up per agency (test_legal_bases.py).
    assert "10日内" in respond.legal_basis and "上海市" not in respond.legal_basis


@pytest.mark.django_db
def test_working_days_into_an_unknown_year_are_provisional(work_calendar):
    sent = timezone.make_aware(datetime(2026, 12, 30, 9, 0))
    assert step_deadline(workflow="transfer", step="accept", start=sent).provisional


@pytest.mark.django_db
def test_document_numbers_are_sequential_per_agency_kind_and_year(agency):
    qingpu = agency("qingpu")
    first = document_number_next(agency=qingpu, kind="assistance")
    second = document_number_next(agency=qingpu, kind="assistance")
    other = document_number_next(agency=qingpu, kind="transfer")
    year = timezone.localdate().year
    assert first == f"沪青城管协〔{year}〕1号"
    assert second == f"沪青城管协〔{year}〕2号"
    assert other == f"沪青城管移〔{year}〕1号"


@pytest.mark.django_db
def test_visibility_covers_parties_their_superiors_and_the_command_centre(make_user, agency):
    TrackedItem.objects.create(
        kind="transfer",
        public_id=uuid4(),
        title="跨省倾倒建筑垃圾",
        sender=agency("qingpu"),
        receiver=agency("wujiang"),
    )

    def sees(role, agency_key):
        return tracked_items_visible_to(make_user(role, agency_key)).exists()

    assert sees("officer", "qingpu")  # sender
    assert sees("officer", "wujiang")  # receiver
    assert sees("liaison", "sh")  # the Shanghai municipal bureau is above 青浦
    assert sees("supervisor", "sh")  # command centre
    assert not sees("officer", "jiashan")  # a third agency


def test_letter_pdf_is_readable():
    from io import BytesIO

    from pypdf import PdfReader

    pdf = render_letter(
        Letter(
            issuer="上海市青浦区城市管理行政执法局",
            title="协查函",
            doc_number="沪青城管协〔2026〕12号",
            recipient="苏州市吴江区综合行政执法局",
            paragraphs=["请协助核查当事人身份。"],
            issued_on=date(2026, 11, 27),
            rows=[("事项", "建筑垃圾・渣土")],
            qr_url="http://example.gov.cn/evidence/verify/1",
        )
    )
    text = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert "协查函" in text and "沪青城管协〔2026〕12号" in text and "2026年11月27日" in text


@pytest.mark.django_db
def test_the_cited_default_applies_when_its_row_is_gone(work_calendar):
    from yrdcollab.casework.collaboration.models import DeadlineRule

    DeadlineRule.objects.filter(workflow="assistance", step="respond").delete()
    sent = timezone.make_aware(datetime(2026, 9, 30, 16, 0))
    respond = step_deadline(workflow="assistance", step="respond", start=sent)
    assert respond.due_at == end_of_day(date(2026, 10, 10))
    assert "10日内" in respond.legal_basis  # the declared default's text (no acting agency given)
