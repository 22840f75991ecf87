"""公共信用信息查询报告 (PDF) of one credit query, printed from the result stored when the query ran
(services/query_reports.py): who queried, when and why, the subject, its penalty records under
publicity, its 严重失信主体名单 status and the joint measures in force, and the querying agency's
signature block with room for its seal. Layout: core.pdf_layout."""

import io
from datetime import date

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, KeepTogether, SimpleDocTemplate, Spacer

from yrdcollab.core.pdf_layout import (
    FONT,
    RED,
    SealBlock,
    cjk_style,
    data_table,
    heading,
    heading_style,
    para,
)

WIDTH = 180 * mm


def _styles() -> dict:
    return {
        "title": cjk_style("title", 20, 30, alignment=1, textColor=RED),
        "number": cjk_style("number", 10, 16, alignment=1),
        "h2": heading_style("h2", 13, 20, spaceBefore=8, spaceAfter=4),
        "cell": cjk_style("cell", 8.5, 12),
        "body": cjk_style("body", 10, 16),
        "note": cjk_style("note", 8.5, 13, textColor=colors.HexColor("#555555")),
    }


# Decision date, fine and publicity period (two dates) never break: they are sized to fit.
RECORD_WIDTHS = [mm * w for w in (24, 25, 21, 20, 17, 19, 12, 25, 17)]


def _subject_story(subject: dict, style) -> list:
    story = [
        *heading(subject["title"], style["h2"]),
        data_table(
            [[subject["identifier_label"], subject["identifier"]]],
            [40 * mm, WIDTH - 40 * mm],
            style["cell"],
            header=False,
            nobreak=(1,),
        ),
        *heading(_("一、公示中的行政处罚信息（%(n)d条）") % {"n": len(subject["records"])}, style["h2"]),
    ]
    if subject["records"]:
        header = [_("决定书文号"), _("认定机构"), _("决定日期"), _("事项"), _("处罚种类"), _("罚款（元）")]
        rows = [[*header, _("失信程度"), _("公示期"), _("适用规则")], *subject["records"]]
        story.append(data_table(rows, RECORD_WIDTHS, style["cell"], nobreak=(2, 5)))
    else:
        story.append(para(_("无。"), style["body"]))
    story += heading(_("二、严重失信主体名单"), style["h2"])
    if subject["list_entries"]:
        rows = [
            [_("认定机构"), _("列入决定书文号"), _("列入日期"), _("期满移出日"), _("列入事由")],
            *subject["list_entries"],
        ]
        story.append(data_table(rows, [mm * w for w in (40, 34, 24, 24, 58)], style["cell"], nobreak=(2, 3)))
    else:
        story.append(para(_("未列入严重失信主体名单。"), style["body"]))
    story += heading(_("三、实施中的联合惩戒措施"), style["h2"])
    if subject["measures"]:
        rows = [[_("惩戒措施"), _("实施机构"), _("实施日期"), _("依据的处罚决定")], *subject["measures"]]
        story.append(data_table(rows, [mm * w for w in (50, 56, 30, 44)], style["cell"], nobreak=(2,)))
    else:
        story.append(para(_("无。"), style["body"]))
    return story


def render_credit_report(snapshot: dict) -> bytes:
    """The report of a stored query result (services/query_reports.query_snapshot)."""
    style = _styles()
    number = snapshot["report_number"]
    subjects = snapshot["subjects"]
    story: list = [
        para(_("公共信用信息查询报告"), style["title"]),
        para(_("报告编号：%(n)s") % {"n": number}, style["number"]),
        HRFlowable(width="100%", thickness=1.2, color=RED, spaceBefore=2 * mm, spaceAfter=4 * mm),
        data_table(
            [
                [_("查询时间"), snapshot["queried_at"]],
                [_("查询机构"), snapshot["agency"]],
                [_("查询人"), snapshot["queried_by"]],
                [_("查询用途"), snapshot["purpose"]],
                [_("查询条件"), snapshot["criterion"]],
                [_("查询范围"), _("上海市、江苏省、浙江省、安徽省（长三角城管执法协作平台）")],
                [
                    _("查询结果"),
                    _("%(s)d个信用主体，公示中的行政处罚信息%(r)d条")
                    % {"s": len(subjects), "r": snapshot["record_count"]},
                ],
            ],
            [40 * mm, WIDTH - 40 * mm],
            style["cell"],
            header=False,
        ),
    ]
    if not subjects:
        story += [Spacer(1, 4 * mm), para(_("未查询到该信用主体。"), style["body"])]
    for subject in subjects:
        story += [Spacer(1, 3 * mm), *_subject_story(subject, style)]
    if snapshot["truncated"]:
        story.append(
            para(
                _("按名称匹配的主体较多，仅列出前%(n)d个，请以统一社会信用代码精确查询。") % {"n": len(subjects)},
                style["note"],
            )
        )
    story += [
        Spacer(1, 6 * mm),
        HRFlowable(width="100%", thickness=0.5, color=colors.grey, spaceAfter=2 * mm),
        KeepTogether(
            [
                para(
                    _(
                        "说明：1. 本报告仅包含查询时处于公示期内的信息；已信用修复、公示期满或已撤回的信息依照"
                        "《信用修复管理办法》不再公示、共享和使用，不在本报告中列出。2. 本报告仅供所述查询用途使用，"
                        "查询行为已记录在案，不得向无关单位和个人提供。3. 信息以认定机构作出的决定为准。"
                    ),
                    style["note"],
                ),
                Spacer(1, 4 * mm),
                SealBlock(snapshot["agency"], date.fromisoformat(snapshot["issued_on"]), size=12),
            ]
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
        title=f"公共信用信息查询报告 {number}",
        author=snapshot["agency"],
    )
    doc.build(story, onFirstPage=_footer(number), onLaterPages=_footer(number))
    return buffer.getvalue()


def _footer(number: str):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(15 * mm, 10 * mm, number)
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, _("第%(p)d页") % {"p": doc.page})
        canvas.restoreState()

    return draw
