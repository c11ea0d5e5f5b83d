from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import GroupMembership, Inspection
from xunchar.registry.models import Cadre

from .models import Petition
from .services import PetitionData, PetitionerData


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows=4):
    return forms.Textarea(attrs={"rows": rows, "cols": 80})


class ReceiverChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, membership):
        return f"{membership.cadre.name}（{membership.get_role_display()}）"


class CadreChoice(forms.ModelChoiceField):
    def label_from_instance(self, cadre):
        return f"{cadre.name}（{cadre.unit or ''}{cadre.post}）"


class InspectionChoice(forms.ModelChoiceField):
    def label_from_instance(self, inspection):
        return str(inspection.unit)


def complained_cadre_choices(group):
    """Whom an item can be linked to: the people of the units the group inspects, and the people whose
    items go sealed to the leading group (S13.2) — so that the system can propose the routing."""
    from django.db.models import Q

    from xunchar.sealing.rules import DEPUTY_SECTION_AND_ABOVE, FOUR_BODIES, Function

    functions = [*FOUR_BODIES, Function.COURT, Function.PROCURATORATE, Function.DISCIPLINE_COMMISSION,
                 Function.ORGANIZATION_DEPARTMENT]
    listed = (Q(unit__function__in=functions) | Q(posts__unit__function__in=functions)) & Q(rank__in=DEPUTY_SECTION_AND_ABOVE)
    own = Q(unit__inspections__group=group)
    ids = Cadre.objects.filter(own | listed).values("pk")
    return Cadre.objects.filter(pk__in=ids).select_related("unit").order_by("unit__name", "name")


PETITIONER_FIELDS = ("petitioner_name", "petitioner_id_number", "petitioner_phone", "petitioner_address", "petitioner_workplace")


class PetitionForm(forms.Form):
    """One page, one save: the ledger row, the content, the petitioner (folded away), the receivers."""

    channel = forms.ChoiceField(label=_("Channel"), choices=Petition.Channel.choices, widget=forms.RadioSelect)
    received_on = forms.DateField(label=_("Received on"), widget=_date_widget())
    inspection = InspectionChoice(label=_("Unit concerned"), queryset=Inspection.objects.none(), required=False)
    complained_about = forms.CharField(label=_("Person complained about"), max_length=200, required=False,
                                       help_text=_("Name and post as the item gives them."))
    complained_cadre = CadreChoice(label=_("In the cadre pool"), queryset=Cadre.objects.none(), required=False,
                                   help_text=_("The people of the units this group inspects, and the county leaders and commission and organization-department cadres whose items are direct-delivery items."))
    summary = forms.CharField(label=_("Summary"), max_length=300, widget=forms.TextInput(attrs={"size": 80}))
    full_text = forms.CharField(label=_("Full text"), widget=_text(8), required=False)
    receivers = ReceiverChoice(label=_("Received by"), queryset=GroupMembership.objects.none(), widget=forms.CheckboxSelectMultiple,
                               help_text=_("A visit is received by at least two."))
    anonymous = forms.BooleanField(label=_("Anonymous"), required=False)
    petitioner_name = forms.CharField(label=_("Full name"), max_length=50, required=False)
    petitioner_id_number = forms.CharField(label=_("ID number"), max_length=18, required=False)
    petitioner_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    petitioner_address = forms.CharField(label=_("Address"), max_length=200, required=False)
    petitioner_workplace = forms.CharField(label=_("Workplace"), max_length=200, required=False)

    def __init__(self, *args, group, membership_id=None, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("received_on", timezone.localdate())
        if membership_id:
            kwargs["initial"].setdefault("receivers", [membership_id])
        super().__init__(*args, **kwargs)
        self.group = group
        inspections = Inspection.objects.filter(group=group).select_related("unit").order_by("unit__name")
        self.fields["inspection"].queryset = inspections
        if len(inspections) == 1 and not self.is_bound:
            self.initial.setdefault("inspection", inspections[0].pk)
        self.fields["receivers"].queryset = GroupMembership.objects.filter(group=group).in_role_order().select_related("cadre")
        self.fields["complained_cadre"].queryset = complained_cadre_choices(group)

    def petitioner_fields(self):
        return [self[name] for name in PETITIONER_FIELDS]

    def main_fields(self):
        return [self[name] for name in self.fields if name not in PETITIONER_FIELDS and name != "anonymous"]

    def data_for_service(self) -> PetitionData:
        d = self.cleaned_data
        petitioner = PetitionerData(**{name.removeprefix("petitioner_"): d.get(name, "") for name in PETITIONER_FIELDS})
        return PetitionData(
            received_on=d["received_on"], channel=d["channel"], summary=d["summary"], receivers=list(d["receivers"]),
            anonymous=d["anonymous"], inspection=d["inspection"], full_text=d["full_text"],
            complained_about=d["complained_about"], complained_cadre=d["complained_cadre"], petitioner=petitioner,
        )


class ImportantForm(forms.Form):
    proposal = forms.CharField(label=_("Proposed handling"), widget=_text(3))


class NotHandledForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why not handled"), choices=Petition.NotHandledReason.choices)


class LedgerFilterForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=[("", "—"), *Petition.Channel.choices], required=False)
    state = forms.ChoiceField(label=_("Handling"), choices=[("", "—"), *Petition.State.choices], required=False)
    start = forms.DateField(label=_("From"), widget=_date_widget(), required=False)
    end = forms.DateField(label=_("To"), widget=_date_widget(), required=False)
    inspection = InspectionChoice(label=_("Unit"), queryset=Inspection.objects.none(), required=False)
    q = forms.CharField(label=_("Search"), max_length=100, required=False,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Summary, text or person")}))

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = Inspection.objects.filter(group=group).select_related("unit").order_by("unit__name")

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class EmergencyPlanForm(forms.Form):
    text = forms.CharField(label=_("Plan"), widget=_text(16))


class IncidentForm(forms.Form):
    occurred_on = forms.DateField(label=_("Occurred on"), widget=_date_widget())
    what_happened = forms.CharField(label=_("What happened"), widget=_text(3))
    how_handled = forms.CharField(label=_("How it was handled"), widget=_text(3))
    reported_on = forms.DateField(label=_("Reported to the office on"), widget=_date_widget())
