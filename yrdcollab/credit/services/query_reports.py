"""The stored result of a credit query (CreditQueryReport): written with the query's audit entry, so
the screen and the PDF show one result under one 报告编号 and the PDF never queries again."""

import json

from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.dates import chinese_date, chinese_datetime
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.parties.models import PartyKind

from ..models import CreditQueryReport


def _agency(obj) -> str:
    """The agency of a record, list entry or measure with its province (set by the selector)."""
    return f"{obj.agency.name}（{obj.province}）"


def _fine(amount) -> str:
    return f"{amount:,.2f}" if amount else "—"


def _subject(subject) -> dict:
    party = subject.party
    unverified = party.kind == PartyKind.ORGANISATION and not party.name_verified
    return {
        "title": f"{party.name}（{party.get_kind_display()}）" + (_("（名称待核验）") if unverified else ""),
        "identifier_label": _("统一社会信用代码") if party.uscc else _("公民身份号码"),
        "identifier": subject.identifier or "—",
        "records": [
            [
                r.decision.decision_number,
                _agency(r),
                chinese_date(r.decision.decided_on),
                r.decision.matter.name,
                "、".join(r.decision.penalty_type_labels),
                _fine(r.decision.fine_amount),
                str(r.get_severity_display()),
                f"{chinese_date(r.publicity_starts_on)}至{chinese_date(r.last_day)}",
                str(r.get_regime_display()),
            ]
            for r in subject.records
        ],
        "list_entries": [
            [
                _agency(e),
                e.document_number or "—",
                chinese_date(e.listed_on) or "—",
                chinese_date(e.ends_on) or "—",
                e.reasons,
            ]
            for e in subject.list_entries
        ],
        "measures": [
            [
                m.measure.name,
                _agency(m),
                chinese_date(m.applied_on),
                m.record.decision.decision_number if m.record_id else _("严重失信主体名单"),
            ]
            for m in subject.measures
        ],
    }


def query_snapshot(result) -> dict:
    """What the report of a CreditQueryResult says, as text (JSON-serialisable)."""
    actor = result.actor
    by_label = {"uscc": _("统一社会信用代码"), "id_number": _("公民身份号码"), "name": _("单位名称")}[result.by]
    return {
        "report_number": result.report_number,
        "queried_at": chinese_datetime(result.queried_at, seconds=True),
        "issued_on": timezone.localdate(result.queried_at).isoformat(),
        "agency": actor.agency.name if actor.agency_id else "",
        "queried_by": actor.get_full_name(),
        "purpose": result.purpose_label + (f"：{result.purpose_note}" if result.purpose_note else ""),
        "criterion": f"{by_label}：{result.identifier}",
        "record_count": result.record_count,
        "truncated": result.truncated,
        "subjects": [_subject(s) for s in result.subjects],
    }


def credit_query_report_store(*, actor, result) -> dict:
    """Store the result of a query that just ran (inside its audit transaction); the snapshot."""
    snapshot = query_snapshot(result)
    CreditQueryReport.objects.create(
        report_number=result.report_number,
        agency_id=actor.agency_id,
        queried_by=actor,
        queried_at=result.queried_at,
        snapshot=json.dumps(snapshot, ensure_ascii=False),
    )
    return snapshot


def credit_query_report_printed(*, actor, snapshot: dict) -> None:
    """A stored report was opened as a PDF: an audited read of the data it holds (`credit.report_printed`),
    not a query — it does not count against the hourly query limit, which counts `credit.queried`."""
    audit_record(
        actor=actor,
        action="credit.report_printed",
        obj=None,
        object_type="CreditQueryReport",
        object_id=snapshot["report_number"],
        summary={"report_number": snapshot["report_number"]},
    )
