"""信用联合惩戒: the credit record a penalty decision leaves, the 严重失信主体名单, the catalogue of joint
measures and the measures agencies applied, and 信用修复 applications routed to the determining agency.

The credit subject is the `parties.Party` (one row per USCC or ID number across all four regions);
the penalty facts stay on `recognition.PenaltyDecision`, recorded once."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.personal_data import EncryptedCharField
from yrdcollab.core.tenancy import AgencyScope, ScopedQuerySet

from .states import ListStatus, MeasureStatus, RecordStatus, RepairStatus

_NOTHING = models.Q(pk__in=[])
# 严重失信主体名单 entries every credit role of the four regions may read.
SHARED_LIST_STATUSES = (ListStatus.PUBLISHED, ListStatus.REMOVED)


def _signed_in(actor) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and getattr(actor, "is_active", True))


def _own(scope: AgencyScope) -> models.Q:
    return models.Q(agency_id=scope.agency_id) if scope.agency_id is not None else _NOTHING


class CreditQuerySet(ScopedQuerySet):
    """Credit rows belong to one agency itself — the determining agency (认定机构) of a record or a
    list entry, the applying agency of a measure, the importing agency of a batch — not to the
    agencies above it: a credit decision is that agency's own (谁认定、谁修复)."""

    def of_own_agency(self, actor):
        """The rows of the actor's own agency (the command centre too is held to its own here)."""
        agency_id = AgencyScope.for_actor(actor).agency_id
        return self.filter(agency_id=agency_id) if agency_id is not None else self.none()


class CreditRecordQuerySet(CreditQuerySet):
    def visible_to(self, actor):
        """A record published today is shared with every region; the rest of its history (not
        published, expired, repaired, withdrawn) only with its determining agency and the command
        centre."""
        scope = AgencyScope.for_actor(actor)
        if scope.everything:
            return self.all()
        return self.filter(published_q() | _own(scope)) if _signed_in(actor) else self.none()

    def known_to(self, actor):
        """The records the actor may name as the basis of a measure: every record that was ever
        published (one that ended is then refused as such, 409) and the agency's own history."""
        scope = AgencyScope.for_actor(actor)
        if scope.everything:
            return self.all()
        shared = ~models.Q(status=RecordStatus.NOT_PUBLISHED)
        return self.filter(shared | _own(scope)) if _signed_in(actor) else self.none()


def published_q(today=None) -> models.Q:
    """Records shared across regions on `today`: published and inside the window."""
    return models.Q(status=RecordStatus.PUBLISHED, publicity_ends_on__gt=today or timezone.localdate())


class SeriousListEntryQuerySet(CreditQuerySet):
    def visible_to(self, actor):
        """A published or removed entry is shared with every region; proposals, decisions not yet
        published and withdrawn proposals only with the determining agency and the command centre."""
        if AgencyScope.for_actor(actor).everything:
            return self.all()
        return self.shared_with(actor)

    def shared_with(self, actor):
        """The shared entries of the four regions and every entry of the actor's own agency (the
        command centre too is held to its own here)."""
        if not _signed_in(actor):
            return self.none()
        return self.filter(models.Q(status__in=SHARED_LIST_STATUSES) | _own(AgencyScope.for_actor(actor)))


class OwnAgencyQuerySet(CreditQuerySet):
    def visible_to(self, actor):
        """Only the agency's own rows: the measures it applied, the batches it imported."""
        return self.of_own_agency(actor)


class RepairApplicationQuerySet(ScopedQuerySet):
    """Seen by the window agency that filed it and by the determining agency it was routed to, the
    agencies above them and the command centre."""

    scope_fields = ("filed_at", "determining_agency")


class Regime(models.TextChoices):
    """Which rules govern a record: chosen by its decision date (see publicity.py)."""

    NDRC_58 = "ndrc58", _("国家发展改革委令第58号（2023）")
    NDRC_36 = "ndrc36", _("国家发展改革委令第36号（2026年4月1日起）")


class Severity(models.TextChoices):
    MINOR = "minor", _("轻微")
    GENERAL = "general", _("一般")
    SERIOUS = "serious", _("严重")


class CreditRecord(TimestampedModel):
    """The credit consequence of one penalty decision. Shared across the regions while it is
    published; after repair or expiry it stays here, marked, as internal history."""

    decision = models.OneToOneField(
        "recognition.PenaltyDecision",
        on_delete=models.PROTECT,
        related_name="credit_record",
        verbose_name=_("处罚决定"),
    )
    # Denormalised from the decision so the cross-region query needs one index and no join.
    subject = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="credit_records", verbose_name=_("信用主体")
    )
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("认定机构")
    )
    regime = models.CharField(_("适用规则"), max_length=8, choices=Regime.choices)
    severity = models.CharField(_("失信程度"), max_length=8, choices=Severity.choices)
    # 特种设备、安全生产、消防: a one-year minimum under Order 58.
    special_sector = models.BooleanField(_("特种设备/安全生产/消防领域"), default=False)
    publicity_starts_on = models.DateField(_("公示起始日"))
    # Earliest day an early end (信用修复) may be asked for.
    repairable_from = models.DateField(_("可申请修复日"))
    # First day the record is no longer published (the window is [starts_on, ends_on)); null when
    # it is never published.
    publicity_ends_on = models.DateField(_("公示截止日"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=RecordStatus.choices)
    status_changed_at = models.DateTimeField(_("状态变更时间"))
    repaired_at = models.DateTimeField(_("修复时间"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("登记人"),
    )
    # Where it came from: entered on the platform, or imported from a provincial credit system.
    source = models.CharField(_("来源"), max_length=16, default="platform")

    objects = CreditRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-publicity_starts_on", "-id"]
        verbose_name = _("信用记录")
        verbose_name_plural = _("信用记录")
        indexes = [
            models.Index(fields=["subject", "status"], name="credit_record_subject_idx"),
            models.Index(fields=["status", "publicity_ends_on"], name="credit_record_expiry_idx"),
            models.Index(fields=["updated_at", "id"], name="credit_record_changes_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(repairable_from__gte=models.F("publicity_starts_on")),
                name="credit_record_repairable_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} ({self.status})"

    @property
    def publicity_last_day(self):
        """The last day of publication (the window is half-open), as pages show it."""
        return self.publicity_ends_on - timedelta(days=1) if self.publicity_ends_on else None


class RemovalReason(models.TextChoices):
    EXPIRY = "expiry", _("期满移出")
    REPAIR = "repair", _("信用修复移出")
    REVOKED = "revoked", _("依法撤销")


class SeriousListEntry(TimestampedModel):
    """严重失信主体名单: proposed, decided and published by the determining agency, removed at expiry
    or by repair. Every step is audited."""

    subject = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="serious_list_entries", verbose_name=_("信用主体")
    )
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("认定机构")
    )
    basis_records = models.ManyToManyField(CreditRecord, related_name="list_entries", verbose_name=_("认定依据"))
    reasons = models.TextField(_("列入事由"), max_length=2000)
    document_number = models.CharField(_("列入决定书文号"), max_length=64, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ListStatus.choices, default=ListStatus.PROPOSED)
    listed_on = models.DateField(_("列入日期"), null=True, blank=True)
    repairable_from = models.DateField(_("可申请移出日"), null=True, blank=True)
    ends_on = models.DateField(_("期满移出日"), null=True, blank=True)
    removal_reason = models.CharField(_("移出原因"), max_length=16, choices=RemovalReason.choices, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("提出人")
    )
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    removed_at = models.DateTimeField(_("移出时间"), null=True, blank=True)

    objects = SeriousListEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("严重失信主体名单")
        verbose_name_plural = _("严重失信主体名单")
        indexes = [models.Index(fields=["subject", "status"], name="credit_list_subject_idx")]
        constraints = [
            # One open entry per subject and determining agency.
            models.UniqueConstraint(
                fields=["subject", "agency"],
                condition=models.Q(status__in=["proposed", "decided", "published"]),
                name="credit_list_one_open_entry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_id} @ {self.agency_id} ({self.status})"


class JointMeasure(models.Model):
    """A 联合惩戒措施 in the catalogue (data/credit/measures.json, loaded by `load_credit_measures`)."""

    code = models.CharField(_("措施代码"), max_length=32, unique=True)
    name = models.CharField(_("措施名称"), max_length=100)
    description = models.CharField(_("说明"), max_length=500, blank=True)
    legal_basis = models.CharField(_("依据"), max_length=300, blank=True)
    # The severities it may follow ("minor", "general", "serious") and, optionally, only on the list.
    severities = models.JSONField(_("适用失信程度"), default=list)
    serious_list_only = models.BooleanField(_("仅适用于严重失信主体"), default=False)
    # Matter codes or code prefixes it is limited to; empty = every matter.
    matter_codes = models.JSONField(_("适用事项"), default=list, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("联合惩戒措施")
        verbose_name_plural = _("联合惩戒措施")

    def __str__(self) -> str:
        return self.name


class AppliedMeasure(TimestampedModel):
    """A measure an agency applied to a subject because of a record (or a list entry)."""

    measure = models.ForeignKey(
        JointMeasure, on_delete=models.PROTECT, related_name="applications", verbose_name=_("惩戒措施")
    )
    subject = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("信用主体"))
    record = models.ForeignKey(
        CreditRecord,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("依据的信用记录"),
    )
    list_entry = models.ForeignKey(
        SeriousListEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("依据的名单"),
    )
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("实施机构")
    )
    status = models.CharField(_("状态"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.IN_FORCE)
    applied_on = models.DateField(_("实施日期"))
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("经办人")
    )
    note = models.CharField(_("备注"), max_length=500, blank=True)
    lift_required_at = models.DateTimeField(_("应解除时间"), null=True, blank=True)
    lift_reason = models.CharField(_("解除原因"), max_length=16, blank=True)  # repaired / expired / removed
    lifted_at = models.DateTimeField(_("解除时间"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("解除人"),
    )

    objects = OwnAgencyQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_on", "-id"]
        verbose_name = _("已实施的惩戒措施")
        verbose_name_plural = _("已实施的惩戒措施")
        indexes = [
            models.Index(fields=["subject", "status"], name="credit_measure_subject_idx"),
            models.Index(fields=["agency", "status"], name="credit_measure_agency_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(record__isnull=False) | models.Q(list_entry__isnull=False),
                name="credit_measure_has_basis",
            ),
            models.UniqueConstraint(
                fields=["measure", "record", "agency"],
                condition=models.Q(status__in=["in_force", "lift_required"]),
                name="credit_measure_once_per_record",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} → {self.subject_id}"


class RepairApplication(TimestampedModel):
    """异地信用修复: filed at any agency's window, decided by the determining agency (谁认定、谁修复)."""

    number = models.CharField(_("申请编号"), max_length=64, unique=True)
    subject = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("信用主体"))
    # Exactly one target: a record (终止公示) or a list entry (移出名单).
    record = models.ForeignKey(
        CreditRecord,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repair_applications",
        verbose_name=_("申请修复的信用记录"),
    )
    list_entry = models.ForeignKey(
        SeriousListEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repair_applications",
        verbose_name=_("申请移出的名单"),
    )
    filed_at = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("受理窗口机构")
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("窗口经办人")
    )
    determining_agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("认定机构")
    )
    applicant_name = models.CharField(_("申请人（经办人）姓名"), max_length=64)
    applicant_phone = EncryptedCharField(_("联系电话"), max_length=20, blank=True)
    obligations_performed = models.BooleanField(_("已履行法定义务"), default=False)
    statement = models.TextField(_("纠正失信行为情况说明"), max_length=2000, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=RepairStatus.choices, default=RepairStatus.SUBMITTED)
    accept_due_at = models.DateTimeField(_("受理期限"), null=True, blank=True)
    accept_due_provisional = models.BooleanField(default=False)
    decide_due_at = models.DateTimeField(_("决定期限"), null=True, blank=True)
    decide_due_provisional = models.BooleanField(default=False)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("认定机构经办人"),
    )
    reason = models.CharField(_("不予受理/不予修复理由"), max_length=1000, blank=True)
    certificate_number = models.CharField(_("信用修复决定书文号"), max_length=64, blank=True)

    objects = RepairApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("信用修复申请")
        verbose_name_plural = _("信用修复申请")
        indexes = [
            models.Index(fields=["determining_agency", "status"], name="credit_repair_target_idx"),
            models.Index(fields=["filed_at", "status"], name="credit_repair_window_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(record__isnull=False, list_entry__isnull=True)
                    | models.Q(record__isnull=True, list_entry__isnull=False)
                ),
                name="credit_repair_one_target",
            ),
            # One open application per target.
            models.UniqueConstraint(
                fields=["record"],
                condition=models.Q(status__in=["submitted", "accepted"]),
                name="credit_repair_one_open_per_record",
            ),
            models.UniqueConstraint(
                fields=["list_entry"],
                condition=models.Q(status__in=["submitted", "accepted"]),
                name="credit_repair_one_open_per_entry",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class AttachmentKind(models.TextChoices):
    COMMITMENT = "commitment", _("信用承诺书")
    OBLIGATION_PROOF = "obligation_proof", _("履行义务证明")
    OTHER = "other", _("其他材料")


class RepairAttachment(TimestampedModel):
    """A file of an application, kept in the content-addressed store (evidence.store)."""

    application = models.ForeignKey(
        RepairApplication, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("修复申请")
    )
    kind = models.CharField(_("材料类型"), max_length=16, choices=AttachmentKind.choices)
    filename = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("上传人")
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("修复申请材料")
        verbose_name_plural = _("修复申请材料")


class RepairEvent(models.Model):
    """Timeline of an application: filed, routed, accepted/rejected, approved/denied."""

    application = models.ForeignKey(RepairApplication, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("操作人")
    )
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("机构")
    )
    action = models.CharField(_("动作"), max_length=32)
    note = models.CharField(_("说明"), max_length=1000, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.action}"


class ImportBatch(TimestampedModel):
    """One bulk exchange from a provincial credit system (CSV, XLSX or API rows), with its report."""

    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("导入机构")
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("导入人")
    )
    file_format = models.CharField(_("格式"), max_length=8)  # csv / xlsx / api
    filename = models.CharField(_("文件名"), max_length=200, blank=True)
    total_rows = models.PositiveIntegerField(_("总行数"), default=0)
    created_rows = models.PositiveIntegerField(_("新增"), default=0)
    updated_rows = models.PositiveIntegerField(_("更新"), default=0)
    unchanged_rows = models.PositiveIntegerField(_("未变化"), default=0)
    failed_rows = models.PositiveIntegerField(_("失败"), default=0)
    # [{"row": 7, "field": "uscc", "code": "invalid_uscc", "message": "…"}, …]
    errors = models.JSONField(_("错误明细"), default=list)

    objects = OwnAgencyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("信用数据导入批次")
        verbose_name_plural = _("信用数据导入批次")
