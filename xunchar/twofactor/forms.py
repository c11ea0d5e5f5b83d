from django import forms
from django.core.validators import RegexValidator

CODE_HINT = "请输入验证器上显示的 6 位数字。"


class CodeField(forms.CharField):
    """Spaces typed between the digits (some apps show "123 456") are ignored."""

    def to_python(self, value):
        return "".join(super().to_python(value).split())


class CodeForm(forms.Form):
    token = CodeField(
        validators=[RegexValidator(r"^\d{6}$", CODE_HINT)],
        error_messages={"required": CODE_HINT},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "7", "autofocus": True}),
    )
