"""Parties to a case: organisations (统一社会信用代码), individuals (公民身份号码, encrypted) and
vehicles (号牌). One row per distinct party, shared by every item that names it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.personal_data import EncryptedCharField, mask_id_number
from yrdcollab.core.tenancy import AgencyScope, ScopedQuerySet

from .permissions import may_review_names, may_view_parties
from .states import VERIFIED_SOURCES, ClaimOrigin, ClaimStatus, NameSource


class PartyKind(models.TextChoices):
    ORGANISATION = "organisation", _("单位")
    INDIVIDUAL = "individual", _("个人")
    VEHICLE = "vehicle", _("车辆")


class Party(TimestampedModel):
    kind = models.CharField(_("类型"), max_length=16, choices=PartyKind.choices)
    name = models.CharField(_("名称/姓名"), max_length=128)
    # Who vouches for the name (ADR 0021): the public sees only a register or reviewed name. The
    # database default makes every row written without it (the credit import's raw rows) unverified.
    name_source = models.CharField(
        _("名称来源"),
        max_length=16,
        choices=NameSource.choices,
        default=NameSource.OFFICER,
        db_default=NameSource.OFFICER,
    )
    name_source_at = models.DateTimeField(_("名称核验时间"), null=True, blank=True)
    # Organisations: 18-character USCC; a code failing the GB 32100 check only with an override reason.
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, db_index=True)
    uscc_override_reason = models.CharField(_("校验未通过仍采用的理由"), max_length=200, blank=True)
    # Individuals: the ID number encrypted at rest; its keyed digest finds the same person again.
    id_number = EncryptedCharField(_("公民身份号码"), max_length=18, blank=True)
    id_number_digest = models.CharField(max_length=64, blank=True, db_index=True)
    # Vehicles.
    plate = models.CharField(_("号牌号码"), max_length=10, blank=True, db_index=True)
    plate_kind = models.CharField(_("号牌种类"), max_length=16, blank=True)
    created_by_agency = models.ForeignKey(
        "directory.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("登记机构"),
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        # One row per identifier, so two agencies registering the same party at once get the same row.
        constraints = [
            models.UniqueConstraint(fields=["uscc"], condition=~models.Q(uscc=""), name="parties_uscc_unique"),
            models.UniqueConstraint(
                fields=["id_number_digest"], condition=~models.Q(id_number_digest=""), name="parties_id_digest_unique"
            ),
            models.UniqueConstraint(fields=["plate"], condition=~models.Q(plate=""), name="parties_plate_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def identifier_display(self) -> str:
        """The identifier shown in lists: USCC, masked ID number or plate."""
        return self.uscc or self.id_number_masked or self.plate

    @property
    def name_verified(self) -> bool:
        """The name comes from the register or a reviewed change, not only from an officer's typing."""
        return self.name_source in VERIFIED_SOURCES


class PartyNameClaimQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Reviewers (party.name_review) see every claim: the party register is shared across the four
        regions. Case handlers see the claims of their agency and the agencies below it, the command
        centre every claim; nobody else any."""
        if may_review_names(actor):
            return self.all()
        if may_view_parties(actor):
            return self.filter(AgencyScope.for_actor(actor).q("agency"))
        return self.none()


class PartyNameClaim(TimestampedModel):
    """A name an agency gave a party that is not (yet) its registered name: the first officer's name
    of a new organisation, or a later agency's differing one. Kept with who proposed it and when, and
    decided by a reviewer (states.NAME_CLAIM_TRANSITIONS)."""

    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="name_claims", verbose_name=_("当事人"))
    proposed_name = models.CharField(_("填报名称"), max_length=128)
    previous_name = models.CharField(_("填报时的登记名称"), max_length=128, blank=True)  # "" for a new party
    origin = models.CharField(_("来源"), max_length=16, choices=ClaimOrigin.choices)
    agency = models.ForeignKey(
        "directory.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("填报机构"),
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("填报人"),
    )
    status = models.CharField(_("状态"), max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核人"),
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    note = models.CharField(_("审核依据或理由"), max_length=200, blank=True)

    objects = PartyNameClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("当事人名称变更申请")
        verbose_name_plural = _("当事人名称变更申请")
        constraints = [
            # The same name proposed again for the same party while one is pending is the same claim.
            models.UniqueConstraint(
                fields=["party", "proposed_name"],
                condition=models.Q(status="pending"),
                name="parties_one_pending_claim_per_name",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="parties_claim_status_idx")]

    def __str__(self) -> str:
        return f"{self.party_id}: {self.proposed_name}"
