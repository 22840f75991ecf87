"""Who may read parties and who may decide a proposed name (ADR 0021)."""

from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability


def may_view_parties(actor) -> bool:
    return has_capability(actor, Capability.COLLABORATION_HANDLE) or has_capability(
        actor, Capability.COLLABORATION_SUPERVISE
    )


def may_review_names(actor) -> bool:
    """Approve or reject a proposed party name (信用管理员): the name the public credit pages show."""
    return has_capability(actor, Capability.PARTY_NAME_REVIEW)


def may_view_name_claims(actor) -> bool:
    return may_review_names(actor) or may_view_parties(actor)
