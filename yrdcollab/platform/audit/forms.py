from django import forms
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.errors import InvalidInput

from .filters import AuditFilters, format_cn_date


class AuditFilterForm(forms.Form):
    actor = forms.CharField(
        label=_("操作人"),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("用户名或姓名")}),
    )
    agency = forms.ChoiceField(label=_("机构"), required=False)
    action = forms.CharField(
        label=_("操作代码"),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("前缀，如 token.")}),
    )
    object_id = forms.CharField(label=_("对象编号"), max_length=64, required=False)
    date_from = forms.CharField(
        label=_("开始日期"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "2026年1月1日"}),
    )
    date_to = forms.CharField(
        label=_("结束日期"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "2026年12月31日"}),
    )
    correlation_id = forms.CharField(label=_("请求编号"), max_length=64, required=False)

    def __init__(self, *args, agency_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("全部机构"))] + agency_choices

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            self.filters = AuditFilters.build(**{name: cleaned.get(name) for name in self.fields})
        except InvalidInput as exc:
            for field, message in exc.details.get("fields", {}).items():
                self.add_error(field, message)
        else:
            # Echo dates back in Chinese form whatever form they were typed in.
            data = self.data.copy()
            data["date_from"] = format_cn_date(self.filters.date_from)
            data["date_to"] = format_cn_date(self.filters.date_to)
            self.data = data
        return cleaned
