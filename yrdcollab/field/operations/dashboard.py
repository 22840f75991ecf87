"""The campaign dashboard (selector): a fixed handful of GROUP BY aggregates in SQL, whatever the
volume (2,000 officers, 50,000 check-ins, 5,000 findings), combined in Python per agency — never per row.

Inspections are the patrol check-ins (duty.CheckIn) on shifts of the campaign's rosters; officers on
duty the distinct officers assigned to those shifts; everything else comes from the findings, their
penalty decisions and the recognitions of those decisions by the accepted participants."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from yrdcollab.casework.recognition.models import Recognition
from yrdcollab.casework.recognition.selectors import PROVINCE_NAMES
from yrdcollab.field.duty.models import CheckIn, ShiftAssignment

from . import clock
from .models import Campaign, CampaignTask, Finding
from .selectors import access_campaign_results, participants_of
from .states import FindingStatus, GoalMetric, ParticipantStatus, TaskStatus

ZERO = Decimal("0")


@dataclass
class Figures:
    inspections: int = 0
    officers: int = 0
    findings: int = 0
    open_findings: int = 0
    penalties: int = 0
    fines: Decimal = ZERO
    transfers: int = 0
    assistance: int = 0

    def add(self, other: "Figures") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class AgencyFigures:
    agency_id: int
    name: str
    province: str
    figures: Figures = field(default_factory=Figures)


@dataclass
class GoalProgress:
    metric: str
    label: str
    target: Decimal
    actual: Decimal
    percent: int


@dataclass
class Dashboard:
    campaign: Campaign
    participants: list
    today: object
    days_total: int
    days_elapsed: int
    days_left: int
    totals: Figures
    by_agency: list[AgencyFigures]
    by_region: list[tuple[str, Figures]]
    findings_by_status: dict[str, int]
    goals: list[GoalProgress]
    tasks: dict[str, int]
    decisions: int
    fully_recognized: int
    recognitions: int


def _province(code: str) -> str:
    return PROVINCE_NAMES.get(code, code)


def _agency_rows(campaign: Campaign) -> tuple[dict, dict[str, int]]:
    """Findings grouped by handling agency and status: counts, transfers, assistance, decisions, fines."""
    rows = (
        Finding.objects.filter(campaign=campaign)
        .order_by()
        .values("handling_agency_id", "handling_agency__name", "handling_agency__division__province_code", "status")
        .annotate(
            n=Count("id"),
            transfers=Count("transfer_id"),
            assistance=Count("assistance_id"),
            decisions=Count("decision_id"),
            fines=Sum("decision__fine_amount"),
        )
    )
    agencies: dict[int, AgencyFigures] = {}
    by_status = {s: 0 for s in FindingStatus.values}
    for row in rows:
        entry = agencies.setdefault(
            row["handling_agency_id"],
            AgencyFigures(
                row["handling_agency_id"],
                row["handling_agency__name"],
                _province(row["handling_agency__division__province_code"]),
            ),
        )
        f = entry.figures
        f.findings += row["n"]
        f.open_findings += row["n"] if row["status"] == FindingStatus.OPEN else 0
        f.transfers += row["transfers"]
        f.assistance += row["assistance"]
        f.penalties += row["decisions"]
        f.fines += row["fines"] or ZERO
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["n"]
    return agencies, by_status


def _duty_rows(campaign: Campaign, agencies: dict) -> None:
    """Check-ins and distinct officers on duty, per agency of the officer."""
    check_ins = (
        CheckIn.objects.filter(roster__campaign=campaign)
        .order_by()
        .values("agency_id", "agency__name", "agency__division__province_code")
        .annotate(n=Count("id"))
    )
    officers = (
        ShiftAssignment.objects.filter(shift__roster__campaign=campaign)
        .order_by()
        .values("officer__agency_id", "officer__agency__name", "officer__agency__division__province_code")
        .annotate(n=Count("officer_id", distinct=True))
    )
    for row in check_ins:
        entry = agencies.setdefault(
            row["agency_id"],
            AgencyFigures(row["agency_id"], row["agency__name"], _province(row["agency__division__province_code"])),
        )
        entry.figures.inspections += row["n"]
    for row in officers:
        key = row["officer__agency_id"]
        entry = agencies.setdefault(
            key,
            AgencyFigures(
                key, row["officer__agency__name"], _province(row["officer__agency__division__province_code"])
            ),
        )
        entry.figures.officers += row["n"]


def recognition_figures(campaign: Campaign, accepted_ids: list[int]) -> dict[str, int]:
    """Decisions of the campaign's findings, how many every other accepted participant has recognized,
    and the number of recognitions by participants — one query."""
    recognized = (
        Recognition.objects.filter(decision_id=OuterRef("decision_id"), agency_id__in=accepted_ids)
        .order_by()
        .values("decision_id")
        .annotate(c=Count("id"))
        .values("c")
    )
    required = Value(len(accepted_ids)) - Case(
        When(handling_agency_id__in=accepted_ids, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    result = (
        Finding.objects.filter(campaign=campaign, decision__isnull=False)
        .annotate(recs=Coalesce(Subquery(recognized, output_field=IntegerField()), Value(0)), required=required)
        .aggregate(decisions=Count("id"), full=Count("id", filter=Q(recs__gte=F("required"))), recognitions=Sum("recs"))
    )
    return {
        "decisions": result["decisions"] or 0,
        "full": result["full"] or 0,
        "recognitions": result["recognitions"] or 0,
    }


def _tasks(campaign: Campaign, today) -> dict[str, int]:
    return CampaignTask.objects.filter(campaign=campaign).aggregate(
        open=Count("id", filter=Q(status=TaskStatus.OPEN)),
        done=Count("id", filter=Q(status=TaskStatus.DONE)),
        overdue=Count("id", filter=Q(status=TaskStatus.OPEN, due_on__lt=today)),
        cancelled=Count("id", filter=Q(status=TaskStatus.CANCELLED)),
    )


def _goal_value(metric: str, totals: Figures) -> Decimal:
    return Decimal(
        {
            GoalMetric.INSPECTIONS: totals.inspections,
            GoalMetric.FINDINGS: totals.findings,
            GoalMetric.PENALTIES: totals.penalties,
            GoalMetric.FINE_AMOUNT: totals.fines,
            GoalMetric.TRANSFERS: totals.transfers,
        }[metric]
    )


def campaign_dashboard(*, actor, campaign_id) -> Dashboard:
    """404 if the campaign is not visible; 403 for one who sees it but not its results (not accepted)."""
    campaign = access_campaign_results(actor=actor, public_id=campaign_id)
    return dashboard_of(campaign)


def dashboard_of(campaign: Campaign) -> Dashboard:
    today = clock.today()
    participants = participants_of(campaign)
    accepted = [p.agency_id for p in participants if p.status == ParticipantStatus.ACCEPTED]
    agencies, by_status = _agency_rows(campaign)
    _duty_rows(campaign, agencies)
    totals = Figures()
    regions: dict[str, Figures] = {}
    for entry in agencies.values():
        totals.add(entry.figures)
        regions.setdefault(entry.province, Figures()).add(entry.figures)
    goals = []
    for goal in campaign.goals.all():
        actual = _goal_value(goal.metric, totals)
        goals.append(
            GoalProgress(
                goal.metric,
                str(GoalMetric(goal.metric).label),
                goal.target,
                actual,
                min(100, int(actual * 100 / goal.target)) if goal.target else 0,
            )
        )
    recognition = recognition_figures(campaign, accepted)
    days_total = (campaign.ends_on - campaign.starts_on).days + 1
    elapsed = min(days_total, max(0, (today - campaign.starts_on).days + 1))
    return Dashboard(
        campaign=campaign,
        participants=participants,
        today=today,
        days_total=days_total,
        days_elapsed=elapsed,
        days_left=max(0, (campaign.ends_on - today).days) if today >= campaign.starts_on else days_total,
        totals=totals,
        by_agency=sorted(agencies.values(), key=lambda a: (a.province, a.name)),
        by_region=sorted(regions.items()),
        findings_by_status=by_status,
        goals=goals,
        tasks=_tasks(campaign, today),
        decisions=recognition["decisions"],
        fully_recognized=recognition["full"],
        recognitions=recognition["recognitions"],
    )
