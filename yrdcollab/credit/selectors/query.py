"""信用信息查询 across the four regions: one subject (统一社会信用代码, 公民身份号码 or an organisation's
name), its penalty records under publicity, its 严重失信主体名单 entries and the joint measures in
force against it, with who decided what.

Every query carries a purpose from a fixed list, is rate-limited per user and is written to the
audit trail with the identifier masked. Repaired, expired, withdrawn and never-published records
are not returned: "published" is the status plus the half-open window [starts_on, ends_on), read
from the (subject, status) index on every call, never from a cache.

A lookup by USCC or ID number is one indexed statement whatever the table sizes: the subject by
its unique identifier (USCC or ID-number digest), whether it has list entries / measures in force,
and its records by (subject, status) with agency, decision and matter, only the columns shown; list
entries and measures follow only when present. A name search (up to 20 organisations) reads the
subjects, then their records. The reads need no transaction; the audit append (one round trip,
durably committed) and the stored result the report is printed from (CreditQueryReport, one
INSERT in the same transaction) are the only writes. The PDF reads that stored result back by its
报告编号 (`credit_query_report_of`): no second query, no second audit entry, no second count
against the rate limit."""

import json
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yrdcollab.core.errors import NotFound, PermissionDenied
from yrdcollab.core.personal_data import mask_id_number
from yrdcollab.core.tenancy import unscoped
from yrdcollab.core.validation import invalid
from yrdcollab.platform.access.permissions import has_capability, require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.accounts import ratelimit
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.parties.identifiers import validate_id_number, validate_uscc
from yrdcollab.platform.parties.models import Party, PartyKind

from ..conf import SETTINGS
from ..models import AppliedMeasure, CreditQueryReport, CreditRecord, SeriousListEntry
from ..services.query_reports import credit_query_report_store
from ..states import ListStatus, MeasureStatus
from .subjects import (
    published_records,
    subject_with_records,
    with_province,
)

NAME_MIN, NAME_MAX = 2, 64
# Subjects a name search returns at most (the pages and the API say "the first 20"): finding one
# company, not listing a sector.
NAME_RESULT_LIMIT = 20
PURPOSE_NOTE_MAX = 200


class QueryPurpose(models.TextChoices):
    INSPECTION = "inspection", gettext_lazy("行政检查")
    LICENSING = "licensing", gettext_lazy("行政许可审查")
    PROCUREMENT = "procurement", gettext_lazy("政府采购/招投标审查")
    COMMENDATION = "commendation", gettext_lazy("评优评先审查")
    FUNDING = "funding", gettext_lazy("财政资金审查")
    CASE = "case", gettext_lazy("案件办理")
    OTHER = "other", gettext_lazy("其他（须说明）")


@dataclass
class SubjectCredit:
    party: Party
    identifier: str  # USCC, or the ID number (masked unless revealed)
    id_number_revealed: bool
    records: list[CreditRecord] = field(default_factory=list)
    list_entries: list[SeriousListEntry] = field(default_factory=list)
    measures: list[AppliedMeasure] = field(default_factory=list)


@dataclass
class CreditQueryResult:
    report_number: str
    queried_at: datetime
    actor: object
    by: str  # "uscc" | "id_number" | "name"
    identifier: str  # as the query named it, masked (names of organisations are public)
    purpose: str
    purpose_note: str
    subjects: list[SubjectCredit]
    truncated: bool  # a name search matched more than NAME_RESULT_LIMIT subjects
    snapshot: dict = field(default_factory=dict)  # the stored result the report prints

    @property
    def purpose_label(self) -> str:
        return str(QueryPurpose(self.purpose).label)

    @property
    def record_count(self) -> int:
        return sum(len(s.records) for s in self.subjects)


def mask_uscc(code: str) -> str:
    """913101********123X: the registering authority, kind and province stay, the rest is hidden."""
    return code[:4] + "*" * (len(code) - 8) + code[-4:] if len(code) > 8 else "*" * len(code)


def _purpose(purpose: str, note: str) -> tuple[str, str]:
    purpose, note = (purpose or "").strip(), (note or "").strip()
    if not purpose:
        raise invalid("purpose", _("请选择查询用途。"), "purpose_required", choices=QueryPurpose.values)
    if purpose not in QueryPurpose.values:
        raise invalid("purpose", _("查询用途不在规定范围内。"), "invalid_purpose", choices=QueryPurpose.values)
    if len(note) > PURPOSE_NOTE_MAX:
        raise invalid("purpose_note", _("用途说明不能超过%(n)d个字符。") % {"n": PURPOSE_NOTE_MAX}, "invalid_input")
    if purpose == QueryPurpose.OTHER and not note:
        raise invalid("purpose_note", _("用途为“其他”时须说明具体用途。"), "purpose_note_required")
    return purpose, note


def _criterion(uscc: str | None, id_number: str | None, name: str | None) -> tuple[str, str]:
    given = {k: (v or "").strip() for k, v in (("uscc", uscc), ("id_number", id_number), ("name", name))}
    named = [k for k, v in given.items() if v]
    if len(named) != 1:
        raise invalid(
            "uscc", _("请只填写统一社会信用代码、公民身份号码、名称三者之一。"), "one_identifier_required", given=named
        )
    by = named[0]
    value = given[by]
    if by == "uscc":
        result = validate_uscc(value)
        if not result.ok:
            raise invalid("uscc", result.error, "invalid_uscc", rule="GB 32100-2015")
        return by, result.value
    if by == "id_number":
        result = validate_id_number(value)
        if not result.ok:
            raise invalid("id_number", result.error, "invalid_id_number", rule="GB 11643-1999")
        return by, result.value
    if len(value) < NAME_MIN or len(value) > NAME_MAX or not value.isprintable():
        raise invalid("name", _("名称应为%(a)d至%(b)d个字符。") % {"a": NAME_MIN, "b": NAME_MAX}, "invalid_name")
    return by, value


@unscoped("the credit query spans the four regions (信用联合惩戒): its callers check CREDIT_QUERY")
def _with_presence(parties):
    """Parties annotated with whether they have list entries / measures in force, so those two
    lookups run only for the (few) subjects that have any."""
    return parties.annotate(
        has_list_entries=models.Exists(
            SeriousListEntry.objects.filter(subject=models.OuterRef("pk"), status=ListStatus.PUBLISHED)
        ),
        has_measures=models.Exists(
            AppliedMeasure.objects.filter(subject=models.OuterRef("pk"), status=MeasureStatus.IN_FORCE)
        ),
    )


def _subjects(by: str, value: str) -> tuple[list[Party], bool]:
    # Single-row lookups by a unique identifier: the subject and its records in one statement.
    if by in ("uscc", "id_number"):
        return subject_with_records(by, value), False
    # A name finds organisations only: names of people are not unique, and a person is found by the
    # ID number the purpose of the query gives the officer.
    matches = Party.objects.filter(kind=PartyKind.ORGANISATION, name__icontains=value).order_by("name", "id")
    parties = list(_with_presence(matches)[: NAME_RESULT_LIMIT + 1])
    return parties[:NAME_RESULT_LIMIT], len(parties) > NAME_RESULT_LIMIT


@unscoped("the credit query spans the four regions (信用联合惩戒): its callers check CREDIT_QUERY")
def _credit_of(parties: list[Party], *, reveal: bool) -> list[SubjectCredit]:
    ids = [p.pk for p in parties]
    subjects = {
        p.pk: SubjectCredit(
            party=p,
            id_number_revealed=reveal and bool(p.id_number),
            identifier=p.uscc or (p.id_number if reveal else p.id_number_masked),
        )
        for p in parties
    }
    if not ids:
        return []
    loaded = [p for p in parties if hasattr(p, "published")]  # read with the subject (subject_with_records)
    for party in loaded:
        subjects[party.pk].records = [with_province(record) for record in party.published]
    rest = [pk for pk in ids if not hasattr(subjects[pk].party, "published")]
    for record in published_records(rest) if rest else ():
        subjects[record.subject_id].records.append(with_province(record))
    listed = [p.pk for p in parties if getattr(p, "has_list_entries", True)]
    if listed:
        for entry in (
            SeriousListEntry.objects.filter(subject_id__in=listed, status=ListStatus.PUBLISHED)
            .select_related("agency__division")
            .order_by("-listed_on", "-id")
        ):
            subjects[entry.subject_id].list_entries.append(with_province(entry))
    measured = [p.pk for p in parties if getattr(p, "has_measures", True)]
    if measured:
        for measure in (
            AppliedMeasure.objects.filter(subject_id__in=measured, status=MeasureStatus.IN_FORCE)
            .select_related("measure", "agency__division", "record__decision")
            .order_by("-applied_on", "-id")
        ):
            subjects[measure.subject_id].measures.append(with_province(measure))
    return list(subjects.values())


def report_number_new(day: date) -> str:
    return f"XYCX{day:%Y%m%d}{secrets.token_hex(4).upper()}"


def credit_query(
    *,
    actor,
    uscc: str | None = None,
    id_number: str | None = None,
    name: str | None = None,
    purpose: str,
    purpose_note: str = "",
    reveal_id_number: bool = False,
    output: str = "json",
) -> CreditQueryResult:
    """The credit of one subject (or of up to 20 organisations by name) across the four regions.
    `reveal_id_number` shows an individual's number in full (PERSONAL_DATA_FULL; audited apart)."""
    require_capability(actor, Capability.CREDIT_QUERY)
    if reveal_id_number and not has_capability(actor, Capability.PERSONAL_DATA_FULL):
        raise PermissionDenied(
            _("您无权查看完整的公民身份号码。"), details={"capability": str(Capability.PERSONAL_DATA_FULL)}
        )
    purpose, purpose_note = _purpose(purpose, purpose_note)
    by, value = _criterion(uscc, id_number, name)
    limit, window = SETTINGS.YRD_CREDIT_QUERY_RATE
    ratelimit.enforce("credit_query", str(actor.pk), limit=limit, window=window)
    parties, truncated = _subjects(by, value)
    subjects = _credit_of(parties, reveal=reveal_id_number)
    now = timezone.now()
    masked = {"uscc": mask_uscc, "id_number": mask_id_number}.get(by, lambda v: v)(value)
    result = CreditQueryResult(
        report_number=report_number_new(timezone.localdate(now)),
        queried_at=now,
        actor=actor,
        by=by,
        identifier=masked,
        purpose=purpose,
        purpose_note=purpose_note,
        subjects=subjects,
        truncated=truncated,
    )
    revealed = [s for s in subjects if s.id_number_revealed]
    with transaction.atomic():  # the query's audit entries and its stored result: all or none
        result.snapshot = credit_query_report_store(actor=actor, result=result)
        audit_record(
            actor=actor,
            action="credit.queried",
            object_type="CreditQuery",
            object_id=result.report_number,
            summary={
                "purpose": purpose,
                "purpose_note": purpose_note,
                "by": by,
                "identifier": masked,
                "output": output,
                "subjects": len(subjects),
                "records": result.record_count,
                "list_entries": sum(len(s.list_entries) for s in subjects),
                "measures": sum(len(s.measures) for s in subjects),
                "found": [str(s.party.public_id) for s in subjects],
            },
        )
        for subject in revealed:
            audit_record(
                actor=actor,
                action="personal_data.viewed",
                obj=subject.party,
                summary={"field": "id_number", "subject": subject.party.name, "report_number": result.report_number},
            )
    return result


def credit_query_report_of(*, actor, report_number: str) -> dict:
    """The stored result of a query the actor ran (its 报告编号), for its PDF; another user's or
    another agency's report, or an unknown number, is the same 404."""
    require_capability(actor, Capability.CREDIT_QUERY)
    report = (
        CreditQueryReport.objects.visible_to(actor)
        .filter(report_number=str(report_number)[:32], queried_by_id=actor.pk)
        .only("snapshot")
        .first()
    )
    if report is None:
        raise NotFound()
    return json.loads(report.snapshot)
