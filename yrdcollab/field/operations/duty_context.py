"""A joint campaign as a context of joint-duty rosters (registered into duty.contexts in
OperationsConfig.ready()): read through this app's own scoped selectors."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yrdcollab.core.errors import Conflict
from yrdcollab.field.duty.contexts import RosterContext, visible_context

from . import selectors
from .states import CAMPAIGN_ENDED


def campaign_lookup(actor, public_id):
    """The campaign if the actor sees it and it still runs; else 422 (missing or unseen) or 409."""
    campaign = visible_context(
        selectors.campaigns_visible_to(actor), public_id, "campaign", _("请选择所属的联合执法整治行动。")
    )
    require_campaign_open(campaign)
    return campaign


def require_campaign_open(campaign) -> None:
    if campaign.status in CAMPAIGN_ENDED:
        raise Conflict(
            _("整治行动“%(t)s”%(s)s，不能再为其编排勤务。") % {"t": campaign.title, "s": campaign.get_status_display()},
            code=f"campaign_{campaign.status}",
            details={"field": "campaign", "status": campaign.status},
        )


def organisable_campaigns(actor) -> QuerySet:
    """Campaigns still running that the actor's agency takes part in ("mine")."""
    return selectors.running_campaigns(actor).order_by("-starts_on")


def organises_for_campaign(actor, campaign) -> bool:
    return organisable_campaigns(actor).filter(pk=campaign.pk).exists()


def campaign_agency_ids(campaign) -> set[int]:
    """The agencies that accepted to take part, and the initiator."""
    return selectors.accepted_agency_ids(campaign) | {campaign.initiator_id}


CAMPAIGN_CONTEXT = RosterContext(
    field="campaign",
    lookup=campaign_lookup,
    organises=organises_for_campaign,
    agency_ids=campaign_agency_ids,
    require_open=require_campaign_open,
    organisable=organisable_campaigns,
    not_organiser=gettext_lazy("本单位不是该整治行动已接受邀请的参与单位，不能为其编排勤务。"),
    outsiders=gettext_lazy("以下单位未参与该整治行动：%(names)s"),
    outside_period=gettext_lazy("勤务期间须在整治行动期间（%(s)s 至 %(e)s）之内。"),
)
