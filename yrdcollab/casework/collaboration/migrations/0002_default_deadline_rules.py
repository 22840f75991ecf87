"""Seeds the default deadline of every workflow step as it stood when this migration was written
(frozen here: the live defaults are declared by each workflow app and read through
collaboration.deadlines)."""

from django.db import migrations

DEFAULT_RULES = [
    ('transfer', 'sign', 1, 'working_day', '平台协作规程默认值：收到移送线索后1个工作日内签收（无法定期限，可按事项调整）'),
    ('transfer', 'accept', 3, 'working_day', '《上海市城市管理行政执法条例》第二十六条：不属于本单位职责范围的，在三个工作日内移送有关部门处理'),
    ('transfer', 'conclude', 90, 'calendar_day', '《中华人民共和国行政处罚法》第六十条：自立案之日起九十日内作出行政处罚决定'),
    ('transfer', 'confirm', 5, 'working_day', '平台协作规程默认值：承办机构办结后，移送机构5个工作日内确认结案（可按事项调整）'),
    ('assistance', 'respond', 10, 'calendar_day', '《上海市城市管理行政执法条例》第二十九条：自收到协助通知书之日起十日内出具书面意见'),
    ('assistance', 'confirm', 5, 'working_day', '平台协作规程默认值：收到协查答复后5个工作日内确认或追问（可按事项调整）'),
    ('credit_repair', 'accept', 3, 'working_day', '平台默认值：认定机构收到修复申请后3个工作日内作出是否受理的决定（国办发〔2025〕22号规定受理时限，具体日数待核；参照《上海市社会信用条例》第三十六条的转办时限从严设定）'),
    ('credit_repair', 'decide', 7, 'working_day', '平台默认值：受理后7个工作日内作出是否修复的决定，与受理合计不超过10个工作日（参照江西省信用网站“修复材料无误，十个工作日内完成”的公开承诺）'),
]


def seed(apps, schema_editor):
    DeadlineRule = apps.get_model("collaboration", "DeadlineRule")
    for workflow, step, amount, unit, basis in DEFAULT_RULES:
        DeadlineRule.objects.update_or_create(workflow=workflow, step=step, matter=None,
                                              defaults={"amount": amount, "unit": unit, "legal_basis": basis})


class Migration(migrations.Migration):
    dependencies = [("collaboration", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
