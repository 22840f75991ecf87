"""Registers the parties named in a request through the parties app's service. Until that service
is importable, a minimal local stand-in creates the Party rows (no check-digit validation, no
de-duplication); it disappears from use as soon as `party_register` exists."""

from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput


def _local_register(*, actor, kind: str, name: str, uscc: str = "", id_number: str = "", plate: str = "",
                    uscc_override_reason: str = ""):
    from yrdcollab.parties.models import Party, PartyKind

    if kind not in PartyKind.values:
        raise InvalidInput(_("当事人类型无效。"), details={"field": "kind", "value": kind})
    name = (name or "").strip()
    if not name or len(name) > 128:
        raise InvalidInput(_("当事人名称不能为空，且不超过 128 个字符。"), details={"field": "name"})
    if len(uscc) > 18 or len(id_number) > 18 or len(plate) > 10:
        raise InvalidInput(_("当事人证件号码或号牌过长。"), details={"field": "uscc/id_number/plate"})
    return Party.objects.create(kind=kind, name=name, uscc=uscc.upper(), id_number=id_number, plate=plate.upper(),
                                uscc_override_reason=uscc_override_reason,
                                created_by_agency_id=getattr(actor, "agency_id", None))


def register_party(**kwargs):
    try:
        from yrdcollab.parties.services import party_register
    except ImportError:
        return _local_register(**kwargs)
    return party_register(**kwargs)
