"""What the cockpit's pages need besides the figures: the links between periods, scopes and modes,
the scope select, and for the script the API address, the mode, the period and scope, the refresh
rhythm and its words (translated here, so cockpit.js holds no user-visible text)."""

from django import forms
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from yrdcollab.core.widgets import use_picker

from .links import with_query


def page_links(page: dict) -> dict:
    """The period buttons (each keeping the scope), the big screen and the way back (each keeping both)."""
    scope = page["scope"]
    return {
        "periods": [
            (value, label, with_query("", period=value, scope=scope) or "?") for value, label in page["periods"]
        ],
        "screen": with_query(reverse("cockpit:screen"), period=page["period"], scope=scope),
        "index": with_query(reverse("cockpit:index"), period=page["period"], scope=scope),
    }


def scope_select(page: dict) -> SafeString | None:
    """The scope picker of the page's toolbar (none when there is nothing to choose)."""
    if page["scopes"] is None:
        return None
    field = forms.ChoiceField(required=False)
    use_picker(field, page["scopes"], blank=None)
    return field.widget.render(
        "scope",
        page["scope"],
        attrs={"id": "cockpit-scope", "data-testid": "cockpit-scope", "aria-label": _("统计范围")},
    )


def script_config(*, mode: str, page: dict) -> dict:
    return {
        "api": reverse("api-v1:cockpit_series"),
        "mode": mode,
        "period": page["period"],
        "scope": page["scope"],
        "refreshSeconds": page["refresh_seconds"] if mode == "screen" else 0,
        "text": {
            "transfers": _("线索移送"),
            "assistance": _("协查请求"),
            "items": _("件"),
            "sent": _("发起"),
            "received": _("承办"),
            "regions": _("地区间"),
            "agencies": _("机构间"),
            "noData": _("本期暂无数据"),
            "loadFailed": _("数据加载失败，将自动重试"),
            "minutes": _("分钟"),
            "avgMinutes": _("平均响应用时（分钟）"),
            "count": _("数量"),
            "records": _("公示中信用记录"),
            "listEntries": _("失信名单"),
            "repairs": _("信用修复"),
            "repairDays": _("近期办结的信用修复平均用时 %(days)s 天（%(count)s 件）"),
            "repairNone": _("本期无办结的信用修复"),
            "creditAsOf": _("公示中信用记录统计于 %(time)s"),
            "alert": _("预警"),
            "incident": _("重大活动现场事件"),
            "campaigns": _("进行中联合行动"),
            "events": _("保障中重大活动"),
            "more": _("查看全部 %(count)s 项"),
            "none": _("暂无"),
            "updated": _("数据更新于 %(time)s"),
            "clickHint": _("点击图形查看明细记录"),
        },
    }
