from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groups.models import GroupMembership
from xunchar.registry.models import Cadre, Unit

from .models import ClueEntry, HelpRequest, SpotCheckPerson
from .services import HelpRequestData, InquiryData, SpotCheckResult


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows=4):
    return forms.Textarea(attrs={"rows": rows, "cols": 80})


class CadreChoice(forms.ModelChoiceField):
    def label_from_instance(self, cadre):
        return f"{cadre.name}（{cadre.unit or ''}{cadre.post}）"


class MembershipChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, membership):
        return f"{membership.cadre.name}（{membership.get_role_display()}）"


def group_cadres(group):
    """The people of the units the group inspects."""
    return Cadre.objects.filter(unit__inspections__group=group).select_related("unit").order_by("unit__name", "name").distinct()


class ClueForm(forms.Form):
    cadre = CadreChoice(label=_("In the cadre pool"), queryset=Cadre.objects.none(), required=False,
                        help_text=_("The people of the units this group inspects."))
    person = forms.CharField(label=_("Person concerned"), max_length=100, required=False,
                             help_text=_("Name and post as written; taken from the cadre pool when left empty."))
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False, widget=forms.TextInput(attrs={"size": 80}))

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = group_cadres(group)

    def clean(self):
        data = super().clean()
        if not data.get("cadre") and not (data.get("person") or "").strip():
            raise forms.ValidationError(_("Choose the person from the cadre pool or write the name."))
        return data


class ClueEntryForm(forms.Form):
    source = forms.ChoiceField(label=_("Source"), choices=[c for c in ClueEntry.Source.choices if c[0] != ClueEntry.Source.SPOT_CHECK])
    text = forms.CharField(label=_("What was found"), widget=_text(4))


class SpotCheckPersonForm(forms.Form):
    cadre = CadreChoice(label=pgettext_lazy("spot check", "Cadre"), queryset=Cadre.objects.none())
    reason = forms.CharField(label=_("Reason for the check"), widget=_text(2))

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = group_cadres(group)


class SpotCheckFillForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=SpotCheckPerson.Result.choices, widget=forms.RadioSelect)
    details = forms.CharField(label=_("Details"), widget=_text(3), required=False,
                              help_text=_("Required when a discrepancy is found."))
    review_opinion = forms.CharField(label=_("Review opinion"), widget=_text(2))

    def data_for_service(self) -> SpotCheckResult:
        return SpotCheckResult(**self.cleaned_data)


class InquiryForm(forms.Form):
    informant = forms.CharField(label=_("Informant"), max_length=100, help_text=_("Name, and workplace or post."))
    detained = forms.BooleanField(
        label=_("Detained or under investigative measures"), required=False,
        help_text=_("Questioned only with the leading group's approval, arranged through the discipline commission."),
    )
    purpose = forms.CharField(label=_("Purpose"), widget=_text(3))
    plan = forms.CharField(label=pgettext_lazy("inquiry", "Plan"), widget=_text(4), help_text=_("Who asks, when, where, what is asked."))
    readers = MembershipChoice(
        label=_("Who may know of it"), queryset=GroupMembership.objects.none(), widget=forms.CheckboxSelectMultiple,
        required=False, help_text=_("Nobody else in the group sees the inquiry; you are always included."),
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["readers"].queryset = GroupMembership.objects.filter(group=group).in_role_order().select_related("cadre")

    def data_for_service(self) -> InquiryData:
        d = self.cleaned_data
        return InquiryData(informant=d["informant"], purpose=d["purpose"], plan=d["plan"], readers=list(d["readers"]),
                           detained=d["detained"])


class ArrangementForm(forms.Form):
    commission_contact = forms.CharField(label=_("Arranged with (discipline commission)"), max_length=100,
                                         help_text=_("Who at the commission, and their office."))
    arranged_on = forms.DateField(label=_("Arranged on"), widget=_date_widget())


class InterviewForm(forms.Form):
    interviewed_on = forms.DateField(label=_("Questioned on"), widget=_date_widget())
    record = forms.CharField(label=_("What the informant said"), widget=_text(6))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("interviewed_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class HelpRequestForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Helping body"), queryset=Unit.objects.none())
    channel = forms.ChoiceField(label=_("Asked"), choices=HelpRequest.Channel.choices, widget=forms.RadioSelect)
    what_is_asked = forms.CharField(label=_("What the group needs"), widget=_text(3),
                                    help_text=_("For the group and the office only."))
    told_to_body = forms.CharField(
        label=_("What the body is told"), widget=_text(3),
        help_text=_("The only text the helping body sees. It must not reveal a clue or the real purpose."),
    )
    helpers = forms.CharField(label=_("Helpers"), max_length=200, help_text=_("Names of the people the body sends."))
    starts_on = forms.DateField(label=_("From"), widget=_date_widget())
    ends_on = forms.DateField(label=_("Until"), widget=_date_widget(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Departments and the bodies with a role in the inspection work (audit, finance …).
        self.fields["body"].queryset = (
            Unit.objects.filter(is_active=True).filter(Q(function__gt="") | Q(kind=Unit.Kind.DEPARTMENT)).order_by("name")
        )

    def data_for_service(self) -> HelpRequestData:
        return HelpRequestData(**self.cleaned_data)
