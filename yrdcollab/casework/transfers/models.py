"""Clue transfers (线索移送): the clue, its parties, each hand-over between agencies and the timeline."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.tenancy import AgencyScope, ScopedQuerySet

from .states import Outcome, PartyRole, ReturnReason, Status

FACTS_MAX = 5000


class TransferQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """A draft is seen only by the sending side; once sent, by both agencies, their superiors and
        the command centre."""
        scope = AgencyScope.for_actor(actor)
        return self.filter(scope.q_within("sender") | (scope.q("sender", "receiver") & ~models.Q(status=Status.DRAFT)))


class ClueTransfer(TimestampedModel):
    doc_number = models.CharField(_("文号"), max_length=64, blank=True)
    sender = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("移送机构")
    )
    receiver = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("接收机构")
    )
    matter = models.ForeignKey("catalogue.Matter", on_delete=models.PROTECT, related_name="+", verbose_name=_("事项"))
    title = models.CharField(_("标题"), max_length=200)
    facts = models.TextField(_("线索事实"), max_length=FACTS_MAX)
    place_address = models.CharField(_("地点"), max_length=200)
    place_division = models.ForeignKey(
        "directory.Division", on_delete=models.PROTECT, related_name="+", verbose_name=_("所在区划")
    )
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    parties = models.ManyToManyField(
        "parties.Party", through="TransferParty", related_name="+", verbose_name=_("当事人")
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    due_at = models.DateTimeField(_("当前环节期限"), null=True, blank=True)
    due_provisional = models.BooleanField(_("期限为临时"), default=False)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("创建人")
    )
    sent_at = models.DateTimeField(_("移送时间"), null=True, blank=True)
    # Conclusion reported by the receiver.
    outcome = models.CharField(_("办理结果"), max_length=16, choices=Outcome.choices, blank=True)
    local_case_number = models.CharField(_("立案编号"), max_length=64, blank=True)
    decision_number = models.CharField(_("处罚决定书文号"), max_length=64, blank=True)
    fine_amount = models.DecimalField(_("罚款金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    conclusion_note = models.CharField(_("办理情况说明"), max_length=2000, blank=True)
    # Why the last receiver returned it.
    return_reason = models.CharField(_("退回理由"), max_length=32, choices=ReturnReason.choices, blank=True)
    return_note = models.CharField(_("退回说明"), max_length=1000, blank=True)

    objects = TransferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("线索移送")
        verbose_name_plural = _("线索移送")
        indexes = [
            models.Index(fields=["receiver", "status", "due_at"], name="transfer_incoming_idx"),
            models.Index(fields=["sender", "status", "due_at"], name="transfer_outgoing_idx"),
            models.Index(fields=["status", "due_provisional"], name="transfer_provisional_idx"),
            # the cockpit's figures of today and its nightly rollup read the sent items of a day (ADR 0028)
            models.Index(fields=["sent_at"], name="transfer_sent_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(sender=models.F("receiver")), name="transfer_not_to_self"),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="transfer_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="transfer_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.doc_number or self.title


class TransferParty(models.Model):
    transfer = models.ForeignKey(ClueTransfer, on_delete=models.CASCADE, related_name="party_links")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("角色"), max_length=16, choices=PartyRole.choices, default=PartyRole.PARTY)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["transfer", "party"], name="transfer_party_unique")]

    def __str__(self) -> str:
        return f"{self.transfer_id}/{self.party_id}"


class TransferRouting(models.Model):
    """One hand-over sender → receiver. A returned clue re-routed to a third agency gets a new row;
    the old one keeps why it came back."""

    transfer = models.ForeignKey(ClueTransfer, on_delete=models.CASCADE, related_name="routings")
    sequence = models.PositiveSmallIntegerField()
    sender = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, related_name="+")
    receiver = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, related_name="+")
    doc_number = models.CharField(max_length=64)
    routed_at = models.DateTimeField()
    routed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    returned_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.CharField(max_length=32, choices=ReturnReason.choices, blank=True)
    return_note = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["sequence"]
        constraints = [models.UniqueConstraint(fields=["transfer", "sequence"], name="transfer_routing_unique")]

    def __str__(self) -> str:
        return f"{self.transfer_id}#{self.sequence}"


class TransferEvent(models.Model):
    transfer = models.ForeignKey(ClueTransfer, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, related_name="+")
    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(_("操作"), max_length=24)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    note = models.CharField(_("说明"), max_length=2000, blank=True)
    at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["transfer", "at"], name="transfer_event_timeline_idx")]

    def __str__(self) -> str:
        return f"{self.transfer_id}: {self.action}"
