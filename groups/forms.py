from django import forms
from django.utils.translation import gettext_lazy as _


class WithdrawalForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrew on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
