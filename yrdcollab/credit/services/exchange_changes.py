"""Reads of the exchange area: the change feed a provincial credit system polls to stay in step
(new records, corrections, repairs, expiries, withdrawals), the import batches of one's agency,
and the CSV renderings (changes export, import template).

Choices (docs: credit exchange section of the ADR the lead keeps):
* Scope: every credit record of the four regions, whatever its status, including the 轻微
  records that are not published. The feed is a government-to-government channel (CREDIT_EXCHANGE)
  feeding the provincial credit platforms that collect all penalty information (归集); the
  `status` tells them what may be published. Leaving the never-published records out would also
  hide a later correction that turns a published record into a not-published one.
* Identity: the full ID number of an individual is given only to holders of PERSONAL_DATA_FULL
  (credit officers, bureau leaders); others get it masked. A provincial system cannot match a
  person by a masked number, so its integrator account needs that capability too (asked of the
  lead). Each page is audited, with the number of individuals whose numbers left in full.
* Paging: by (updated_at, id), the cursor is signed (opaque, not forgeable); a record changed
  again later simply comes again.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from yrdcollab.casework.recognition.models import PenaltyType
from yrdcollab.core.csv_export import BOM, csv_writer, safe_cell
from yrdcollab.core.dates import chinese_datetime
from yrdcollab.core.errors import InvalidInput, PermissionDenied
from yrdcollab.core.personal_data import mask_id_number
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.platform.access.permissions import has_capability, require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.parties.models import PartyKind

from ..models import CreditRecord, ImportBatch, Severity
from ..states import RecordStatus
from .exchange_parse import template_headers

CHANGES_LIMIT_MAX = 1000
CSV_LIMIT_MAX = 50_000
_CURSOR_SALT = "yrdcollab.credit.exchange.changes"


def may_exchange(actor) -> bool:
    return has_capability(actor, Capability.CREDIT_EXCHANGE)


def _require(actor) -> None:
    require_capability(actor, Capability.CREDIT_EXCHANGE)
    if actor.agency_id is None:
        raise PermissionDenied(_("账号未归属任何机构。"))


# ---- import batches -------------------------------------------------------------------------


def import_batch_list(*, actor, limit: int = 50) -> list[ImportBatch]:
    """The latest batches imported by the actor's agency."""
    _require(actor)
    return list(ImportBatch.objects.visible_to(actor).select_related("imported_by")[:limit])


def import_batch_get(*, actor, batch_id: UUID) -> ImportBatch:
    """One batch of the actor's agency; 404 otherwise, for a role without credit.exchange too (CONVENTIONS §5)."""
    batches = ImportBatch.objects.visible_to(actor) if may_exchange(actor) else ImportBatch.objects.none()
    return get_by_public_id(batches.select_related("imported_by", "agency"), batch_id)


# ---- change feed ----------------------------------------------------------------------------


@dataclass
class ChangesPage:
    items: list[dict]
    next_cursor: str | None  # poll again from here (also when nothing more is waiting)
    has_more: bool
    full_identifiers: bool


def _cursor_encode(updated_at: datetime, pk: int) -> str:
    return signing.dumps([updated_at.isoformat(), pk], salt=_CURSOR_SALT, compress=True)


def _cursor_decode(cursor: str) -> tuple[datetime, int]:
    try:
        moment, pk = signing.loads(cursor, salt=_CURSOR_SALT)
        moment = parse_datetime(moment)
        if moment is None or not isinstance(pk, int):
            raise ValueError
        return moment, pk
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidInput(
            _("游标无效，请使用上一页返回的 next_cursor。"), code="invalid_cursor", details={"field": "cursor"}
        ) from None


def _item(record: CreditRecord, full: bool) -> dict:
    decision, subject, agency = record.decision, record.subject, record.agency
    return {
        "id": record.public_id,
        "decision_id": decision.public_id,
        "updated_at": record.updated_at,
        "agency": {"id": agency.public_id, "name": agency.name, "doc_prefix": agency.doc_prefix},
        "decision_number": decision.decision_number,
        "decided_on": decision.decided_on,
        "matter": decision.matter.code,
        "penalty_types": list(decision.penalty_types),
        "fine_amount": decision.fine_amount,
        "summary": decision.summary,
        "subject": {
            "kind": subject.kind,
            "name": subject.name,
            "uscc": subject.uscc,
            "id_number": subject.id_number if full else mask_id_number(subject.id_number),
        },
        "status": record.status,
        "regime": record.regime,
        "severity": record.severity,
        "special_sector": record.special_sector,
        "publicity_starts_on": record.publicity_starts_on,
        "repairable_from": record.repairable_from,
        "publicity_ends_on": record.publicity_ends_on,
        "status_changed_at": record.status_changed_at,
        "repaired_at": record.repaired_at,
        "source": record.source,
    }


@transaction.atomic
def credit_changes(
    *, actor, since: datetime | None = None, cursor: str | None = None, limit: int = CHANGES_LIMIT_MAX
) -> ChangesPage:
    """Records changed after `since` (or after the cursor), oldest change first. The JSON API pages
    by up to CHANGES_LIMIT_MAX, the CSV export by up to CSV_LIMIT_MAX."""
    _require(actor)
    if not 1 <= limit <= CSV_LIMIT_MAX:
        raise InvalidInput(
            _("每页条数应在1到%(n)d之间。") % {"n": CSV_LIMIT_MAX}, code="invalid_limit", details={"field": "limit"}
        )
    if cursor:
        moment, pk = _cursor_decode(cursor)
        after = Q(updated_at__gt=moment) | Q(updated_at=moment, pk__gt=pk)
    elif since is not None:
        if timezone.is_naive(since):
            since = timezone.make_aware(since)
        after = Q(updated_at__gt=since)
    else:
        raise InvalidInput(_("请指定起始时间 since 或游标 cursor。"), code="invalid_input", details={"field": "since"})
    records = list(
        CreditRecord.objects.filter(after)
        .select_related("decision", "decision__matter", "subject", "agency")
        .order_by("updated_at", "pk")[: limit + 1]
    )
    has_more = len(records) > limit
    records = records[:limit]
    full = has_capability(actor, Capability.PERSONAL_DATA_FULL)
    items = [_item(r, full) for r in records]
    if records:
        next_cursor = _cursor_encode(records[-1].updated_at, records[-1].pk)
    else:
        next_cursor = cursor or None
    individuals = sum(1 for r in records if r.subject.id_number)
    audit_record(
        actor=actor,
        action="credit.changes_exported",
        object_type="CreditRecord",
        summary={
            "since": since,
            "cursor": bool(cursor),
            "count": len(items),
            "full_id_numbers": individuals if full else 0,
        },
    )
    return ChangesPage(items=items, next_cursor=next_cursor, has_more=has_more, full_identifiers=full)


# ---- CSV ------------------------------------------------------------------------------------


def template_csv() -> str:
    """The import template: UTF-8 with BOM (Excel reads the Chinese) and the header only, so an
    unedited template imports nothing."""
    return BOM + csv_writer().writerow(template_headers())


def changes_csv_header() -> list[str]:
    return [
        _("信用记录编号"),
        _("变更时间"),
        _("认定机构"),
        _("认定机构编号"),
        _("处罚决定书文号"),
        _("处罚决定日期"),
        _("主体类型"),
        _("主体名称"),
        _("统一社会信用代码"),
        _("公民身份号码"),
        _("事项编码"),
        _("处罚种类"),
        _("罚款金额（元）"),
        _("失信程度"),
        _("状态"),
        _("公示起始日"),
        _("可申请修复日"),
        _("公示截止日"),
        _("修复时间"),
        _("来源"),
    ]


def changes_csv_lines(page: ChangesPage) -> Iterator[str]:
    """Labels in Chinese (as the import template takes them); codes are in the JSON feed."""
    kinds, types = dict(PartyKind.choices), dict(PenaltyType.choices)
    severities, statuses = dict(Severity.choices), dict(RecordStatus.choices)
    writer = csv_writer()
    yield BOM + writer.writerow(changes_csv_header())
    for item in page.items:
        subject = item["subject"]
        yield writer.writerow(
            [
                safe_cell(v)
                for v in (
                    item["id"],
                    chinese_datetime(item["updated_at"], seconds=True),
                    item["agency"]["name"],
                    item["agency"]["id"],
                    item["decision_number"],
                    item["decided_on"],
                    kinds.get(subject["kind"], ""),
                    subject["name"],
                    subject["uscc"],
                    subject["id_number"],
                    item["matter"],
                    "、".join(str(types.get(t, t)) for t in item["penalty_types"]),
                    item["fine_amount"],
                    severities.get(item["severity"], ""),
                    statuses.get(item["status"], ""),
                    item["publicity_starts_on"],
                    item["repairable_from"],
                    item["publicity_ends_on"],
                    chinese_datetime(item["repaired_at"], seconds=True) if item["repaired_at"] else "",
                    item["source"],
                )
            ]
        )
