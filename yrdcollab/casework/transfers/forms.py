from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FACTS_MAX
from .validation import MAX_PARTIES


class TransferForm(forms.Form):
    matter = forms.ChoiceField(label=_("事项"))
    title = forms.CharField(label=_("标题"), max_length=200)
    facts = forms.CharField(label=_("线索事实"), max_length=FACTS_MAX, widget=forms.Textarea(attrs={"rows": 6}))
    place_address = forms.CharField(label=_("发生地点"), max_length=200)
    place_division = forms.CharField(label=_("区划代码（区县或街镇）"), max_length=12)
    receiver = forms.ChoiceField(label=_("接收机构"))
    latitude = forms.FloatField(label=_("纬度（WGS-84，可选）"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("经度（WGS-84，可选）"), required=False, min_value=-180, max_value=180)

    def __init__(self, *args, matters, receivers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].choices = [("", "—")] + [
            (m.code, f"{m.parent.name} / {m.name}" if m.parent_id else m.name) for m in matters
        ]
        self.fields["receiver"].choices = [("", "—")] + [(str(a.public_id), a.name) for a in receivers]


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
