"""What GET /api/v1/cockpit/series answers: every figure with the URL of the list behind it. Class
names start with Cockpit (OpenAPI component names are global)."""

from datetime import date, datetime

from ninja import Schema


class CockpitBarOut(Schema):
    key: str
    label: str
    value: float
    url: str


class CockpitKpiOut(Schema):
    key: str
    label: str
    value: int
    url: str


class CockpitFlowOut(Schema):
    source: str
    target: str
    source_code: str
    target_code: str
    transfers: int
    assistance: int
    value: int
    url: str


class CockpitFlowTotalsOut(Schema):
    transfer: int
    assistance: int


class CockpitFlowsOut(Schema):
    regions: list[CockpitFlowOut]
    agencies: list[CockpitFlowOut]
    totals: CockpitFlowTotalsOut
    url_transfers: str
    url_assistance: str


class CockpitPipelineRowOut(Schema):
    key: str
    label: str
    on_time: int
    due_soon: int
    overdue: int
    none: int
    level_1: int
    level_2: int
    urls: dict[str, str]


class CockpitPipelineOut(Schema):
    by_region: list[CockpitPipelineRowOut]
    by_agency: list[CockpitPipelineRowOut]
    totals: dict[str, int]
    urls: dict[str, str]
    labels: dict[str, str]


class CockpitTrendPointOut(Schema):
    label: str
    start: date
    end: date
    transfers: int
    assistance: int
    url: str


class CockpitTrendsOut(Schema):
    daily: list[CockpitTrendPointOut]
    monthly: list[CockpitTrendPointOut]


class CockpitCreditOut(Schema):
    records: list[CockpitBarOut]
    list_entries: list[CockpitBarOut]
    repairs: list[CockpitBarOut]
    repair_days: float | None
    repairs_decided: int
    as_of: datetime | None  # when the records under publicity were counted (the worker's snapshot); null: now


class CockpitResponseOut(Schema):
    key: str
    label: str
    value: float
    count: int
    url: str


class CockpitAlertsOut(Schema):
    total: int
    by_matter: list[CockpitBarOut]
    by_region: list[CockpitBarOut]
    claim_minutes: list[CockpitResponseOut]
    list_url: str


class CockpitPointOut(Schema):
    kind: str
    lat: float
    lon: float
    title: str
    label: str
    url: str


class CockpitActivityOut(Schema):
    title: str
    number: str
    agency: str
    starts_on: date
    ends_on: date
    url: str


class CockpitOperationsOut(Schema):
    campaigns: list[CockpitActivityOut]
    campaigns_total: int
    campaigns_url: str
    events: list[CockpitActivityOut]
    events_total: int
    events_url: str


class CockpitSeriesOut(Schema):
    period: str
    period_label: str
    first_day: date
    last_day: date
    generated_at: datetime
    scope: str  # the narrower scope the figures are of ("" for the caller's own), as the request named it
    scope_label: str
    everything: bool
    cache_seconds: int
    refresh_seconds: int
    kpis: list[CockpitKpiOut]
    flows: CockpitFlowsOut
    pipeline: CockpitPipelineOut
    trends: CockpitTrendsOut
    matters: list[CockpitBarOut]
    credit: CockpitCreditOut
    alerts: CockpitAlertsOut
    map: list[CockpitPointOut]
    operations: CockpitOperationsOut
