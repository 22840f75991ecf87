"""公共信用信息查询报告 (PDF) of one credit query: who queried, when and why, the subject, its penalty
records under publicity, its 严重失信主体名单 status and the joint measures in force. Uses the CJK font
set up by collaboration/letters.py (reportlab's built-in STSong-Light)."""

import io

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table

from yrdcollab.casework.collaboration.letters import FONT, RED
from yrdcollab.casework.collaboration.letters import _escape as escape
from yrdcollab.core.dates import chinese_date, chinese_datetime
from yrdcollab.platform.parties.models import PartyKind

from .selectors.query import CreditQueryResult, SubjectCredit

GREY = colors.HexColor("#f3f5f8")
WIDTH = 180 * mm


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=FONT, fontSize=20, leading=30, alignment=1, textColor=RED),
        "number": ParagraphStyle("number", fontName=FONT, fontSize=10, leading=16, alignment=1),
        "h2": ParagraphStyle("h2", fontName=FONT, fontSize=13, leading=20, spaceBefore=8, spaceAfter=4),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=12),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=10, leading=16),
        "note": ParagraphStyle("note", fontName=FONT, fontSize=8.5, leading=13, textColor=colors.HexColor("#555555")),
    }


def _table(rows: list[list[str]], widths: list[float], style, *, header: bool = True) -> Table:
    table = Table(
        [[Paragraph(escape(str(v)), style["cell"]) for v in row] for row in rows],
        colWidths=widths,
        repeatRows=1 if header else 0,
    )
    commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    commands.append(("BACKGROUND", (0, 0), (-1, 0), GREY) if header else ("BACKGROUND", (0, 0), (0, -1), GREY))
    table.setStyle(commands)
    return table


def _agency(obj) -> str:
    """The agency of a record, list entry or measure with its province (set by the selector)."""
    return f"{obj.agency.name}（{obj.province}）"


def _fine(amount) -> str:
    return f"{amount:,.2f}" if amount else "—"


def _unverified(party) -> str:
    """An organisation's name typed by an officer and not yet verified (ADR 0021) says so."""
    return _("（名称待核验）") if party.kind == PartyKind.ORGANISATION and not party.name_verified else ""


def _subject_story(subject: SubjectCredit, style) -> list:
    party = subject.party
    label = _("统一社会信用代码") if party.uscc else _("公民身份号码")
    story = [
        Paragraph(escape(f"{party.name}（{party.get_kind_display()}）{_unverified(party)}"), style["h2"]),
        _table([[label, subject.identifier or "—"]], [40 * mm, WIDTH - 40 * mm], style, header=False),
        Paragraph(escape(_("一、公示中的行政处罚信息（%(n)d条）") % {"n": len(subject.records)}), style["h2"]),
    ]
    if subject.records:
        rows = [
            [
                _("决定书文号"),
                _("认定机构"),
                _("决定日期"),
                _("事项"),
                _("处罚种类"),
                _("罚款（元）"),
                _("失信程度"),
                _("公示期"),
                _("适用规则"),
            ]
        ]
        for r in subject.records:
            d = r.decision
            rows.append(
                [
                    d.decision_number,
                    _agency(r),
                    chinese_date(d.decided_on),
                    d.matter.name,
                    "、".join(d.penalty_type_labels),
                    _fine(d.fine_amount),
                    r.get_severity_display(),
                    f"{chinese_date(r.publicity_starts_on)}至{chinese_date(r.last_day)}",
                    r.get_regime_display(),
                ]
            )
        widths = [mm * w for w in (24, 27, 18, 22, 20, 15, 12, 24, 18)]
        story.append(_table(rows, widths, style))
    else:
        story.append(Paragraph(escape(_("无。")), style["body"]))
    story.append(Paragraph(escape(_("二、严重失信主体名单")), style["h2"]))
    if subject.list_entries:
        rows = [[_("认定机构"), _("列入决定书文号"), _("列入日期"), _("期满移出日"), _("列入事由")]]
        rows += [
            [
                _agency(e),
                e.document_number or "—",
                chinese_date(e.listed_on) or "—",
                chinese_date(e.ends_on) or "—",
                e.reasons,
            ]
            for e in subject.list_entries
        ]
        story.append(_table(rows, [mm * w for w in (40, 34, 24, 24, 58)], style))
    else:
        story.append(Paragraph(escape(_("未列入严重失信主体名单。")), style["body"]))
    story.append(Paragraph(escape(_("三、实施中的联合惩戒措施")), style["h2"]))
    if subject.measures:
        rows = [[_("惩戒措施"), _("实施机构"), _("实施日期"), _("依据的处罚决定")]]
        rows += [
            [
                m.measure.name,
                _agency(m),
                chinese_date(m.applied_on),
                m.record.decision.decision_number if m.record_id else _("严重失信主体名单"),
            ]
            for m in subject.measures
        ]
        story.append(_table(rows, [mm * w for w in (50, 56, 30, 44)], style))
    else:
        story.append(Paragraph(escape(_("无。")), style["body"]))
    return story


def render_credit_report(result: CreditQueryResult) -> bytes:
    style = _styles()
    actor = result.actor
    agency = actor.agency.name if actor.agency_id else ""
    purpose = result.purpose_label + (f"：{result.purpose_note}" if result.purpose_note else "")
    by_label = {"uscc": _("统一社会信用代码"), "id_number": _("公民身份号码"), "name": _("单位名称")}[result.by]
    story: list = [
        Paragraph(escape(_("公共信用信息查询报告")), style["title"]),
        Paragraph(escape(_("报告编号：%(n)s") % {"n": result.report_number}), style["number"]),
        HRFlowable(width="100%", thickness=1.2, color=RED, spaceBefore=2 * mm, spaceAfter=4 * mm),
        _table(
            [
                [_("查询时间"), chinese_datetime(result.queried_at, seconds=True)],
                [_("查询机构"), agency],
                [_("查询人"), actor.get_full_name()],
                [_("查询用途"), purpose],
                [_("查询条件"), f"{by_label}：{result.identifier}"],
                [_("查询范围"), _("上海市、江苏省、浙江省、安徽省（长三角城管执法协作平台）")],
                [
                    _("查询结果"),
                    _("%(s)d个信用主体，公示中的行政处罚信息%(r)d条")
                    % {"s": len(result.subjects), "r": result.record_count},
                ],
            ],
            [40 * mm, WIDTH - 40 * mm],
            style,
            header=False,
        ),
    ]
    if not result.subjects:
        story += [Spacer(1, 4 * mm), Paragraph(escape(_("未查询到该信用主体。")), style["body"])]
    for subject in result.subjects:
        story += [Spacer(1, 3 * mm), *_subject_story(subject, style)]
    if result.truncated:
        story.append(
            Paragraph(
                escape(
                    _("按名称匹配的主体较多，仅列出前%(n)d个，请以统一社会信用代码精确查询。")
                    % {"n": len(result.subjects)}
                ),
                style["note"],
            )
        )
    story += [
        Spacer(1, 6 * mm),
        HRFlowable(width="100%", thickness=0.5, color=colors.grey, spaceAfter=2 * mm),
        Paragraph(
            escape(
                _(
                    "说明：1. 本报告仅包含查询时处于公示期内的信息；已信用修复、公示期满或已撤回的信息依照"
                    "《信用修复管理办法》不再公示、共享和使用，不在本报告中列出。2. 本报告仅供所述查询用途使用，"
                    "查询行为已记录在案，不得向无关单位和个人提供。3. 信息以认定机构作出的决定为准。"
                )
            ),
            style["note"],
        ),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"公共信用信息查询报告 {result.report_number}",
        author=agency,
    )
    doc.build(story, onFirstPage=_footer(result), onLaterPages=_footer(result))
    return buffer.getvalue()


def _footer(result: CreditQueryResult):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(15 * mm, 10 * mm, f"{result.report_number}")
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, _("第%(p)d页") % {"p": doc.page})
        canvas.restoreState()

    return draw
