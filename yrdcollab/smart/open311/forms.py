from django import forms
from django.utils.translation import gettext_lazy as _


class KeyForm(forms.Form):
    name = forms.CharField(label=_("客户端名称"), max_length=100)
    agency = forms.ModelChoiceField(label=_("所属机构"), queryset=None, to_field_name="public_id")

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
