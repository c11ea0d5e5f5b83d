from django import forms
from django.utils.translation import gettext_lazy as _


class DecisionForm(forms.Form):
    PASS = "pass"
    RETURN = "return"

    # Set by the button pressed: pass the step, or return the document for revision.
    decision = forms.ChoiceField(choices=[(PASS, _("Pass")), (RETURN, _("Return for revision"))], widget=forms.HiddenInput)
    opinion = forms.CharField(
        label=_("Opinion"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Required when returning the document: say what must be revised."),
    )
    # The latest decision the decider saw: a decision recorded since makes this form outdated.
    seen = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.RETURN and not (data.get("opinion") or "").strip():
            self.add_error("opinion", _("Say what must be revised: an opinion is required when returning a document."))
        return data

    @property
    def passed(self) -> bool:
        return self.cleaned_data["decision"] == self.PASS
