"""Capability checks. Views, endpoints and services ask here; nothing else inspects roles."""

from yrdcollab.core.errors import PermissionDenied

from .roles import ROLE_CAPABILITIES, Capability, Role


def capabilities_of(user) -> frozenset[Capability]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_capabilities", None)
    if cached is None:
        caps: set[Capability] = set()
        for role in user.role_codes:
            caps |= ROLE_CAPABILITIES.get(role, frozenset())
        cached = frozenset(caps)
        user._capabilities = cached
    return cached


def has_capability(user, capability: Capability) -> bool:
    return capability in capabilities_of(user)


def require_capability(user, capability: Capability) -> None:
    if not has_capability(user, capability):
        raise PermissionDenied(details={"capability": str(capability)})


def acts_for_all_agencies(user) -> bool:
    """Platform administrators manage every agency's people; everyone else only their own agency's."""
    return Role.PLATFORM_ADMIN in getattr(user, "role_codes", frozenset())


def may_manage_people_of(actor, user) -> bool:
    """Whether `actor` may see and manage `user` (certificates, training): same agency or platform admin."""
    return actor.agency_id == user.agency_id or acts_for_all_agencies(actor)


def may_view_user(actor, user) -> bool:
    return actor.pk == user.pk or may_manage_people_of(actor, user) or has_capability(actor, Capability.USER_MANAGE)


def may_see_full_personal_data(actor, user) -> bool:
    """One's own data, or a role that needs unmasked numbers (every such view is audited)."""
    return actor.pk == user.pk or has_capability(actor, Capability.PERSONAL_DATA_FULL)
