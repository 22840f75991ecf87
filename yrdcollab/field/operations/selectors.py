"""Reads of campaigns, tasks, findings and inspection authorizations, scoped to the actor (DESIGN §3.4;
the rules are the models' `visible_to`, core.tenancy):

* A campaign is seen by the agencies invited to it (whatever their answer), the agencies above them,
  the squads of a participating bureau, an agency a finding of it was routed to, and the command centre.
  Its results (figures, tasks, report) only by an accepted participant's side and the command centre:
  an invited or declined agency sees the campaign's basic data and its own invitation.
* A finding is seen by the finder's and the handling agency's side, every accepted participant of its
  campaign, the grantor and grantee of its authorization, and the command centre.
* An authorization is seen by the grantor, the grantee, the named officers and the command centre.
Anyone else gets 404 for one object — a role that reads none of this too, as if it did not exist
(CONVENTIONS §5) — and 403 for the lists."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from yrdcollab.core.errors import PermissionDenied
from yrdcollab.core.prefetch import is_prefetched
from yrdcollab.core.tenancy import AgencyScope, get_by_public_id, unscoped
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.directory.models import Agency, AgencyLevel, Zone

from .models import (
    Campaign,
    CampaignParticipant,
    CampaignTask,
    Finding,
    InspectionAuthorization,
    acting_agency_ids,
)
from .states import CAMPAIGN_ENDED, AuthorizationStatus, ParticipantStatus

CAMPAIGN_READERS = (
    Capability.COLLABORATION_HANDLE,
    Capability.CAMPAIGN_MANAGE,
    Capability.DUTY_MANAGE,
    Capability.COLLABORATION_SUPERVISE,
)
AUTHORIZATION_READERS = (
    Capability.COLLABORATION_HANDLE,
    Capability.AUTHORIZATION_GRANT,
    Capability.COLLABORATION_SUPERVISE,
)


def _require_any(actor, capabilities) -> None:
    if not any(has_capability(actor, c) for c in capabilities):
        raise PermissionDenied(details={"capability": str(capabilities[0])})


def _readable(actor, capabilities, queryset: QuerySet) -> QuerySet:
    """The scoped queryset, or nothing for a role that reads none of it: one object is then a 404
    like a missing one, not a 403 that confirms it exists."""
    return queryset if any(has_capability(actor, c) for c in capabilities) else queryset.none()


def require_campaign_reader(actor) -> None:
    _require_any(actor, CAMPAIGN_READERS)


def require_authorization_reader(actor) -> None:
    _require_any(actor, AUTHORIZATION_READERS)


# --- campaigns -----------------------------------------------------------------------------------


def campaigns_visible_to(actor) -> QuerySet[Campaign]:
    return Campaign.objects.visible_to(actor).select_related("initiator")


def access_campaign(*, actor, public_id) -> Campaign:
    return get_by_public_id(_readable(actor, CAMPAIGN_READERS, campaigns_visible_to(actor)), public_id)


def sees_campaign_results(actor, campaign: Campaign) -> bool:
    """The command centre, or an accepted participant (its squads and the agencies above it)."""
    scope = AgencyScope.for_actor(actor)
    if scope.everything:
        return True
    sides = set(scope.ids) | acting_agency_ids(actor)
    if is_prefetched(campaign, "participants"):  # in hand (a service just wrote them)
        return any(p.agency_id in sides and p.status == ParticipantStatus.ACCEPTED for p in campaign.participants.all())
    return campaign.participants.filter(agency_id__in=sides, status=ParticipantStatus.ACCEPTED).exists()


def require_campaign_results(actor, campaign: Campaign) -> None:
    """403 for one who sees the campaign but not its results (invited, declined, routed to only)."""
    if not sees_campaign_results(actor, campaign):
        raise PermissionDenied(_("贵单位接受邀请后方可查看本行动的统计、任务和报告。"), code="campaign_not_accepted")


def access_campaign_results(*, actor, public_id) -> Campaign:
    campaign = access_campaign(actor=actor, public_id=public_id)
    require_campaign_results(actor, campaign)
    return campaign


def participants_seen_by(actor, campaign: Campaign, participants: list[CampaignParticipant]) -> list:
    """Every participant for one who sees the results; otherwise only the actor's side's own invitations."""
    if sees_campaign_results(actor, campaign):
        return participants
    scope = AgencyScope.for_actor(actor)
    own = (set() if scope.everything else set(scope.ids)) | acting_agency_ids(actor)
    return [p for p in participants if p.agency_id in own]


def campaign_list(*, actor, scope: str = "mine") -> QuerySet[Campaign]:
    """mine: campaigns the actor's agency takes part in; invitations: awaiting its answer; all: every
    campaign it sees (the command centre: all)."""
    require_campaign_reader(actor)
    campaigns = campaigns_visible_to(actor)
    own = acting_agency_ids(actor)
    if scope == "invitations":
        return campaigns.filter(
            pk__in=CampaignParticipant.objects.filter(
                agency_id=getattr(actor, "agency_id", None), status=ParticipantStatus.INVITED
            ).values("campaign_id")
        )
    if scope == "mine":
        return campaigns.filter(
            pk__in=CampaignParticipant.objects.filter(agency_id__in=own, status=ParticipantStatus.ACCEPTED).values(
                "campaign_id"
            )
        )
    return campaigns


def running_campaigns(actor) -> QuerySet[Campaign]:
    """Campaigns not yet ended that the actor's agency takes part in ("mine"): what it may base an
    authorization or organise duty on."""
    return campaign_list(actor=actor, scope="mine").exclude(status__in=CAMPAIGN_ENDED)


def participants_of(campaign: Campaign) -> list[CampaignParticipant]:
    return list(campaign.participants.select_related("agency__division", "responded_by").order_by("role", "id"))


def accepted_agency_ids(campaign: Campaign) -> set[int]:
    return set(campaign.participants.filter(status=ParticipantStatus.ACCEPTED).values_list("agency_id", flat=True))


def tasks_of(campaign: Campaign) -> QuerySet[CampaignTask]:
    return campaign.tasks.select_related("assignee", "completed_by").order_by("status", "due_on", "id")


def access_task(*, actor, public_id) -> CampaignTask:
    tasks = CampaignTask.objects.visible_to(actor).select_related("campaign", "assignee")
    return get_by_public_id(_readable(actor, CAMPAIGN_READERS, tasks), public_id)


# --- findings ------------------------------------------------------------------------------------


def findings_visible_to(actor) -> QuerySet[Finding]:
    return Finding.objects.visible_to(actor).select_related(
        "campaign",
        "authorization",
        "found_by",
        "finder_agency",
        "handling_agency",
        "matter",
        "division",
        "party",
        "decision",
    )


def access_finding(*, actor, public_id) -> Finding:
    return get_by_public_id(_readable(actor, CAMPAIGN_READERS, findings_visible_to(actor)), public_id)


def access_finding_for_update(*, actor, public_id) -> Finding:
    """The finding the actor may see, locked (its row only) for a move inside the caller's transaction,
    with the relations the move and its answer need: one query."""
    return get_by_public_id(
        _readable(actor, CAMPAIGN_READERS, findings_visible_to(actor)).select_for_update(of=("self",)), public_id
    )


def campaign_findings(campaign: Campaign, actor, *, status: str = "") -> QuerySet[Finding]:
    """The campaign's findings the actor may see (optionally of one status): all of them for an accepted
    participant's side and the command centre; for anyone else only those routed to or found by its side."""
    findings = findings_visible_to(actor).filter(campaign=campaign).select_related("transfer", "assistance")
    return findings.filter(status=status) if status else findings


# --- inspection authorizations -------------------------------------------------------------------


def authorizations_visible_to(actor) -> QuerySet[InspectionAuthorization]:
    return InspectionAuthorization.objects.visible_to(actor).select_related("grantor", "grantee", "campaign", "pairing")


def access_authorization(*, actor, public_id) -> InspectionAuthorization:
    authorizations = authorizations_visible_to(actor).prefetch_related("officers", "matters", "area_divisions")
    return get_by_public_id(_readable(actor, AUTHORIZATION_READERS, authorizations), public_id)


def authorization_list(*, actor, scope: str = "all") -> QuerySet[InspectionAuthorization]:
    """granted: by the actor's agency; received: to it; mine: naming the actor; all: every one it sees."""
    require_authorization_reader(actor)
    authorizations = authorizations_visible_to(actor)
    if scope == "granted":
        return authorizations.filter(grantor_id=getattr(actor, "agency_id", None))
    if scope == "received":
        return authorizations.filter(grantee_id=getattr(actor, "agency_id", None))
    if scope == "mine":
        return authorizations.filter(officers=actor)
    return authorizations


@unscoped("an officer's own authorizations from any granting agency (certificate check, finding rules)")
def authorizations_in_force(*, officer, on) -> QuerySet[InspectionAuthorization]:
    """The officer's authorizations valid on date `on` (not revoked), none for an inactive account."""
    return (
        InspectionAuthorization.objects.filter(
            officers=officer,
            officers__is_active=True,
            status=AuthorizationStatus.ACTIVE,
            valid_from__lte=on,
            valid_to__gte=on,
        )
        .select_related("grantor", "grantee")
        .prefetch_related("matters", "area_divisions")
    )


def campaign_decision_rows(
    campaign: Campaign, participants: list, *, actor, limit: int = 100, decision_id=None
) -> list[dict]:
    """The campaign's penalty decisions the actor may see (those of the findings it sees; newest first; or
    the one `decision_id`), each with every other accepted participant and whether it has recognized it."""
    accepted = [p.agency for p in participants if p.status == ParticipantStatus.ACCEPTED]
    findings = campaign_findings(campaign, actor).filter(decision__isnull=False)
    if decision_id is not None:
        findings = findings.filter(decision__public_id=decision_id)
    findings = (
        findings.select_related("decision__party", "handling_agency")
        .prefetch_related("decision__recognitions")
        .order_by("-decision__decided_on", "-id")[:limit]
    )
    rows = []
    for finding in findings:
        decision = finding.decision
        recognized = {r.agency_id: r for r in decision.recognitions.all()}
        rows.append(
            {
                "finding": finding,
                "decision": decision,
                "statuses": [
                    {"agency": a, "recognition": recognized.get(a.pk)} for a in accepted if a.pk != decision.agency_id
                ],
            }
        )
    return rows


def matters_for_findings(context) -> list:
    """The matters a finding may name in a campaign or under an authorization: its matters and their
    sub-matters (active), by code."""
    chosen = list(context.matters.values_list("pk", flat=True))
    return list(Matter.objects.filter(Q(pk__in=chosen) | Q(parent_id__in=chosen), is_active=True).order_by("code"))


def authorization_findings(authorization: InspectionAuthorization, *, limit: int = 50) -> list[Finding]:
    return list(authorization.findings.select_related("matter", "found_by", "handling_agency")[:limit])


def is_named_officer(authorization: InspectionAuthorization, user) -> bool:
    return any(o.pk == user.pk for o in authorization.officers.all())


# --- form choices --------------------------------------------------------------------------------


def agencies_to_offer(exclude_id=None):
    """Active agencies of bureau level (no squads) but `exclude_id`, for the pickers of the forms."""
    return Agency.objects.filter(is_active=True).exclude(level=AgencyLevel.SQUAD).exclude(pk=exclude_id)


def zone_choices() -> list[tuple[str, str]]:
    return [(z.kind, z.name) for z in Zone.objects.order_by("name")]
