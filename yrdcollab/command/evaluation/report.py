"""The evaluation report of one subject and period: XLSX (core.xlsx: 评价结果, 基础指标, 指标说明) and
PDF (core.pdf_layout). Generated from the data on request; every download is audited."""

import io

from django.db import transaction
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, SimpleDocTemplate, Spacer

from yrdcollab.core.dates import chinese_datetime
from yrdcollab.core.downloads import REPORT_FORMATS, ReportFile
from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.pdf_layout import RED, cjk_style, data_table, heading, heading_style, para
from yrdcollab.core.xlsx import workbook_bytes
from yrdcollab.platform.audit.services import audit_record

from .presenters import Card, Overview, display, overview

WIDTH = 180 * mm


def _band(c: Card) -> str:
    if c.band is None:
        return "—"
    unit = c.indicator.unit
    return _("%(a)s–%(b)s（中位数 %(m)s，%(n)d 家）") % {
        "a": display(unit, c.band.p25),
        "b": display(unit, c.band.p75),
        "m": display(unit, c.band.median),
        "n": c.band.peers,
    }


def _header() -> list[str]:
    return [
        _("指标"),
        _("版本"),
        _("公式"),
        _("分子"),
        _("分母"),
        _("结果"),
        _("目标值"),
        _("权重"),
        _("同级机构区间（P25–P75）"),
        _("与同级比较"),
    ]


def _row(c: Card) -> list:
    v = c.version
    return [
        c.indicator.name,
        f"v{v.number}",
        v.formula,
        c.numerator,
        c.denominator or "—",
        c.shown,
        c.target_shown,
        float(v.weight),
        _band(c),
        c.against_band or "—",
    ]


def render_xlsx(view: Overview) -> bytes:
    info: list[list] = [
        [_("评价对象"), view.subject.label],
        [_("评价期间"), view.period.label],
        [_("计算时间"), view.evaluation.computed_at],
        [_("说明"), _("同级机构区间为同一层级机构的四分位区间，用于对照，不作横向排名；分母为零时结果记为“—”。")],
    ]
    results = [_row(c) for c in view.cards]
    base = [
        [c.indicator.name, f"v{c.version.number}", m.name, m.label, m.value] for c in view.cards for m in c.measures
    ]
    notes = [
        [
            c.indicator.code,
            c.indicator.name,
            str(c.indicator.get_unit_display()),
            str(c.indicator.get_direction_display()),
            str(c.version.get_data_window_display()),
            c.version.effective_from,
            c.indicator.reason,
        ]
        for c in view.cards
    ]
    return workbook_bytes(
        [
            (_("概况"), [_("项目"), _("内容")], info),
            (_("评价结果"), _header(), results),
            (_("基础指标"), [_("指标"), _("版本"), _("基础指标代码"), _("基础指标"), _("取值")], base),
            (
                _("指标说明"),
                [_("代码"), _("指标"), _("单位"), _("方向"), _("数据窗口"), _("生效日期"), _("设置理由与依据")],
                notes,
            ),
        ]
    )


def render_pdf(view: Overview) -> bytes:
    title = cjk_style("t", 18, 28, alignment=1, textColor=RED)
    sub = cjk_style("n", 10, 16, alignment=1)
    h2 = heading_style("h", 13, 20, spaceBefore=8, spaceAfter=4)
    cell = cjk_style("c", 8, 11)
    body = cjk_style("b", 10, 16)
    story = [
        para(_("长三角城管执法协作综合评价报告"), title),
        para(f"{view.subject.label}　{view.period.label}", sub),
        HRFlowable(width="100%", thickness=1.2, color=RED, spaceBefore=2 * mm, spaceAfter=4 * mm),
        *heading(_("一、评价结果"), h2),
    ]
    rows = [[_("指标"), _("版本"), _("分子"), _("分母"), _("结果"), _("目标值"), _("同级机构区间（P25–P75）")]]
    rows += [
        [c.indicator.name, f"v{c.version.number}", c.numerator, c.denominator or "—", c.shown, c.target_shown, _band(c)]
        for c in view.cards
    ]
    story.append(data_table(rows, [mm * w for w in (36, 12, 18, 18, 22, 20, 54)], cell, nobreak=(1, 2, 3, 4, 5)))
    story += heading(_("二、计算口径"), h2)
    rows = [[_("指标"), _("公式"), _("基础指标取值")]]
    rows += [
        [c.indicator.name, c.version.formula, "；".join(f"{m.label} {m.shown}" for m in c.measures) or "—"]
        for c in view.cards
    ]
    story.append(data_table(rows, [mm * w for w in (36, 54, 90)], cell))
    story += heading(_("三、指标设置理由与依据"), h2)
    for c in view.cards:
        story.append(para(f"{c.indicator.name}：{c.indicator.reason}", body))
    story += [
        Spacer(1, 4 * mm),
        para(
            _(
                "同级机构区间为同一层级机构的四分位区间，仅供对照，不作横向排名；分母为零时结果记为“—”。"
                "本报告由平台根据登记数据于%(t)s自动生成。"
            )
            % {"t": chinese_datetime(view.evaluation.computed_at)},
            body,
        ),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{view.subject.label} {view.period.label} 综合评价",
    ).build(story)
    return buffer.getvalue()


@transaction.atomic
def evaluation_report(*, actor, subject_key: str, period: str, fmt: str) -> ReportFile:
    """The report of a subject the actor may evaluate (404 otherwise); the download is audited."""
    if fmt not in REPORT_FORMATS:
        raise InvalidInput(_("报告格式应为 pdf 或 xlsx。"), code="unknown_format", details={"field": "format"})
    view = overview(actor, subject_key=subject_key, period_text=period, with_trend=False)
    content = render_pdf(view) if fmt == "pdf" else render_xlsx(view)
    audit_record(
        actor=actor,
        action="evaluation.report_downloaded",
        object_type="EvaluationReport",
        object_id=f"{view.subject.key}/{view.period.code}",
        summary={"format": fmt, "subject": view.subject.label, "period": view.period.code},
    )
    return ReportFile(f"综合评价_{view.subject.label}_{view.period.code}.{fmt}", REPORT_FORMATS[fmt], content)
