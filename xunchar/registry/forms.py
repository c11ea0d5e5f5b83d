from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    """The upload only; what the file may contain is checked by the import service."""

    file = forms.FileField(label=_("Excel file (.xlsx)"), widget=forms.FileInput(attrs={"accept": ".xlsx"}))
