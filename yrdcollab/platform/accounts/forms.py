from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("用户名"), max_length=150, widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": _("用户名或密码错误。连续失败多次后账户将被临时锁定。"),
        "inactive": _("该账户已停用。"),
    }


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("令牌名称"),
        max_length=64,
        widget=forms.TextInput(attrs={"placeholder": _("例如：吴江区执法办案系统对接")}),
    )
    days = forms.IntegerField(label=_("有效天数"), min_value=1, max_value=365, initial=90)


class CertificateVerifyForm(forms.Form):
    number = forms.CharField(
        label=_("执法证号"),
        max_length=64,
        widget=forms.TextInput(attrs={"autofocus": True, "placeholder": _("请输入执法证号")}),
    )
