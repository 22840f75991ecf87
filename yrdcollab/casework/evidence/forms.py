from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import Decision, EvidenceKind

_DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; type and size are checked by the store, not here."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("证据种类"), choices=EvidenceKind.choices)
    title = forms.CharField(label=_("证据名称"), max_length=200)
    collected_by = forms.CharField(label=_("收集人"), max_length=100)
    collected_at = forms.DateTimeField(
        label=_("收集时间"), widget=_DT, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    collected_place = forms.CharField(label=_("收集地点"), max_length=200)
    collection_method = forms.CharField(
        label=_("收集方式"), max_length=200, help_text=_("例如：现场拍照、调取监控录像、制作询问笔录、先行登记保存")
    )
    description = forms.CharField(
        label=_("说明"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    files = MultipleFileField(label=_("证据文件"), required=False)


class CustodyForm(forms.Form):
    from_party = forms.CharField(label=_("移交方"), max_length=200)
    to_party = forms.CharField(label=_("接收方"), max_length=200)
    occurred_at = forms.DateTimeField(
        label=_("交接时间"), widget=_DT, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    place = forms.CharField(label=_("交接地点"), max_length=200)
    condition = forms.CharField(label=_("物品状况"), max_length=500)
    photos = MultipleFileField(label=_("现场照片（JPG、PNG）"), required=False)


class RecognitionForm(forms.Form):
    decision = forms.ChoiceField(label=_("审核结论"), choices=Decision.choices, widget=forms.RadioSelect)
    remarks = forms.CharField(
        label=_("意见或理由"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("附意见认可或不予认可时必填。"),
    )


class LookupForm(forms.Form):
    manifest = forms.CharField(label=_("证据清单编号或校验链接"), max_length=300)
