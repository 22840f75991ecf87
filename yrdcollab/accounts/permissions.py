"""Capability checks. Views, endpoints and services ask here; nothing else inspects roles."""

from yrdcollab.core.errors import PermissionDenied

from .roles import ROLE_CAPABILITIES, Capability


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
