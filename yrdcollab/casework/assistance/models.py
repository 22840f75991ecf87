"""Assistance requests (协查/协助请求) between agencies, their extension requests, follow-up
questions and timeline."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.tenancy import AgencyScope, ScopedQuerySet

from .states import ExtensionStatus, Status

QUESTIONS_MAX = 5000
FINDINGS_MAX = 5000


class AssistanceType(models.TextChoices):
    VERIFY_IDENTITY = "verify_identity", _("核实当事人身份/登记信息")
    LOCATE = "locate", _("查找人员或车辆")
    COLLECT_EVIDENCE = "collect_evidence", _("调取/保全证据")
    SERVE_DOCUMENTS = "serve_documents", _("文书送达")
    INSPECT_SITE = "inspect_site", _("现场勘验")
    HAND_OVER_ITEMS = "hand_over_items", _("移交涉案物品")


class AssistanceQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Requester, responder, their superiors and the command centre — but a draft is the requesting
        agency's own (and its superiors') business until it is sent."""
        scope = AgencyScope.for_actor(actor)
        return self.filter(
            scope.q_within("requester") | (scope.q("requester", "responder") & ~models.Q(status=Status.DRAFT))
        )


class AssistanceRequest(TimestampedModel):
    doc_number = models.CharField(_("协查函文号"), max_length=64, blank=True)
    reply_doc_number = models.CharField(_("回复函文号"), max_length=64, blank=True)
    requester = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("请求机构")
    )
    responder = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("协查机构")
    )
    type = models.CharField(_("协查类型"), max_length=24, choices=AssistanceType.choices)
    matter = models.ForeignKey("catalogue.Matter", on_delete=models.PROTECT, related_name="+", verbose_name=_("事项"))
    title = models.CharField(_("标题"), max_length=200)
    questions = models.TextField(_("协查事项"), max_length=QUESTIONS_MAX)
    parties = models.ManyToManyField("parties.Party", blank=True, related_name="+", verbose_name=_("当事人"))
    address = models.CharField(_("地点"), max_length=200, blank=True)
    division = models.ForeignKey(
        "directory.Division",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所在区划"),
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    # The deadline of the current step, and when that step started (to recompute a provisional one).
    due_at = models.DateTimeField(_("期限"), null=True, blank=True)
    due_provisional = models.BooleanField(_("期限为临时"), default=False)
    step_started_at = models.DateTimeField(null=True, blank=True)
    legal_basis = models.CharField(_("期限依据"), max_length=300, blank=True)
    findings = models.TextField(_("协查结果"), max_length=FINDINGS_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("创建人")
    )
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    responded_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    objects = AssistanceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("协查请求")
        verbose_name_plural = _("协查请求")
        indexes = [
            models.Index(fields=["responder", "status", "due_at"], name="assist_responder_idx"),
            models.Index(fields=["requester", "status", "due_at"], name="assist_requester_idx"),
            # the cockpit's figures of today and its nightly rollup read the sent items of a day (ADR 0028)
            models.Index(fields=["sent_at"], name="assist_sent_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("responder")), name="assistance_distinct_agencies"
            ),
        ]

    def __str__(self) -> str:
        return self.doc_number or self.title


class ExtensionRequest(TimestampedModel):
    request = models.ForeignKey(AssistanceRequest, on_delete=models.CASCADE, related_name="extensions")
    reason = models.CharField(_("延期理由"), max_length=500)
    proposed_due_on = models.DateField(_("申请延至"))
    previous_due_at = models.DateTimeField(_("原期限"), null=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.CharField(_("不同意理由"), max_length=500, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        constraints = [
            models.UniqueConstraint(
                fields=["request"], condition=models.Q(status="pending"), name="assistance_one_pending_extension"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.proposed_due_on}"


class FollowUp(TimestampedModel):
    request = models.ForeignKey(AssistanceRequest, on_delete=models.CASCADE, related_name="follow_ups")
    round = models.PositiveSmallIntegerField(_("轮次"))
    question = models.TextField(_("追问内容"), max_length=QUESTIONS_MAX)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.TextField(_("答复"), max_length=FINDINGS_MAX, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round"]
        verbose_name = _("追问")
        verbose_name_plural = _("追问")
        constraints = [models.UniqueConstraint(fields=["request", "round"], name="assistance_followup_round_unique")]

    def __str__(self) -> str:
        return f"{self.request_id} #{self.round}"


class AssistanceEvent(models.Model):
    """One line of the timeline; append-only."""

    request = models.ForeignKey(AssistanceRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=24)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    note = models.TextField(_("说明"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.action}"
