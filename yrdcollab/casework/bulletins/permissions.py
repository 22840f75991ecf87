"""Who may do what with a bulletin. Capabilities come from accounts/roles.py; this module only
combines them with the bulletin's issuing agency."""

from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import ROLE_CAPABILITIES, Capability

ACK_CAPABILITIES = frozenset({Capability.COLLABORATION_HANDLE, Capability.BULLETIN_PUBLISH})


def is_command_centre(actor) -> bool:
    return has_capability(actor, Capability.COLLABORATION_SUPERVISE)


def may_draft(actor) -> bool:
    return has_capability(actor, Capability.BULLETIN_PUBLISH) and actor.agency_id is not None


def is_issuer(actor, bulletin) -> bool:
    return actor.agency_id is not None and actor.agency_id == bulletin.issuer_id


def may_manage(actor, bulletin) -> bool:
    """Edit, publish, withdraw: a BULLETIN_PUBLISH holder of the issuing agency."""
    return is_issuer(actor, bulletin) and has_capability(actor, Capability.BULLETIN_PUBLISH)


def may_acknowledge(actor) -> bool:
    return any(has_capability(actor, cap) for cap in ACK_CAPABILITIES)


def may_view_receipts(actor, bulletin) -> bool:
    return is_issuer(actor, bulletin) or is_command_centre(actor)


def acknowledging_roles() -> list[str]:
    """Roles whose holders may acknowledge: they are the ones reminded of an overdue acknowledgement."""
    return sorted(str(role) for role, caps in ROLE_CAPABILITIES.items() if caps & ACK_CAPABILITIES)


def all_roles() -> list[str]:
    return sorted(str(role) for role in ROLE_CAPABILITIES)
