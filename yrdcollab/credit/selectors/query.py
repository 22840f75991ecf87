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
durably committed) is the only write."""

import secrets
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yrdcollab.casework.recognition.models import PenaltyDecision
from yrdcollab.casework.recognition.selectors import PROVINCE_NAMES
from yrdcollab.core.errors import InvalidInput, PermissionDenied
from yrdcollab.core.personal_data import mask_id_number
from yrdcollab.core.tenancy import unscoped
from yrdcollab.platform.access.permissions import has_capability, require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.accounts import ratelimit
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.directory.models import Agency, Division
from yrdcollab.platform.parties.digest import id_number_digest
from yrdcollab.platform.parties.identifiers import validate_id_number, validate_uscc
from yrdcollab.platform.parties.models import Party, PartyKind

from ..conf import SETTINGS
from ..models import AppliedMeasure, CreditRecord, SeriousListEntry
from ..states import ListStatus, MeasureStatus, RecordStatus

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

    @property
    def purpose_label(self) -> str:
        return str(QueryPurpose(self.purpose).label)

    @property
    def record_count(self) -> int:
        return sum(len(s.records) for s in self.subjects)


def mask_uscc(code: str) -> str:
    """913101********123X: the registering authority, kind and province stay, the rest is hidden."""
    return code[:4] + "*" * (len(code) - 8) + code[-4:] if len(code) > 8 else "*" * len(code)


def _invalid(code: str, field_name: str, message: str, **details) -> InvalidInput:
    return InvalidInput(message, code=code, details={"field": field_name, **details})


def _purpose(purpose: str, note: str) -> tuple[str, str]:
    purpose, note = (purpose or "").strip(), (note or "").strip()
    if not purpose:
        raise _invalid("purpose_required", "purpose", _("请选择查询用途。"), choices=QueryPurpose.values)
    if purpose not in QueryPurpose.values:
        raise _invalid("invalid_purpose", "purpose", _("查询用途不在规定范围内。"), choices=QueryPurpose.values)
    if len(note) > PURPOSE_NOTE_MAX:
        raise _invalid("invalid_input", "purpose_note", _("用途说明不能超过%(n)d个字符。") % {"n": PURPOSE_NOTE_MAX})
    if purpose == QueryPurpose.OTHER and not note:
        raise _invalid("purpose_note_required", "purpose_note", _("用途为“其他”时须说明具体用途。"))
    return purpose, note


def _criterion(uscc: str | None, id_number: str | None, name: str | None) -> tuple[str, str]:
    given = {k: (v or "").strip() for k, v in (("uscc", uscc), ("id_number", id_number), ("name", name))}
    named = [k for k, v in given.items() if v]
    if len(named) != 1:
        raise _invalid(
            "one_identifier_required", "uscc", _("请只填写统一社会信用代码、公民身份号码、名称三者之一。"), given=named
        )
    by = named[0]
    value = given[by]
    if by == "uscc":
        result = validate_uscc(value)
        if not result.ok:
            raise _invalid("invalid_uscc", "uscc", result.error, rule="GB 32100-2015")
        return by, result.value
    if by == "id_number":
        result = validate_id_number(value)
        if not result.ok:
            raise _invalid("invalid_id_number", "id_number", result.error, rule="GB 11643-1999")
        return by, result.value
    if len(value) < NAME_MIN or len(value) > NAME_MAX or not value.isprintable():
        raise _invalid("invalid_name", "name", _("名称应为%(a)d至%(b)d个字符。") % {"a": NAME_MIN, "b": NAME_MAX})
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
        return _subject_with_records(by, value), False
    # A name finds organisations only: names of people are not unique, and a person is found by the
    # ID number the purpose of the query gives the officer.
    matches = Party.objects.filter(kind=PartyKind.ORGANISATION, name__icontains=value).order_by("name", "id")
    parties = list(_with_presence(matches)[: NAME_RESULT_LIMIT + 1])
    return parties[:NAME_RESULT_LIMIT], len(parties) > NAME_RESULT_LIMIT


# What the result pages, the API and the PDF report read of a record (nothing else is loaded).
_RECORD_COLUMNS = (
    "public_id",
    "subject_id",
    "agency_id",
    "decision_id",
    "regime",
    "severity",
    "status",
    "publicity_starts_on",
    "repairable_from",
    "publicity_ends_on",
    "agency__public_id",
    "agency__name",
    "agency__division__province_code",
    "decision__public_id",
    "decision__decision_number",
    "decision__decided_on",
    "decision__penalty_types",
    "decision__fine_amount",
    "decision__matter__code",
    "decision__matter__name",
)


@unscoped("records under publicity are shared across the four regions; callers check the reader")
def published_records(subject_ids, *, today: date | None = None):
    """Records under publicity today: status published and the window not yet over."""
    today = today or timezone.localdate()
    return (
        CreditRecord.objects.filter(
            subject_id__in=subject_ids,
            status=RecordStatus.PUBLISHED,
            publicity_ends_on__gt=today,
            publicity_starts_on__lte=today,
        )
        .select_related("agency__division", "decision__matter")
        .only(*_RECORD_COLUMNS)
        .order_by("-publicity_starts_on", "-id")
    )


class _Loader:
    """Model instances from raw columns of the fields named, as the ORM builds them: the same
    converters (the backend's, then the field's own: decryption, JSON), then from_db."""

    def __init__(self, model, names: tuple[str, ...]):
        order = {f.name: i for i, f in enumerate(model._meta.concrete_fields)}
        fields = [model._meta.get_field(name) for name in sorted(names, key=order.__getitem__)]  # from_db's order
        self.model, self.columns = model, [f.column for f in fields]
        self.attnames = [f.attname for f in fields]
        self.converters = []  # what the SQL compiler applies: the backend's, then the field's own
        for i, f in enumerate(fields):
            col = f.get_col(model._meta.db_table)
            converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            if converters:
                self.converters.append((i, col, converters))

    def sql(self, alias: str) -> str:
        return ", ".join(f"{alias}.{connection.ops.quote_name(c)}" for c in self.columns)

    def load(self, values):
        values = list(values)
        for i, col, converters in self.converters:
            for convert in converters:
                values[i] = convert(values[i], col, connection)
        return self.model.from_db(connection.alias, self.attnames, values)


@cache
def _loaders() -> dict[str, _Loader]:
    return {
        "party": _Loader(Party, tuple(f.name for f in Party._meta.concrete_fields)),
        "record": _Loader(
            CreditRecord,
            (
                "id",
                "public_id",
                "subject",
                "agency",
                "decision",
                "regime",
                "severity",
                "status",
                "publicity_starts_on",
                "repairable_from",
                "publicity_ends_on",
            ),
        ),
        "agency": _Loader(Agency, ("id", "public_id", "name", "division")),
        "division": _Loader(Division, ("code", "province_code")),
        "decision": _Loader(
            PenaltyDecision,
            ("id", "public_id", "decision_number", "decided_on", "penalty_types", "fine_amount", "matter"),
        ),
        "matter": _Loader(Matter, ("id", "code", "name")),
    }


@cache
def _subject_sql(by: str) -> str:
    """The subject by its unique identifier, whether it has list entries / measures in force, and
    its records under publicity (exactly published_records(): same filter, columns and order) with
    agency, division, decision and matter: one statement, one round trip."""
    q, loaders = connection.ops.quote_name, _loaders()
    table = {
        m: q(m._meta.db_table)
        for m in (Party, CreditRecord, Agency, Division, PenaltyDecision, Matter, SeriousListEntry, AppliedMeasure)
    }
    # By USCC: organisations, 个体工商户 included (their codes start with 92); by ID number: people.
    where = "p.uscc = %s AND p.kind <> %s" if by == "uscc" else "p.id_number_digest = %s AND p.kind = %s"
    columns = ", ".join(
        loaders[name].sql(alias)
        for name, alias in (("record", "r"), ("agency", "a"), ("division", "dv"), ("decision", "d"), ("matter", "m"))
    )
    return (
        f"SELECT {loaders['party'].sql('p')}, p.has_list_entries, p.has_measures, {columns} "
        f"FROM (SELECT p.*, "  # the subject, with the two EXISTS evaluated once (not per record)
        f"EXISTS (SELECT 1 FROM {table[SeriousListEntry]} e WHERE e.subject_id = p.id AND e.status = %s) "
        f"AS has_list_entries, "
        f"EXISTS (SELECT 1 FROM {table[AppliedMeasure]} x WHERE x.subject_id = p.id AND x.status = %s) "
        f"AS has_measures "
        f"FROM {table[Party]} p WHERE {where} LIMIT 1) p "
        f"LEFT JOIN ({table[CreditRecord]} r "
        f"JOIN {table[Agency]} a ON a.id = r.agency_id JOIN {table[Division]} dv ON dv.code = a.division_id "
        f"JOIN {table[PenaltyDecision]} d ON d.id = r.decision_id JOIN {table[Matter]} m ON m.id = d.matter_id) "
        f"ON r.subject_id = p.id AND r.status = %s AND r.publicity_ends_on > %s AND r.publicity_starts_on <= %s "
        f"ORDER BY r.publicity_starts_on DESC, r.id DESC"
    )


def _subject_with_records(by: str, value: str) -> list[Party]:
    """[the subject] (or []) with `published` set to its records under publicity today."""
    today = timezone.localdate()
    key, kind = (value, PartyKind.VEHICLE) if by == "uscc" else (id_number_digest(value), PartyKind.INDIVIDUAL)
    loaders = _loaders()
    widths = [len(loaders[n].columns) for n in ("party", "record", "agency", "division", "decision", "matter")]
    with connection.cursor() as cursor:
        day = connection.ops.adapt_datefield_value(today)
        cursor.execute(
            _subject_sql(by),
            [ListStatus.PUBLISHED, MeasureStatus.IN_FORCE, key, kind, RecordStatus.PUBLISHED, day, day],
        )
        rows = cursor.fetchall()
    if not rows:
        return []
    party = loaders["party"].load(rows[0][: widths[0]])
    party.has_list_entries, party.has_measures = rows[0][widths[0]], rows[0][widths[0] + 1]
    party.published = []
    start = widths[0] + 2
    for row in rows:
        if row[start] is None:  # no record under publicity
            continue
        parts, at = [], start
        for name, width in zip(("record", "agency", "division", "decision", "matter"), widths[1:], strict=True):
            parts.append(loaders[name].load(row[at : at + width]))
            at += width
        record, agency, division, decision, matter = parts
        Agency._meta.get_field("division").set_cached_value(agency, division)
        PenaltyDecision._meta.get_field("matter").set_cached_value(decision, matter)
        CreditRecord._meta.get_field("agency").set_cached_value(record, agency)
        CreditRecord._meta.get_field("decision").set_cached_value(record, decision)
        party.published.append(record)
    return [party]


def _decorate(obj):
    """Sets `obj.province` (上海市 …) from its agency's division and, on a record, `last_day`: the
    last day of publication (the stored window is half-open)."""
    code = obj.agency.division.province_code
    obj.province = PROVINCE_NAMES.get(code, code)
    ends_on = getattr(obj, "publicity_ends_on", None)
    obj.last_day = ends_on - timedelta(days=1) if ends_on else None
    return obj


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
    loaded = [p for p in parties if hasattr(p, "published")]  # read with the subject (_subject_with_records)
    for party in loaded:
        subjects[party.pk].records = [_decorate(record) for record in party.published]
    rest = [pk for pk in ids if not hasattr(subjects[pk].party, "published")]
    for record in published_records(rest) if rest else ():
        subjects[record.subject_id].records.append(_decorate(record))
    listed = [p.pk for p in parties if getattr(p, "has_list_entries", True)]
    if listed:
        for entry in (
            SeriousListEntry.objects.filter(subject_id__in=listed, status=ListStatus.PUBLISHED)
            .select_related("agency__division")
            .order_by("-listed_on", "-id")
        ):
            subjects[entry.subject_id].list_entries.append(_decorate(entry))
    measured = [p.pk for p in parties if getattr(p, "has_measures", True)]
    if measured:
        for measure in (
            AppliedMeasure.objects.filter(subject_id__in=measured, status=MeasureStatus.IN_FORCE)
            .select_related("measure", "agency__division", "record__decision")
            .order_by("-applied_on", "-id")
        ):
            subjects[measure.subject_id].measures.append(_decorate(measure))
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
    with transaction.atomic() if revealed else nullcontext():  # the query's audit entries: all or none
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


# --- 行政处罚信息公示 (no login) -------------------------------------------------------------------

PUBLIC_QUERY_MIN, PUBLIC_QUERY_MAX = 2, 64
PUBLIC_RESULT_LIMIT = 20  # the page says "the first 20"


@dataclass
class PublicSubject:
    party: Party
    records: list[CreditRecord]


@unscoped("行政处罚法第四十八条 public disclosure: organisations' records under publicity, without login")
def public_penalty_search(*, q: str, client: str) -> tuple[list[PublicSubject], bool]:
    """Organisations (个体工商户 included: business entities with a USCC) with penalty information
    under publicity, by a full USCC or a name fragment. Individuals never appear. Returns the
    subjects (at most PUBLIC_RESULT_LIMIT) and whether more matched."""
    q = (q or "").strip()
    if len(q) < PUBLIC_QUERY_MIN or len(q) > PUBLIC_QUERY_MAX or not q.isprintable():
        raise _invalid(
            "query_length",
            "q",
            _("请输入%(a)d至%(b)d个字的企业名称或18位统一社会信用代码。")
            % {"a": PUBLIC_QUERY_MIN, "b": PUBLIC_QUERY_MAX},
        )
    limit, window = SETTINGS.YRD_CREDIT_PUBLIC_RATE
    ratelimit.enforce("credit_public", client, limit=limit, window=window)
    today = timezone.localdate()
    as_uscc = validate_uscc(q)
    match = models.Q(uscc=as_uscc.value) if as_uscc.ok else models.Q(name__icontains=q)
    under_publicity = CreditRecord.objects.filter(
        subject=models.OuterRef("pk"),
        status=RecordStatus.PUBLISHED,
        publicity_ends_on__gt=today,
        publicity_starts_on__lte=today,
    )
    parties = list(
        Party.objects.filter(match, kind=PartyKind.ORGANISATION)
        .filter(models.Exists(under_publicity))
        .order_by("name", "id")[: PUBLIC_RESULT_LIMIT + 1]
    )
    more = len(parties) > PUBLIC_RESULT_LIMIT
    parties = parties[:PUBLIC_RESULT_LIMIT]
    by_subject: dict[int, PublicSubject] = {p.pk: PublicSubject(party=p, records=[]) for p in parties}
    for record in published_records(list(by_subject), today=today):
        by_subject[record.subject_id].records.append(_decorate(record))
    return list(by_subject.values()), more
