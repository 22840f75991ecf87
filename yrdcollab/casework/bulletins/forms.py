"""HTML forms of the bulletin pages. They only shape input; every rule lives in the services."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .audience import AGENCIES_MAX, BulletinDraft
from .files import ALLOWED_TYPES
from .models import BODY_MAX, NOTE_MAX, TITLE_MAX, AudienceType, BulletinKind


class UUIDListField(forms.Field):
    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        values = value if isinstance(value, list | tuple) else ([value] if value else [])
        if len(values) > AGENCIES_MAX:
            raise ValidationError(_("接收机构不能超过 %(max)s 个。"), params={"max": AGENCIES_MAX})
        try:
            return tuple(dict.fromkeys(uuid.UUID(str(v)) for v in values))
        except ValueError:
            raise ValidationError(_("接收机构编号无效。")) from None


class BulletinForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=BulletinKind.choices)
    title = forms.CharField(label=_("标题"), max_length=TITLE_MAX)
    body = forms.CharField(label=_("正文"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 12}))
    audience_type = forms.ChoiceField(
        label=_("发送范围"), choices=AudienceType.choices, widget=forms.RadioSelect, initial=AudienceType.ALL
    )
    provinces = forms.MultipleChoiceField(label=_("省（市）"), required=False, widget=forms.CheckboxSelectMultiple)
    zone = forms.ChoiceField(label=_("协作区域"), required=False)
    agencies = UUIDListField(label=_("指定机构"), required=False)
    requires_ack = forms.BooleanField(label=_("要求接收机构确认"), required=False)
    ack_due_on = forms.DateField(label=_("确认期限"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, provinces=(), zones=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provinces"].choices = [(d.code, d.name) for d in provinces]
        self.fields["zone"].choices = [("", "—")] + [(z.kind, z.name) for z in zones]

    def draft(self) -> BulletinDraft:
        data = self.cleaned_data
        return BulletinDraft(
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            audience_type=data["audience_type"],
            provinces=tuple(data["provinces"]),
            zone=data["zone"] or "",
            agencies=data["agencies"],
            requires_ack=data["requires_ack"],
            ack_due_on=data["ack_due_on"],
        )


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label=_("确认意见（可选）"), max_length=NOTE_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回原因"), max_length=NOTE_MAX, required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("附件"), widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{ext}" for ext in ALLOWED_TYPES)})
    )
