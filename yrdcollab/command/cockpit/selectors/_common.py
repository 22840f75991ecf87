"""What every cockpit figure shares: the actor's view (scope, period, clock), the four regions, and
the reference rows (agencies, matters) a figure names — read once per figure set, by id, never by
joining them onto the big tables."""

from dataclasses import InitVar, dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.directory.models import Agency

from ..periods import Period, Window, period_window
from ..scopes import CockpitScope, own_scope

# The four regions (scopes.PROVINCE_CODES): a division's province code (platform/directory:
# Division.province_code, the first two digits of the GB/T 2260 code followed by 0000) → the
# one-character name and the full name.
PROVINCES: dict[str, tuple[str, object]] = {
    "310000": ("沪", _("上海市")),
    "320000": ("苏", _("江苏省")),
    "330000": ("浙", _("浙江省")),
    "340000": ("皖", _("安徽省")),
}
OTHER_PROVINCE = ""  # an agency outside the four regions (none today) or an alert without a division


def province_short(code: str) -> str:
    return PROVINCES[code][0] if code in PROVINCES else str(_("其他"))


def province_name(code: str) -> str:
    return str(PROVINCES[code][1]) if code in PROVINCES else str(_("其他"))


@dataclass
class View:
    """One actor's look at the cockpit: whose rows (`selection`, the actor's own scope unless another
    `choice` was made; `scope` its AgencyScope), which period, what time it is."""

    actor: object
    period: Period
    now: datetime = field(default_factory=timezone.now)
    choice: InitVar[CockpitScope | None] = None  # the scope asked for (scopes.resolve_scope); the actor's own

    def __post_init__(self, choice: CockpitScope | None) -> None:
        self.selection: CockpitScope = choice or own_scope(self.actor)
        self.scope = self.selection.agencies
        self.today: date = timezone.localdate(self.now)
        self.window: Window = period_window(self.period, self.today)
        # The supervision dashboard lists the command centre's items of the four regions: a narrowed
        # cockpit clicks through to its own list instead.
        self.supervises = has_capability(self.actor, Capability.COLLABORATION_SUPERVISE) and not self.narrowed

    @property
    def narrowed(self) -> bool:
        return self.selection.narrowed

    @property
    def scope_param(self) -> str:
        """What every click-through URL of a narrowed cockpit carries (`scope=`), so its list is narrowed too."""
        return self.selection.param

    def narrow(self, queryset, *agency_fields: str):
        """`queryset` (already visible_to the actor) held to the narrowed scope: rows where any of the
        agency fields is one of its agencies. Unchanged for the actor's own scope."""
        return queryset.filter(self.scope.q(*agency_fields)) if self.narrowed else queryset

    def may(self, capability: Capability) -> bool:
        return has_capability(self.actor, capability)


@dataclass(frozen=True)
class AgencyInfo:
    id: int
    public_id: str
    name: str
    short_name: str
    province: str

    @property
    def label(self) -> str:
        return self.short_name or self.name


def agencies_by_id(ids) -> dict[int, AgencyInfo]:
    """The named agencies (one query on the small directory table)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = Agency.objects.filter(pk__in=wanted).values_list(
        "id", "public_id", "name", "short_name", "division__province_code"
    )
    return {row[0]: AgencyInfo(row[0], str(row[1]), row[2], row[3], row[4]) for row in rows}


@dataclass(frozen=True)
class MatterGroup:
    """A top-level line of the matter mix: the matter itself and its children (what the list pages'
    `matter=<code>` filter selects)."""

    id: int
    code: str
    name: str


def matter_groups() -> dict[int, MatterGroup]:
    """Each matter id → the group it is counted in: its parent, or itself when it has none."""
    rows = list(Matter.objects.values_list("id", "code", "name", "parent_id"))
    by_id = {row[0]: row for row in rows}
    groups: dict[int, MatterGroup] = {}
    for matter_id, _code, _name, parent_id in rows:
        head = by_id.get(parent_id) if parent_id else by_id[matter_id]
        head = head or by_id[matter_id]
        groups[matter_id] = MatterGroup(head[0], head[1], head[2])
    return groups
