from django import forms
from django.utils.translation import gettext_lazy as _

from groups.models import GroupMembership, InspectionGroup
from xunchar.registry.models import Cadre, Unit

from .models import Round

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CadreChoiceField(forms.ModelChoiceField):
    """The cadre pool, grouped by unit, each with their post."""

    def __init__(self, **kwargs):
        kwargs.setdefault("empty_label", _("— choose a person —"))
        super().__init__(
            queryset=Cadre.objects.filter(is_retired=False).select_related("unit").order_by("unit__name", "name"), **kwargs
        )

    def label_from_instance(self, cadre):
        return f"{cadre.name}（{cadre.unit} {cadre.post}）"


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = ["year", "number", "mobilization_date", "entry_date", "planned_withdrawal_date", "focus"]
        widgets = {
            "mobilization_date": DATE, "entry_date": DATE, "planned_withdrawal_date": DATE,
            "focus": forms.Textarea(attrs={"rows": 4}),
        }


class _InGroupForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Group"), queryset=InspectionGroup.objects.none())

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups if groups is not None else self.fields["group"].queryset


class InspectionAddForm(_InGroupForm):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.filter(is_active=True).order_by("name"), empty_label=_("— choose a unit —")
    )
    justification = forms.CharField(
        label=_("Justification"), required=False,
        widget=forms.TextInput(attrs={"size": 32, "placeholder": _("only for a repeated leader–unit pairing")}),
    )


class MemberAddForm(_InGroupForm):
    cadre = CadreChoiceField(label=_("Person"))
    role = forms.ChoiceField(label=_("Role in the round"), choices=GroupMembership.RoundRole.choices)
    justification = forms.CharField(
        label=_("Justification"), required=False,
        widget=forms.TextInput(attrs={"size": 32, "placeholder": _("only for a repeated leader–unit pairing")}),
    )


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=200)


class RecusalResolveForm(forms.Form):
    DECISIONS = [("keep", _("Keep the person (no recusal needed)")), ("replace", _("Replace the person"))]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    replacement = CadreChoiceField(label=_("Replaced by"), required=False)


class DeclarationForm(forms.Form):
    ANSWERS = [("nothing", _("I have nothing to declare")), ("declare", _("I declare the following"))]
    answer = forms.ChoiceField(label=_("Answer"), choices=ANSWERS, widget=forms.RadioSelect)
    unit = forms.ModelChoiceField(label=_("Unit concerned"), queryset=Unit.objects.none(), required=False)
    statement = forms.CharField(
        label=_("What you declare"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("You, your spouse or close relatives working in the unit, or anything else you think calls for recusal."),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units

    def clean(self):
        data = super().clean()
        if data.get("answer") == "declare" and not (data.get("statement") or "").strip():
            self.add_error("statement", _("Say what you declare, or choose “nothing to declare”."))
        return data


class SecondmentRequestForm(forms.Form):
    cadre = CadreChoiceField(label=_("Person"))
    requested_on = forms.DateField(label=_("Requested on"), widget=DATE)


class SecondmentSwapForm(forms.Form):
    replacement = CadreChoiceField(label=_("Replaced by"))
    reason = forms.CharField(label=_("Why the person is unsuitable"), widget=forms.Textarea(attrs={"rows": 2}))
