"""Who may act on credit rows: small predicates over the actor and the object. Services check them
before a move; presenters ask them (with the transition tables) which moves to offer."""

from yrdcollab.core.tenancy import AgencyScope
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability


def is_own_agency(actor, agency_id) -> bool:
    return agency_id is not None and getattr(actor, "agency_id", None) == agency_id


def sees_history(actor, obj) -> bool:
    """The internal history of a record or a list entry: its determining agency and the command centre."""
    return AgencyScope.for_actor(actor).everything or is_own_agency(actor, obj.agency_id)


def may_manage(actor, obj) -> bool:
    """The determining agency's credit.manage holders act on its records and list entries."""
    return is_own_agency(actor, obj.agency_id) and has_capability(actor, Capability.CREDIT_MANAGE)


def may_apply_measures(actor) -> bool:
    return has_capability(actor, Capability.CREDIT_MEASURE) and getattr(actor, "agency_id", None) is not None


def may_lift(actor, applied) -> bool:
    """Only the applying agency lifts a measure."""
    return may_apply_measures(actor) and is_own_agency(actor, applied.agency_id)


def may_file_repair(actor) -> bool:
    return has_capability(actor, Capability.CREDIT_REPAIR_FILE)


def may_decide_repair(actor, application) -> bool:
    """谁认定、谁修复: only credit.manage holders of the determining agency itself accept and decide."""
    return is_own_agency(actor, application.determining_agency_id) and has_capability(actor, Capability.CREDIT_MANAGE)
