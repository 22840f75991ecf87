from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DataWindow


class VersionForm(forms.Form):
    """A new version of one indicator; the formula is checked by the service (unknown_measure,
    empty_denominator), whose refusals come back on the formula field."""

    indicator = forms.ChoiceField(label=_("指标"))
    formula = forms.CharField(label=_("公式"), max_length=300)
    weight = forms.DecimalField(label=_("权重"), min_value=0, max_value=100, decimal_places=2)
    target = forms.DecimalField(label=_("目标值"), required=False, decimal_places=2, max_digits=12)
    data_window = forms.ChoiceField(label=_("数据窗口"), choices=DataWindow.choices)
    effective_from = forms.DateField(label=_("生效日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("修订说明"), max_length=500, required=False)

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        field: Any = self.fields["indicator"]
        field.choices = [(i.code, i.name) for i in indicators]
