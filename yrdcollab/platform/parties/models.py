"""Parties to a case: organisations (统一社会信用代码), individuals (公民身份号码, encrypted) and
vehicles (号牌). One row per distinct party, shared by every item that names it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.personal_data import EncryptedCharField, mask_id_number


class PartyKind(models.TextChoices):
    ORGANISATION = "organisation", _("单位")
    INDIVIDUAL = "individual", _("个人")
    VEHICLE = "vehicle", _("车辆")


class Party(TimestampedModel):
    kind = models.CharField(_("类型"), max_length=16, choices=PartyKind.choices)
    name = models.CharField(_("名称/姓名"), max_length=128)
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
