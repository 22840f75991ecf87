"""Page forms. They parse; every rule is checked by the services. Their choices come from the selectors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.assistance.models import AssistanceType
from yrdcollab.casework.recognition.models import PenaltyType
from yrdcollab.core.widgets import use_picker
from yrdcollab.platform.catalogue.choices import matter_choices
from yrdcollab.platform.directory.choices import agency_choices, division_widget
from yrdcollab.platform.geo.crs import CRS_CHOICES

from .selectors import agencies_to_offer, zone_choices
from .states import GoalMetric

DATE = forms.DateInput(attrs={"type": "date"})


def split_codes(text: str) -> list[str]:
    return [
        c.strip()
        for c in str(text or "").replace("，", ",").replace("、", ",").replace("\n", ",").split(",")
        if c.strip()
    ]


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("行动名称"), max_length=128)
    theme = forms.CharField(label=_("整治主题与内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    matters = forms.MultipleChoiceField(label=_("整治事项"), widget=forms.SelectMultiple(attrs={"size": 10}))
    starts_on = forms.DateField(label=_("开始日期"), widget=DATE)
    ends_on = forms.DateField(label=_("结束日期"), widget=DATE)
    divisions = forms.CharField(label=_("整治区划（区划代码，逗号分隔）"), max_length=2000, required=False)
    zones = forms.MultipleChoiceField(label=_("协作区域"), required=False)
    area_geometry = forms.CharField(
        label=_("绘制范围（GeoJSON 多边形，可选）"),
        max_length=200_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
    )
    area_crs = forms.ChoiceField(label=_("坐标系"), choices=CRS_CHOICES, initial="wgs84")
    invitees = forms.MultipleChoiceField(
        label=_("邀请参与单位"), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )

    def __init__(self, *args, initiator_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["matters"], matter_choices())
        self.fields["zones"].choices = zone_choices()
        use_picker(self.fields["invitees"], agency_choices(agencies_to_offer(initiator_id)))
        for metric, label in GoalMetric.choices:
            self.fields[f"goal_{metric}"] = forms.DecimalField(
                label=label, required=False, min_value=0, max_digits=14, decimal_places=2
            )

    def goals(self) -> list[dict]:
        return [
            {"metric": m, "target": self.cleaned_data[f"goal_{m}"]}
            for m in GoalMetric.values
            if self.cleaned_data.get(f"goal_{m}")
        ]


class InviteForm(forms.Form):
    agencies = forms.MultipleChoiceField(label=_("邀请机构"), widget=forms.SelectMultiple(attrs={"size": 6}))

    def __init__(self, *args, initiator_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["agencies"], agency_choices(agencies_to_offer(initiator_id)))


class TaskForm(forms.Form):
    title = forms.CharField(label=_("任务"), max_length=128)
    assignee = forms.ChoiceField(label=_("承办单位"))
    due_on = forms.DateField(label=_("完成期限"), widget=DATE)
    description = forms.CharField(
        label=_("要求"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, assignees=(), **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["assignee"], agency_choices(assignees), blank=None)


class FindingForm(forms.Form):
    matter = forms.ChoiceField(label=_("事项"))
    description = forms.CharField(label=_("问题描述"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    address = forms.CharField(label=_("地点"), max_length=200)
    lon = forms.FloatField(label=_("经度"), required=False)
    lat = forms.FloatField(label=_("纬度"), required=False)
    crs = forms.ChoiceField(label=_("坐标系"), choices=CRS_CHOICES, initial="wgs84")
    division = forms.CharField(
        label=_("所在区划代码（无坐标时填写）"), max_length=12, required=False, widget=division_widget()
    )
    handling_agency = forms.CharField(
        label=_("处置单位（边界处管辖不明时选择）"), required=False, widget=forms.HiddenInput
    )
    party_kind = forms.ChoiceField(
        label=_("当事人类型"),
        required=False,
        choices=[
            ("", _("（暂无当事人）")),
            ("organisation", _("单位")),
            ("individual", _("个人")),
            ("vehicle", _("车辆")),
        ],
    )
    party_name = forms.CharField(label=_("当事人名称/姓名"), max_length=128, required=False)
    party_uscc = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    party_id_number = forms.CharField(label=_("公民身份号码"), max_length=18, required=False)
    party_plate = forms.CharField(label=_("号牌号码"), max_length=10, required=False)

    def __init__(self, *args, matters=(), **kwargs):
        super().__init__(*args, **kwargs)
        offered = {m.code for m in matters}  # the campaign's matters
        picker = matter_choices()
        groups = [(g, [(v, n) for v, n in options if v in offered]) for g, options in picker.choices]
        use_picker(
            self.fields["matter"],
            type(picker)(kind=picker.kind, choices=[g for g in groups if g[1]], keywords=picker.keywords),
            blank=None,
        )

    def party(self) -> dict | None:
        d = self.cleaned_data
        if not d.get("party_kind"):
            return None
        return {
            "kind": d["party_kind"],
            "name": d.get("party_name", ""),
            "uscc": d.get("party_uscc", ""),
            "id_number": d.get("party_id_number", ""),
            "plate": d.get("party_plate", ""),
        }


class DisposalForm(forms.Form):
    """One form for every disposal; the service checks which fields each action needs."""

    receiver = forms.ChoiceField(label=_("接收机构"), required=False)
    type = forms.ChoiceField(label=_("协查类型"), required=False, choices=[("", "—"), *AssistanceType.choices])
    questions = forms.CharField(
        label=_("需协查的事项"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    local_case_number = forms.CharField(label=_("立案编号"), max_length=64, required=False)
    decision_number = forms.CharField(label=_("处罚决定书文号"), max_length=64, required=False)
    decided_on = forms.DateField(label=_("决定日期"), required=False, widget=DATE)
    penalty_types = forms.MultipleChoiceField(
        label=_("处罚种类"), required=False, choices=PenaltyType.choices, widget=forms.CheckboxSelectMultiple
    )
    fine_amount = forms.DecimalField(label=_("罚款金额（元）"), required=False, max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("说明"), max_length=500, required=False)

    def __init__(self, *args, exclude_agency_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["receiver"], agency_choices(agencies_to_offer(exclude_agency_id)))

    def payload(self, action: str) -> dict:
        d = self.cleaned_data
        fields = {
            "transfer": {"receiver": d.get("receiver"), "note": d.get("note")},
            "request_assistance": {
                "responder": d.get("receiver"),
                "type": d.get("type"),
                "questions": d.get("questions"),
                "note": d.get("note"),
            },
            "open_case": {"local_case_number": d.get("local_case_number"), "note": d.get("note")},
            "dismiss": {"note": d.get("note")},
            "decide": {
                "decision_number": d.get("decision_number"),
                "decided_on": d.get("decided_on"),
                "penalty_types": d.get("penalty_types"),
                "fine_amount": d.get("fine_amount"),
                "note": d.get("note"),
            },
        }
        return fields.get(action, {})


class AuthorizationForm(forms.Form):
    grantee = forms.ChoiceField(label=_("被授权机构"))
    officers = forms.CharField(label=_("被授权执法人员（用户名，逗号分隔）"), max_length=4000)
    matters = forms.MultipleChoiceField(label=_("检查事项"), widget=forms.SelectMultiple(attrs={"size": 8}))
    divisions = forms.CharField(label=_("检查区域（区划代码，逗号分隔，须在本机构辖区内）"), max_length=2000)
    valid_from = forms.DateField(label=_("有效期起"), widget=DATE)
    valid_to = forms.DateField(label=_("有效期至"), widget=DATE)
    campaign = forms.ChoiceField(label=_("所属整治行动（可选）"), required=False)
    basis = forms.CharField(label=_("授权依据"), max_length=300, required=False)

    def __init__(self, *args, grantor_id=None, campaigns=(), **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["grantee"], agency_choices(agencies_to_offer(grantor_id)), blank=None)
        use_picker(self.fields["matters"], matter_choices())
        self.fields["campaign"].choices = [("", "—"), *[(str(c.public_id), f"{c.number} {c.title}") for c in campaigns]]
