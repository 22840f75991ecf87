from django import forms
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.widgets import use_picker
from yrdcollab.platform.catalogue.choices import matter_choices
from yrdcollab.platform.directory.choices import agency_choices, division_widget
from yrdcollab.platform.geo.crs import CRS_CHOICES

from .states import EventLevel, ReportKind, ZoneLevel

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EventForm(forms.Form):
    code = forms.SlugField(label=_("活动代码（字母、数字、连字符）"), max_length=48)
    name = forms.CharField(label=_("活动名称"), max_length=128)
    edition = forms.CharField(label=_("届次"), max_length=32, required=False)
    host_city = forms.CharField(
        label=_("举办地区划代码"),
        max_length=12,
        widget=division_widget(levels=("province", "prefecture", "county", "town")),
    )
    venue = forms.CharField(label=_("场馆"), max_length=200)
    venue_lon = forms.FloatField(label=_("场馆经度（WGS-84，可选）"), required=False)
    venue_lat = forms.FloatField(label=_("场馆纬度（WGS-84，可选）"), required=False)
    starts_on = forms.DateField(label=_("开始日期"), widget=DATE)
    ends_on = forms.DateField(label=_("结束日期"), widget=DATE)
    level = forms.ChoiceField(label=_("级别"), choices=EventLevel.choices)
    description = forms.CharField(
        label=_("说明"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    source = forms.CharField(label=_("资料来源"), max_length=300, required=False)


class ZoneForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    level = forms.ChoiceField(label=_("圈层"), choices=ZoneLevel.choices)
    geometry = forms.CharField(
        label=_("范围（在地图上绘制多边形）"),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )
    crs = forms.ChoiceField(label=_("坐标系"), choices=CRS_CHOICES, initial="wgs84")
    response_minutes = forms.IntegerField(
        label=_("响应时限（分钟，留空取平台默认值）"), required=False, min_value=1, max_value=1440
    )
    prohibited_matters = forms.CharField(
        label=_("区内严禁事项（事项编码，以逗号分隔）"), max_length=1000, required=False
    )

    def matter_codes(self) -> list[str]:
        raw = self.cleaned_data.get("prohibited_matters", "") or ""
        return [c.strip() for c in raw.replace("，", ",").replace("、", ",").split(",") if c.strip()]


class ReinforcementForm(forms.Form):
    provider = forms.ChoiceField(label=_("被请求机构"))
    officers_requested = forms.IntegerField(label=_("请求警力（人）"), min_value=0, max_value=500)
    vehicles_requested = forms.IntegerField(label=_("请求车辆（辆）"), min_value=0, max_value=200, initial=0)
    starts_on = forms.DateField(label=_("支援开始日期"), widget=DATE)
    ends_on = forms.DateField(label=_("支援结束日期"), widget=DATE)
    purpose = forms.CharField(label=_("支援任务"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["provider"], agency_choices(agencies))


class IncidentForm(forms.Form):
    matter_code = forms.ChoiceField(label=_("事项"))
    description = forms.CharField(label=_("情况描述"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    lon = forms.FloatField(label=_("经度"))
    lat = forms.FloatField(label=_("纬度"))
    crs = forms.ChoiceField(label=_("坐标系"), choices=CRS_CHOICES, initial="wgs84")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["matter_code"], matter_choices())


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=ReportKind.choices, initial=ReportKind.DAILY)
    day = forms.DateField(label=_("日期"), required=False, widget=DATE)
    replace = forms.BooleanField(label=_("已生成的重新生成（覆盖数据，留痕）"), required=False)
