from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xunchar.registry.models import Cadre

from .forms import date_widget as _date_widget
from .models import GroupMembership, Inspection
from .talk_models import Talk, TalkProblem
from .talks import TalkData, cadres_of_units, default_plan_day


def _text(rows=4):
    return forms.Textarea(attrs={"rows": rows, "cols": 80})


class StaffChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, membership):
        return f"{membership.cadre.name}（{membership.get_role_display()}）"


class MembershipChoice(forms.ModelChoiceField):
    def label_from_instance(self, membership):
        return membership.cadre.name


class CadreChoice(forms.ModelChoiceField):
    def label_from_instance(self, cadre):
        retired = "，已退休" if cadre.is_retired else ""
        return f"{cadre.name}（{cadre.unit or ''}{cadre.post}{retired}）"


class InspectionChoice(forms.ModelChoiceField):
    def label_from_instance(self, inspection):
        return str(inspection.unit)


def _memberships(group):
    return GroupMembership.objects.filter(group=group).in_role_order().select_related("cadre")


def _inspections(group):
    return Inspection.objects.filter(group=group).select_related("unit").order_by("unit__name")


class TalkForm(forms.Form):
    """One talk of the plan: whom, when, where, safety, the tailored outline, who talks and records."""

    inspection = InspectionChoice(label=_("Unit"), queryset=Inspection.objects.none(), required=False)
    subject_cadre = CadreChoice(label=_("In the cadre pool"), queryset=Cadre.objects.none(), required=False,
                                help_text=_("The people of the units this group inspects; leave empty for others and type the name."))
    subject_name = forms.CharField(label=_("Talk subject"), max_length=50, required=False,
                                   help_text=_("Filled from the cadre pool when left empty."))
    subject_post = forms.CharField(label=_("Unit and post"), max_length=150, required=False)
    subject_kind = forms.ChoiceField(label=_("Kind of subject"), choices=Talk.SubjectKind.choices)
    planned_on = forms.DateField(label=_("Date"), widget=_date_widget())
    planned_time = forms.TimeField(label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(label=_("Place"), max_length=150, widget=forms.TextInput(attrs={"size": 60}))
    safety_notes = forms.CharField(label=_("Safety notes"), widget=_text(3), required=False)
    outline = forms.CharField(label=_("Tailored outline"), widget=_text(8), required=False,
                              help_text=_("Questions for this subject, built on the office's generic outline."))
    staff = StaffChoice(label=_("Talking staff"), queryset=GroupMembership.objects.none(), widget=forms.CheckboxSelectMultiple,
                        help_text=_("At least two; one only with the group leader's approval."))
    recorder = MembershipChoice(label=_("Recorder"), queryset=GroupMembership.objects.none(), required=False)
    one_to_one_reason = forms.CharField(label=_("Why one-to-one"), widget=_text(2), required=False,
                                        help_text=_("Only for a talk by one staff member: the reason goes to the group leader."))

    def __init__(self, *args, group, membership_id=None, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("planned_on", default_plan_day(group))
        if membership_id:
            kwargs["initial"].setdefault("staff", [membership_id])
        super().__init__(*args, **kwargs)
        self.group = group
        inspections = _inspections(group)
        self.fields["inspection"].queryset = inspections
        if len(inspections) == 1 and not self.is_bound:
            self.initial.setdefault("inspection", inspections[0].pk)
        self.fields["subject_cadre"].queryset = cadres_of_units(group).select_related("unit").order_by("unit__name", "name", "id")
        memberships = _memberships(group)
        self.fields["staff"].queryset = memberships
        self.fields["recorder"].queryset = memberships

    def clean(self):
        data = super().clean()
        cadre = data.get("subject_cadre")
        if not data.get("subject_name"):
            if cadre is None:
                self.add_error("subject_name", _("Name the person to talk with, or pick one from the cadre pool."))
            else:
                data["subject_name"] = cadre.name
        if cadre is not None and not data.get("subject_post"):
            data["subject_post"] = f"{cadre.unit or ''}{cadre.post}"
        return data

    def data_for_service(self) -> TalkData:
        d = self.cleaned_data
        return TalkData(
            subject_kind=d["subject_kind"], subject_name=d["subject_name"], planned_on=d["planned_on"], place=d["place"],
            staff=list(d["staff"]), recorder=d["recorder"], inspection=d["inspection"], subject_cadre=d["subject_cadre"],
            subject_post=d["subject_post"], planned_time=d["planned_time"], safety_notes=d["safety_notes"],
            outline=d["outline"], one_to_one_reason=d["one_to_one_reason"],
        )

    @staticmethod
    def initial_for(talk: Talk) -> dict:
        return {
            "inspection": talk.inspection_id, "subject_cadre": talk.subject_cadre_id, "subject_name": talk.subject_name,
            "subject_post": talk.subject_post, "subject_kind": talk.subject_kind, "planned_on": talk.planned_on,
            "planned_time": talk.planned_time, "place": talk.place, "safety_notes": talk.safety_notes, "outline": talk.outline,
            "staff": list(talk.staff.values_list("pk", flat=True)), "recorder": talk.recorder_id,
            "one_to_one_reason": talk.one_to_one_reason,
        }


class HeldForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=_date_widget())
    staff = StaffChoice(label=_("Staff present"), queryset=GroupMembership.objects.none(), widget=forms.CheckboxSelectMultiple)
    recorder = MembershipChoice(label=_("Recorder"), queryset=GroupMembership.objects.none())

    def __init__(self, *args, talk: Talk, **kwargs):
        kwargs.setdefault("initial", {
            "held_on": min(talk.planned_on, timezone.localdate()),
            "staff": list(talk.staff.values_list("pk", flat=True)),
            "recorder": talk.recorder_id,
        })
        super().__init__(*args, **kwargs)
        memberships = _memberships(talk.group)
        self.fields["staff"].queryset = memberships
        self.fields["recorder"].queryset = memberships


class RecordForm(forms.Form):
    content = forms.CharField(label=_("What was said"), widget=_text(18), required=False,
                              help_text=_("Type the record, or attach the signed paper copy below."))


class ProblemForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=TalkProblem.Category.choices)
    person_concerned = forms.CharField(label=_("Person concerned"), max_length=100, required=False)
    text = forms.CharField(label=_("Problem raised"), widget=_text(2))
    tags = forms.CharField(label=_("Tags"), max_length=200, required=False, help_text=_("Free words, separated by commas."))


class TalkFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=[("", "—"), *Talk.State.choices], required=False)
    subject_kind = forms.ChoiceField(label=_("Kind of subject"), choices=[("", "—"), *Talk.SubjectKind.choices], required=False)
    inspection = InspectionChoice(label=_("Unit"), queryset=Inspection.objects.none(), required=False)
    start = forms.DateField(label=_("From"), widget=_date_widget(), required=False)
    end = forms.DateField(label=_("To"), widget=_date_widget(), required=False)
    q = forms.CharField(label=_("Search"), max_length=100, required=False,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Subject, post or place")}))

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = _inspections(group)

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class OutlineForm(forms.Form):
    text = forms.CharField(label=_("Generic outline"), widget=_text(18))
