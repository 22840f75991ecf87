"""Version 1 of the ten indicators of issue #14 (综合评价), each with the reason it is measured and
what it cites. The law asks for regular evaluation (行政处罚法第七十五条); the formulas themselves are
the platform's own convention (平台约定) unless a text below names a source."""

from datetime import date

from django.db import migrations

BASIS = "依据：《中华人民共和国行政处罚法》第七十五条（县级以上人民政府应当定期组织开展行政执法评议、考核）；计算口径为平台约定。"
DEMO_ZONE = "《上海市促进长三角生态绿色一体化发展示范区高质量发展条例》第五十七条"

# code, name, unit, direction, formula, weight, target, reason
INDICATORS = [
    (
        "on_time_rate",
        "按期办结率",
        "%",
        "higher",
        "on_time / due",
        20,
        100,
        "到期事项中按期办结的比例，衡量协作事项是否在法定或约定期限内办结。议题口径为“按期办结数 ÷（到期数 − 中止数）”；"
        "平台目前没有中止（暂停计时）环节，故分母不减中止数。法定期限应当全部遵守，目标值为 100%。" + BASIS,
    ),
    (
        "closure_rate",
        "结案率",
        "%",
        "higher",
        "transfers_concluded / accepted",
        10,
        None,
        "期间内受理的移送线索中已报告办理结果或归档的比例，衡量线索移送“有始有终”。" + DEMO_ZONE + "（违法线索移送）。" + BASIS,
    ),
    (
        "overdue_rate",
        "超期率",
        "%",
        "lower",
        "overdue / due",
        15,
        0,
        "到期事项中超期的比例（期限届满仍在办理，或办结前承办机构有环节被超期督办），与按期办结率互为补充。目标值为 0。" + BASIS,
    ),
    (
        "return_rate",
        "退回/返工率",
        "%",
        "lower",
        "(returned + assist_reworked) / (sent + assist_answered)",
        10,
        None,
        "本机构移送的线索被退回、答复的协查被追问（返工）的比例，衡量移送材料和协查答复的质量。" + BASIS,
    ),
    (
        "assist_answer_hours",
        "协查平均答复时长",
        "h",
        "lower",
        "assist_answer_hours_sum / assist_answered",
        10,
        None,
        "协查请求自发送至（最近一次）答复的平均小时数（自然时间），衡量" + DEMO_ZONE + "所称执法协助的响应速度。" + BASIS,
    ),
    (
        "clue_acceptance_rate",
        "线索受理率",
        "%",
        "higher",
        "accepted / received",
        10,
        None,
        "移送至本机构的线索中未退回且已受理的比例。" + DEMO_ZONE + "（违法线索移送）。" + BASIS,
    ),
    (
        "evidence_recognition_rate",
        "证据互认率",
        "%",
        "higher",
        "evidence_recognised / evidence_received",
        10,
        None,
        "本机构审核的异地证据清单中予以认可（含附意见认可）的比例。" + DEMO_ZONE + "第二款：对吴江区、嘉善县行政机关依法调查收集的证据材料，"
        "青浦区有关行政机关经审核符合证据效力要求的，可以作为行政执法证据使用。" + BASIS,
    ),
    (
        "repair_days",
        "异地信用修复平均办理时长",
        "d",
        "lower",
        "repair_days_sum / repair_decided",
        5,
        None,
        "在其他机构窗口提交、由本机构作为认定机构决定的信用修复申请，自提交至作出决定的平均天数（自然日），衡量“谁认定、谁修复”的异地办理效率。" + BASIS,
    ),
    (
        "bulletin_ack_rate",
        "通报确认率",
        "%",
        "higher",
        "bulletins_confirmed / bulletins_received",
        5,
        None,
        "发给本机构、需要确认且确认期限在期间内的执法通报中已确认的比例（含逾期确认；逾期确认数见明细）。" + BASIS,
    ),
    (
        "campaigns_joined",
        "联合行动参与数",
        "count",
        "higher",
        "campaigns_joined",
        5,
        None,
        "本机构接受邀请参加、开始日期在期间内的联合执法整治行动个数。" + DEMO_ZONE + "（联合执法）。" + BASIS,
    ),
]


def forwards(apps, schema_editor):
    Indicator = apps.get_model("evaluation", "Indicator")
    IndicatorVersion = apps.get_model("evaluation", "IndicatorVersion")
    for position, (code, name, unit, direction, formula, weight, target, reason) in enumerate(INDICATORS, start=1):
        indicator = Indicator.objects.create(
            code=code, name=name, unit=unit, direction=direction, reason=reason, position=position
        )
        IndicatorVersion.objects.create(
            indicator=indicator,
            number=1,
            formula=formula,
            weight=weight,
            target=target,
            data_window="period",
            effective_from=date(2020, 1, 1),
            note="初始版本",
        )


def backwards(apps, schema_editor):
    apps.get_model("evaluation", "Score").objects.all().delete()
    apps.get_model("evaluation", "EvaluationRun").objects.all().delete()
    apps.get_model("evaluation", "IndicatorVersion").objects.all().delete()
    apps.get_model("evaluation", "Indicator").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
