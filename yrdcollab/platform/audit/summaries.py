"""How an audit entry reads to people (issue #15): the object's kind by its model's Chinese name
instead of its class name, and the change summary as "字段：旧 → 新" lines instead of raw JSON. The
stored entry is unchanged (the hash chain covers it); only its display is translated."""

import json
import re
from functools import lru_cache

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .labels import action_label, status_labels_of

# Summary keys written by the services (audit_record(summary=…)); a key missing here is looked up
# as a field of the entry's model, and shown as it is only when neither knows it.
KEY_LABELS = {
    "accepted": gettext_lazy("接受"),
    "agencies": gettext_lazy("机构"),
    "agency": gettext_lazy("机构"),
    "alert": gettext_lazy("预警"),
    "alerts": gettext_lazy("预警数"),
    "algorithm": gettext_lazy("算法"),
    "amount": gettext_lazy("数额"),
    "assignee": gettext_lazy("承办人"),
    "audience": gettext_lazy("发送范围"),
    "basis": gettext_lazy("依据"),
    "children_deactivated": gettext_lazy("停用的下级事项"),
    "client": gettext_lazy("客户端"),
    "code": gettext_lazy("代码"),
    "count": gettext_lazy("数量"),
    "course_title": gettext_lazy("课程"),
    "created": gettext_lazy("新增"),
    "campaign": gettext_lazy("行动"),
    "changed": gettext_lazy("变更项"),
    "decision_number": gettext_lazy("决定书文号"),
    "device": gettext_lazy("设备"),
    "division_a": gettext_lazy("区划甲"),
    "division_b": gettext_lazy("区划乙"),
    "doc_number": gettext_lazy("文号"),
    "document_number": gettext_lazy("文号"),
    "due": gettext_lazy("期限"),
    "due_on": gettext_lazy("截止日期"),
    "duplicates": gettext_lazy("重复"),
    "emails": gettext_lazy("邮件数"),
    "event": gettext_lazy("活动"),
    "expires_at": gettext_lazy("到期时间"),
    "field": gettext_lazy("字段"),
    "fields": gettext_lazy("修改的字段"),
    "file": gettext_lazy("文件"),
    "filters": gettext_lazy("筛选条件"),
    "final": gettext_lazy("最终"),
    "findings": gettext_lazy("发现问题数"),
    "forged": gettext_lazy("伪造"),
    "format": gettext_lazy("格式"),
    "found": gettext_lazy("查到"),
    "hours": gettext_lazy("小时数"),
    "i": gettext_lazy("序号"),
    "id": gettext_lazy("编号"),
    "id_number": gettext_lazy("身份证号"),
    "item": gettext_lazy("事项"),
    "key_id": gettext_lazy("密钥编号"),
    "kind": gettext_lazy("类别"),
    "label": gettext_lazy("名称"),
    "lat": gettext_lazy("纬度"),
    "level": gettext_lazy("层级"),
    "lon": gettext_lazy("经度"),
    "matter": gettext_lazy("事项"),
    "measure": gettext_lazy("惩戒措施"),
    "n": gettext_lazy("数量"),
    "name": gettext_lazy("名称"),
    "note": gettext_lazy("说明"),
    "number": gettext_lazy("编号"),
    "officer": gettext_lazy("执法人员"),
    "officers": gettext_lazy("执法人员"),
    "opinion": gettext_lazy("意见"),
    "owner_uscc": gettext_lazy("所有人统一社会信用代码"),
    "parent": gettext_lazy("上级"),
    "parties": gettext_lazy("当事人"),
    "party": gettext_lazy("当事人"),
    "period": gettext_lazy("期间"),
    "plate": gettext_lazy("号牌"),
    "post": gettext_lazy("岗位"),
    "prefix": gettext_lazy("前缀"),
    "previous_receiver": gettext_lazy("原接收机构"),
    "proposed_name": gettext_lazy("申请名称"),
    "reason": gettext_lazy("理由"),
    "reasons": gettext_lazy("理由"),
    "receiver": gettext_lazy("接收机构"),
    "recipients": gettext_lazy("接收方数"),
    "refresh": gettext_lazy("刷新"),
    "remarks": gettext_lazy("总结"),
    "report_number": gettext_lazy("报告编号"),
    "request": gettext_lazy("请求"),
    "resolution": gettext_lazy("处理结果"),
    "responder": gettext_lazy("协查机构"),
    "result": gettext_lazy("结果"),
    "roles": gettext_lazy("角色"),
    "routing": gettext_lazy("管辖判定"),
    "rows": gettext_lazy("行数"),
    "service_code": gettext_lazy("服务代码"),
    "sha256": gettext_lazy("SHA-256 摘要"),
    "size": gettext_lazy("大小（字节）"),
    "source": gettext_lazy("来源"),
    "status": gettext_lazy("状态"),
    "step": gettext_lazy("环节"),
    "subject": gettext_lazy("主体"),
    "title": gettext_lazy("标题"),
    "trucks": gettext_lazy("车辆数"),
    "type": gettext_lazy("类型"),
    "updated": gettext_lazy("更新"),
    "user": gettext_lazy("用户"),
    "username": gettext_lazy("用户名"),
    "usernames": gettext_lazy("用户名"),
    "uscc": gettext_lazy("统一社会信用代码"),
    "via": gettext_lazy("途径"),
    "workflow": gettext_lazy("流程"),
    "years": gettext_lazy("年度"),
    "after": gettext_lazy("变更后"),
    "already_current": gettext_lazy("已是最新"),
    "applied_on": gettext_lazy("实施日期"),
    "attachments": gettext_lazy("附件"),
    "authorization": gettext_lazy("授权"),
    "basis_kind": gettext_lazy("依据类别"),
    "before": gettext_lazy("变更前"),
    "broken_id": gettext_lazy("异常记录编号"),
    "by": gettext_lazy("查询方式"),
    "certificate": gettext_lazy("执法证"),
    "certificate_number": gettext_lazy("执法证号"),
    "check_ins": gettext_lazy("打卡数"),
    "check_result": gettext_lazy("核查结果"),
    "claims": gettext_lazy("申请数"),
    "crs": gettext_lazy("坐标系"),
    "cursor": gettext_lazy("游标"),
    "day": gettext_lazy("日期"),
    "deactivated": gettext_lazy("停用"),
    "decided_on": gettext_lazy("决定日期"),
    "deciding_agency": gettext_lazy("决定机构"),
    "decision": gettext_lazy("处罚决定"),
    "determining_agency": gettext_lazy("认定机构"),
    "distance_m": gettext_lazy("距离（米）"),
    "division": gettext_lazy("区划"),
    "divisions": gettext_lazy("区划"),
    "divisions_added": gettext_lazy("新增区划"),
    "divisions_renamed": gettext_lazy("更名区划"),
    "drawn_area": gettext_lazy("绘制区域"),
    "due_at": gettext_lazy("期限"),
    "encoding": gettext_lazy("编码"),
    "ends_at": gettext_lazy("结束时间"),
    "ends_on": gettext_lazy("结束日期"),
    "failed": gettext_lazy("失败"),
    "failed_rows": gettext_lazy("失败行数"),
    "file_format": gettext_lazy("文件格式"),
    "filename": gettext_lazy("文件名"),
    "files": gettext_lazy("文件数"),
    "fine_amount": gettext_lazy("罚款金额"),
    "first_level": gettext_lazy("一级"),
    "flag": gettext_lazy("标记"),
    "full_id_numbers": gettext_lazy("完整身份证号"),
    "grantee": gettext_lazy("被授权机构"),
    "handling_agency": gettext_lazy("处置机构"),
    "holder": gettext_lazy("持有人"),
    "holidays": gettext_lazy("节假日"),
    "identifier": gettext_lazy("标识"),
    "incidents": gettext_lazy("事件数"),
    "items": gettext_lazy("条目"),
    "legal_basis": gettext_lazy("法律依据"),
    "lift_reason": gettext_lazy("解除原因"),
    "list_entries": gettext_lazy("名单条目"),
    "listed_on": gettext_lazy("列入日期"),
    "makeup_days": gettext_lazy("调休上班日"),
    "manifest": gettext_lazy("证据清单"),
    "matters": gettext_lazy("事项"),
    "measures": gettext_lazy("惩戒措施"),
    "name_after": gettext_lazy("变更后名称"),
    "name_before": gettext_lazy("变更前名称"),
    "name_source": gettext_lazy("名称来源"),
    "new_parties": gettext_lazy("新增当事人"),
    "not_registered": gettext_lazy("未登记"),
    "notice_number": gettext_lazy("通知书编号"),
    "notifications": gettext_lazy("通知数"),
    "now": gettext_lazy("时间"),
    "ok": gettext_lazy("通过"),
    "origin": gettext_lazy("来源"),
    "output": gettext_lazy("输出"),
    "parties_created": gettext_lazy("新建当事人"),
    "penalty_types": gettext_lazy("处罚种类"),
    "photo": gettext_lazy("照片"),
    "photos": gettext_lazy("照片数"),
    "prohibited": gettext_lazy("禁止"),
    "provider": gettext_lazy("增援单位"),
    "provisional": gettext_lazy("暂定"),
    "publicity_ends_on": gettext_lazy("公示截止日期"),
    "purpose": gettext_lazy("用途"),
    "purpose_note": gettext_lazy("用途说明"),
    "records": gettext_lazy("记录数"),
    "reencrypted": gettext_lazy("重新加密"),
    "regime": gettext_lazy("适用制度"),
    "registered_name": gettext_lazy("登记名称"),
    "renamed": gettext_lazy("更名"),
    "repairable_from": gettext_lazy("可申请修复日期"),
    "replaced": gettext_lazy("替换"),
    "required": gettext_lazy("所需人数"),
    "response_minutes": gettext_lazy("响应时长（分钟）"),
    "roster": gettext_lazy("勤务表"),
    "row": gettext_lazy("行"),
    "rule": gettext_lazy("规则"),
    "second_level": gettext_lazy("二级"),
    "severity": gettext_lazy("失信程度"),
    "shift": gettext_lazy("班次"),
    "since": gettext_lazy("起始"),
    "source_before": gettext_lazy("原来源"),
    "source_kind": gettext_lazy("来源类别"),
    "source_public_id": gettext_lazy("来源编号"),
    "starts_at": gettext_lazy("开始时间"),
    "subject_id": gettext_lazy("主体编号"),
    "subject_kind": gettext_lazy("主体类别"),
    "subjects": gettext_lazy("主体数"),
    "target": gettext_lazy("目标"),
    "total": gettext_lazy("合计"),
    "transfer": gettext_lazy("线索移送"),
    "trigger": gettext_lazy("触发方式"),
    "unchanged": gettext_lazy("未变"),
    "unit": gettext_lazy("单位"),
    "unreadable": gettext_lazy("无法读取"),
    "updated_decisions": gettext_lazy("更新的处罚决定"),
    "updated_truncated": gettext_lazy("更新（截断）"),
    "urgent": gettext_lazy("紧急"),
    "valid_from": gettext_lazy("生效日期"),
    "valid_to": gettext_lazy("失效日期"),
    "vehicles": gettext_lazy("车辆"),
    "version": gettext_lazy("版本"),
    "was": gettext_lazy("原值"),
    "year": gettext_lazy("年度"),
    "zone": gettext_lazy("区域"),
    "zones": gettext_lazy("协作区域"),
    "adjacent_pairs": gettext_lazy("毗邻区划对"),
    "made_at": gettext_lazy("手机记录时间"),
    "pairings": gettext_lazy("结对共建"),
    "mechanism_memberships": gettext_lazy("协作机制成员"),
    "place_mismatch": gettext_lazy("坐标与区划不一致"),
    "formula": gettext_lazy("公式"),
    "indicator": gettext_lazy("指标"),
    "inline": gettext_lazy("即时下载"),
    "params": gettext_lazy("筛选条件"),
    "previous": gettext_lazy("原承办人"),
    "reference": gettext_lazy("文号"),
    "versions": gettext_lazy("指标版本"),
}
# Models whose verbose name is still Django's English default (rows the services write alongside
# the main object); their Chinese names for the log.
OBJECT_TYPE_LABELS = {
    "DivisionNameGram": gettext_lazy("区划名称检索词"),
    "AgencyNameGram": gettext_lazy("机构名称检索词"),
    "MissingYearReminder": gettext_lazy("缺失年度日历提醒"),
    "BoundaryVersion": gettext_lazy("区划边界版本"),
    "DocumentSequence": gettext_lazy("文号序列"),
    "TransferParty": gettext_lazy("移送当事人"),
    "TransferRouting": gettext_lazy("移送记录"),
    "TransferEvent": gettext_lazy("移送办理过程"),
    "AssistanceEvent": gettext_lazy("协查办理过程"),
    "BulletinRecipient": gettext_lazy("通报接收单位"),
    "BulletinAttachment": gettext_lazy("通报附件"),
    "RepairEvent": gettext_lazy("信用修复办理过程"),
    "DeviceEvent": gettext_lazy("设备事件"),
    "TelemetryReading": gettext_lazy("监测读数"),
    "AlertAgency": gettext_lazy("预警推送机构"),
    "ExportSource": gettext_lazy("数据导出（即时下载）"),
    "EvaluationReport": gettext_lazy("综合评价报告"),
    "AlertLog": gettext_lazy("预警办理记录"),
    "IngestLease": gettext_lazy("接入租约"),
    "TruckPosition": gettext_lazy("渣土车定位"),
    "RosterMember": gettext_lazy("勤务人员"),
    "ShiftAssignment": gettext_lazy("排班"),
    "CampaignParticipant": gettext_lazy("行动参与单位"),
    "CampaignGoal": gettext_lazy("行动目标"),
    "CampaignTask": gettext_lazy("行动任务"),
    # object kinds written by name that are not one model (audit_record(object_type=…))
    "Certificate": gettext_lazy("执法证"),
    "CreditQuery": gettext_lazy("信用查询"),
    "Directory": gettext_lazy("机构名录"),
    "PartyRegister": gettext_lazy("登记机关名录"),
}
VALUE_MAX = 60


@lru_cache(maxsize=1)
def _models_by_class_name() -> dict[str, type]:
    return {model.__name__: model for model in apps.get_models()}


def actor_label(label: str) -> str:
    """Who acted: a person's name, or the platform itself (stored as "system")."""
    return _("系统") if label == "system" else label


def object_type_label(name: str) -> str:
    """ "CheckIn" → "巡查打卡" (the model's verbose name); a name no model has stays as it is."""
    if name in OBJECT_TYPE_LABELS:
        return str(OBJECT_TYPE_LABELS[name])
    model = _models_by_class_name().get(name or "")
    return str(model._meta.verbose_name) if model is not None else (name or "")


def _key_label(key: str, model) -> str:
    if key in KEY_LABELS:
        return str(KEY_LABELS[key])
    if model is not None:
        try:
            return str(model._meta.get_field(key).verbose_name)
        except Exception:  # noqa: BLE001 — FieldDoesNotExist, or a relation without a verbose name
            pass
    return key


CODE = re.compile(r"[a-z_]+\.[a-z_.]+")


def _value_text(value, statuses: dict[str, str]) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and CODE.fullmatch(value) and action_label(value):
        return action_label(value)  # a notification kind or an operation code, by its label
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, list | tuple):
        return "、".join(_value_text(v, statuses) for v in value) or "—"
    if isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    else:
        text = statuses.get(str(value), str(value))
    return text if len(text) <= VALUE_MAX else text[: VALUE_MAX - 1] + "…"


def summary_lines(code: str, summary, object_type: str = "") -> list[str]:
    """The summary as "字段：值" lines; a status change ("from", "to") as one "状态：旧 → 新" line with
    the workflow's own status names."""
    if not isinstance(summary, dict):
        return [_value_text(summary, {})] if summary not in (None, "", [], {}) else []
    statuses = status_labels_of(code)
    model = _models_by_class_name().get(object_type or "")
    lines = []
    if "from" in summary or "to" in summary:
        before, after = summary.get("from"), summary.get("to")
        lines.append(
            _("状态：%(old)s → %(new)s") % {"old": _value_text(before, statuses), "new": _value_text(after, statuses)}
        )
    for key, value in summary.items():
        if key in ("from", "to"):
            continue
        lines.append(f"{_key_label(key, model)}：{_value_text(value, statuses if key == 'status' else {})}")
    return lines
