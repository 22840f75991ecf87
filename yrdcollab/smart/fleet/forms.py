from django import forms
from django.utils.translation import gettext_lazy as _

from yrdcollab.platform.geo.crs import CRS_CHOICES


class TruckForm(forms.Form):
    plate = forms.CharField(label=_("号牌号码"), max_length=12)
    owner_name = forms.CharField(label=_("所属运输企业"), max_length=128)
    owner_uscc = forms.CharField(label=_("企业统一社会信用代码"), max_length=20)
    device_code = forms.CharField(label=_("GPS 定位终端编码（可选）"), max_length=64, required=False)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)


class SiteForm(forms.Form):
    name = forms.CharField(label=_("场所名称"), max_length=100)
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    valid_until = forms.DateField(
        label=_("核准有效期至（可选）"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    geometry = forms.CharField(
        label=_("范围（GeoJSON 多边形）"),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )
    crs = forms.ChoiceField(label=_("坐标系"), choices=CRS_CHOICES, initial="wgs84")
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)


class RouteForm(forms.Form):
    name = forms.CharField(label=_("线路名称"), max_length=100)
    geometry = forms.CharField(
        label=_("走廊多边形或折线（GeoJSON）"),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )
    crs = forms.ChoiceField(label=_("坐标系"), choices=CRS_CHOICES, initial="wgs84")
    buffer_m = forms.IntegerField(label=_("折线缓冲宽度（米，每侧）"), required=False, min_value=1, max_value=500)
    trucks = forms.CharField(label=_("核准车辆号牌（逗号分隔）"), max_length=4000, required=False)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def plates(self) -> list[str]:
        raw = self.cleaned_data.get("trucks", "").replace("，", ",").replace("\n", ",")
        return [p.strip() for p in raw.split(",") if p.strip()]
