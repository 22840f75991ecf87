"""The register's names (ADR 0021): a 国家企业信用信息公示系统 extract (`manage.py
parties_import_register`) gives organisations on the platform their names with
`name_source=register`, whatever they were."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.audit.services import audit_record

from .identifiers import validate_uscc
from .models import Party, PartyKind
from .services_names import NAME_MAX, NOTE_MAX, claims_supersede_matching
from .states import NameSource

REGISTER_CHUNK = 500
REGISTER_ERRORS_KEPT = 200


@dataclass
class RegisterImportResult:
    rows: int = 0
    updated: int = 0
    unchanged: int = 0
    not_registered: int = 0  # no party on the platform has the code: nothing to name
    errors: list[dict] = field(default_factory=list)
    failed_rows: int = 0


def _register_error(result: RegisterImportResult, line: int, field_name: str, code: str, message: str) -> None:
    result.failed_rows += 1
    if len(result.errors) < REGISTER_ERRORS_KEPT:
        result.errors.append({"row": line, "field": field_name, "code": code, "message": str(message)})


def _register_rows(rows: Iterable[tuple[int, str, str]], result: RegisterImportResult) -> dict[str, tuple[int, str]]:
    """The good rows by USCC: a code passing the GB 32100 check (a register has no exceptions) and a
    printable name of 1–128 characters, each code once."""
    good: dict[str, tuple[int, str]] = {}
    for line, raw_uscc, raw_name in rows:
        result.rows += 1
        checked = validate_uscc(raw_uscc or "")
        name = " ".join((raw_name or "").split())
        if not checked.ok:
            _register_error(result, line, "uscc", "invalid_uscc", checked.error)
        elif not name or len(name) > NAME_MAX or not name.isprintable():
            _register_error(result, line, "name", "invalid_name", _("名称应为1至%(n)d个可打印字符。") % {"n": NAME_MAX})
        elif checked.value in good:
            _register_error(
                result,
                line,
                "uscc",
                "duplicate_uscc",
                _("统一社会信用代码与第%(r)d行重复。") % {"r": good[checked.value][0]},
            )
        else:
            good[checked.value] = (line, name)
    return good


def party_register_import(
    *, actor, rows: Iterable[tuple[int, str, str]], source_label: str, filename: str = "", sha256: str = ""
) -> RegisterImportResult:
    """Names from the register: (line, USCC, name) rows of a 国家企业信用信息公示系统 extract. Every
    organisation on the platform with a code in the file takes the register's name with
    `name_source=register`, whatever its name and source were (audited `party.name_registered` per
    party); pending claims of that name are superseded. Codes of no party on the platform are counted,
    not stored. Bad rows are reported and the good ones applied, in chunks of REGISTER_CHUNK, each in
    one transaction. One `party.register_imported` entry sums the file up."""
    source_label = " ".join((source_label or "").split())[:NOTE_MAX]
    if not source_label:
        raise InvalidInput(_("请说明名录来源。"), code="source_required", details={"field": "source"})
    result = RegisterImportResult()
    good = _register_rows(rows, result)
    codes = list(good)
    for start in range(0, len(codes), REGISTER_CHUNK):
        _register_chunk(actor, {c: good[c] for c in codes[start : start + REGISTER_CHUNK]}, result, source_label)
    audit_record(
        actor=actor,
        action="party.register_imported",
        object_type="PartyRegister",
        object_id=sha256[:64],
        summary={
            "source": source_label,
            "file": filename[:200],
            "sha256": sha256,
            "rows": result.rows,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "not_registered": result.not_registered,
            "failed_rows": result.failed_rows,
        },
    )
    return result


@transaction.atomic
def _register_chunk(actor, rows: dict[str, tuple[int, str]], result: RegisterImportResult, source: str) -> None:
    parties = {
        p.uscc: p for p in Party.objects.select_for_update().filter(uscc__in=list(rows), kind=PartyKind.ORGANISATION)
    }
    result.not_registered += len(rows) - len(parties)
    now = timezone.now()
    for uscc, party in sorted(parties.items()):
        line, name = rows[uscc]
        if party.name == name and party.name_source == NameSource.REGISTER:
            result.unchanged += 1
            continue
        before, before_source = party.name, party.name_source
        party.name, party.name_source, party.name_source_at = name, NameSource.REGISTER, now
        party.save(update_fields=["name", "name_source", "name_source_at", "updated_at"])
        audit_record(
            actor=actor,
            action="party.name_registered",
            obj=party,
            summary={
                "uscc": uscc,
                "name_before": before,
                "source_before": before_source,
                "name_after": name,
                "source": source,
                "row": line,
            },
        )
        claims_supersede_matching(actor=actor, party=party, reason=_("与登记机关名录名称一致：%(s)s") % {"s": source})
        result.updated += 1
