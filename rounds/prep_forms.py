"""Forms of the preparation phase's round-level records. They validate input; services save it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from groups.models import GroupMembership, InspectionGroup

from .prep_models import (
    BriefingAnswer,
    BriefingRequest,
    DisciplineTalk,
    EarlierMaterialItem,
    InspectionNotice,
    MobilizationMeeting,
    SpeechDraft,
    TrainingSession,
)

DATE_ERRORS = {"required": "请填写日期。", "invalid": "日期格式不正确，应为 YYYY-MM-DD，例如 2026-10-12。"}


def _date_widget():
    # An <input type="date"> only takes ISO dates; the zh-hans format would leave it empty.
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _date_field(label, **kwargs):
    return forms.DateField(label=label, error_messages=DATE_ERRORS, widget=_date_widget(), **kwargs)


def _textarea(rows=4):
    return forms.Textarea(attrs={"rows": rows, "cols": 80})


class MembershipChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, membership):
        return f"{membership.group} · {membership.get_role_display()} · {membership.cadre}"


def _memberships(**filters):
    return GroupMembership.objects.in_role_order().filter(**filters).select_related("group", "cadre")


class MobilizationMeetingForm(forms.ModelForm):
    checked_in = MembershipChoiceField(
        label=_("Group people present"), queryset=GroupMembership.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = MobilizationMeeting
        fields = ["held_on", "place", "chair", "attendees", "checked_in", "agenda", "documents", "notes"]
        widgets = {
            "held_on": _date_widget(),
            "attendees": _textarea(5),
            "agenda": _textarea(5),
            "documents": _textarea(3),
            "notes": _textarea(3),
        }
        error_messages = {"held_on": DATE_ERRORS}

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checked_in"].queryset = _memberships(group__round=round)


class NoticeForm(forms.ModelForm):
    class Meta:
        model = InspectionNotice
        fields = [
            "title", "addressee", "opening", "main_tasks", "working_methods", "schedule", "contact_person",
            "contact_phone", "contact_mailbox", "contact_arrangements", "requirements",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"size": 70}),
            "opening": _textarea(3),
            "main_tasks": _textarea(6),
            "working_methods": _textarea(4),
            "schedule": _textarea(3),
            "contact_arrangements": _textarea(4),
            "requirements": _textarea(5),
        }


class IssueForm(forms.Form):
    issued_on = _date_field(_("Issued on"))


class SendForm(forms.Form):
    sent_on = _date_field(_("Sent on"))


class TrainingForm(forms.ModelForm):
    group = forms.ModelChoiceField(label=_("Group"), queryset=InspectionGroup.objects.none(), required=False)

    class Meta:
        model = TrainingSession
        fields = ["kind", "group", "held_on", "place", "topic", "speakers", "attendees", "content"]
        widgets = {"held_on": _date_widget(), "attendees": _textarea(3), "content": _textarea(5)}
        error_messages = {"held_on": DATE_ERRORS}

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = InspectionGroup.objects.filter(round=round)
        self.fields["group"].help_text = _("For a group study session only.")
        if self.instance.pk:
            self.fields["kind"].disabled = True

    def clean(self):
        data = super().clean()
        kind, group = data.get("kind"), data.get("group")
        if kind == TrainingSession.Kind.GROUP and group is None:
            self.add_error("group", _("Choose the group that held the study session."))
        if kind == TrainingSession.Kind.CENTRAL and group is not None:
            self.add_error("group", _("Central training belongs to the whole round, not to one group."))
        return data


class BriefingRequestForm(forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=BriefingRequest.Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = BriefingRequest
        fields = ["department", "addressee", "topics", "extra_request", "contact", "due_on"]
        widgets = {"due_on": _date_widget(), "extra_request": _textarea(3)}
        error_messages = {"due_on": DATE_ERRORS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["department"].disabled = True


class BriefingAnswerForm(forms.ModelForm):
    group = forms.ModelChoiceField(label=_("Group"), queryset=InspectionGroup.objects.none())

    class Meta:
        model = BriefingAnswer
        fields = ["group", "received_on", "summary"]
        widgets = {"received_on": _date_widget(), "summary": _textarea(6)}
        error_messages = {"received_on": DATE_ERRORS}

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = InspectionGroup.objects.filter(round=round)
        if self.instance.pk:
            self.fields["group"].disabled = True

    def validate_unique(self):
        """The service records a second answer for a group as a correction of the first."""


class EarlierMaterialForm(forms.ModelForm):
    class Meta:
        model = EarlierMaterialItem
        fields = ["kind", "title", "provided_by", "received_on", "note"]
        widgets = {"received_on": _date_widget(), "note": _textarea(3)}
        error_messages = {"received_on": DATE_ERRORS}


class DisciplineTalkForm(forms.ModelForm):
    group_participants = MembershipChoiceField(
        label=_("For the group"), queryset=GroupMembership.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = DisciplineTalk
        fields = ["held_on", "group_participants", "commission_participants"]
        widgets = {"held_on": _date_widget()}
        error_messages = {"held_on": DATE_ERRORS}
        help_texts = {"commission_participants": _("Who, with their post. What was said is not recorded here.")}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group_participants"].queryset = _memberships(group=group)


class GenericSpeechForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("Speech"),
        choices=[(k.value, k.label) for k in (SpeechDraft.Kind.LEADER_GENERIC, SpeechDraft.Kind.LEADERSHIP_GENERIC)],
    )

    class Meta:
        model = SpeechDraft
        fields = ["kind", "title", "text"]
        widgets = {"title": forms.TextInput(attrs={"size": 70}), "text": _textarea(24)}
        help_texts = {"text": _("Write ××单位 where each group puts its unit's name.")}


class SpeechEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"size": 70}))
    text = forms.CharField(label=_("Speech text"), widget=_textarea(24), strip=False)
    note = forms.CharField(
        label=_("What changed"), max_length=200, required=False, help_text=_("Optional, shown in the version list.")
    )


class CompareForm(forms.Form):
    a = forms.IntegerField(min_value=1)
    b = forms.IntegerField(min_value=1)
