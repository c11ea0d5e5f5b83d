from django import forms
from django.utils.translation import gettext_lazy as _

from .detection import ACCEPT


class AttachmentForm(forms.Form):
    """The upload only. What the file may be is decided by its content, in the service; an empty
    file is let through so that the service refuses it with its own message (and audits it)."""

    file = forms.FileField(
        label=_("File"), allow_empty_file=True, widget=forms.FileInput(attrs={"accept": ACCEPT})
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)
