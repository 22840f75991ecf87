"""Writing checked exchange rows, one chunk per transaction: parties and decisions looked up per
chunk, new rows written as plain tuples (COPY on PostgreSQL, executemany on SQLite), changed ones
with bulk_update, every status change checked against RECORD_TRANSITIONS (exchange.py explains the
whole import)."""

from dataclasses import dataclass, field

from django.db import IntegrityError, connection, models, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.recognition.models import PenaltyDecision
from yrdcollab.platform.parties.models import Party, PartyKind
from yrdcollab.platform.parties.services_names import NameProposal, name_claims_record
from yrdcollab.platform.parties.states import ClaimOrigin

from ..models import AppliedMeasure, CreditRecord
from ..states import RECORD_TRANSITIONS, WINDOW_MOVES, RecordAction, RecordStatus
from .exchange_raw import RawTable
from .exchange_rows import GoodRow
from .measures import measures_require_lift

_DECISION_FIELDS = ("decided_on", "party_id", "matter_id", "penalty_types", "fine_amount", "summary")


_RECORD_FIELDS = ("severity", "special_sector", "publicity_ends_on")


@dataclass
class ChunkResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    parties_created: int = 0
    errors: list[dict] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)  # for the batch's audit entry


def _status(window, today) -> str:
    if not window.published:
        return RecordStatus.NOT_PUBLISHED
    return RecordStatus.EXPIRED if window.ends_on <= today else RecordStatus.PUBLISHED


def _restated(old: str, new: str) -> str:
    """The status a record restated by an import reaches with the window moves of RECORD_TRANSITIONS
    (a not published record whose new window has already ended is published, then expired)."""
    if new == old:
        return old
    status = old
    if new == RecordStatus.EXPIRED and not RECORD_TRANSITIONS.allows(status, RecordAction.EXPIRE):
        status = RECORD_TRANSITIONS.target(status, RecordAction.PUBLISH)
    return RECORD_TRANSITIONS.target(status, WINDOW_MOVES[new])


def _party_key(row: GoodRow) -> tuple[str, str]:
    return ("uscc", row.uscc) if row.kind == PartyKind.ORGANISATION else ("digest", row.digest)


def _member(model, name: str, values) -> models.Q:
    """`name IN values` as a filter. On PostgreSQL one array parameter (`= ANY(%s)`): bound and
    planned once whatever the number of values, where IN sends one parameter per value."""
    values = list(values)
    if connection.vendor != "postgresql":
        return models.Q(**{f"{name}__in": values})
    quote = connection.ops.quote_name
    column = f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(name).column)}"
    return models.Q(RawSQL(f"{column} = ANY(%s)", [values], output_field=models.BooleanField()))


def _parties_found(rows: list[GoodRow]) -> dict[tuple[str, str], int]:
    """Ids of the parties the rows name that already exist, by identifier (one query)."""
    usccs = {r.uscc for r in rows if r.kind == PartyKind.ORGANISATION}
    digests = {r.digest for r in rows if r.kind == PartyKind.INDIVIDUAL}
    found: dict[tuple[str, str], int] = {}
    if not usccs and not digests:
        return found
    match = models.Q(pk__in=[])
    if usccs:
        match |= _member(Party, "uscc", usccs)
    if digests:
        match |= _member(Party, "id_number_digest", digests)
    for pk, uscc, digest in Party.objects.filter(match).order_by().values_list("pk", "uscc", "id_number_digest"):
        if uscc in usccs:
            found[("uscc", uscc)] = pk
        if digest in digests:
            found[("digest", digest)] = pk
    return found


def _parties_create(actor, rows: list[GoodRow], found: dict, result: ChunkResult, now) -> None:
    """Creates the parties still missing (only for rows that will be written)."""
    missing: dict[tuple[str, str], GoodRow] = {}
    for row in rows:
        key = _party_key(row)
        if key not in found and key not in missing:
            missing[key] = row
    if missing:
        table = RawTable(
            Party,
            ("kind", "name", "uscc", "id_number", "id_number_digest"),
            {"created_by_agency_id": actor.agency_id, "created_at": now, "updated_at": now},
        )
        encrypt = Party._meta.get_field("id_number").get_db_prep_save
        ids = table.insert(
            [
                (r.kind, r.name, r.uscc, encrypt(r.id_number, connection) if r.id_number else "", r.digest)
                for r in missing.values()
            ],
            with_ids=True,
        )
        found.update(zip(missing, ids, strict=True))
        result.parties_created += len(ids)


def _changed_fields(row: GoodRow, party_id: int | None, decision, record) -> list[str]:
    values, fields = _decision_values(row, party_id), _record_fields(row)
    changed = [f for f in _DECISION_FIELDS if getattr(decision, f) != values[f]]
    return changed + [f for f in _RECORD_FIELDS if getattr(record, f) != fields[f]]


def _record_fields(row: GoodRow) -> dict:
    w = row.window
    return {
        "regime": w.regime,
        "severity": w.severity,
        "special_sector": row.special_sector,
        "publicity_starts_on": w.starts_on,
        "repairable_from": w.repairable_from,
        "publicity_ends_on": w.ends_on,
    }


def _decision_values(row: GoodRow, party_id: int) -> dict:
    return {
        "decided_on": row.decided_on,
        "party_id": party_id,
        "matter_id": row.matter_id,
        "penalty_types": row.penalty_types,
        "fine_amount": row.fine_amount,
        "summary": row.summary,
    }


def _decisions_create(actor, new: list[tuple[GoodRow, int]], today, now) -> None:
    """Decisions and their credit records as plain rows (no model instances: this is the hot path)."""
    date_value, decimal_value = connection.ops.adapt_datefield_value, connection.ops.adapt_decimalfield_value
    types_field = PenaltyDecision._meta.get_field("penalty_types")
    types_json: dict[tuple, object] = {}
    decision_rows = []
    for row, party_id in new:
        types = tuple(row.penalty_types)
        if types not in types_json:
            types_json[types] = types_field.get_db_prep_save(list(types), connection)
        decision_rows.append(
            (
                row.agency_id,
                row.decision_number,
                party_id,
                date_value(row.decided_on),
                row.matter_id,
                types_json[types],
                None if row.fine_amount is None else decimal_value(row.fine_amount),
                row.summary,
            )
        )
    stamps = {"recorded_by_id": actor.pk, "created_at": now, "updated_at": now}
    ids = RawTable(
        PenaltyDecision,
        (
            "agency_id",
            "decision_number",
            "party_id",
            "decided_on",
            "matter_id",
            "penalty_types",
            "fine_amount",
            "summary",
        ),
        stamps,
    ).insert(decision_rows, with_ids=True)
    windows: dict[int, tuple] = {}  # windows are shared (cached), so are their prepared values
    record_rows = []
    for (row, party_id), decision_id in zip(new, ids, strict=True):
        w = row.window
        prepared = windows.get(id(w))
        if prepared is None:
            prepared = windows[id(w)] = (
                w.regime,
                w.severity,
                date_value(w.starts_on),
                date_value(w.repairable_from),
                None if w.ends_on is None else date_value(w.ends_on),
                _status(w, today),
            )
        record_rows.append((decision_id, party_id, row.agency_id, row.special_sector, *prepared))
    RawTable(
        CreditRecord,
        (
            "decision_id",
            "subject_id",
            "agency_id",
            "special_sector",
            "regime",
            "severity",
            "publicity_starts_on",
            "repairable_from",
            "publicity_ends_on",
            "status",
        ),
        {**stamps, "status_changed_at": now, "source": "import"},
    ).insert(record_rows)


def write_chunk(actor, rows: list[GoodRow], today) -> ChunkResult:
    result = ChunkResult()
    now = timezone.now()
    with transaction.atomic():
        decisions = {
            (d.agency_id, d.decision_number): d
            for d in PenaltyDecision.objects.filter(
                _member(PenaltyDecision, "decision_number", {r.decision_number for r in rows}),
                agency_id__in={r.agency_id for r in rows},
            ).order_by()
        }
        records = (
            {
                r.decision_id: r
                for r in CreditRecord.objects.select_for_update()
                .filter(_member(CreditRecord, "decision_id", [d.pk for d in decisions.values()]))
                .order_by()
            }
            if decisions
            else {}
        )
        parties = _parties_found(rows)
        writable: list[GoodRow] = []
        for row in rows:
            decision = decisions.get((row.agency_id, row.decision_number))
            if decision is None:
                writable.append(row)
                continue
            record = records.get(decision.pk)
            if record is None:
                result.errors.append(
                    {
                        "row": row.row,
                        "field": "decision_number",
                        "code": "decision_not_credit",
                        "message": _("该决定书已登记，但其当事人不是信用主体（如车辆），不能通过导入更新。"),
                    }
                )
            elif RECORD_TRANSITIONS.allows(record.status, RecordAction.IMPORT_UPDATE):  # not repaired or withdrawn
                writable.append(row)
            elif not _changed_fields(row, parties.get(_party_key(row)), decision, record):
                result.unchanged += 1
            else:
                result.errors.append(
                    {
                        "row": row.row,
                        "field": "decision_number",
                        "code": "record_closed",
                        "message": _("该处罚信息已%(s)s，不能再通过导入更新。") % {"s": record.get_status_display()},
                    }
                )
        known = set(parties)
        _parties_create(actor, writable, parties, result, now)
        # A row's subject name never renames a known party: new and differing names wait for review.
        name_claims_record(
            actor=actor,
            proposals=[
                NameProposal(parties[_party_key(r)], r.agency_id, r.name)
                for r in writable
                if r.kind == PartyKind.ORGANISATION
            ],
            new_party_ids={parties[key] for key in parties.keys() - known},
            origin=ClaimOrigin.EXCHANGE,
        )

        new_decisions: list[tuple[GoodRow, int]] = []
        changed_decisions, changed_records, demoted = [], [], {}
        for row in writable:
            values = _decision_values(row, parties[_party_key(row)])
            decision = decisions.get((row.agency_id, row.decision_number))
            if decision is None:
                new_decisions.append((row, values["party_id"]))
                continue
            record = records[decision.pk]
            fields = _record_fields(row)
            changed = _changed_fields(row, values["party_id"], decision, record)
            if not changed:
                result.unchanged += 1
                continue
            for name, value in values.items():
                setattr(decision, name, value)
            decision.updated_at = now
            changed_decisions.append(decision)
            old_status, new_status = record.status, _restated(record.status, _status(row.window, today))
            for name, value in fields.items():
                setattr(record, name, value)
            record.subject_id = values["party_id"]
            if new_status != old_status:
                record.status, record.status_changed_at = new_status, now
                if old_status == RecordStatus.PUBLISHED:
                    demoted.setdefault(new_status, []).append(record.pk)
            record.updated_at = now
            changed_records.append(record)
            result.updated += 1
            result.changes.append(
                {
                    "row": row.row,
                    "decision_number": row.decision_number,
                    "fields": changed,
                    "status": [old_status, record.status] if old_status != record.status else None,
                }
            )

        if new_decisions:
            _decisions_create(actor, new_decisions, today, now)
            result.created = len(new_decisions)
        if changed_decisions:
            PenaltyDecision.objects.bulk_update(changed_decisions, [*_DECISION_FIELDS, "updated_at"])
            CreditRecord.objects.bulk_update(
                changed_records,
                [
                    "subject_id",
                    "regime",
                    "severity",
                    "special_sector",
                    "publicity_starts_on",
                    "repairable_from",
                    "publicity_ends_on",
                    "status",
                    "status_changed_at",
                    "updated_at",
                ],
            )
        for new_status, record_ids in demoted.items():
            measures_require_lift(
                actor=actor, measures=AppliedMeasure.objects.filter(record_id__in=record_ids), lift_reason=new_status
            )
    return result


def write_rows(actor, rows: list[GoodRow], today) -> ChunkResult:
    """A chunk in one transaction; if another writer got in between (a unique key taken), the
    chunk is redone row by row so only the row that really conflicts fails."""
    try:
        return write_chunk(actor, rows, today)
    except IntegrityError:
        if len(rows) == 1:
            return ChunkResult(
                errors=[
                    {
                        "row": rows[0].row,
                        "field": "decision_number",
                        "code": "conflict",
                        "message": _("该行与同时写入的数据冲突，请重新导入该行。"),
                    }
                ]
            )
    total = ChunkResult()
    for row in rows:
        part = write_rows(actor, [row], today)
        total.created += part.created
        total.updated += part.updated
        total.unchanged += part.unchanged
        total.parties_created += part.parties_created
        total.errors += part.errors
        total.changes += part.changes
    return total
