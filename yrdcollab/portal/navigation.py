"""The side navigation. An entry appears only when its page exists (its URL resolves) and the
user holds its capability, so the menu never offers a module that is not there."""

import re
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str  # a lucide icon listed in static/icons.txt ({% icon %})
    capability: Capability | tuple[Capability, ...] | None = None  # any one of them suffices
    active_on: str = ""  # a regex of further paths that light this entry (a page its URL redirects to)
    badge: str = ""  # the key of a workbench queue whose count the entry shows (command/workbench/queues.py)


@dataclass(frozen=True)
class NavSection:
    label: str
    items: tuple[NavItem, ...]


NAVIGATION: tuple[NavSection, ...] = (
    NavSection(
        _("工作台"),
        (
            NavItem(_("首页"), "portal:home", "house"),
            NavItem(_("我的待办"), "workbench:mine", "list-todo", Capability.COLLABORATION_HANDLE, badge="mine"),
            NavItem(_("消息中心"), "notifications:inbox", "bell"),
            NavItem(_("我的导出"), "exports:job_list", "download"),
        ),
    ),
    NavSection(
        _("协作办案"),
        (
            NavItem(_("线索移送"), "transfers:list", "send", Capability.COLLABORATION_HANDLE, badge="transfers"),
            NavItem(_("协查请求"), "assistance:list", "search", Capability.COLLABORATION_HANDLE, badge="assistance"),
            NavItem(_("证据核验"), "evidence:verify_lookup", "shield-check", Capability.DIRECTORY_VIEW),
            NavItem(
                _("执法结果互认"),
                "recognition:list",
                "stamp",
                (Capability.COLLABORATION_HANDLE, Capability.COLLABORATION_SUPERVISE),
            ),
            NavItem(_("执法通报"), "bulletins:list", "megaphone", Capability.DIRECTORY_VIEW, badge="bulletins"),
        ),
    ),
    NavSection(
        _("指挥监督"),
        (
            NavItem(_("指挥中心驾驶舱"), "cockpit:index", "gauge", Capability.COMMAND_VIEW),
            NavItem(_("督办中心"), "supervision:dashboard", "clipboard-check", Capability.COLLABORATION_SUPERVISE),
            NavItem(_("综合评价"), "evaluation:index", "chart-column", Capability.COMMAND_VIEW),
        ),
    ),
    NavSection(
        _("信用联合惩戒"),
        (
            NavItem(_("信用查询"), "credit:query", "search", Capability.CREDIT_QUERY),
            NavItem(_("信用记录"), "credit:record_list", "list", Capability.CREDIT_MANAGE),
            NavItem(
                _("严重失信主体名单"),
                "credit:list_entries",
                "triangle-alert",
                (Capability.CREDIT_MANAGE, Capability.CREDIT_QUERY),
            ),
            NavItem(
                _("联合惩戒措施"),
                "credit:measure_list",
                "shield",
                (Capability.CREDIT_MEASURE, Capability.CREDIT_MANAGE),
            ),
            NavItem(
                _("信用修复"),
                "credit:repair_list",
                "refresh-cw",
                (Capability.CREDIT_REPAIR_FILE, Capability.CREDIT_MANAGE),
                badge="repairs",
            ),
            NavItem(_("信用数据交换"), "credit:exchange", "arrow-left-right", Capability.CREDIT_EXCHANGE),
            NavItem(_("当事人名称核验"), "parties:name_claim_list", "user-check", Capability.PARTY_NAME_REVIEW),
        ),
    ),
    NavSection(
        _("联合行动"),
        (
            NavItem(
                _("联合执法整治"),
                "operations:campaign_list",
                "flag",
                (Capability.COLLABORATION_HANDLE, Capability.COLLABORATION_SUPERVISE),
            ),
            NavItem(
                _("联勤联动"),
                "duty:roster_list",
                "users",
                (Capability.COLLABORATION_HANDLE, Capability.DUTY_MANAGE, Capability.COLLABORATION_SUPERVISE),
            ),
            NavItem(
                _("异地执法检查授权"),
                "operations:authorization_list",
                "key-round",
                (Capability.COLLABORATION_HANDLE, Capability.AUTHORIZATION_GRANT, Capability.COLLABORATION_SUPERVISE),
            ),
            NavItem(
                _("重大活动保障"),
                "events:event_list",
                "star",
                (Capability.COLLABORATION_HANDLE, Capability.EVENT_MANAGE, Capability.COLLABORATION_SUPERVISE),
            ),
        ),
    ),
    NavSection(
        _("智慧执法"),
        (
            NavItem(_("执法地图"), "geo:map", "map", Capability.DIRECTORY_VIEW),
            NavItem(_("感知预警"), "sensing:alert_list", "siren", Capability.COLLABORATION_HANDLE, badge="alerts"),
            NavItem(
                _("监控设备"),
                "sensing:device_list",
                "cpu",
                (Capability.DEVICE_MANAGE, Capability.DEVICE_REVIEW, Capability.COLLABORATION_HANDLE),
            ),
            NavItem(
                _("渣土车监管"),
                "fleet:truck_list",
                "truck",
                (Capability.TRUCK_MANAGE, Capability.COLLABORATION_HANDLE, Capability.COLLABORATION_SUPERVISE),
            ),
            NavItem(_("接入异常"), "sensing:dead_letters", "inbox", Capability.INGEST_MONITOR),
        ),
    ),
    NavSection(
        _("协作机制"),
        (
            NavItem(_("机构名录"), "directory:agency_list", "building-2", Capability.DIRECTORY_VIEW),
            NavItem(_("行政区划"), "directory:division_list", "map-pin", Capability.DIRECTORY_VIEW),
            NavItem(_("协作区域"), "directory:zone_list", "layers", Capability.DIRECTORY_VIEW),
            NavItem(_("结对共建"), "directory:pairing_list", "link", Capability.DIRECTORY_VIEW),
            NavItem(_("执法证核验"), "accounts:certificate_verify", "id-card", Capability.CERTIFICATE_VERIFY),
        ),
    ),
    NavSection(
        _("系统管理"),
        (
            NavItem(_("事项目录"), "catalogue:list", "book-open", Capability.DIRECTORY_VIEW),
            NavItem(_("工作日历"), "workdays:calendar", "calendar-days", Capability.DIRECTORY_VIEW),
            NavItem(_("审计日志"), "audit:entry_list", "scroll-text", Capability.AUDIT_VIEW),
            NavItem(_("个人中心"), "accounts:profile", "user"),
        ),
    ),
)


# The bottom tab bar of a field officer's phone (issue #15): the five places an officer in the street
# goes to; shown below 600 px to those who handle cases, each tab under the same rule as its menu entry.
TAB_BAR = NavSection(
    _("常用"),
    (
        NavItem(_("首页"), "portal:home", "house"),
        NavItem(_("待办"), "workbench:mine", "list-todo", Capability.COLLABORATION_HANDLE, badge="mine"),
        NavItem(
            _("打卡"),
            "duty:check_in_now",
            "locate-fixed",
            Capability.COLLABORATION_HANDLE,
            active_on=r"^/duty/shifts/[^/]+/check-in/",  # where the tab leads when a shift is in progress
        ),
        NavItem(_("地图"), "geo:map", "map", Capability.DIRECTORY_VIEW),
        NavItem(_("消息"), "notifications:inbox", "bell"),
    ),
)
TAB_BAR_FOR = Capability.COLLABORATION_HANDLE


def _items_for(user, section: NavSection, badges: dict[str, int] | None = None) -> list[dict]:
    items = []
    for item in section.items:
        needed = item.capability if isinstance(item.capability, tuple) else (item.capability,)
        if item.capability is not None and not any(has_capability(user, cap) for cap in needed):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append(
            {
                "label": item.label,
                "url": url,
                "icon": item.icon,
                "active": False,
                "active_on": item.active_on,
                "badge": (badges or {}).get(item.badge, 0) if item.badge else 0,
            }
        )
    return items


def navigation_for(user, current_path: str, badges: dict[str, int] | None = None) -> list[dict]:
    """The menu the user may open; `badges` ({badge name: count}, command/workbench) numbers entries."""
    sections = []
    for section in NAVIGATION:
        items = _items_for(user, section, badges)
        if items:
            sections.append({"label": section.label, "items": items})
    _mark_active(sections, current_path)
    return sections


def tab_bar_for(user, current_path: str, badges: dict[str, int] | None = None) -> list[dict]:
    """The phone's bottom tabs for a field officer ([] for everyone else)."""
    if not has_capability(user, TAB_BAR_FOR):
        return []
    items = _items_for(user, TAB_BAR, badges)
    _mark_active([{"items": items}], current_path)
    return items


def _mark_active(sections: list[dict], current_path: str) -> None:
    """The entry with the longest URL that prefixes the current path is the active one, so
    /directory/zones/ lights 协作区域, not 机构名录 at /directory/."""
    best = None
    for section in sections:
        for item in section["items"]:
            url = item["url"]
            matches = current_path == url if url == "/" else current_path.startswith(url)
            if item["active_on"] and re.match(item["active_on"], current_path):
                item["active"] = True
                return
            if matches and (best is None or len(url) > len(best["url"])):
                best = item
    if best is not None:
        best["active"] = True
