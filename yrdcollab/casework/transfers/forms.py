from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.widgets import use_picker
from yrdcollab.platform.catalogue.choices import matter_choices
from yrdcollab.platform.directory.choices import agency_choices, division_widget

from .models import FACTS_MAX
from .validation import MAX_PARTIES


class TransferForm(forms.Form):
    matter = forms.ChoiceField(label=_("事项"))
    title = forms.CharField(label=_("标题"), max_length=200)
    facts = forms.CharField(label=_("线索事实"), max_length=FACTS_MAX, widget=forms.Textarea(attrs={"rows": 6}))
    place_address = forms.CharField(label=_("发生地点"), max_length=200)
    place_division = forms.CharField(
        label=_("区划代码（区县或街镇）"),
        max_length=12,
        widget=division_widget(
            attrs={
                "maxlength": "12",
                "hx-get": reverse_lazy("transfers:suggest_receiver"),
                "hx-trigger": "input changed delay:300ms, change",
                "hx-target": "#receiver-field",
                "hx-swap": "outerHTML",
                "hx-include": "#id_receiver",
            }
        ),
    )
    receiver = forms.ChoiceField(label=_("接收机构"))
    latitude = forms.FloatField(label=_("纬度（WGS-84，可选）"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("经度（WGS-84，可选）"), required=False, min_value=-180, max_value=180)
    place_mismatch_confirmed = forms.BooleanField(label=_("坐标与所填区划不一致，仍按所填区划移送"), required=False)
    place_mismatch_reason = forms.CharField(label=_("不一致的理由"), max_length=200, required=False)

    def __init__(self, *args, receivers, **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["matter"], matter_choices())
        self.receiver_choices = agency_choices(receivers)
        use_picker(self.fields["receiver"], self.receiver_choices)


def party_rows_from_post(post) -> list[dict]:
    """The repeated party inputs of the form (kind, name, identifier, role, override reason)."""
    rows = []
    columns = [
        post.getlist(name) for name in ("party_kind", "party_name", "party_identifier", "party_role", "party_override")
    ]
    count = min(max(len(column) for column in columns), MAX_PARTIES + 1)
    columns = [column + [""] * (count - len(column)) for column in columns]
    for kind, name, identifier, role, override in zip(*columns, strict=True):
        if not name.strip() and not identifier.strip():
            continue
        identifier = identifier.strip()
        row = {
            "kind": kind,
            "name": name.strip()[:128],
            "role": role or "party",
            "uscc_override_reason": override.strip()[:200],
        }
        row.update(
            {
                "organisation": {"uscc": identifier[:18]},
                "individual": {"id_number": identifier[:18]},
                "vehicle": {"plate": identifier[:10]},
            }.get(kind, {})
        )
        rows.append(row)
    return rows
