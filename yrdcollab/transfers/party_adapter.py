"""Registers the parties named in a clue through the parties app's service, which validates USCC,
ID-card numbers and plates. Until that service is importable a minimal fallback stores the row
as given (no checksum checks) — remove the fallback once `party_register` exists everywhere."""

import hashlib
import hmac

from django.conf import settings

from yrdcollab.parties.models import Party, PartyKind

try:  # written in parallel by the parties engineer; same keyword-only signature
    from yrdcollab.parties.services import party_register as _party_register
except ImportError:  # pragma: no cover - depends on the other app's progress
    _party_register = None


def _fallback_register(*, actor, kind: str, name: str, uscc: str = "", id_number: str = "", plate: str = "",
                       uscc_override_reason: str = "") -> Party:
    digest = ""
    if id_number:
        digest = hmac.new(settings.SECRET_KEY.encode(), id_number.upper().encode(), hashlib.sha256).hexdigest()
    return Party.objects.create(kind=kind, name=name, uscc=uscc.upper(), id_number=id_number.upper(),
                                id_number_digest=digest, plate=plate.upper(),
                                uscc_override_reason=uscc_override_reason, created_by_agency=actor.agency)


def register_party(*, actor, kind: str, name: str, uscc: str = "", id_number: str = "", plate: str = "",
                   uscc_override_reason: str = "") -> Party:
    func = _party_register or _fallback_register
    return func(actor=actor, kind=kind, name=name, uscc=uscc, id_number=id_number, plate=plate,
                uscc_override_reason=uscc_override_reason)


def uses_parties_service() -> bool:
    return _party_register is not None


PARTY_KINDS = PartyKind
