from django import forms
from django.utils.translation import gettext_lazy as _


class AdjacentPairForm(forms.Form):
    division_a = forms.RegexField(
        label=_("区划甲代码"),
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": _("请输入6位县级行政区划代码。")},
    )
    division_b = forms.RegexField(
        label=_("区划乙代码"),
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": _("请输入6位县级行政区划代码。")},
    )
    note = forms.CharField(label=_("备注"), max_length=200, required=False)
