"""The 日报 / summary as PDF (reportlab; layout, CJK line breaking and tables of core.pdf_layout)."""

import io
from datetime import date

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer

from yrdcollab.core.dates import chinese_date, chinese_datetime
from yrdcollab.core.pdf_layout import RED, cjk_style, data_table, heading, heading_style, para

from ..states import IncidentStatus, ReinforcementStatus, ZoneLevel

WIDTH = 170 * mm
_STYLE = {
    "title": cjk_style("title", 18, 26, alignment=1, textColor=RED),
    "sub": cjk_style("sub", 11, 16, alignment=1),
    "h": heading_style("h", 13, 20, spaceBefore=6),
    "p": cjk_style("p", 10.5, 16),
    "cell": cjk_style("cell", 9.5, 13),
}


def _table(header: list[str], rows: list[list], weights: tuple[int, ...], *, numbers: tuple[int, ...] = ()) -> object:
    """A table over the page width, the columns sized by `weights`; `numbers` never break."""
    widths = [WIDTH * w / sum(weights) for w in weights]
    return data_table([header, *rows], widths, _STYLE["cell"], nobreak=numbers)


def _period(starts_on: str, ends_on: str) -> str:
    """The figures keep dates as ISO text."""
    return f"{chinese_date(date.fromisoformat(starts_on))}至{chinese_date(date.fromisoformat(ends_on))}"


def _h(text: str) -> list:
    return heading(text, _STYLE["h"])


def _change(figures: dict, key: str) -> str:
    previous = figures.get("previous_day")
    if not previous:
        return "—"
    change = previous[key]["change"]
    return f"{change:+d}"


def render_report(*, event, report_title: str, number: str, figures: dict, compiled_at) -> bytes:
    levels, statuses = dict(ZoneLevel.choices), dict(IncidentStatus.choices)
    rein_status = dict(ReinforcementStatus.choices)
    s = _STYLE
    story = [
        para(f"{event.name}{event.edition}", s["title"]),
        para(report_title, s["title"]),
        para(f"{number}　{_('生成时间')}：{chinese_datetime(compiled_at)}", s["sub"]),
        Spacer(1, 4 * mm),
        para(
            _("保障期间：%(start)s至%(end)s；场馆：%(venue)s")
            % {"start": chinese_date(event.starts_on), "end": chinese_date(event.ends_on), "venue": event.venue},
            s["p"],
        ),
        para(_("参与保障机构：%(names)s") % {"names": "、".join(figures["participants"])}, s["p"]),
        *_h(_("一、总体情况")),
    ]
    headline = [
        (_("班次"), figures["shifts"], "shifts"),
        (_("在岗人员"), figures["officers_on_duty"], "officers_on_duty"),
        (_("缺员（人次）"), figures["staffing_gap"], "staffing_gap"),
        (_("巡查打卡"), figures["check_ins"], "check_ins"),
        (_("异常打卡"), figures["flagged_check_ins"], "flagged_check_ins"),
        (_("现场事件"), figures["incidents"], "incidents"),
        (_("紧急事件"), figures["urgent_incidents"], "urgent_incidents"),
        (_("超时响应"), figures["overdue_incidents"], "overdue_incidents"),
        (_("增援人员"), figures["reinforcement_officers"], "reinforcement_officers"),
    ]
    story.append(
        _table(
            [_("指标"), _("数值"), _("较前一日")],
            [[label, value, _change(figures, key)] for label, value, key in headline],
            (2, 1, 1),
            numbers=(1, 2),
        )
    )
    average = figures["average_response_minutes"]
    story.append(
        para(
            _("平均响应时间：%(m)s 分钟；增援车辆：%(v)d 辆；待答复增援请求：%(p)d 件。")
            % {
                "m": "—" if average is None else average,
                "v": figures["reinforcement_vehicles"],
                "p": figures["reinforcement_pending"],
            },
            s["p"],
        )
    )
    story += _h(_("二、各单位在岗与打卡"))
    story.append(
        _table(
            [_("单位"), _("在岗人员"), _("排班人次"), _("打卡"), _("异常打卡")],
            [
                [r["agency"], r["officers"], r["assignments"], r["check_ins"], r["flagged_check_ins"]]
                for r in figures["by_agency"]
            ]
            or [["—", 0, 0, 0, 0]],
            (4, 1, 1, 1, 1),
            numbers=(1, 2, 3, 4),
        )
    )
    story += _h(_("三、现场事件"))
    story.append(
        _table(
            [_("圈层"), _("事件数")],
            [[levels[k], v] for k, v in figures["incidents_by_level"].items()]
            + [[_("圈层外"), figures["untagged_incidents"]]],
            (3, 1),
            numbers=(1,),
        )
    )
    story.append(Spacer(1, 2 * mm))
    story.append(
        _table(
            [_("状态"), _("事件数")],
            [[statuses[k], v] for k, v in figures["incidents_by_status"].items()],
            (3, 1),
            numbers=(1,),
        )
    )
    story += _h(_("四、增援"))
    story.append(
        _table(
            [_("文号"), _("请求单位"), _("派出单位"), _("状态"), _("人员（派/请）"), _("车辆（派/请）"), _("期间")],
            [
                [
                    r["number"],
                    r["requester"],
                    r["provider"],
                    rein_status.get(r["status"], r["status"]),
                    f"{r['officers_granted']}/{r['officers_requested']}",
                    f"{r['vehicles_granted']}/{r['vehicles_requested']}",
                    _period(r["starts_on"], r["ends_on"]),
                ]
                for r in figures["reinforcements"]
            ]
            or [["—"] * 7],
            (24, 26, 26, 14, 14, 14, 26),
            numbers=(4, 5),
        )
    )
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"{report_title} {number}",
        author=event.lead_agency.name,
    ).build(story)
    return buffer.getvalue()
