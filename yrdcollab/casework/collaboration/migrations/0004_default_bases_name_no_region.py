"""The default rows of the transfer and assistance steps stop citing Shanghai's regulation as if it bound
every region (issue #15 item 7): the region's own basis is now looked up per acting agency
(collaboration.legal_bases), and the row keeps the platform's agreed default. Only rows still holding the
text migration 0002 seeded are changed, so an administrator's own wording stays."""

from django.db import migrations

REWORDED = [
    (
        "transfer",
        "sign",
        "平台协作规程默认值：收到移送线索后1个工作日内签收（无法定期限，可按事项调整）",
        "平台协作规程默认值：收到移送线索后1个工作日内签收（无法定期限，可按事项调整；所引法规依承办机构所在省市而定）",
    ),
    (
        "transfer",
        "accept",
        "《上海市城市管理行政执法条例》第二十六条：不属于本单位职责范围的，在三个工作日内移送有关部门处理",
        "平台协作规程默认值：签收后3个工作日内决定受理或者退回（可按事项调整；所引法规依承办机构所在省市而定）",
    ),
    (
        "assistance",
        "respond",
        "《上海市城市管理行政执法条例》第二十九条：自收到协助通知书之日起十日内出具书面意见",
        "平台协作规程默认值：自收到协查请求之日起10日内书面答复（可按事项调整；所引法规依被请求机构所在省市而定）",
    ),
]


def reword(apps, schema_editor):
    DeadlineRule = apps.get_model("collaboration", "DeadlineRule")
    for workflow, step, old, new in REWORDED:
        DeadlineRule.objects.filter(workflow=workflow, step=step, matter=None, legal_basis=old).update(legal_basis=new)


def restore(apps, schema_editor):
    DeadlineRule = apps.get_model("collaboration", "DeadlineRule")
    for workflow, step, old, new in REWORDED:
        DeadlineRule.objects.filter(workflow=workflow, step=step, matter=None, legal_basis=new).update(legal_basis=old)


class Migration(migrations.Migration):
    dependencies = [("collaboration", "0003_credit_repair_workflow")]
    operations = [migrations.RunPython(reword, restore)]
