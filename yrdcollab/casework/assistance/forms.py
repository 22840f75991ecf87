from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.collaboration.deadlines import DeadlineState
from yrdcollab.core.widgets import use_picker
from yrdcollab.platform.catalogue.choices import matter_choices
from yrdcollab.platform.directory.choices import agency_choices, division_widget
from yrdcollab.platform.parties.models import PartyKind

from .models import QUESTIONS_MAX, AssistanceType
from .services import PartyInput
from .states import Status

PARTY_ROWS = 3
DEADLINE_LABELS = {
    DeadlineState.ON_TIME: _("期限内"),
    DeadlineState.DUE_SOON: _("即将到期"),
    DeadlineState.OVERDUE: _("已超期"),
    DeadlineState.NONE: _("无期限"),
}


class FilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部"))] + list(Status.choices))
    type = forms.ChoiceField(
        label=_("协查类型"), required=False, choices=[("", _("全部"))] + list(AssistanceType.choices)
    )
    deadline = forms.ChoiceField(
        label=_("期限"), required=False, choices=[("", _("全部"))] + [(k.value, v) for k, v in DEADLINE_LABELS.items()]
    )


class CreateForm(forms.Form):
    responder_id = forms.ChoiceField(label=_("协查机构"))
    type = forms.ChoiceField(label=_("协查类型"), choices=AssistanceType.choices)
    matter_code = forms.ChoiceField(label=_("事项"))
    title = forms.CharField(label=_("标题"), max_length=200)
    questions = forms.CharField(
        label=_("需协查的事项"), max_length=QUESTIONS_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    address = forms.CharField(label=_("地点"), max_length=200, required=False)
    division_code = forms.CharField(
        label=_("行政区划代码"),
        max_length=12,
        required=False,
        help_text=_("逐级选择或填写区划代码，如 320509（吴江区）；填写后系统按区划建议协查机构"),
        widget=division_widget(
            levels=("prefecture", "county", "town"),
            attrs={
                "hx-get": reverse_lazy("assistance:suggest_responder"),
                "hx-trigger": "change, keyup changed delay:400ms",
                "hx-target": "#id_responder_id",
                "hx-swap": "outerHTML",
                "hx-include": "[name=responder_id]",
            },
        ),
    )

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["responder_id"], agency_choices(agencies))
        self.fields["responder_id"].widget.attrs["data-testid"] = "responder-select"
        use_picker(self.fields["matter_code"], matter_choices())
        for i in range(1, PARTY_ROWS + 1):
            self.fields[f"party_kind_{i}"] = forms.ChoiceField(
                label=_("当事人类型"), required=False, choices=[("", "—")] + list(PartyKind.choices)
            )
            self.fields[f"party_name_{i}"] = forms.CharField(label=_("名称/姓名"), max_length=128, required=False)
            self.fields[f"party_code_{i}"] = forms.CharField(
                label=_("统一社会信用代码/身份证号/号牌"), max_length=18, required=False
            )

    def party_rows(self):
        return [
            (self[f"party_kind_{i}"], self[f"party_name_{i}"], self[f"party_code_{i}"])
            for i in range(1, PARTY_ROWS + 1)
        ]

    def parties(self) -> list[PartyInput]:
        result = []
        for i in range(1, PARTY_ROWS + 1):
            kind, name = self.cleaned_data.get(f"party_kind_{i}"), self.cleaned_data.get(f"party_name_{i}", "")
            code = self.cleaned_data.get(f"party_code_{i}", "").strip()
            if not kind and not name:
                continue
            field = {PartyKind.ORGANISATION: "uscc", PartyKind.INDIVIDUAL: "id_number", PartyKind.VEHICLE: "plate"}.get(
                kind, "uscc"
            )
            result.append(PartyInput(kind=kind or "", name=name, **({field: code} if code else {})))
        return result

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            key: data[key]
            for key in ("responder_id", "type", "matter_code", "title", "questions", "address", "division_code")
        } | {"parties": self.parties()}


class ActionForm(forms.Form):
    findings = forms.CharField(max_length=5000, required=False)
    question = forms.CharField(max_length=5000, required=False)
    reason = forms.CharField(max_length=500, required=False)
    proposed_due_on = forms.DateField(required=False)
