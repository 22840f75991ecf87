"""The campaign report, generated from the data on request: interim while the campaign runs, final
once it is closed. PDF (reportlab, the CJK font of collaboration/letters.py) and XLSX (openpyxl, sheets
概况, 各地区统计, 发现问题, 处罚决定, 任务). Every download is audited."""

import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, SimpleDocTemplate, Spacer

from yrdcollab.core.dates import chinese_date, chinese_datetime
from yrdcollab.core.downloads import REPORT_FORMATS, ReportFile
from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.pdf_layout import RED, cjk_style, data_table, heading, heading_style, para
from yrdcollab.core.xlsx import write_sheet
from yrdcollab.platform.audit.services import audit_record

from . import clock
from .dashboard import Dashboard, Figures, dashboard_of
from .selectors import access_campaign_results, campaign_findings, tasks_of
from .states import CampaignStatus, FindingStatus, GoalMetric, ParticipantStatus

WIDTH = 180 * mm


@dataclass
class Report(ReportFile):
    final: bool = False  # the 总结报告 of a closed campaign (else 阶段性报告)


def _kind(dashboard: Dashboard) -> str:
    return _("总结报告") if dashboard.campaign.status == CampaignStatus.CLOSED else _("阶段性报告")


def figure_headers() -> list[str]:
    return [
        _("检查（打卡）次数"),
        _("在岗执法人员"),
        _("发现问题"),
        _("待处置"),
        _("处罚决定"),
        _("罚款（元）"),
        _("移送线索"),
        _("协查请求"),
    ]


def figure_values(f: Figures) -> list:
    return [
        f.inspections,
        f.officers,
        f.findings,
        f.open_findings,
        f.penalties,
        float(f.fines),
        f.transfers,
        f.assistance,
    ]


def _decisions(campaign, actor) -> list:
    findings = (
        campaign_findings(campaign, actor)
        .filter(decision__isnull=False)
        .select_related("decision__party")
        .prefetch_related("decision__recognitions__agency")
        .order_by("decision__decided_on", "id")
    )
    return list(findings)


def _overview_rows(d: Dashboard) -> list[list]:
    c = d.campaign
    accepted = [p.agency.name for p in d.participants if p.status == ParticipantStatus.ACCEPTED]
    return [
        [_("行动名称"), c.title],
        [_("文号"), c.number],
        [_("发起机构"), c.initiator.name],
        [_("参与单位"), "、".join(accepted)],
        [_("行动期限"), f"{chinese_date(c.starts_on)}至{chinese_date(c.ends_on)}"],
        [_("状态"), str(c.get_status_display())],
        [_("整治主题"), c.theme],
        [_("已进行天数"), f"{d.days_elapsed}/{d.days_total}"],
        [_("处罚决定互认"), _("%(n)d 件中 %(f)d 件已获全部参与单位互认") % {"n": d.decisions, "f": d.fully_recognized}],
        [
            _("任务"),
            _("进行中 %(o)d，已完成 %(d)d，逾期 %(x)d")
            % {"o": d.tasks["open"], "d": d.tasks["done"], "x": d.tasks["overdue"]},
        ],
        [_("总结意见"), c.closing_remarks or "—"],
        [_("生成时间"), chinese_datetime(clock.now())],
    ]


# --- PDF -----------------------------------------------------------------------------------------


def _styles() -> dict:
    return {
        "title": cjk_style("t", 18, 28, alignment=1, textColor=RED),
        "number": cjk_style("n", 10, 16, alignment=1),
        "h2": heading_style("h", 13, 20, spaceBefore=8, spaceAfter=4),
        "cell": cjk_style("c", 8, 11),
        "body": cjk_style("b", 10, 16),
    }


def _table(rows, widths, style, *, header=True, nobreak: tuple[int, ...] = ()):
    return data_table(rows, widths, style["cell"], header=header, nobreak=nobreak)


def _money(value) -> str:
    return f"{value:,.2f}"


def _goal_number(metric: str, value) -> str:
    """Yuan with two decimals, counts as whole numbers."""
    return _money(value) if metric == GoalMetric.FINE_AMOUNT else f"{int(value):,}"


FIGURE_COLUMNS = (1, 2, 3, 4, 5, 6, 7, 8)  # the figures of a region or agency: numbers and yuan


def render_pdf(d: Dashboard, decisions: list, tasks: list) -> bytes:
    style, c = _styles(), d.campaign
    story = [
        para(_("联合执法整治行动%(k)s") % {"k": _kind(d)}, style["title"]),
        para(f"{c.number}　{c.title}", style["number"]),
        HRFlowable(width="100%", thickness=1.2, color=RED, spaceBefore=2 * mm, spaceAfter=4 * mm),
        _table(_overview_rows(d), [35 * mm, WIDTH - 35 * mm], style, header=False),
        *heading(_("一、目标完成情况"), style["h2"]),
    ]
    if d.goals:
        rows = [[_("指标"), _("目标"), _("完成"), _("完成率")]]
        rows += [
            [g.label, _goal_number(g.metric, g.target), _goal_number(g.metric, g.actual), f"{g.percent}%"]
            for g in d.goals
        ]
        story.append(_table(rows, [mm * w for w in (70, 40, 40, 30)], style, nobreak=(1, 2, 3)))
    else:
        story.append(para(_("未设定量化目标。"), style["body"]))
    story += heading(_("二、各地区统计"), style["h2"])
    widths = [mm * w for w in (28, 19, 19, 19, 19, 19, 21, 18, 18)]
    rows = [[_("地区"), *figure_headers()]]
    rows += [
        [region, *[_money(v) if i == 5 else v for i, v in enumerate(figure_values(f))]] for region, f in d.by_region
    ]
    rows.append([_("合计"), *[_money(v) if i == 5 else v for i, v in enumerate(figure_values(d.totals))]])
    story.append(_table(rows, widths, style, nobreak=FIGURE_COLUMNS))
    story += heading(_("三、各单位统计"), style["h2"])
    rows = [[_("单位"), *figure_headers()]]
    rows += [
        [a.name, *[_money(v) if i == 5 else v for i, v in enumerate(figure_values(a.figures))]] for a in d.by_agency
    ]
    story.append(_table(rows, widths, style, nobreak=FIGURE_COLUMNS))
    story += heading(_("四、发现问题处置情况"), style["h2"])
    rows = [[_("处置状态"), _("数量")]] + [[str(FindingStatus(s).label), n] for s, n in d.findings_by_status.items()]
    story.append(_table(rows, [60 * mm, 30 * mm], style, nobreak=(1,)))
    story += heading(_("五、处罚决定及互认（%(n)d件）") % {"n": len(decisions)}, style["h2"])
    if decisions:
        rows = [
            [
                _("决定书文号"),
                _("作出机构"),
                _("当事人"),
                _("决定日期"),
                _("处罚种类"),
                _("罚款（元）"),
                _("已互认单位"),
            ]
        ]
        for f in decisions:
            dec = f.decision
            rows.append(
                [
                    dec.decision_number,
                    f.handling_agency.name,
                    dec.party.name,
                    chinese_date(dec.decided_on),
                    "、".join(dec.penalty_type_labels),
                    _money(dec.fine_amount or 0),
                    "、".join(r.agency.name for r in dec.recognitions.all()) or "—",
                ]
            )
        story.append(_table(rows, [mm * w for w in (30, 30, 30, 22, 22, 20, 26)], style, nobreak=(0, 3, 5)))
    else:
        story.append(para(_("无。"), style["body"]))
    story += heading(_("六、任务完成情况"), style["h2"])
    if tasks:
        rows = [[_("任务"), _("承办单位"), _("期限"), _("状态"), _("完成情况")]]
        rows += [
            [t.title, t.assignee.name, chinese_date(t.due_on), str(t.get_status_display()), t.result or "—"]
            for t in tasks
        ]
        story.append(_table(rows, [mm * w for w in (45, 35, 25, 20, 55)], style, nobreak=(2,)))
    else:
        story.append(para(_("无。"), style["body"]))
    story += [Spacer(1, 4 * mm), para(_("本报告由平台根据登记数据自动生成。"), style["body"])]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{c.number} {c.title}",
        author=c.initiator.name,
    ).build(story)
    return buffer.getvalue()


# --- XLSX ----------------------------------------------------------------------------------------


def render_xlsx(d: Dashboard, decisions: list, findings: list, tasks: list) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    write_sheet(
        workbook,
        "概况",
        [_("项目"), _("内容")],
        _overview_rows(d)
        + [
            [g.label, _("目标 %(t)s，完成 %(a)s（%(p)d%%）") % {"t": g.target, "a": g.actual, "p": g.percent}]
            for g in d.goals
        ],
    )
    regions = [[region, *figure_values(f)] for region, f in d.by_region]
    agencies = [[_("单位：%(a)s") % {"a": a.name}, *figure_values(a.figures)] for a in d.by_agency]
    write_sheet(
        workbook,
        "各地区统计",
        [_("地区/单位"), *figure_headers()],
        regions + [[_("合计"), *figure_values(d.totals)]] + agencies,
    )
    write_sheet(
        workbook,
        "发现问题",
        [
            _("发现时间"),
            _("发现单位"),
            _("发现人"),
            _("事项"),
            _("地点"),
            _("所在区划"),
            _("处置单位"),
            _("处置状态"),
            _("问题描述"),
        ],
        [
            [
                f.found_at,
                f.finder_agency.name,
                f.found_by.full_name,
                f.matter.name,
                f.address,
                f.division.name if f.division_id else "",
                f.handling_agency.name,
                str(f.get_status_display()),
                f.description,
            ]
            for f in findings
        ],
    )
    write_sheet(
        workbook,
        "处罚决定",
        [_("决定书文号"), _("作出机构"), _("当事人"), _("决定日期"), _("处罚种类"), _("罚款（元）"), _("已互认单位")],
        [
            [
                f.decision.decision_number,
                f.handling_agency.name,
                f.decision.party.name,
                f.decision.decided_on,
                "、".join(f.decision.penalty_type_labels),
                float(f.decision.fine_amount or 0),
                "、".join(r.agency.name for r in f.decision.recognitions.all()),
            ]
            for f in decisions
        ],
    )
    write_sheet(
        workbook,
        "任务",
        [_("任务"), _("承办单位"), _("期限"), _("状态"), _("完成情况")],
        [[t.title, t.assignee.name, t.due_on, str(t.get_status_display()), t.result] for t in tasks],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@transaction.atomic
def campaign_report(*, actor, campaign_id, fmt: str) -> Report:
    """An accepted participant's side and the command centre download the report (404 if the campaign is
    not visible, 403 for an invited or declined agency); the download is audited."""
    if fmt not in REPORT_FORMATS:
        raise InvalidInput(_("报告格式应为 pdf 或 xlsx。"), code="unknown_format", details={"field": "format"})
    campaign = access_campaign_results(actor=actor, public_id=campaign_id)
    dashboard = dashboard_of(campaign)
    decisions, tasks = _decisions(campaign, actor), list(tasks_of(campaign))
    if fmt == "pdf":
        content = render_pdf(dashboard, decisions, tasks)
    else:
        findings = list(campaign_findings(campaign, actor).order_by("found_at", "id"))
        content = render_xlsx(dashboard, decisions, findings, tasks)
    final = campaign.status == CampaignStatus.CLOSED
    audit_record(
        actor=actor,
        action="campaign.report_downloaded",
        obj=campaign,
        summary={"format": fmt, "final": final, "findings": dashboard.totals.findings},
    )
    stem = f"{campaign.number}{_kind(dashboard)}".replace("〔", "(").replace("〕", ")")
    return Report(filename=f"{stem}.{fmt}", content_type=REPORT_FORMATS[fmt], content=content, final=final)
