from django import forms
from django.utils.translation import gettext_lazy as _

from groups.forms import MembershipChoice as MemberChoice
from groups.forms import date_widget as _date
from groups.models import GroupMembership

from .models import PaperDestruction


def _members(group):
    return GroupMembership.objects.filter(group=group).in_role_order().select_related("cadre")


class ExitTalkForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=_date())
    unit_leader = forms.CharField(label=_("The unit's principal leader"), max_length=100, help_text=_("Name and post."))
    notes = forms.CharField(label=_("What was said"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class EquipmentForm(forms.Form):
    name = forms.CharField(label=_("Equipment"), max_length=100)
    asset_number = forms.CharField(label=_("Asset or serial number"), max_length=60, required=False)
    classified = forms.BooleanField(label=_("Classified"), required=False)
    lent_by = forms.CharField(label=_("Lent by"), max_length=100)
    holder = MemberChoice(label=_("Held by"), queryset=GroupMembership.objects.none())
    lent_on = forms.DateField(label=_("Lent on"), widget=_date())

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = _members(group)


class EquipmentReturnForm(forms.Form):
    """One per item still out on the checklist page: the members are read once for all of them
    (`members`), not once per form."""

    returned_on = forms.DateField(label=_("Returned on"), widget=_date())
    returned_to = forms.CharField(label=_("Received back by"), max_length=100)
    checked_by = forms.TypedChoiceField(label=_("Return checked by"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self._members = {m.pk: m for m in members}
        label = MemberChoice.label_from_instance
        self.fields["checked_by"].choices = [("", "---------")] + [(m.pk, label(None, m)) for m in members]

    def clean_checked_by(self):
        pk = self.cleaned_data["checked_by"]
        return self._members.get(pk) if pk is not None else None


class DestructionForm(forms.Form):
    destroyed_on = forms.DateField(label=_("Destroyed on"), widget=_date())
    description = forms.CharField(label=_("What was destroyed"), widget=forms.Textarea(attrs={"rows": 2}))
    sheets = forms.IntegerField(label=_("Sheets or copies"), min_value=0, initial=0)
    method = forms.ChoiceField(label=_("Method"), choices=PaperDestruction.Method.choices)
    destroyed_by = MemberChoice(label=_("Destroyed by"), queryset=GroupMembership.objects.none())
    checker = MemberChoice(label=_("Checked by"), queryset=GroupMembership.objects.none())

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destroyed_by"].queryset = _members(group)
        self.fields["checker"].queryset = _members(group)


class PaperReportForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on paper on"), widget=_date())


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrew on"), widget=_date())
