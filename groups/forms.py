from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    WORK_PLAN_SECTIONS,
    EntryChecklistMark,
    EntryFacilities,
    FocusItem,
    GroupMeeting,
    GroupMeetingItem,
    GroupMembership,
    GroupWorkPlan,
    OpinionNote,
    SelfReportSection,
)
from .standards import CHECKLIST_BY_CODE


def date_widget():
    """The date input every group form uses (the browser's own picker, ISO value)."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows=4):
    return forms.Textarea(attrs={"rows": rows, "cols": 80})


class EntryForm(forms.Form):
    entered_on = forms.DateField(label=_("Entered the units on"), widget=date_widget())


class MembershipChoice(forms.ModelChoiceField):
    """A member of a group, shown as name (role in the round); shared by the on-site apps' forms."""

    def label_from_instance(self, membership):
        return f"{membership.cadre}（{membership.get_role_display()}）"


class MembershipMultipleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, membership):
        return f"{membership.cadre}（{membership.get_role_display()}）"


def _memberships(group):
    return group.memberships.in_role_order().select_related("cadre")


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=date_widget())
    attendees = MembershipMultipleChoice(
        label=_("Attendees"), queryset=GroupMembership.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("The leader, the deputy and the liaison attend; the leader may invite others."),
    )
    minute_taker = MembershipChoice(label=_("Minute-taker"), queryset=GroupMembership.objects.none())
    decisions = forms.CharField(label=_("Decisions"), widget=_text())
    dissent = forms.CharField(label=_("Differing opinions"), widget=_text(3), required=False,
                              help_text=_("When opinions stay divided after discussion, the leader decides."))
    major_disagreement = forms.BooleanField(label=_("Major disagreement"), required=False)
    reported_to = forms.ChoiceField(
        label=_("Disagreement reported to"), choices=[("", "—"), *GroupMeeting.ReportedTo.choices], required=False
    )
    reported_on = forms.DateField(label=_("Disagreement reported on"), widget=date_widget(), required=False)
    report_manner = forms.CharField(label=_("How it was reported"), max_length=200, required=False)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = _memberships(group)
        self.fields["minute_taker"].queryset = _memberships(group)


class MeetingItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of item"), choices=GroupMeetingItem.Kind.choices)
    text = forms.CharField(label=_("Item"), widget=_text(3), required=False)


MeetingItemFormSet = forms.formset_factory(MeetingItemForm, extra=2)


class MeetingsDeputyForm(forms.Form):
    membership = MembershipChoice(label=_("Deputy who convenes group meetings"), queryset=GroupMembership.objects.none(),
                                  required=False, empty_label=_("none"))

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = _memberships(group).filter(role=GroupMembership.RoundRole.DEPUTY)


class BranchForm(forms.Form):
    founded_on = forms.DateField(label=_("Founded on"), widget=date_widget())
    party_members = MembershipMultipleChoice(
        label=_("Party members"), queryset=GroupMembership.objects.none(), widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    work_plan = forms.CharField(label=_("Branch work plan"), widget=_text(6), required=False)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party_members"].queryset = _memberships(group)


class PledgeSignForm(forms.Form):
    text_version = forms.CharField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(label=_("I have read the pledge above and undertake to keep it."))


class DutiesForm(forms.Form):
    """One text per person of the group, keyed by membership id."""

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = list(memberships)
        for membership in self.memberships:
            self.fields[f"duties_{membership.pk}"] = forms.CharField(
                label=f"{membership.cadre}（{membership.get_role_display()}）",
                initial=membership.duties_or_default,
                widget=_text(2),
                required=False,
            )

    def duties(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data.get(f"duties_{m.pk}", "") for m in self.memberships}


class WorkPlanForm(forms.ModelForm):
    class Meta:
        model = GroupWorkPlan
        fields = list(WORK_PLAN_SECTIONS)
        widgets = {name: _text(5) for name in WORK_PLAN_SECTIONS}
        help_texts = {
            "emergency_plan": _("Optional: an emergency plan for sudden incidents, filed together with the plan."),
            "commission_matters": _("Initial arrangements for the problems the discipline commission and the "
                                    "organization department asked the group to look into."),
        }


class OpinionNoteForm(forms.ModelForm):
    class Meta:
        model = OpinionNote
        fields = ["source", "noted_on", "summary", "link"]
        widgets = {"noted_on": date_widget(), "summary": _text()}
        help_texts = {"source": _("The medium, website or channel, e.g. the county's news centre or a forum.")}


class FocusItemForm(forms.ModelForm):
    class Meta:
        model = FocusItem
        fields = ["area", "description", "risk_points", "source", "opinion_note", "priority"]
        widgets = {"description": _text(3), "risk_points": _text(3)}

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opinion_note"].queryset = inspection.opinion_notes.all()


class ChecklistMarkForm(forms.Form):
    code = forms.ChoiceField(choices=[(code, code) for code in CHECKLIST_BY_CODE])
    state = forms.ChoiceField(choices=EntryChecklistMark.State.choices)
    note = forms.CharField(max_length=200, required=False)


class SelfReportSectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of section"), choices=SelfReportSection.Kind.choices)
    text = forms.CharField(label=_("Text"), widget=_text(6), required=False)


SelfReportSectionFormSet = forms.formset_factory(SelfReportSectionForm, extra=2)


class SelfReportReturnForm(forms.Form):
    reason = forms.CharField(label=_("Why it goes back"), widget=_text(3))


class FacilitiesForm(forms.ModelForm):
    class Meta:
        model = EntryFacilities
        fields = ["office_space", "suggestion_box", "petition_phone", "petition_address", "petition_email",
                  "petition_mailbox", "petition_hours"]
