from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groups.forms import MembershipChoice as MemberChoice
from groups.forms import date_widget as _date_widget
from groups.models import GroupMembership, Inspection

from .models import DocumentItem, default_period_from
from .services import ItemData


class InspectionChoice(forms.ModelChoiceField):
    def label_from_instance(self, inspection):
        return str(inspection.unit)


def _members(group):
    return GroupMembership.objects.filter(group=group).in_role_order().select_related("cadre")


class ItemForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("docrequests", "Document"), max_length=200, widget=forms.TextInput(attrs={"size": 60}))
    category = forms.ChoiceField(label=_("Category"), choices=DocumentItem.Category.choices)
    period_from = forms.DateField(label=_("Period from"), widget=_date_widget())
    period_to = forms.DateField(label=_("Period to"), widget=_date_widget())
    copies = forms.IntegerField(label=_("Copies"), min_value=1, max_value=999, initial=1)
    form = forms.ChoiceField(label=_("Original or copy"), choices=DocumentItem.Form.choices, initial=DocumentItem.Form.COPY)
    medium = forms.ChoiceField(label=_("Paper or electronic"), choices=DocumentItem.Medium.choices, initial=DocumentItem.Medium.PAPER)
    classification = forms.ChoiceField(
        label=_("Classification"), choices=DocumentItem.Classification.choices, initial=DocumentItem.Classification.NONE,
        help_text=_("A classified document's content is never uploaded: it is kept by its registration data only."),
    )
    document_number = forms.CharField(
        label=_("Document number"), max_length=100, required=False, help_text=_("Required for a classified item."),
    )
    important = forms.BooleanField(label=pgettext_lazy("docrequests", "Important"), required=False, help_text=_("Signed out only with the group leader's approval."))
    note = forms.CharField(label=_("Note"), max_length=300, required=False, widget=forms.TextInput(attrs={"size": 60}))
    requested_on = forms.DateField(label=pgettext_lazy("docrequests", "Requested on"), widget=_date_widget())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["period_from"].initial = default_period_from(today)
        self.fields["period_to"].initial = today
        self.fields["requested_on"].initial = today

    @classmethod
    def for_item(cls, item, data=None):
        initial = {name: getattr(item, name) for name in cls.base_fields}
        return cls(data, initial=initial)

    def data_for_service(self) -> ItemData:
        return ItemData(**self.cleaned_data)


class SignOutForm(forms.Form):
    signed_out_on = forms.DateField(label=_("Signed out on"), widget=_date_widget())
    handed_over_by = forms.CharField(label=_("Handed over by (at the unit)"), max_length=100)
    custodian = MemberChoice(label=_("Custodian"), queryset=GroupMembership.objects.none())
    cabinet = forms.CharField(
        label=_("Locked cabinet"), max_length=200, required=False, help_text=_("Required for a classified item: where it is locked away."),
    )
    due_back_on = forms.DateField(label=_("Due back on"), widget=_date_widget(), required=False)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["custodian"].queryset = _members(group)
        self.fields["signed_out_on"].initial = timezone.localdate()


class ReturnForm(forms.Form):
    returned_on = forms.DateField(label=_("Returned on"), widget=_date_widget())
    received_back_by = forms.CharField(label=_("Received back by (at the unit)"), max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["returned_on"].initial = timezone.localdate()


class NotProvidedForm(forms.Form):
    reason = forms.CharField(label=_("Why the unit does not provide it"), max_length=300, widget=forms.TextInput(attrs={"size": 60}))
    not_provided_on = forms.DateField(label=_("Recorded on"), widget=_date_widget())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["not_provided_on"].initial = timezone.localdate()


class RegisterFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=[("", "—"), *DocumentItem.State.choices], required=False)
    inspection = InspectionChoice(label=_("Unit"), queryset=Inspection.objects.none(), required=False)
    classified = forms.ChoiceField(
        label=_("Classified"), choices=[("", "—"), ("yes", _("Classified only")), ("no", _("Unclassified only"))], required=False,
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = Inspection.objects.filter(group=group).select_related("unit").order_by("unit__name")

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}
