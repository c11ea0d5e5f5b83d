"""Forms of the on-site records. They only parse input: the services decide what is allowed and
refuse the rest with a message on the field (views: errors_to_form)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groups.forms import MembershipChoice, MembershipMultipleChoice, date_widget
from groups.models import GroupMembership, Inspection

from .models import ImmediateFix, MajorMatter, Referral, SpecialCheck, UnitReport


def _date(label, required=True, help_text=""):
    return forms.DateField(label=label, required=required, help_text=help_text, widget=date_widget())


def _text(label, rows=3, required=True, help_text=""):
    return forms.CharField(label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows, "cols": 80}))


def _line(label, required=True, max_length=200, help_text=""):
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text,
                           widget=forms.TextInput(attrs={"size": 60}))


class MembershipsChoice(MembershipMultipleChoice):
    widget = forms.CheckboxSelectMultiple


class InspectionChoice(forms.ModelChoiceField):
    def label_from_instance(self, inspection):
        return str(inspection.unit)


class GroupForm(forms.Form):
    """A form whose choices are the group's people and units (`group=` when built)."""

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        members = GroupMembership.objects.filter(group=group).in_role_order().select_related("cadre")
        units = Inspection.objects.filter(group=group).select_related("unit").order_by("unit__name")
        for field in self.fields.values():
            if isinstance(field, (MembershipChoice, MembershipsChoice)):
                field.queryset = members
            elif isinstance(field, InspectionChoice):
                field.queryset = units


# --- Entry ---------------------------------------------------------------------------------------------------


class PrincipalMeetingForm(forms.Form):
    held_on = _date(_("Held on"))
    place = _line(_("Place"))
    attendees = _text(_("Who attended"), rows=2)
    notes = _text(_("Notes"), rows=4, required=False)


class MobilizationMeetingForm(PrincipalMeetingForm):
    retiree_count = forms.IntegerField(label=_("Retirees of the last three years attending"), min_value=0)
    retirees = _text(_("Retirees attending"), rows=2, required=False, help_text=_("Names of the retired cadres of the last three years who attended."))
    agenda = _text(_("Agenda"), rows=3)
    speeches_circulated = forms.TypedChoiceField(
        label=_("Speeches circulated in the unit"), choices=[("1", _("Yes")), ("0", _("No"))],
        coerce=lambda value: value == "1", widget=forms.RadioSelect,
    )
    field_order = ["held_on", "place", "attendees", "retiree_count", "retirees", "agenda", "speeches_circulated", "notes"]


class PublicityForm(forms.Form):
    title = _line(pgettext_lazy("document", "Title"))
    body = _text(pgettext_lazy("publicity", "Text"), rows=8)
    contact_phone = _line(_("Contact phone"), max_length=100)
    address = _line(pgettext_lazy("publicity", "Address"))
    mailbox = _line(_("E-mail or postbox"))
    accepts_from = _date(_("Accepting from"))
    accepts_until = _date(_("Accepting until"))
    hours = _line(_("Time"), max_length=100, help_text=_("When calls and visits are received, e.g. 工作日8:30—17:30."))


class RiskCheckForm(forms.Form):
    checked_by = _line(_("Risk check by (the unit's leader)"), max_length=100)
    checked_on = _date(_("Risk checked on"))
    note = _text(_("Risk check notes"), rows=2, required=False)


class UnitReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitReport.Kind.choices)
    title = _line(pgettext_lazy("document", "Title"))
    received_on = _date(_("Received on"))
    file = forms.FileField(label=_("File"))


# --- Symposia, meetings, visits, special checks --------------------------------------------------------------


class SymposiumForm(GroupForm):
    inspection = InspectionChoice(label=_("Unit"), queryset=Inspection.objects.none(), required=False)
    topic = _line(_("Topic"))
    held_on = _date(_("Held on"))
    place = _line(_("Place"), required=False)
    participants = _text(_("Participants"), rows=2)
    chair = MembershipChoice(label=_("Chaired by"), queryset=GroupMembership.objects.none())
    minute_taker = MembershipChoice(label=_("Minute-taker"), queryset=GroupMembership.objects.none())
    notes = _text(_("Notes"), rows=4, required=False)


class MeetingAttendedForm(GroupForm):
    inspection = InspectionChoice(label=_("Unit"), queryset=Inspection.objects.none(), required=False)
    meeting = _line(_("The unit's meeting"))
    held_on = _date(_("Held on"))
    attendees = MembershipsChoice(label=_("Attended by"), queryset=GroupMembership.objects.none(),
                                  help_text=_("Named by the group leader. They attend and listen; they do not speak."))
    notes = _text(_("Notes"), rows=3, required=False)


class FieldVisitForm(GroupForm):
    inspection = InspectionChoice(label=_("Unit"), queryset=Inspection.objects.none(), required=False)
    place = _line(_("Place"))
    purpose = _text(pgettext_lazy("field visit", "Purpose"), rows=2)
    people_to_see = _text(_("People to see"), rows=2, required=False)
    planned_on = _date(_("Visit date"))
    staff = MembershipsChoice(label=pgettext_lazy("field visit", "Staff"), queryset=GroupMembership.objects.none(), help_text=_("At least two."))


class VisitRecordForm(forms.Form):
    held_on = _date(pgettext_lazy("field visit", "Held on"))
    record = _text(_("What was found"), rows=4)


class VisitCancelForm(forms.Form):
    reason = _text(_("Why it was cancelled"), rows=2)


class SpecialCheckForm(GroupForm):
    inspection = InspectionChoice(label=_("Unit"), queryset=Inspection.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=SpecialCheck.Kind.choices)
    other_kind = _line(_("Which check"), max_length=100, required=False, help_text=_("Only for another kind of check."))
    checked_on = _date(_("Report dated"))
    report = _text(_("Report"), rows=8)
    file = forms.FileField(label=_("Attachment"), required=False)


# --- Mid-term report, 立行立改, referrals, major matters ------------------------------------------------------


class MidTermForm(forms.Form):
    main_problems = _text(_("Main problems found"), rows=6)
    clues = _text(_("Clues"), rows=3, required=False)
    other = _text(_("Other matters"), rows=3, required=False)


class ImmediateFixForm(GroupForm):
    inspection = InspectionChoice(label=_("Unit"), queryset=Inspection.objects.none())
    problem = _text(_("Problem"), rows=3)
    notified_on = _date(_("Unit told on"))
    workdays = forms.IntegerField(label=_("Working days to fix it"), min_value=1, max_value=60)


class FixResponseForm(forms.Form):
    response = _text(_("The unit's response"), rows=3)
    responded_on = _date(_("Responded on"))


class FixCheckForm(forms.Form):
    check_result = _text(_("The group's check"), rows=3)
    checked_on = _date(_("Checked on"))


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Referral.Kind.choices)
    immediate_fix = forms.ModelChoiceField(label=_("Immediate rectification item"), queryset=ImmediateFix.objects.none(), required=False,
                                           help_text=_("For an eight-rules clue found under 立行立改."))
    person = _line(_("Person concerned"), max_length=100)
    facts = _text(_("Facts"), rows=4)
    proposal = _text(pgettext_lazy("referral", "Proposal"), rows=3)
    public_notice = _text(_("Public notice"), rows=3, required=False, help_text=_("What is made public once it is handled (立查立处)."))

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["immediate_fix"].queryset = ImmediateFix.objects.filter(group=group)


class MajorMatterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MajorMatter.Kind.choices)
    channel = forms.ChoiceField(label=_("Reported"), choices=MajorMatter.Channel.choices, widget=forms.RadioSelect,
                                help_text=_("Directly to the head only in special cases, by the group leader."))
    occurred_on = _date(_("Occurred on"))
    text = _text(_("What happened"), rows=4)
