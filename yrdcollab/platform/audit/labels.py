"""Chinese labels of audit action codes. An exact code wins; otherwise the label of its first
segment is used ("token.revoked" → "API 令牌"); an unknown code is shown as it is."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "matter.created": _("新增事项"), "matter.updated": _("修改事项"), "matter.deactivated": _("停用事项"),
    "matter.reactivated": _("启用事项"), "matter.deleted": _("删除事项"), "matter.loaded": _("导入事项目录"),
    "matter.deadline_set": _("设置事项期限"), "matter.deadline_cleared": _("取消事项期限"),
    "party.registered": _("登记当事人"), "party.uscc_override": _("统一社会信用代码校验例外采用"),
    "recognition.decision_recorded": _("登记处罚决定"), "recognition.recognized": _("互认处罚决定"),
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
}

GROUP_LABELS = {
    "matter": _("事项目录"), "party": _("当事人"), "recognition": _("执法结果互认"),
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
    "device": _("感知设备"),
    "alert": _("预警处置"),
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


def action_label(code: str) -> str:
    label = ACTION_LABELS.get(code) or GROUP_LABELS.get(code.split(".", 1)[0])
    return str(label) if label else ""
