"""执法结果互认: an agency's penalty decision, recorded once, and each other agency's formal
recognition of it. A party's decisions across the four regions form its repeated-violation record."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.tenancy import ScopedQuerySet

from .permissions import may_view_decisions


class PenaltyType(models.TextChoices):
    """行政处罚法 art. 9, plus the orders an urban-management decision commonly carries."""

    WARNING = "warning", _("警告")
    CRITICISM = "circulated_criticism", _("通报批评")
    FINE = "fine", _("罚款")
    CONFISCATE_GAINS = "confiscate_illegal_gains", _("没收违法所得")
    CONFISCATE_PROPERTY = "confiscate_illegal_property", _("没收非法财物")
    SUSPEND_LICENCE = "suspend_licence", _("暂扣许可证件")
    LOWER_QUALIFICATION = "lower_qualification", _("降低资质等级")
    REVOKE_LICENCE = "revoke_licence", _("吊销许可证件")
    RESTRICT_BUSINESS = "restrict_business", _("限制开展生产经营活动")
    SUSPEND_BUSINESS = "suspend_business", _("责令停产停业")
    ORDER_CLOSURE = "order_closure", _("责令关闭")
    RESTRICT_PRACTICE = "restrict_practice", _("限制从业")
    ORDER_CEASE = "order_cease", _("责令停止违法行为")
    ORDER_DEMOLITION = "order_demolition", _("责令限期拆除")


class SourceKind(models.TextChoices):
    TRANSFER = "transfer", _("线索移送")
    ASSISTANCE = "assistance", _("协查请求")
    FINDING = "finding", _("联合执法发现问题")


class PenaltyDecisionQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Mutual recognition is the point: every case handler and the command centre of any region
        sees every decision, whichever agency decided it; nobody else sees any."""
        return self.all() if may_view_decisions(actor) else self.none()

    def of_agency(self, agency_id: int | None):
        """Decisions the agency itself recorded or recognized (not its subordinates')."""
        return self.filter(models.Q(agency_id=agency_id) | models.Q(recognitions__agency_id=agency_id)).distinct()


class PenaltyDecision(TimestampedModel):
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("作出决定的机构")
    )
    decision_number = models.CharField(_("处罚决定书文号"), max_length=64)
    party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="penalty_decisions", verbose_name=_("当事人")
    )
    decided_on = models.DateField(_("决定日期"))
    matter = models.ForeignKey(
        "catalogue.Matter", on_delete=models.PROTECT, related_name="penalty_decisions", verbose_name=_("事项")
    )
    penalty_types = models.JSONField(_("处罚种类"), default=list)
    fine_amount = models.DecimalField(_("罚款金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    summary = models.CharField(_("违法事实摘要"), max_length=1000, blank=True)
    source_kind = models.CharField(_("来源"), max_length=16, choices=SourceKind.choices, blank=True)
    source_public_id = models.UUIDField(_("来源事项编号"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("登记人"),
    )

    objects = PenaltyDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("行政处罚决定")
        verbose_name_plural = _("行政处罚决定")
        constraints = [
            models.UniqueConstraint(fields=["agency", "decision_number"], name="recognition_decision_number_unique"),
            models.CheckConstraint(
                condition=models.Q(fine_amount__isnull=True) | models.Q(fine_amount__gte=0),
                name="recognition_fine_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["party", "decided_on"], name="recognition_party_idx")]

    def __str__(self) -> str:
        return self.decision_number

    @property
    def penalty_type_labels(self) -> list[str]:
        labels = dict(PenaltyType.choices)
        return [str(labels.get(code, code)) for code in self.penalty_types]


class Recognition(TimestampedModel):
    decision = models.ForeignKey(
        PenaltyDecision, on_delete=models.PROTECT, related_name="recognitions", verbose_name=_("处罚决定")
    )
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("互认机构")
    )
    recognized_at = models.DateTimeField(_("互认时间"))
    recognized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("经办人")
    )
    remarks = models.CharField(_("备注"), max_length=500, blank=True)

    class Meta:
        ordering = ["recognized_at", "id"]
        verbose_name = _("执法结果互认")
        verbose_name_plural = _("执法结果互认")
        constraints = [models.UniqueConstraint(fields=["decision", "agency"], name="recognition_once_per_agency")]

    def __str__(self) -> str:
        return f"{self.agency_id} ← {self.decision_id}"
