from django import forms
from django.utils.translation import gettext_lazy as _

from yrdcollab.platform.geo.crs import CRS_CHOICES

from .states import RosterKind


class RosterForm(forms.Form):
    name = forms.CharField(label=_("勤务表名称"), max_length=128)
    kind = forms.ChoiceField(label=_("类型"), choices=RosterKind.choices)
    starts_on = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("结束日期"), widget=forms.DateInput(attrs={"type": "date"}))
    agencies = forms.MultipleChoiceField(
        label=_("参勤单位（本单位为编排单位，无需选择）"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    divisions = forms.CharField(
        label=_("勤务区域区划代码（逗号分隔，如 310118, 320509, 330421）"), max_length=600, required=False
    )
    geometry = forms.CharField(
        label=_("或在地图上绘制勤务范围（可选）"),
        max_length=200_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
    )
    crs = forms.ChoiceField(label=_("坐标系"), choices=CRS_CHOICES, initial="wgs84")
    campaign = forms.ChoiceField(label=_("所属整治行动（整治行动勤务）"), required=False)
    event = forms.ChoiceField(label=_("所保障的重大活动（重大活动勤务）"), required=False)

    def __init__(self, *args, agency_choices=(), campaign_choices=(), event_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].choices = list(agency_choices)
        self.fields["campaign"].choices = [("", "—"), *campaign_choices]
        self.fields["event"].choices = [("", "—"), *event_choices]

    def division_codes(self) -> list[str]:
        raw = self.cleaned_data.get("divisions", "").replace("，", ",").replace("、", ",")
        return [c.strip() for c in raw.split(",") if c.strip()]


class ShiftForm(forms.Form):
    post = forms.CharField(label=_("岗位"), max_length=100)
    starts_at = forms.DateTimeField(
        label=_("开始时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    ends_at = forms.DateTimeField(
        label=_("结束时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    required_count = forms.IntegerField(label=_("需配人数"), min_value=1, max_value=500, initial=2)
    geometry = forms.CharField(
        label=_("岗位范围（在地图上绘制，可选）"),
        max_length=200_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
    )
    crs = forms.ChoiceField(label=_("坐标系"), choices=CRS_CHOICES, initial="wgs84")


class CheckInForm(forms.Form):
    lon = forms.FloatField(
        label=_("经度"),
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    lat = forms.FloatField(
        label=_("纬度"),
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    crs = forms.ChoiceField(label=_("坐标系"), choices=CRS_CHOICES, initial="wgs84")
    accuracy_m = forms.FloatField(
        label=_("定位精度（米）"),
        required=False,
        min_value=0,
        max_value=100_000,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    note = forms.CharField(label=_("说明（可选）"), max_length=300, required=False)
    photo = forms.FileField(
        label=_("现场照片（JPG/PNG，可选）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png", "capture": "environment"}),
    )
    # Filled by static/js/offline.js: the phone's key of this submission and when it was made.
    client_id = forms.CharField(label=_("离线记录编号"), max_length=64, required=False, widget=forms.HiddenInput)
    made_at = forms.CharField(label=_("手机记录时间"), max_length=64, required=False, widget=forms.HiddenInput)
