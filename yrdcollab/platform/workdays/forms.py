from django import forms
from django.utils.translation import gettext_lazy as _

from .parsing import MAX_SCHEDULE_BYTES


class LoadYearForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    notice_number = forms.CharField(
        label=_("通知文号"), max_length=64, widget=forms.TextInput(attrs={"placeholder": "国办发明电〔2026〕7号"})
    )
    notice_title = forms.CharField(
        label=_("通知标题"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("国务院办公厅关于2027年部分节假日安排的通知")}),
    )
    published_on = forms.DateField(label=_("发布日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    schedule = forms.CharField(
        label=_("放假安排（每行：日期,类型,名称）"),
        required=False,
        max_length=MAX_SCHEDULE_BYTES,
        widget=forms.Textarea(
            attrs={"rows": 14, "placeholder": "2027-02-06,holiday,春节\n2027-02-14,makeup_workday,春节"}
        ),
    )
    upload = forms.FileField(label=_("或上传 CSV / JSON 文件（UTF-8，不超过 64 KB）"), required=False)
    replace = forms.BooleanField(label=_("替换该年度已载入的安排"), required=False)

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload and upload.size > MAX_SCHEDULE_BYTES:
            raise forms.ValidationError(_("文件过大（上限 64 KB）。"))
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("schedule") and not cleaned.get("upload"):
            raise forms.ValidationError(_("请粘贴放假安排或上传文件。"))
        return cleaned

    def schedule_data(self) -> str | bytes:
        upload = self.cleaned_data.get("upload")
        return upload.read() if upload else self.cleaned_data["schedule"]


class DueDateForm(forms.Form):
    start = forms.DateField(label=_("起算日"), widget=forms.DateInput(attrs={"type": "date"}))
    period = forms.CharField(
        label=_("期间"), max_length=20, widget=forms.TextInput(attrs={"placeholder": _("三日 / 十日 / 15个工作日")})
    )
