"""Chinese labels of audit action codes. An exact code wins; otherwise the label of its first
segment is used ("token.revoked" → "API 令牌"); an unknown code is shown as it is."""

from django.utils.translation import gettext_lazy as _

from yrdcollab.core.workflow import TransitionTable

ACTION_LABELS = {
    "matter.created": _("新增事项"),
    "matter.updated": _("修改事项"),
    "matter.deactivated": _("停用事项"),
    "matter.reactivated": _("启用事项"),
    "matter.deleted": _("删除事项"),
    "matter.loaded": _("导入事项目录"),
    "matter.deadline_set": _("设置事项期限"),
    "matter.deadline_cleared": _("取消事项期限"),
    "party.registered": _("登记当事人"),
    "party.uscc_override": _("统一社会信用代码校验例外采用"),
    "party.name_claimed": _("提交当事人名称变更申请"),
    "party.name_claim_approved": _("采纳当事人名称"),
    "party.name_claim_rejected": _("不予采纳当事人名称"),
    "party.name_claim_superseded": _("当事人名称申请已被取代"),
    "party.name_registered": _("按登记机关名录设置当事人名称"),
    "party.register_imported": _("导入登记机关名录"),
    "recognition.decision_recorded": _("登记处罚决定"),
    "recognition.recognized": _("互认处罚决定"),
    "auth.login": _("登录"),
    "auth.logout": _("退出登录"),
    "auth.login_failed": _("登录失败"),
    "auth.locked_out": _("账号锁定"),
    "user.created": _("创建用户"),
    "user.updated": _("修改用户"),
    "user.deactivated": _("停用用户"),
    "role.granted": _("授予角色"),
    "role.revoked": _("撤销角色"),
    "token.created": _("创建 API 令牌"),
    "token.revoked": _("吊销 API 令牌"),
    "certificate.issued": _("签发执法证"),
    "certificate.revoked": _("吊销执法证"),
    "certificate.verified": _("核验执法证"),
    "agency.created": _("新增机构"),
    "agency.updated": _("修改机构"),
    "directory.loaded": _("导入机构名录"),
    "personal_data.viewed": _("查看个人信息明文"),
    "calendar.updated": _("修改工作日历"),
    "notification.sent": _("发送通知"),
    "audit.exported": _("导出审计日志"),
    "audit.verified": _("核验审计链"),
    "alert.raised": _("生成预警"),
    "approved_route.created": _("新增核准运输线路"),
    "approved_route.updated": _("修改核准运输线路"),
    "assistance.created": _("新建协查请求"),
    "assistance.deadline_recomputed": _("重算协查期限"),
    "authorization.granted": _("授予异地执法检查授权"),
    "authorization.revoked": _("撤销异地执法检查授权"),
    "bulletin.ack_reminded": _("催办通报确认"),
    "bulletin.acknowledged": _("确认收到通报"),
    "bulletin.attachment_added": _("上传通报附件"),
    "bulletin.created": _("起草通报"),
    "bulletin.published": _("发布通报"),
    "bulletin.read": _("阅读通报"),
    "bulletin.updated": _("修改通报"),
    "bulletin.withdrawn": _("撤回通报"),
    "calendar.package_seeded": _("载入法定节假日安排"),
    "calendar.year_loaded": _("载入年度工作日历"),
    "campaign.created": _("发起联合执法行动"),
    "campaign.goals_set": _("设定行动目标"),
    "campaign.invited": _("邀请参与单位"),
    "campaign.report_downloaded": _("下载行动报告"),
    "campaign.task_assigned": _("分派行动任务"),
    "credit.changes_exported": _("导出信用变更"),
    "credit.import_batch": _("批量导入信用记录"),
    "credit.list_decided": _("作出名单认定决定"),
    "credit.list_proposed": _("提出名单认定建议"),
    "credit.list_published": _("公布名单"),
    "credit.list_removed": _("移出名单"),
    "credit.list_withdrawn": _("撤销名单认定"),
    "credit.measure_applied": _("实施联合惩戒措施"),
    "credit.measure_lift_required": _("要求解除惩戒措施"),
    "credit.measure_lifted": _("解除惩戒措施"),
    "credit.queried": _("查询信用记录"),
    "credit.report_printed": _("打印信用查询报告"),
    "credit.record_expired": _("信用记录公示期满"),
    "credit.record_opened": _("生成信用记录"),
    "credit.record_reclassified": _("调整信用记录类别"),
    "credit.record_withdrawn": _("撤销信用记录"),
    "credit.repair_filed": _("提交信用修复申请"),
    "demo.users_seeded": _("生成演示账号"),
    "device.approved": _("审核通过监控设备"),
    "device.credential_rotated": _("重新生成设备凭证"),
    "device.published": _("公布设备设置地点"),
    "device.registered": _("登记监控设备"),
    "device.relocated": _("变更设备位置"),
    "directory.adjacent_pair_added": _("新增毗邻区划对"),
    "directory.adjacent_pair_removed": _("删除毗邻区划对"),
    "directory.divisions_refreshed": _("更新行政区划"),
    "directory.reindexed": _("重建机构检索索引"),
    "disposal_site.created": _("新增消纳场所"),
    "disposal_site.updated": _("修改消纳场所"),
    "duty.check_in_photo_viewed": _("查看打卡照片"),
    "duty.checked_in": _("巡查打卡"),
    "duty.member_removed": _("移出勤务人员"),
    "duty.members_nominated": _("推荐勤务人员"),
    "duty.officer_assigned": _("排班"),
    "duty.officer_unassigned": _("取消排班"),
    "duty.reinforcements_joined": _("增援人员编入勤务"),
    "duty.roster_created": _("新建勤务表"),
    "duty.shift_created": _("新增班次"),
    "duty.shift_deleted": _("删除班次"),
    "duty.shift_updated": _("修改班次"),
    "event.created": _("新建重大活动"),
    "event.data_loaded": _("导入活动数据"),
    "event.incident_from_alert": _("预警转为活动事件"),
    "event.incident_reported": _("上报活动事件"),
    "event.participant_added": _("新增保障单位"),
    "event.report_downloaded": _("下载活动日报"),
    "event.report_recompiled": _("重新生成活动日报"),
    "event.updated": _("修改重大活动"),
    "event.zone_created": _("新增安保区域"),
    "event.zone_deleted": _("删除安保区域"),
    "event.zone_updated": _("修改安保区域"),
    "evidence.custody_recorded": _("记录证据保管流转"),
    "evidence.item_added": _("登记证据"),
    "evidence.key_created": _("生成签名密钥"),
    "evidence.key_rotated": _("轮换签名密钥"),
    "evidence.keys_reencrypted": _("重新加密签名密钥"),
    "evidence.manifest_issued": _("出具证据清单"),
    "evidence.recognized": _("互认证据"),
    "finding.recorded": _("登记行动发现问题"),
    "geo.boundaries_loaded": _("导入行政区划边界"),
    "geo.matter_jurisdiction_set": _("设置事项管辖规则"),
    "notification.created": _("生成通知"),
    "notification.read": _("阅读通知"),
    "notification.read_all": _("全部标为已读"),
    "party.searched_by_id_number": _("按身份证号检索当事人"),
    "reinforcement.requested": _("申请增援"),
    "reinforcement.granted": _("批准增援"),
    "reinforcement.declined": _("不予增援"),
    "reinforcement.withdrawn": _("撤回增援申请"),
    "supervision.order_issued": _("下发督办单"),
    "supervision.swept": _("超期督办扫描"),
    "training.recorded": _("登记培训记录"),
    "transfer.created": _("新建线索移送"),
    "transfer.deadline_recomputed": _("重算移送期限"),
    "transfer.updated": _("修改线索移送"),
    "truck.positions_recorded": _("接收渣土车轨迹"),
    "truck.registered": _("登记渣土车"),
    "truck.updated": _("修改渣土车信息"),
}

GROUP_LABELS = {
    "matter": _("事项目录"),
    "party": _("当事人"),
    "recognition": _("执法结果互认"),
    "supervision": _("督办"),
    "auth": _("登录认证"),
    "user": _("用户管理"),
    "role": _("角色管理"),
    "token": _("API 令牌"),
    "certificate": _("执法证"),
    "agency": _("机构名录"),
    "division": _("行政区划"),
    "zone": _("协作区域"),
    "pairing": _("结对共建"),
    "directory": _("机构名录"),
    "personal_data": _("个人信息"),
    "calendar": _("工作日历"),
    "notification": _("消息通知"),
    "audit": _("审计"),
    "transfer": _("线索移送"),
    "assistance": _("案件协查"),
    "evidence": _("证据互认"),
    "bulletin": _("执法通报"),
    "credit": _("信用联合惩戒"),
    "training": _("培训记录"),
    "geo": _("行政区划边界"),
    "device": _("监控设备"),
    "alert": _("感知预警"),
    "truck": _("渣土车监管"),
    "disposal_site": _("渣土车监管"),
    "approved_route": _("渣土车监管"),
    "campaign": _("联合执法整治"),
    "finding": _("联合执法发现问题"),
    "authorization": _("异地执法检查授权"),
    "duty": _("联勤联动"),
    "event": _("重大活动保障"),
    "reinforcement": _("重大活动增援"),
    "demo": _("演示数据"),
}


# Codes written as "<prefix><action or target status of a workflow>" (e.g. f"transfer.{action}"):
# labelled from that workflow's table (core.workflow registry; the table is named, never imported).
WORKFLOW_CODES: tuple[tuple[str, str, str], ...] = (
    ("transfer.", "transfer", "action"),
    ("assistance.", "assistance", "action"),
    ("alert.", "alert", "action"),
    ("campaign.task_", "campaign_task", "action"),
    ("campaign.", "campaign", "action"),
    ("credit.record_", "credit_record", "target"),
    ("credit.repair_", "credit_repair", "action"),
    ("event.incident_", "incident", "action"),
    ("event.", "major_event", "action"),
    ("finding.", "finding", "action"),
    ("party.name_claim_", "party_name_claim", "target"),
)


def _workflow_of(code: str) -> tuple[TransitionTable, str, str] | None:
    for prefix, name, kind in WORKFLOW_CODES:
        table = TransitionTable.named(name)
        if table is not None and code.startswith(prefix):
            rest = code[len(prefix) :]
            if rest in (table.actions if kind == "action" else table.statuses):
                return table, rest, kind
    return None


def action_label(code: str) -> str:
    """The Chinese label of an audit code: its own, else its workflow move's ("线索移送 · 退回"),
    else its area's; "" for a code nobody labelled."""
    if code in ACTION_LABELS:
        return str(ACTION_LABELS[code])
    group = GROUP_LABELS.get(code.split(".", 1)[0])
    found = _workflow_of(code)
    if found:
        table, rest, kind = found
        move = table.action_label(rest) if kind == "action" else table.status_label(rest)
        return f"{group} · {move}" if group else str(move)
    return str(group) if group else ""


def status_labels_of(code: str) -> dict[str, str]:
    """status → label of the workflow an audit code belongs to ({} when it belongs to none)."""
    found = _workflow_of(code)
    return {status: found[0].status_label(status) for status in found[0].statuses} if found else {}
