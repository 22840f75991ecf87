from django import forms
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.widgets import use_picker
from yrdcollab.platform.catalogue.choices import matter_choices
from yrdcollab.platform.parties.models import PartyKind

from .models import PenaltyType


class DecisionForm(forms.Form):
    decision_number = forms.CharField(
        label=_("处罚决定书文号"),
        max_length=64,
        widget=forms.TextInput(attrs={"placeholder": "沪青城管罚字〔2026〕第0012号"}),
    )
    decided_on = forms.DateField(label=_("决定日期"), widget=forms.DateInput(attrs={"type": "date"}))
    matter = forms.ChoiceField(label=_("事项"))
    penalty_types = forms.MultipleChoiceField(
        label=_("处罚种类"), choices=PenaltyType.choices, widget=forms.CheckboxSelectMultiple
    )
    fine_amount = forms.DecimalField(label=_("罚款金额（元）"), required=False, max_digits=14, decimal_places=2)
    summary = forms.CharField(
        label=_("违法事实摘要"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    party_kind = forms.ChoiceField(label=_("当事人类型"), choices=PartyKind.choices)
    party_name = forms.CharField(label=_("当事人名称/姓名"), max_length=128)
    uscc = forms.CharField(label=_("统一社会信用代码"), max_length=32, required=False)
    id_number = forms.CharField(label=_("公民身份号码"), max_length=32, required=False)
    plate = forms.CharField(label=_("号牌号码"), max_length=16, required=False)
    uscc_override_reason = forms.CharField(label=_("代码校验未通过仍采用的理由"), max_length=200, required=False)

    PARTY_FIELDS = {
        "party_kind": "kind",
        "party_name": "name",
        "uscc": "uscc",
        "id_number": "id_number",
        "plate": "plate",
        "uscc_override_reason": "uscc_override_reason",
    }
    ERROR_FIELDS = {"kind": "party_kind", "name": "party_name", "matter": "matter"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["matter"], matter_choices(include_categories=False), blank="——")

    def party(self) -> dict:
        return {target: self.cleaned_data[source] for source, target in self.PARTY_FIELDS.items()}

    def error_field(self, field: str | None) -> str | None:
        field = self.ERROR_FIELDS.get(field, field)
        return field if field in self.fields else None


class RecognizeForm(forms.Form):
    remarks = forms.CharField(label=_("备注"), max_length=500, required=False)
