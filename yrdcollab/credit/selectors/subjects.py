"""A credit subject found by its identifier together with its records under publicity, in one
statement (the credit query's hot path, bench/credit_query.py), and the province and last day of
publication the result pages show."""

from datetime import date, timedelta
from functools import cache

from django.db import connection
from django.utils import timezone

from yrdcollab.casework.recognition.models import PenaltyDecision
from yrdcollab.casework.recognition.selectors import PROVINCE_NAMES
from yrdcollab.core.tenancy import unscoped
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.directory.models import Agency, Division
from yrdcollab.platform.parties.digest import id_number_digest
from yrdcollab.platform.parties.models import Party, PartyKind

from ..models import AppliedMeasure, CreditRecord, SeriousListEntry
from ..states import ListStatus, MeasureStatus, RecordStatus

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


def subject_with_records(by: str, value: str) -> list[Party]:
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


def with_province(obj):
    """Sets `obj.province` (上海市 …) from its agency's division and, on a record, `last_day`: the
    last day of publication (the stored window is half-open)."""
    code = obj.agency.division.province_code
    obj.province = PROVINCE_NAMES.get(code, code)
    ends_on = getattr(obj, "publicity_ends_on", None)
    obj.last_day = ends_on - timedelta(days=1) if ends_on else None
    return obj
