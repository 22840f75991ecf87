from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yrdcollab.platform.workdays.rules import Unit


class MatterCreateForm(forms.Form):
    parent_code = forms.CharField(label=_("上级事项编码（新增一级事项时留空）"), max_length=16, required=False)
    code = forms.CharField(label=_("事项编码"), max_length=16)
    name = forms.CharField(label=_("事项名称"), max_length=64)
    description = forms.CharField(label=_("说明"), max_length=500, required=False)
    legal_basis = forms.CharField(
        label=_("主要法律依据"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MatterEditForm(forms.Form):
    name = forms.CharField(label=_("事项名称"), max_length=64)
    description = forms.CharField(label=_("说明"), max_length=500, required=False)
    legal_basis = forms.CharField(
        label=_("主要法律依据"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    scope_ref = forms.CharField(
        label=_("执法范围依据"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, max_value=100000)
    is_active = forms.BooleanField(label=_("启用"), required=False)


class DeadlineForm(forms.Form):
    step = forms.CharField(widget=forms.HiddenInput, max_length=48)
    amount = forms.IntegerField(label=_("期限"), min_value=1, max_value=3650)
    unit = forms.ChoiceField(
        label=pgettext_lazy("period unit", "单位"),
        choices=[(Unit.WORKING_DAY.value, _("工作日")), (Unit.CALENDAR_DAY.value, _("自然日"))],
    )
    legal_basis = forms.CharField(label=_("依据"), max_length=300)
