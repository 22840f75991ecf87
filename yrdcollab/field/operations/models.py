"""Joint campaigns (联合执法整治), their participants, goals, tasks and findings, and cross-region
inspection authorizations (异地执法检查授权)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.tenancy import AgencyScope, ScopedQuerySet
from yrdcollab.platform.directory.models import AgencyLevel
from yrdcollab.platform.geo.models import DrawnArea

from .states import (
    AuthorizationStatus,
    CampaignStatus,
    FindingStatus,
    GoalMetric,
    ParticipantRole,
    ParticipantStatus,
    TaskStatus,
)


def acting_agency_ids(actor) -> set[int]:
    """The actor's agency and, for a squad, the bureau it belongs to: a squad works in its bureau's campaigns."""
    if getattr(actor, "agency_id", None) is None:
        return set()
    ids = {actor.agency_id}
    if actor.agency.level == AgencyLevel.SQUAD and actor.agency.parent_id:
        ids.add(actor.agency.parent_id)
    return ids


def _seen_ids(scope: AgencyScope, actor) -> set[int]:
    """The agencies whose operations the actor sees (the command centre aside): its subtree and, for a
    squad, its bureau."""
    return set(scope.ids) | acting_agency_ids(actor)


def _campaigns_q(ids: set[int]) -> Q:
    """Campaigns an agency of `ids` was invited to (whatever its answer), or one of whose findings was
    routed to it."""
    return Q(pk__in=CampaignParticipant.objects.filter(agency_id__in=ids).values("campaign_id")) | Q(
        pk__in=Finding.objects.filter(handling_agency_id__in=ids, campaign__isnull=False).values("campaign_id")
    )


class CampaignQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """The agencies invited to it (whatever their answer), the agencies above them, the squads of a
        participating bureau, an agency a finding of it was routed to, and the command centre."""
        scope = AgencyScope.for_actor(actor)
        if scope.everything:
            return self.all()
        return self.filter(_campaigns_q(_seen_ids(scope, actor)))


class CampaignTaskQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """The tasks of the campaigns the actor sees."""
        scope = AgencyScope.for_actor(actor)
        if scope.everything:
            return self.all()
        return self.filter(campaign__in=Campaign.objects.filter(_campaigns_q(_seen_ids(scope, actor))).values("id"))


class FindingQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """The finder's and the handling agency's side, every accepted participant of its campaign, the
        grantor and grantee of its authorization, and the command centre."""
        scope = AgencyScope.for_actor(actor)
        if scope.everything:
            return self.all()
        ids = _seen_ids(scope, actor)
        participating = CampaignParticipant.objects.filter(agency_id__in=ids, status=ParticipantStatus.ACCEPTED)
        return self.filter(
            Q(finder_agency_id__in=ids)
            | Q(handling_agency_id__in=ids)
            | Q(campaign_id__in=participating.values("campaign_id"))
            | Q(authorization__grantor_id__in=ids)
            | Q(authorization__grantee_id__in=ids)
        )


class AuthorizationQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """The grantor's and the grantee's side, the named officers, and the command centre."""
        scope = AgencyScope.for_actor(actor)
        if scope.everything:
            return self.all()
        named = InspectionAuthorization.officers.through.objects.filter(user_id=getattr(actor, "pk", None))
        return self.filter(
            Q(grantor_id__in=scope.ids)
            | Q(grantee_id__in=scope.ids)
            | Q(pk__in=named.values("inspectionauthorization_id"))
        )


class Campaign(TimestampedModel, DrawnArea):
    number = models.CharField(_("文号"), max_length=64, unique=True)
    title = models.CharField(_("行动名称"), max_length=128)
    theme = models.TextField(_("整治主题与内容"))
    initiator = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("发起机构")
    )
    matters = models.ManyToManyField("catalogue.Matter", related_name="+", verbose_name=_("整治事项"))
    area_divisions = models.ManyToManyField(
        "directory.Division", blank=True, related_name="+", verbose_name=_("整治区划")
    )
    area_zones = models.ManyToManyField("directory.Zone", blank=True, related_name="+", verbose_name=_("协作区域"))
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    status = models.CharField(
        _("状态"), max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.PREPARING
    )
    started_at = models.DateTimeField(_("启动时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    closing_remarks = models.TextField(_("总结意见"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("发起人")
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("联合执法整治行动")
        verbose_name_plural = _("联合执法整治行动")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="campaign_period_order"
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_on"], name="campaign_status_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class CampaignParticipant(TimestampedModel):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participants")
    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("机构"))
    role = models.CharField(_("角色"), max_length=8, choices=ParticipantRole.choices, default=ParticipantRole.MEMBER)
    status = models.CharField(
        _("答复"), max_length=12, choices=ParticipantStatus.choices, default=ParticipantStatus.INVITED
    )
    invited_at = models.DateTimeField(_("邀请时间"))
    responded_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decline_reason = models.CharField(_("谢绝理由"), max_length=500, blank=True)

    class Meta:
        ordering = ["campaign_id", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "agency"], name="campaign_participant_once")]
        indexes = [models.Index(fields=["agency", "status"], name="participant_agency_idx")]

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.agency_id} {self.status}"


class CampaignGoal(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="goals")
    metric = models.CharField(_("指标"), max_length=16, choices=GoalMetric.choices)
    target = models.DecimalField(_("目标值"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["campaign_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "metric"], name="campaign_goal_once"),
            models.CheckConstraint(condition=models.Q(target__gt=0), name="campaign_goal_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.metric} ≥ {self.target}"


class CampaignTask(TimestampedModel):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("任务"), max_length=128)
    description = models.TextField(_("要求"), blank=True)
    # A participating agency, or one of its squads (中队).
    assignee = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("承办单位")
    )
    due_on = models.DateField(_("完成期限"))
    status = models.CharField(_("状态"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    result = models.TextField(_("完成情况"), blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = CampaignTaskQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["assignee", "status", "due_on"], name="campaign_task_idx")]

    def __str__(self) -> str:
        return self.title


class InspectionAuthorization(TimestampedModel, DrawnArea):
    """Agency B (grantor) lets named officers of agency A (grantee) inspect in B's area for a scope and
    a period. Findings made under it are routed to B."""

    number = models.CharField(_("授权文号"), max_length=64, unique=True)
    grantor = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("授权机构")
    )
    grantee = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("被授权机构")
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="inspection_authorizations", verbose_name=_("被授权执法人员")
    )
    matters = models.ManyToManyField("catalogue.Matter", related_name="+", verbose_name=_("检查事项"))
    area_divisions = models.ManyToManyField("directory.Division", related_name="+", verbose_name=_("检查区域"))
    valid_from = models.DateField(_("有效期起"))
    valid_to = models.DateField(_("有效期至"))
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authorizations",
        verbose_name=_("所属整治行动"),
    )
    pairing = models.ForeignKey(
        "directory.Pairing",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("依据协议"),
    )
    basis = models.CharField(_("授权依据"), max_length=300)
    status = models.CharField(
        _("状态"), max_length=12, choices=AuthorizationStatus.choices, default=AuthorizationStatus.ACTIVE
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("签发人")
    )
    revoked_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    revoked_reason = models.CharField(_("撤回理由"), max_length=300, blank=True)

    objects = AuthorizationQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("异地执法检查授权")
        verbose_name_plural = _("异地执法检查授权")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")), name="authorization_period_order"
            ),
            models.CheckConstraint(condition=~models.Q(grantor=models.F("grantee")), name="authorization_not_self"),
        ]
        indexes = [models.Index(fields=["status", "valid_from", "valid_to"], name="authorization_valid_idx")]

    def __str__(self) -> str:
        return self.number


class Finding(TimestampedModel):
    """A problem found in the field during a campaign or under an inspection authorization. The
    handling agency is the one with jurisdiction where it was found; it decides what the finding
    becomes (clue transfer, assistance request, local case) and records the penalty decision."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, null=True, blank=True, related_name="findings", verbose_name=_("整治行动")
    )
    authorization = models.ForeignKey(
        InspectionAuthorization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("检查授权"),
    )
    found_at = models.DateTimeField(_("发现时间"))
    found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("发现人")
    )
    finder_agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("发现单位")
    )
    handling_agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("处置单位")
    )
    matter = models.ForeignKey("catalogue.Matter", on_delete=models.PROTECT, related_name="+", verbose_name=_("事项"))
    description = models.TextField(_("问题描述"))
    address = models.CharField(_("地点"), max_length=200)
    lon = models.FloatField(_("经度（WGS-84）"), null=True, blank=True)
    lat = models.FloatField(_("纬度（WGS-84）"), null=True, blank=True)
    division = models.ForeignKey(
        "directory.Division",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所在区划"),
    )
    party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("当事人")
    )
    status = models.CharField(_("处置状态"), max_length=16, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    transfer = models.ForeignKey(
        "transfers.ClueTransfer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("移送线索"),
    )
    assistance = models.ForeignKey(
        "assistance.AssistanceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("协查请求"),
    )
    decision = models.ForeignKey(
        "recognition.PenaltyDecision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("处罚决定"),
    )
    local_case_number = models.CharField(_("立案编号"), max_length=64, blank=True)
    disposed_at = models.DateTimeField(_("处置时间"), null=True, blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    disposal_note = models.CharField(_("处置说明"), max_length=500, blank=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["-found_at", "-id"]
        verbose_name = _("发现问题")
        verbose_name_plural = _("发现问题")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(campaign__isnull=False) | models.Q(authorization__isnull=False),
                name="finding_has_context",
            ),
            models.CheckConstraint(
                condition=(models.Q(lat__isnull=True) | models.Q(lat__gte=-90, lat__lte=90))
                & (models.Q(lon__isnull=True) | models.Q(lon__gte=-180, lon__lte=180)),
                name="finding_coordinates_range",
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "found_at"], name="finding_campaign_idx"),
            models.Index(fields=["handling_agency", "status"], name="finding_handler_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.matter_id} @ {self.address}"
