"""Which province's reviewers decide a name claim (ADR 0021, "routing").

A company's name is vouched for where it is registered: characters 3–8 of a USCC are the division
code of the registration authority (GB 32100-2015), so 913201… is a Jiangsu company whatever agency
met it. A claim goes to the credit officers of that province when it is one of the four regions;
otherwise (a company registered elsewhere, an organisation without a USCC) to those of the
claimant agency's province. When that province has no active reviewer, any reviewer decides, so a
claim can never be stranded. Every reviewer still sees every claim: the register is shared."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from yrdcollab.platform.access.roles import ROLE_CAPABILITIES, Capability
from yrdcollab.platform.accounts.models import User
from yrdcollab.platform.directory.models import Division

from .models import PartyNameClaim

REGION_PREFIXES = ("31", "32", "33", "34")  # 上海, 江苏, 浙江, 安徽


def registration_province(uscc: str) -> str:
    """'320000' for a USCC registered in Jiangsu; '' outside the four regions or without a USCC."""
    prefix = (uscc or "")[2:4]
    return f"{prefix}0000" if prefix in REGION_PREFIXES else ""


def claim_province(claim: PartyNameClaim) -> str:
    """The province whose reviewers decide the claim ('' when neither rule names one)."""
    home = registration_province(claim.party.uscc)
    if home:
        return home
    agency = claim.agency
    return agency.division.province_code if agency is not None else ""


def _reviewer_roles() -> list[str]:
    return [role for role, caps in ROLE_CAPABILITIES.items() if Capability.PARTY_NAME_REVIEW in caps]


def _reviewers_in(province_code) -> QuerySet:
    return User.objects.filter(
        is_active=True,
        role_assignments__role__in=_reviewer_roles(),
        agency__division__province_code=province_code,
    )


def actor_province(actor) -> str:
    agency = getattr(actor, "agency", None)
    return agency.division.province_code if agency is not None else ""


def routed_to(actor, claim: PartyNameClaim) -> bool:
    """Whether the claim waits on the actor's province (the actor being a reviewer)."""
    province = claim_province(claim)
    if not province or province == actor_province(actor):
        return True
    return not _reviewers_in(province).exists()


def routed_to_q(actor) -> Q:
    """The claims routed_to(actor) as a filter, for PartyNameClaim querysets annotated by annotate_home."""
    mine = actor_province(actor)
    elsewhere = ~Q(home_prefix__in=REGION_PREFIXES)
    deciding = Q(home_prefix=mine[:2]) | (elsewhere & Q(agency__division__province_code=mine))
    unrouted = elsewhere & (Q(agency__isnull=True) | ~Q(claimant_has_reviewer=True))
    stranded = Q(home_prefix__in=REGION_PREFIXES) & ~Q(home_has_reviewer=True)
    return deciding | unrouted | stranded


def annotate_home(queryset: QuerySet) -> QuerySet:
    """Adds what routed_to_q reads: the registration prefix and whether its province has a reviewer."""
    reviewers = User.objects.filter(is_active=True, role_assignments__role__in=_reviewer_roles())
    return queryset.alias(
        home_prefix=Substr("party__uscc", 3, 2),
        home_has_reviewer=Exists(
            reviewers.annotate(prefix=Substr("agency__division__province_code", 1, 2)).filter(
                prefix=OuterRef("home_prefix")
            )
        ),
        claimant_has_reviewer=Exists(
            reviewers.filter(agency__division__province_code=OuterRef("agency__division__province_code"))
        ),
    )


def routing_label(claim: PartyNameClaim) -> str:
    """'江苏省（企业登记地）', '上海市（填报机构所在地）', or '' for a claim any reviewer decides."""
    home = registration_province(claim.party.uscc)
    province = claim_province(claim)
    if not province:
        return ""
    name = Division.objects.filter(code=province).values_list("name", flat=True).first() or province
    reason = _("企业登记地") if home else _("填报机构所在地")
    return f"{name}（{reason}）"
